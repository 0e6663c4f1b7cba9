"""The secretariat's review in the admin: approve and reject submissions and pending changes,
with e-mails to the submitter after the transaction commits."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from post_office.models import STATUS, Email

from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, shown, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture
def submitter():
    return UserFactory(username="booker", email="booker@example.org")


@pytest.fixture
def secretary(client):
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    client.force_login(user)
    return user


def action(client, model, name, pks, **extra):
    """An action on the list's rows ``pks``, with the versions the list shows."""
    rows = (Event if model == "event" else EventRevision).objects.filter(pk__in=pks)
    return client.post(
        reverse(f"admin:events_{model}_changelist"),
        {"action": name, "_selected_action": [str(pk) for pk in pks], **shown(*rows), **extra},
    )


def test_review_queue_lists_awaiting_events_first(client, secretary, submitter):
    EventFactory(title="A offentlig", status="published")
    waiting = EventFactory(title="Å venter", status="submitted", submitted_by=submitter)
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.context["cl"].result_list[0] == waiting


def test_approve_publishes_and_mails_the_submitter(
    client, secretary, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(status="submitted", submitted_by=submitter, title="Korkoncert")
    with django_capture_on_commit_callbacks(execute=True):
        response = action(client, "event", "approve", [event.pk])
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.reviewed_by == secretary
    assert event.reviewed_at is not None
    assert [m.to for m in mailoutbox] == [["booker@example.org"]]
    assert "offentliggjort" in mailoutbox[0].subject
    assert event.get_absolute_url() in mailoutbox[0].body


def test_reject_asks_for_a_reason_then_mails_it(
    client, secretary, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    events = [EventFactory(status="submitted", submitted_by=submitter) for _ in range(2)]
    pks = [e.pk for e in events]
    page = action(client, "event", "reject", pks)
    assert page.status_code == 200
    assert "Begrundelse" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = action(client, "event", "reject", pks, reason="Mangler pris.")
    assert response.status_code == 302
    for event in events:
        event.refresh_from_db()
        assert event.status == Event.Status.REJECTED
        assert event.rejection_reason == "Mangler pris."
    assert len(mailoutbox) == 2
    assert "Mangler pris." in mailoutbox[0].body


def test_mail_server_down_never_loses_the_approval(
    client, secretary, submitter, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    event = EventFactory(status="submitted", submitted_by=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        assert action(client, "event", "approve", [event.pk]).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    # The request never spoke to the mail server: the e-mail waits in the queue.
    queued = Email.objects.get()
    assert queued.status == STATUS.queued
    assert queued.to == ["booker@example.org"]


def test_pending_revision_shows_a_diff_and_approval_applies_it(
    client, secretary, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory()
    venue.staff.add(submitter)
    event = EventFactory(venue=venue, status="published", title="Gammel titel")
    kept = OccurrenceFactory(event=event)
    dropped = OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=3))
    client.force_login(submitter)
    data = event_data(venue, existing=[kept, dropped], dates=[soon(40)], save="1")
    data.update(title="Ny titel", **{"dates-1-DELETE": "on"})
    client.post(reverse("staff:edit", args=[event.pk]), data)
    revision = EventRevision.objects.get()

    client.force_login(secretary)
    page = client.get(reverse("admin:events_eventrevision_change", args=[revision.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Gammel titel" in html and "Ny titel" in html
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "eventrevision", "approve", [revision.pk])
    event.refresh_from_db()
    revision.refresh_from_db()
    assert event.title == "Ny titel"
    assert event.status == Event.Status.PUBLISHED
    assert event.occurrences.count() == 2
    assert not event.occurrences.filter(pk=dropped.pk).exists()
    assert revision.status == EventRevision.Status.APPROVED
    assert mailoutbox[-1].to == ["booker@example.org"]


def test_rejected_revision_leaves_the_event_as_it_was(client, secretary, submitter):
    event = EventFactory(status="published", title="Uændret")
    revision = EventRevision.objects.create(
        event=event,
        submitted_by=submitter,
        data={"fields": {"title": "Ændret"}, "m2m": {}, "dates": []},
    )
    action(client, "eventrevision", "reject", [revision.pk], reason="Nej tak.")
    revision.refresh_from_db()
    event.refresh_from_db()
    assert revision.status == EventRevision.Status.REJECTED
    assert revision.rejection_reason == "Nej tak."
    assert event.title == "Uændret"


def test_venue_staff_cannot_approve(client, submitter):
    event = EventFactory(status="submitted")
    client.force_login(submitter)
    response = action(client, "event", "approve", [event.pk])
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED
