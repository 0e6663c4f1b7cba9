"""The secretariat's review, bound to what the reviewer read: the review screen of a
submission and of a pending change, the list actions, the admin form's status field, and the
history and e-mail every decision leaves."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events.models import Event, EventRevision, ModerationEntry
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, shown, soon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish_review_site")]

CHANGED = "Indholdet er ændret, siden du åbnede det"


@pytest.fixture
def venue():
    return VenueFactory(name="Musikhuset", is_trusted=False, email="")


@pytest.fixture
def booker(venue):
    user = UserFactory(username="booker", email="booker@example.org")
    venue.staff.add(user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def reviewer():
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def review_url(obj):
    name = "event" if isinstance(obj, Event) else "eventrevision"
    return reverse(f"admin:events_{name}_review", args=[obj.pk])


def shown_version(html):
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def published_with_dates(venue):
    event = EventFactory(venue=venue, status="published", title="Harmløs titel")
    OccurrenceFactory(event=event)
    return event


def propose(booker, event, **changes):
    data = event_data(event.venue, existing=list(event.occurrences.all()), save="1")
    data.update(changes)
    response = booker.post(reverse("staff:edit", args=[event.pk]), data)
    assert response.status_code == 302
    return EventRevision.objects.get(event=event, status=EventRevision.Status.PENDING)


# --- The swap is refused -------------------------------------------------------------------


def test_a_pending_change_saved_again_after_the_reviewer_opened_it_is_not_published(
    venue, booker, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    event = published_with_dates(venue)
    revision = propose(booker, event, title="Harmløs ny titel")
    page = reviewer.get(review_url(revision)).content.decode()
    assert "Harmløs ny titel" in page
    seen = shown_version(page)

    # The venue account saves the same pending change again, with other text.
    assert propose(booker, event, title="Noget helt andet").pk == revision.pk

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            review_url(revision),
            {"version": seen, "event_version": event.version, "decision": "approve"},
        )
    assert response.status_code == 409
    html = response.content.decode()
    assert CHANGED in html
    assert "Noget helt andet" in html  # the new diff
    event.refresh_from_db()
    revision.refresh_from_db()
    assert event.title == "Harmløs titel"
    assert revision.status == EventRevision.Status.PENDING
    assert Client().get(event.get_absolute_url()).content.decode().count("Noget helt andet") == 0
    assert not any("offentliggjort" in m.subject for m in mailoutbox)

    # Read again, it can be approved.
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            review_url(revision),
            {
                "version": shown_version(html),
                "event_version": re.search(r'name="event_version" value="(\d+)"', html).group(1),
                "decision": "approve",
            },
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Noget helt andet"


def test_a_submission_sent_again_after_the_reviewer_opened_it_is_not_published(
    venue, booker, reviewer
):
    data = event_data(venue, dates=[soon(5)], title="Harmløs koncert", submit="1")
    assert booker.post(reverse("staff:create"), data).status_code == 302
    event = Event.objects.get()
    page = reviewer.get(review_url(event)).content.decode()
    assert "Harmløs koncert" in page
    seen = shown_version(page)

    resent = event_data(
        venue, existing=list(event.occurrences.all()), title="Ondsindet tekst", submit="1"
    )
    assert booker.post(reverse("staff:edit", args=[event.pk]), resent).status_code == 302

    response = reviewer.post(review_url(event), {"version": seen, "decision": "approve"})
    assert response.status_code == 409
    html = response.content.decode()
    assert CHANGED in html
    # What changed since the reviewer read it, side by side.
    changed = html[html.index('id="changed"') :]
    assert "Harmløs koncert" in changed and "Ondsindet tekst" in changed
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED
    assert Client().get(event.get_absolute_url()).status_code == 404


def test_a_change_whose_event_was_edited_since_the_reviewer_opened_it_is_not_applied(
    venue, booker, reviewer
):
    event = published_with_dates(venue)
    revision = propose(booker, event, price_text="200 kr.")
    html = reviewer.get(review_url(revision)).content.decode()
    shown_event = re.search(r'name="event_version" value="(\d+)"', html).group(1)
    event.refresh_from_db()
    event.price_text = "150 kr."  # edited in the admin meanwhile: the diff read is stale
    event.save()
    response = reviewer.post(
        review_url(revision),
        {"version": shown_version(html), "event_version": shown_event, "decision": "approve"},
    )
    assert response.status_code == 409
    assert "150 kr." in response.content.decode()  # the diff drawn against the event now
    revision.refresh_from_db()
    assert revision.status == EventRevision.Status.PENDING


def test_the_list_action_refuses_rows_changed_since_the_list_was_shown(venue, booker, reviewer):
    event = published_with_dates(venue)
    revision = propose(booker, event, title="Første forslag")
    versions = shown(revision)
    propose(booker, event, title="Andet forslag")
    response = reviewer.post(
        reverse("admin:events_eventrevision_changelist"),
        {"action": "approve", "_selected_action": [revision.pk], **versions},
        follow=True,
    )
    assert "ændret, siden du åbnede listen" in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Harmløs titel"

    submission = EventFactory(venue=venue, status="submitted", title="Før")
    versions = shown(submission)
    submission.title = "Efter"
    submission.save()
    reviewer.post(
        reverse("admin:events_event_changelist"),
        {"action": "approve", "_selected_action": [submission.pk], **versions},
    )
    submission.refresh_from_db()
    assert submission.status == Event.Status.SUBMITTED


def test_a_list_action_without_the_versions_shown_publishes_nothing(reviewer, venue):
    event = EventFactory(venue=venue, status="submitted")
    reviewer.post(
        reverse("admin:events_event_changelist"),
        {"action": "approve", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED


def test_the_queue_carries_each_rows_version(reviewer, venue):
    event = EventFactory(venue=venue, status="submitted")
    event.save()
    html = reviewer.get(reverse("admin:events_event_changelist")).content.decode()
    assert f'name="version-{event.pk}" value="2"' in html
    assert f'href="{review_url(event)}"' in html


# --- The review screen ----------------------------------------------------------------------


def test_the_review_screen_shows_the_event_as_citizens_will_see_it(venue, reviewer, settings):
    event = EventFactory(
        venue=venue,
        status="submitted",
        title="Korkoncert",
        teaser="Kor og orgel.",
        description="Første afsnit.\n\nAndet afsnit.",
        price_text="120 kr.",
        image="events/2030/01/kor.jpg",
        image_alt="Koret synger",
    )
    occurrence = OccurrenceFactory(event=event)
    OccurrenceFactory(event=event, status="cancelled", start=occurrence.start + timedelta(days=7))
    html = reviewer.get(review_url(event)).content.decode()
    assert html.count("<time datetime=") == 2
    assert '<span class="status status--cancelled">Aflyst</span>' in html
    assert html.count("<h1") == 1
    assert "<h2" in html and "Korkoncert" in html
    assert '<img class="citizen-preview__image" src="' in html
    assert 'alt="Koret synger"' in html
    assert "120 kr." in html and "Musikhuset" in html
    assert "<p>Første afsnit.</p>" in html
    assert occurrence.start.astimezone().isoformat()[:10] in html
    assert 'name="decision" value="approve"' in html
    assert 'name="decision" value="reject"' in html
    assert '<label for="id_reason">' in html


def test_the_review_screen_of_a_change_shows_every_changed_field_dates_included(
    venue, booker, reviewer
):
    event = published_with_dates(venue)
    new_date = soon(30)
    data = {"title": "Ny titel", "price_text": "200 kr."}
    revision = propose(
        booker,
        event,
        **data,
        **{
            "dates-TOTAL_FORMS": "2",
            "dates-1-id": "",
            "dates-1-start": new_date[0].astimezone().strftime("%Y-%m-%dT%H:%M"),
            "dates-1-end": "",
            "dates-1-open_end": "on",
        },
    )
    html = reviewer.get(review_url(revision)).content.decode()
    table = html[html.index('class="diff"') :]
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert {"Titel", "Pris", "Datoer"} <= set(rows)
    assert rows[-1] == "Datoer"
    assert "Harmløs titel" in table and "Ny titel" in table


def test_approve_and_reject_lead_to_the_next_in_the_queue(reviewer, venue):
    first, second = (EventFactory(venue=venue, status="submitted") for _ in range(2))
    for event in (first, second):
        event.submitted_at = event.created_at
        event.save()
    response = reviewer.post(review_url(first), {"version": first.version, "decision": "approve"})
    assert response["Location"] == review_url(second)
    response = reviewer.post(
        review_url(second), {"version": second.version, "decision": "reject", "reason": ""}
    )
    assert response.status_code == 400  # a rejection needs its reason
    assert "Skriv begrundelsen" in response.content.decode()
    response = reviewer.post(
        review_url(second),
        {"version": second.version, "decision": "reject", "reason": "Mangler pris."},
    )
    assert response["Location"].endswith("?status__exact=submitted")
    second.refresh_from_db()
    assert (second.status, second.rejection_reason) == ("rejected", "Mangler pris.")


def test_venue_staff_cannot_open_the_review_screen(booker, venue):
    event = EventFactory(venue=venue, status="submitted")
    response = booker.post(review_url(event), {"version": event.version, "decision": "approve"})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED


@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999"])
def test_a_bad_version_is_a_clear_4xx(reviewer, venue, version):
    event = EventFactory(venue=venue, status="submitted")
    response = reviewer.post(review_url(event), {"version": version, "decision": "approve"})
    assert response.status_code in {400, 409}
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED


# --- Every status change: e-mail, stamps, history -----------------------------------------


def actions_of(event):
    return list(
        ModerationEntry.objects.filter(event=event)
        .order_by("at", "pk")
        .values_list("action", "user__username", "version", "reason")
    )


def test_submit_approve_leave_history_and_mail(
    venue, booker, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booker.post(reverse("staff:create"), event_data(venue, dates=[soon()], submit="1"))
    event = Event.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(review_url(event), {"version": event.version, "decision": "approve"})
    event.refresh_from_db()
    assert event.reviewed_by == reviewer.user and event.reviewed_at is not None
    assert actions_of(event) == [
        ("submitted", "booker", 1, ""),
        ("approved", "sekretaer", 1, ""),
    ]
    assert mailoutbox[-1].to == ["booker@example.org"]
    html = reviewer.get(review_url(event)).content.decode()
    assert "Sendt til godkendelse" in html and "Godkendt og offentliggjort" in html


def test_the_admin_forms_status_field_goes_through_moderation(
    venue, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    submitter = UserFactory(email="anna@example.org")
    event = EventFactory(venue=venue, status="submitted", submitted_by=submitter)
    OccurrenceFactory(event=event)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = reviewer.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "all")}
    data.update(
        {
            "focus_areas": [f.pk for f in event.focus_areas.all()],
            "venue": venue.pk,
            "status": "published",
            "reviewed_by": "",
            "image": "",
            "occurrences-TOTAL_FORMS": "0",
            "occurrences-INITIAL_FORMS": "0",
            "occurrences-MIN_NUM_FORMS": "0",
            "occurrences-MAX_NUM_FORMS": "1000",
        }
    )
    data = {k: v for k, v in data.items() if k not in {"slug", "created_at", "updated_at"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.reviewed_by == reviewer.user
    assert mailoutbox[-1].to == ["anna@example.org"]
    assert [a for a, *_ in actions_of(event)] == ["approved"]


def test_unpublish_action_mails_the_venue_and_records_it(
    venue, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    submitter = UserFactory(email="anna@example.org")
    event = EventFactory(venue=venue, status="published", submitted_by=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(
            reverse("admin:events_event_changelist"),
            {"action": "unpublish", "_selected_action": [event.pk]},
        )
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert event.reviewed_by == reviewer.user
    assert mailoutbox[-1].to == ["anna@example.org"]
    assert "ikke længere offentligt" in mailoutbox[-1].subject
    assert [a for a, *_ in actions_of(event)] == ["unpublished"]
