"""E-mail leaves the request: every message is queued (django-post-office) and sent by
``manage.py send_queued_mail``. A mail server that is down costs no request any time and
loses no e-mail: the message is tried again, then kept as failed for the secretariat, shown
on the admin index and queued again from the admin."""

import socket

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from post_office.mail import send_queued
from post_office.models import STATUS, Email

from core.mail import send_templated_mail
from events.models import Event
from tests.factories import UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

EMAILS = reverse("admin:post_office_email_changelist")


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
def mail_server_hangs(settings):
    """A mail server that accepts the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", listener.getsockname()[1]
    settings.EMAIL_TIMEOUT = 1
    yield
    listener.close()


@pytest.fixture
def mail_server_up(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def secretary():
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


def failed(subject="Nyt arrangement til godkendelse: Koncert", status=STATUS.failed):
    email = Email.objects.create(
        from_email="noreply@localhost",
        to=["sekretariat@ishoj.example"],
        subject=subject,
        message="Se køen.",
        status=status,
    )
    email.logs.create(
        status=STATUS.failed,
        exception_type="ConnectionRefusedError",
        message="[Errno 111] Connection refused",
    )
    return email


def submit(client, title):
    person = UserFactory(username="booker")
    venue = VenueFactory(is_trusted=False)
    venue.staff.add(person)
    client.force_login(person)
    data = event_data(venue, dates=[soon(10)], title=title, submit="1")
    return client.post(reverse("staff:create"), data)


def test_a_submission_queues_its_mail_and_never_waits_for_a_hanging_mail_server(
    client, mail_server_hangs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, "Korkoncert i hallen")
    assert response.status_code == 302
    event = Event.objects.get(title="Korkoncert i hallen")
    assert event.status == Event.Status.SUBMITTED
    email = Email.objects.get()
    assert email.status == STATUS.queued  # the request never spoke to the mail server
    assert "Korkoncert i hallen" in email.subject
    assert email.to == ["sekretariat@ishoj.example"]
    assert "Korkoncert i hallen" in email.message


def test_the_worker_retries_a_refused_mail_and_then_keeps_it_as_failed(
    client, mail_server_down, django_capture_on_commit_callbacks, settings
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 1}
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, "Korkoncert i hallen")
    send_queued()
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.scheduled_time is not None  # not before RETRY_INTERVAL
    Email.objects.update(scheduled_time=None)
    send_queued()
    email.refresh_from_db()
    assert email.status == STATUS.failed
    errors = [log.message.lower() for log in email.logs.filter(status=STATUS.failed)]
    assert len(errors) == 2
    assert all("refused" in error for error in errors)


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the command closes the database connection
def test_send_queued_mail_delivers_the_queue(mail_server_up, tmp_path):
    send_templated_mail(
        "Ændringer til godkendelse: Foredrag",
        "events/emails/review_needed.txt",
        {"event": None, "revision": True, "queue_url": "/"},
        ["sekretariat@ishoj.example"],
    )
    call_command("send_queued_mail", lockfile=str(tmp_path / "mail"))
    assert [m.subject for m in mail.outbox] == ["Ændringer til godkendelse: Foredrag"]
    assert Email.objects.get().status == STATUS.sent


def test_the_worker_sends_the_queue_in_the_order_it_was_queued(mail_server_up):
    """A submission's notice and then its rejection, read in one worker run, arrive in that
    order: the venue never gets «rejected» before the secretariat was told."""
    subjects = [f"Besked {n}" for n in range(12)]
    for subject in subjects:
        send_templated_mail(
            subject,
            "events/emails/review_needed.txt",
            {"event": None, "revision": True, "queue_url": "/"},
            ["sekretariat@ishoj.example"],
        )
    send_queued(log_level=0)
    assert [m.subject for m in mail.outbox] == subjects


def test_the_admin_index_tells_the_secretariat_and_links_to_the_unsent_mail(client, secretary):
    failed()
    failed(status=STATUS.requeued)
    failed(status=STATUS.sent)
    client.force_login(secretary)
    html = client.get(reverse("admin:index")).content.decode()
    assert "2 e-mails kunne ikke sendes" in html
    assert f'href="{EMAILS}?status__in=1,3"' in html
    listing = client.get(f"{EMAILS}?status__in=1,3")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2
    assert "Nyt arrangement til godkendelse: Koncert" in listing.content.decode()
    one = Email.objects.filter(status=STATUS.failed).get()
    page = client.get(reverse("admin:post_office_email_change", args=[one.pk])).content.decode()
    assert "Se køen." in page
    assert "Connection refused" in page  # the delivery attempt's error


def test_the_admin_index_costs_the_same_with_one_or_many_unsent(client, secretary):
    client.force_login(secretary)
    client.get(reverse("admin:index"))  # the session's first request
    failed()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("admin:index"))
    for _ in range(20):
        failed()
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("admin:index")).content.decode()
    assert "21 e-mails kunne ikke sendes" in html
    assert len(many) == len(one)


def test_venue_staff_never_see_the_mail(client):
    person = UserFactory(username="booker")
    client.force_login(person)
    failed()
    response = client.get(EMAILS)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_secretariat_queues_failed_mail_again_and_the_worker_sends_it(
    client, secretary, mail_server_up
):
    first, second = failed(), failed(subject="Ændringer til godkendelse: Foredrag")
    already_sent = failed(subject="Sendt", status=STATUS.sent)
    client.force_login(secretary)
    response = client.post(
        EMAILS,
        {"action": "queue_again", "_selected_action": [first.pk, second.pk, already_sent.pk]},
        follow=True,
    )
    assert "2 e-mails sat i kø igen" in response.content.decode()
    assert mail.outbox == []  # the admin request itself sends nothing
    send_queued()
    assert sorted(m.subject for m in mail.outbox) == sorted([first.subject, second.subject])
    assert mail.outbox[0].to == ["sekretariat@ishoj.example"]
    first.refresh_from_db()
    assert first.status == STATUS.sent


def test_the_secretariat_cannot_change_a_message_or_send_it_by_a_link(client, secretary):
    email = failed()
    client.force_login(secretary)
    change = reverse("admin:post_office_email_change", args=[email.pk])
    client.post(change, {"to": "sekretaer@evil.example", "subject": "x", "status": 2})
    email.refresh_from_db()
    assert email.to == ["sekretariat@ishoj.example"]
    assert email.status == STATUS.failed
    # django-post-office's own admin resent on a plain GET (a link anyone could plant).
    response = client.get(f"{EMAILS}{email.pk}/resend/")
    assert response.status_code in (302, 404)
    email.refresh_from_db()
    assert email.status == STATUS.failed


def test_a_password_link_in_the_queue_is_shown_to_superusers_only(
    client, secretary, mail_server_up
):
    UserFactory(username="chefen", email="chef@ishoj.example", is_staff=True, is_superuser=True)
    client.post("/konto/password_reset/", {"email": "chef@ishoj.example"})
    email = Email.objects.get()
    assert "/konto/reset/" in email.message
    change = reverse("admin:post_office_email_change", args=[email.pk])
    client.force_login(secretary)
    page = client.get(change).content.decode()
    assert "/konto/reset/" not in page
    assert "personligt link" in page
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert "/konto/reset/" in client.get(change).content.decode()


def test_a_title_is_never_read_as_template_code(client, mailoutbox):
    send_templated_mail(
        "Nyt arrangement: {{ 7|add:1 }} {% now 'Y' %}",
        "events/emails/review_needed.txt",
        {"event": None, "revision": False, "queue_url": "/"},
        ["sekretariat@ishoj.example"],
    )
    assert [m.subject for m in mailoutbox] == ["Nyt arrangement: {{ 7|add:1 }} {% now 'Y' %}"]
