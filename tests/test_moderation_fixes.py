"""The review path's loose ends: a stale change form, a move to an untrusted venue, drafts
the venue never sent, «awaiting review» from the form, all-day dates as citizens read them,
the race loser, and the queue's order and messages."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import review_diff
from events.models import Event, EventRevision, ModerationEntry
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish_review_site")]

CHANGED = "Indholdet er ændret, siden du åbnede det"


@pytest.fixture
def venue():
    return VenueFactory(name="Musikhuset", is_trusted=False, email="")


def client_for(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def booker(venue):
    user = UserFactory(username="booker", email="booker@example.org")
    venue.staff.add(user)
    return client_for(user)


def make_reviewer(username="sekretaer", first_name=""):
    user = UserFactory(username=username, first_name=first_name, last_name="", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return client_for(user)


@pytest.fixture
def reviewer():
    return make_reviewer()


def review_url(obj):
    name = "event" if isinstance(obj, Event) else "eventrevision"
    return reverse(f"admin:events_{name}_review", args=[obj.pk])


def change_form_data(client, event, **changes):
    """The admin change form as the reviewer has it open, ready to post."""
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "all")}
    data.update(
        {
            "focus_areas": [f.pk for f in event.focus_areas.all()],
            "venue": event.venue_id,
            "reviewed_by": "",
            "image": "",
            "occurrences-TOTAL_FORMS": "0",
            "occurrences-INITIAL_FORMS": "0",
            "occurrences-MIN_NUM_FORMS": "0",
            "occurrences-MAX_NUM_FORMS": "1000",
        }
    )
    data.update(changes)
    return url, {k: v for k, v in data.items() if k not in {"slug", "created_at", "updated_at"}}


def actions_of(event):
    return list(
        ModerationEntry.objects.filter(event=event)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


# --- 1. The change form is bound to the version it showed ---------------------------------


def test_the_change_form_refuses_to_overwrite_a_later_resubmission(
    venue, booker, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(venue=venue, status="submitted", title="Første udgave")
    OccurrenceFactory(event=event)
    url, data = change_form_data(reviewer, event, status="published")
    assert data["seen_version"] == event.version

    resubmit = event_data(
        venue, existing=list(event.occurrences.all()), title="Stedets nye tekst", submit="1"
    )
    assert booker.post(reverse("staff:edit", args=[event.pk]), resubmit).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(url, data)
    assert response.status_code == 200
    assert CHANGED in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Stedets nye tekst"
    assert event.status == Event.Status.SUBMITTED
    assert "approved" not in actions_of(event)
    assert not any("offentliggjort" in m.subject for m in mailoutbox)


def test_the_change_form_without_its_version_saves_nothing(venue, reviewer):
    event = EventFactory(venue=venue, status="submitted", title="Første udgave")
    url, data = change_form_data(reviewer, event, title="Ny", status="published")
    del data["seen_version"]
    assert reviewer.post(url, data).status_code == 200
    event.refresh_from_db()
    assert (event.title, event.status) == ("Første udgave", Event.Status.SUBMITTED)


def test_the_change_form_holds_the_row_from_its_version_check_to_its_save(venue, reviewer):
    """A venue's save between the check and the save waits (it locks the same row), so the
    check cannot pass on a version that is overwritten a moment later."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks (SELECT … FOR UPDATE is dropped)")
    event = EventFactory(venue=venue, status="submitted", title="Første udgave")
    OccurrenceFactory(event=event)
    url, data = change_form_data(reviewer, event, status="published")
    with CaptureQueriesContext(connection) as queries:
        assert reviewer.post(url, data).status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    check = next(i for i, q in enumerate(sql) if '"version"' in q and "FOR UPDATE" in q)
    save = next(i for i, q in enumerate(sql) if q.startswith('UPDATE "events_event"'))
    assert check < save
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


# --- 2. An untrusted venue chosen in the form needs review ---------------------------------


def test_moving_a_published_event_to_an_untrusted_venue_waits_for_review():
    trusted = VenueFactory(is_trusted=True, name="Betroet")
    untrusted = VenueFactory(is_trusted=False, name="Ny scene")
    user = UserFactory()
    trusted.staff.add(user)
    untrusted.staff.add(user)
    client = client_for(user)
    event = EventFactory(venue=trusted, status="published", title="Offentlig")
    OccurrenceFactory(event=event)
    data = event_data(
        trusted, existing=list(event.occurrences.all()), title="Skjult ændring", save="1"
    )
    data["venue"] = str(untrusted.pk)
    assert client.post(reverse("staff:edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.title) == (trusted, "Offentlig")
    revision = EventRevision.objects.get(event=event, status=EventRevision.Status.PENDING)
    assert revision.data["fields"]["venue"] == untrusted.pk


def test_a_new_event_at_the_untrusted_venue_is_submitted_not_published():
    trusted = VenueFactory(is_trusted=True)
    untrusted = VenueFactory(is_trusted=False)
    user = UserFactory()
    trusted.staff.add(user)
    untrusted.staff.add(user)
    client = client_for(user)
    data = event_data(untrusted, dates=[soon()], title="Ny ting", submit="1")
    assert client.post(reverse("staff:create"), data).status_code == 302
    assert Event.objects.get(title="Ny ting").status == Event.Status.SUBMITTED


# --- 3. Only submissions are approved or rejected ------------------------------------------


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_the_list_actions_leave_drafts_alone(venue, reviewer, mailoutbox, action):
    draft = EventFactory(venue=venue, status="draft")
    data = {
        "action": action,
        "_selected_action": [draft.pk],
        f"version-{draft.pk}": draft.version,
        "reason": "Nej",
    }
    response = reviewer.post(reverse("admin:events_event_changelist"), data, follow=True)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
    texts = [str(m) for m in response.context["messages"]]
    assert any("ikke besluttet" in t for t in texts), texts
    assert not any(t.startswith("0 ") for t in texts), texts
    assert actions_of(draft) == [] and mailoutbox == []


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_the_review_screen_refuses_a_draft(venue, reviewer, decision):
    draft = EventFactory(venue=venue, status="draft")
    response = reviewer.post(
        review_url(draft), {"version": draft.version, "decision": decision, "reason": "Nej"}
    )
    assert response.status_code == 409
    assert "Kun et arrangement, der venter på godkendelse" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT and actions_of(draft) == []


# --- 4. «Awaiting review» from the change form is a submission -----------------------------


def test_status_awaiting_review_on_the_form_submits_it(
    venue, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(venue=venue, status="draft", submitted_at=None)
    url, data = change_form_data(reviewer, event, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED and event.submitted_at is not None
    assert actions_of(event) == ["submitted"]
    assert [m.to for m in mailoutbox] == [["sekretariat@localhost"]]


def test_the_queue_puts_an_event_without_submitted_at_by_its_creation(venue, reviewer):
    older = EventFactory(venue=venue, status="submitted", title="Ældst", submitted_at=None)
    Event.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    EventFactory(
        venue=venue,
        status="submitted",
        title="Nyere",
        submitted_at=timezone.now() - timedelta(days=1),
    )
    html = reviewer.get(reverse("admin:events_event_changelist")).content.decode()
    assert html.index("Ældst") < html.index("Nyere")


# --- 5. Dates as citizens read them ---------------------------------------------------------


def all_day_event(venue):
    event = EventFactory(venue=venue, status="submitted", title="Festuge")
    tz = timezone.get_current_timezone()
    OccurrenceFactory(
        event=event,
        start=datetime(2027, 3, 1, tzinfo=tz),
        end=datetime(2027, 3, 6, tzinfo=tz),  # the day after, as stored
        all_day=True,
    )
    return event


def test_the_review_screen_shows_an_all_day_date_as_the_public_pages_do(venue, reviewer):
    event = all_day_event(venue)
    html = reviewer.get(review_url(event)).content.decode()
    assert "mandag 1. – fredag 5. marts 2027, hele dagen" in html
    assert "kl. 00.00" not in html


def test_the_diff_shows_an_all_day_date_as_the_public_pages_do(venue):
    event = all_day_event(venue)
    old = review_diff.snapshot(event)
    new = {"dates": [{**old["dates"][0], "start": "2027-03-02T00:00:00+01:00"}]}
    (row,) = review_diff.diff(old, new)
    assert "mandag 1. – fredag 5. marts 2027, hele dagen" in row["old"]
    assert "kl. 00.00" not in row["old"] + row["new"]


def test_the_staff_preview_shows_an_all_day_date_as_the_public_pages_do(venue, booker):
    data = event_data(venue, preview="1")
    data.update(
        {
            "dates-TOTAL_FORMS": "1",
            "dates-0-id": "",
            "dates-0-start": "2027-03-01T00:00",
            "dates-0-end": "2027-03-05T00:00",
            "dates-0-all_day": "on",
            "dates-0-open_end": "",
        }
    )
    html = booker.post(reverse("staff:create"), data).content.decode()
    assert "mandag 1. – fredag 5. marts 2027, hele dagen" in html
    assert "kl. 00.00" not in html


# --- 7, 8. The race loser and what changed in a pending change ------------------------------


def test_the_race_loser_is_told_who_decided(venue):
    event = EventFactory(venue=venue, status="submitted")
    OccurrenceFactory(event=event)
    anna, bo = make_reviewer("anna", "Anna"), make_reviewer("bo", "Bo")
    following = EventFactory(venue=venue, status="submitted", title="Den næste")
    seen = event.version
    assert (
        anna.post(
            review_url(event), {"version": seen, "decision": "reject", "reason": "Mangler pris"}
        ).status_code
        == 302
    )
    response = bo.post(review_url(event), {"version": seen, "decision": "approve"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "En anden har allerede besluttet dette: Afvist af Anna" in html
    assert "Ingen forskelle" not in html
    assert review_url(following) in html
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED


def test_the_409_of_a_pending_change_shows_what_changed_since(venue, booker, reviewer):
    event = EventFactory(venue=venue, status="published", title="Gammel titel")
    OccurrenceFactory(event=event)
    data = event_data(venue, existing=list(event.occurrences.all()), save="1")
    booker.post(reverse("staff:edit", args=[event.pk]), {**data, "title": "Første forslag"})
    revision = EventRevision.objects.get(event=event)
    html = reviewer.get(review_url(revision)).content.decode()
    seen = re.search(r'name="version" value="(\d+)"', html).group(1)
    booker.post(reverse("staff:edit", args=[event.pk]), {**data, "title": "Andet forslag"})
    response = reviewer.post(
        review_url(revision),
        {"version": seen, "event_version": event.version, "decision": "approve"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    alert = html[html.index('id="changed"') : html.index("</div>", html.index('id="changed"'))]
    assert "Første forslag" in alert and "Andet forslag" in alert
    assert "Gammel titel" not in alert


# --- 9. Oldest first, no empty successes, one e-mail per pending change --------------------


def test_pending_changes_are_listed_oldest_first(venue, reviewer):
    old = EventRevision.objects.create(
        event=EventFactory(venue=venue, title="Gammel ændring"), data={}
    )
    EventRevision.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    EventRevision.objects.create(event=EventFactory(venue=venue, title="Ny ændring"), data={})
    html = reviewer.get(reverse("admin:events_eventrevision_changelist")).content.decode()
    assert html.index("Gammel ændring") < html.index("Ny ændring")


def test_a_list_action_that_decides_nothing_says_no_success(venue, reviewer):
    published = EventFactory(venue=venue, status="published")
    response = reviewer.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "approve",
            "_selected_action": [published.pk],
            f"version-{published.pk}": published.version,
        },
        follow=True,
    )
    assert not any(str(m).startswith("0 ") for m in response.context["messages"])


def test_a_pending_change_saved_again_mails_the_secretariat_once(
    venue, booker, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(venue=venue, status="published")
    OccurrenceFactory(event=event)
    data = event_data(venue, existing=list(event.occurrences.all()), save="1")
    for title in ["Første", "Anden", "Tredje"]:
        with django_capture_on_commit_callbacks(execute=True):
            booker.post(reverse("staff:edit", args=[event.pk]), {**data, "title": title})
    assert [m.to for m in mailoutbox] == [["sekretariat@localhost"]]
    assert EventRevision.objects.get(event=event).data["fields"]["title"] == "Tredje"
