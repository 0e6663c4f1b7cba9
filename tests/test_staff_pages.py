"""The venue staff's pages: dashboard, create and edit with dates, submit, duplicate, and the
status of a single date — through the real stack."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventRevision, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _danish():
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture
def venue():
    return VenueFactory(name="Kulturhuset Kilden")


@pytest.fixture
def staffer(client, venue):
    user = UserFactory(username="booker")
    venue.staff.add(user)
    client.force_login(user)
    return user


CREATE = reverse("staff:create")
DASHBOARD = reverse("staff:dashboard")


# --- Dashboard ----------------------------------------------------------------------------


def test_dashboard_groups_events_by_status_with_next_date(client, staffer, venue):
    start, _end = soon(3)
    OccurrenceFactory(event=EventFactory(venue=venue, title="Udkastet", status="draft"))
    OccurrenceFactory(
        event=EventFactory(venue=venue, title="Afventer", status="submitted"), start=start
    )
    OccurrenceFactory(event=EventFactory(venue=venue, title="Offentlig", status="published"))
    EventFactory(venue=venue, title="Afvist", status="rejected", rejection_reason="Mangler billede")
    past = EventFactory(venue=venue, title="Forbi", status="published")
    OccurrenceFactory(event=past, start=timezone.now() - timedelta(days=5))
    EventFactory(title="Et andet steds arrangement")

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    groups = {g["key"]: [e.title for e in g["events"]] for g in response.context["groups"]}
    assert groups == {
        "rejected": ["Afvist"],
        "draft": ["Udkastet"],
        "submitted": ["Afventer"],
        "published": ["Offentlig"],
        "past": ["Forbi"],
    }
    html = response.content.decode()
    assert "Mangler billede" in html
    assert "Et andet steds arrangement" not in html
    assert "Næste dato" in html


def test_dashboard_query_count_does_not_grow(client, staffer, venue, django_assert_num_queries):
    def add(n):
        for i in range(n):
            event = EventFactory(venue=venue, status=["draft", "published", "submitted"][i % 3])
            OccurrenceFactory(event=event)
            OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=9))

    add(2)
    client.get(DASHBOARD)  # the footer's municipalities are cached after the first page
    with django_assert_num_queries(4):  # session, user, events with next date, venues
        assert client.get(DASHBOARD).status_code == 200
    add(48)
    with django_assert_num_queries(4):
        assert client.get(DASHBOARD).status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_without_venue_sees_a_note_and_cannot_create(client):
    client.force_login(UserFactory())
    assert "ikke knyttet til et sted" in client.get(DASHBOARD).content.decode()
    assert client.get(CREATE).status_code == 403


# --- Create -------------------------------------------------------------------------------


def test_new_event_form_offers_only_own_venues_and_three_date_rows(client, staffer, venue):
    other = VenueFactory(name="Fremmed Scene")
    response = client.get(CREATE)
    assert response.status_code == 200
    assert list(response.context["form"].fields["venue"].queryset) == [venue]
    assert other.name not in response.content.decode()
    assert len(response.context["formset"].forms) == 3


def test_save_as_draft_with_two_dates(client, staffer, venue):
    first, second = soon(5), soon(12)
    response = client.post(CREATE, event_data(venue, dates=[first, second], save="1"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    assert event.submitted_by == staffer
    assert [o.start for o in event.occurrences.order_by("start")] == [first[0], second[0]]
    assert event.focus_areas.count() == 1


def test_submit_waits_for_review_and_tells_the_secretariat(
    client, staffer, venue, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "sekretariat@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, event_data(venue, dates=[soon()], submit="1"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.SUBMITTED
    assert event.submitted_at is not None
    assert [m.to for m in mailoutbox] == [["sekretariat@example.org"]]
    assert "Jazz i kælderen" in mailoutbox[0].subject
    # Not public yet.
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_submit_from_trusted_venue_publishes_at_once(client, staffer, venue, mailoutbox):
    venue.is_trusted = True
    venue.save()
    client.post(CREATE, event_data(venue, dates=[soon()], submit="1"))
    event = Event.objects.get()
    assert event.status == Event.Status.PUBLISHED
    assert event.published_at is not None
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 200


def test_submit_needs_at_least_one_date(client, staffer, venue):
    response = client.post(CREATE, event_data(venue, submit="1"))
    assert response.status_code == 400
    assert "mindst én dato" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "x" * 5000}, "title", "højst have 200 tegn"),
        ({"title": ""}, "title", "Giv arrangementet en titel"),
        ({"focus_areas": []}, "focus_areas", "Vælg mindst én indsats"),
        ({"price_min": "200", "price_max": "100"}, "price_max", "højeste pris"),
        ({"ticket_url": "javascript:alert(1)"}, "ticket_url", "gyldig URL"),
    ],
)
def test_invalid_event_fields_get_a_danish_message_next_to_the_field(
    client, staffer, venue, change, field, message
):
    response = client.post(CREATE, event_data(venue, dates=[soon()], submit="1", **change))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "error-summary" in html
    assert not Event.objects.exists()


@pytest.mark.parametrize("field", ["focus_areas", "audiences", "accessibility_features"])
def test_an_id_too_large_for_the_database_is_an_invalid_choice_not_a_crash(
    client, staffer, venue, field
):
    huge = "9" * 32  # wider than any database integer (SQLite raised OverflowError on it)
    response = client.post(CREATE, event_data(venue, dates=[soon()], submit="1", **{field: [huge]}))
    assert response.status_code == 400
    assert "gyldig valgmulighed" in " ".join(response.context["form"].errors[field])
    assert not Event.objects.exists()


def test_end_before_start_is_refused(client, staffer, venue):
    start, _end = soon()
    response = client.post(
        CREATE, event_data(venue, dates=[(start, start - timedelta(hours=1))], submit="1")
    )
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors
    assert errors["end"] == ["Slutningen kan ikke ligge før starten."]
    assert 'id="id_dates-0-end_error"' in response.content.decode()
    assert not Event.objects.exists()


def test_new_date_in_the_past_is_refused(client, staffer, venue):
    start = timezone.now() - timedelta(days=2)
    response = client.post(CREATE, event_data(venue, dates=[(start, None)], submit="1"))
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors["start"] == ["Datoen er allerede passeret."]
    assert not Event.objects.exists()


def test_malformed_date_is_a_clear_error(client, staffer, venue):
    data = event_data(venue, dates=[soon()], submit="1")
    data["dates-0-start"] = "i morgen"
    response = client.post(CREATE, data)
    assert response.status_code == 400
    assert "dato og klokkeslæt" in response.context["formset"].forms[0].errors["start"][0]


def test_html_in_text_fields_is_shown_escaped(client, staffer, venue):
    venue.is_trusted = True
    venue.save()
    script = "<script>alert('x')</script>"
    client.post(
        CREATE,
        event_data(venue, dates=[soon()], submit="1", title=script, description=script),
    )
    event = Event.objects.get()
    html = client.get(event.get_absolute_url()).content.decode()
    assert script not in html
    assert "&lt;script&gt;" in html
    assert script not in client.get(DASHBOARD).content.decode()


def test_add_more_date_rows_keeps_what_was_typed_and_saves_nothing(client, staffer, venue):
    data = event_data(venue, dates=[soon()], add_dates="1", title="Halvfærdig")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 4
    html = response.content.decode()
    assert 'value="Halvfærdig"' in html
    assert "error-summary" not in html
    assert not Event.objects.exists()


# --- Edit ---------------------------------------------------------------------------------


def test_edit_draft_changes_dates_and_removes_one(client, staffer, venue):
    event = EventFactory(venue=venue, status="draft")
    keep = OccurrenceFactory(event=event, start=soon(3)[0])
    drop = OccurrenceFactory(event=event, start=soon(4)[0])
    data = event_data(venue, existing=[keep, drop], dates=[soon(20)], save="1", title="Nyt navn")
    data["dates-1-DELETE"] = "on"
    response = client.post(reverse("staff:edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Nyt navn"
    assert event.status == Event.Status.DRAFT
    assert list(event.occurrences.values_list("pk", flat=True)) == [keep.pk, keep.pk + 2]
    assert not Occurrence.objects.filter(pk=drop.pk).exists()


def test_existing_past_date_does_not_block_saving(client, staffer, venue):
    event = EventFactory(venue=venue, status="draft")
    past = OccurrenceFactory(event=event, start=timezone.now() - timedelta(days=30))
    response = client.post(
        reverse("staff:edit", args=[event.pk]), event_data(venue, existing=[past], save="1")
    )
    assert response.status_code == 302


def test_rejected_event_can_be_corrected_and_resubmitted(client, staffer, venue):
    event = EventFactory(venue=venue, status="rejected", rejection_reason="Mangler pris")
    occurrence = OccurrenceFactory(event=event)
    page = client.get(reverse("staff:edit", args=[event.pk])).content.decode()
    assert "Mangler pris" in page
    client.post(
        reverse("staff:edit", args=[event.pk]),
        event_data(venue, existing=[occurrence], submit="1"),
    )
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED
    assert event.rejection_reason == ""


def test_editing_published_event_of_untrusted_venue_waits_as_revision(client, staffer, venue):
    event = EventFactory(venue=venue, status="published", title="Gammel titel")
    occurrence = OccurrenceFactory(event=event)
    response = client.post(
        reverse("staff:edit", args=[event.pk]),
        event_data(venue, existing=[occurrence], dates=[soon(30)], save="1", title="Ny titel"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Gammel titel"
    assert event.occurrences.count() == 1
    revision = EventRevision.objects.get(event=event)
    assert revision.status == EventRevision.Status.PENDING
    assert revision.data["fields"]["title"] == "Ny titel"
    assert len(revision.data["dates"]) == 2
    client.logout()
    assert "Gammel titel" in client.get(event.get_absolute_url()).content.decode()


def test_saving_again_replaces_the_pending_revision(client, staffer, venue):
    event = EventFactory(venue=venue, status="published")
    occurrence = OccurrenceFactory(event=event)
    url = reverse("staff:edit", args=[event.pk])
    client.post(url, event_data(venue, existing=[occurrence], save="1", title="Første"))
    client.post(url, event_data(venue, existing=[occurrence], save="1", title="Anden"))
    assert EventRevision.objects.get().data["fields"]["title"] == "Anden"


def test_editing_published_event_of_trusted_venue_applies_at_once(client, staffer, venue):
    venue.is_trusted = True
    venue.save()
    event = EventFactory(venue=venue, status="published")
    occurrence = OccurrenceFactory(event=event)
    client.post(
        reverse("staff:edit", args=[event.pk]),
        event_data(venue, existing=[occurrence], save="1", title="Rettet"),
    )
    event.refresh_from_db()
    assert event.title == "Rettet"
    assert event.status == Event.Status.PUBLISHED
    assert not EventRevision.objects.exists()


# --- Duplicate ----------------------------------------------------------------------------


def test_duplicate_makes_a_new_draft_without_dates(client, staffer, venue):
    event = EventFactory(venue=venue, status="published", title="Sommerkoncert")
    OccurrenceFactory(event=event)
    assert client.get(reverse("staff:duplicate", args=[event.pk])).status_code == 200
    response = client.post(reverse("staff:duplicate", args=[event.pk]))
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("staff:edit", args=[copy.pk])
    assert copy.title == "Sommerkoncert"
    assert copy.slug != event.slug
    assert copy.status == Event.Status.DRAFT
    assert copy.occurrences.count() == 0
    assert list(copy.focus_areas.all()) == list(event.focus_areas.all())


# --- The status of one date ---------------------------------------------------------------


@pytest.mark.parametrize("status", ["cancelled", "postponed", "sold_out", "scheduled"])
def test_status_of_a_date_applies_to_the_public_at_once(client, staffer, venue, status):
    event = EventFactory(venue=venue, status="published")
    before = "cancelled" if status == "scheduled" else "scheduled"
    occurrence = OccurrenceFactory(event=event, status=before)
    url = reverse("staff:occurrence", args=[occurrence.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": status})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.status == status
    assert occurrence.sequence == 1
    assert not EventRevision.objects.exists()
    if status == "cancelled":
        client.logout()
        assert "Aflyst" in client.get(event.get_absolute_url()).content.decode()


def test_unknown_status_is_a_clear_error(client, staffer, venue):
    occurrence = OccurrenceFactory(event=EventFactory(venue=venue))
    response = client.post(reverse("staff:occurrence", args=[occurrence.pk]), {"status": "gone"})
    assert response.status_code == 400
    occurrence.refresh_from_db()
    assert occurrence.status == "scheduled"
