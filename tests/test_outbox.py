"""A mail server that is down loses no e-mail: the message is kept for the secretariat, shown
on the admin index, sent again from the admin or by ``manage.py retry_mail``."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import MAX_ATTEMPTS
from core.models import OutgoingEmail
from events.models import Event
from tests.factories import UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

UNSENT = reverse("admin:core_outgoingemail_changelist")


@pytest.fixture(autouse=True)
def _danish(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECRETARIAT_EMAIL = "sekretariat@ishoj.example"
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def mail_server_up(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def secretary():
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


def unsent(subject="Nyt arrangement til godkendelse: Koncert", **fields):
    return OutgoingEmail.objects.create(
        subject=subject,
        body="Se køen.",
        recipients="sekretariat@ishoj.example",
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        **fields,
    )


def test_a_submission_is_saved_and_its_mail_kept_when_the_mail_server_is_down(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    person = UserFactory(username="booker")
    venue = VenueFactory(is_trusted=False)
    venue.staff.add(person)
    client.force_login(person)
    data = event_data(venue, dates=[soon(10)], title="Korkoncert i hallen", submit="1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:create"), data)
    assert response.status_code == 302
    event = Event.objects.get(title="Korkoncert i hallen")
    assert event.status == Event.Status.SUBMITTED
    assert event.occurrences.count() == 1
    message = OutgoingEmail.objects.get()
    assert message.status == OutgoingEmail.Status.FAILED
    assert "Korkoncert i hallen" in message.subject
    assert message.recipient_list == ["sekretariat@ishoj.example"]
    assert "Korkoncert i hallen" in message.body
    assert "refused" in message.last_error.lower()


def test_the_admin_index_tells_the_secretariat_and_links_to_the_unsent_mail(client, secretary):
    unsent()
    unsent()
    unsent(status=OutgoingEmail.Status.SENT, sent_at=timezone.now())
    client.force_login(secretary)
    html = client.get(reverse("admin:index")).content.decode()
    assert "2 e-mails kunne ikke sendes" in html
    assert f'href="{UNSENT}?status__exact=failed"' in html
    listing = client.get(f"{UNSENT}?status__exact=failed")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2
    assert "Nyt arrangement til godkendelse: Koncert" in listing.content.decode()


def test_the_admin_index_costs_the_same_with_one_or_many_unsent(client, secretary):
    client.force_login(secretary)
    client.get(reverse("admin:index"))  # the session's first request
    unsent()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("admin:index"))
    for _ in range(20):
        unsent()
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("admin:index")).content.decode()
    assert "21 e-mails kunne ikke sendes" in html
    assert len(many) == len(one)


def test_venue_staff_never_see_the_unsent_mail(client):
    person = UserFactory(username="booker")
    client.force_login(person)
    unsent()
    response = client.get(UNSENT)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_secretariat_sends_them_again_from_the_admin(client, secretary, mail_server_up):
    first, second = unsent(), unsent(subject="Ændringer til godkendelse: Foredrag")
    client.force_login(secretary)
    response = client.post(
        UNSENT,
        {"action": "send_again", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 e-mails sendt." in response.content.decode()
    assert sorted(m.subject for m in mail.outbox) == sorted([first.subject, second.subject])
    assert mail.outbox[0].to == ["sekretariat@ishoj.example"]
    first.refresh_from_db()
    assert first.status == OutgoingEmail.Status.SENT
    assert first.sent_at is not None
    assert first.attempts == 2


def test_sending_again_while_the_server_is_still_down_says_so(client, secretary, mail_server_down):
    message = unsent()
    client.force_login(secretary)
    response = client.post(
        UNSENT, {"action": "send_again", "_selected_action": [message.pk]}, follow=True
    )
    assert "1 e-mail kunne stadig ikke sendes" in response.content.decode()
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.attempts == 2


def test_retry_mail_sends_the_waiting_ones_and_forgets_old_sent_ones(mail_server_up, mailoutbox):
    waiting = unsent()
    given_up = unsent(attempts=MAX_ATTEMPTS)
    old = unsent(status=OutgoingEmail.Status.SENT, sent_at=timezone.now() - timedelta(days=31))
    recent = unsent(status=OutgoingEmail.Status.SENT, sent_at=timezone.now() - timedelta(days=2))
    call_command("retry_mail")
    assert [m.subject for m in mailoutbox] == [waiting.subject]
    waiting.refresh_from_db()
    assert waiting.status == OutgoingEmail.Status.SENT
    given_up.refresh_from_db()
    assert given_up.status == OutgoingEmail.Status.FAILED  # left for the secretariat
    assert not OutgoingEmail.objects.filter(pk=old.pk).exists()
    assert OutgoingEmail.objects.filter(pk=recent.pk).exists()


def test_retry_mail_fails_loudly_while_the_server_stays_down(mail_server_down):
    message = unsent()
    with pytest.raises(CommandError, match="1 e-mails could not be sent"):
        call_command("retry_mail")
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.attempts == 2
    assert "refused" in message.last_error.lower()
