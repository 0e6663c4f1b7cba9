"""The secretariat's admin: lists, filters, search, forms, inlines and bulk actions.

Each test runs twice where it matters: as a superuser and as a member of the «Sekretariat»
group that the migration creates (staff, no superuser rights).
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence
from municipalities.models import Municipality
from pages.models import Page
from tests.factories import (
    EventFactory,
    OccurrenceFactory,
    UserFactory,
    VenueFactory,
    focus_area,
    municipality,
)
from tests.staff_helpers import shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _danish():
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def secretary():
    user = UserFactory(username="sekretariat", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


@pytest.fixture(params=["superuser", "secretariat"])
def staff(request, client):
    """A logged-in client and its user: a superuser, then a secretariat member."""
    if request.param == "superuser":
        user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    else:
        user = request.getfixturevalue("secretary")
    client.force_login(user)
    client.user = user
    return client


def changelist(model="event", app="events"):
    return reverse(f"admin:{app}_{model}_changelist")


def listed(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def dated_event(**kwargs):
    return OccurrenceFactory(event=EventFactory(**kwargs)).event


# --- Event changelist ---------------------------------------------------------------------


def test_event_changelist_shows_the_columns(staff):
    start = timezone.now() + timedelta(days=3)
    event = OccurrenceFactory(start=start, event__title="Korfestival").event
    response = staff.get(changelist())
    assert response.status_code == 200
    html = response.content.decode()
    for column in ["title", "venue", "municipality", "next_date", "status_shown", "is_featured"]:
        assert f"column-{column}" in html, column  # the header
        assert f'class="field-{column}' in html, column  # the cell
    row = re.search(r"<tr>.*?Korfestival.*?</tr>", html, re.S).group(0)
    cells = dict(re.findall(r'class="field-(\w+)[^"]*">(.*?)</t[dh]>', row, re.S))
    assert "Korfestival" in cells["title"]
    assert cells["venue"] == event.venue.name
    assert cells["municipality"] == "Køge"
    assert cells["next_date"] == timezone.localtime(start).strftime("%d.%m.%Y %H.%M")
    assert cells["status_shown"] == str(Event.Status.PUBLISHED.label)
    assert "icon-no" in cells["is_featured"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=draft", {"Kladde"}),
        ("is_featured__exact=1", {"Fremhævet"}),
        ("municipality=roskilde", {"I Roskilde"}),
    ],
)
def test_event_changelist_filters(staff, query, expected):
    dated_event(title="Kladde", status=Event.Status.DRAFT)
    dated_event(title="Fremhævet", is_featured=True)
    dated_event(title="I Roskilde", venue=VenueFactory(municipality=municipality("roskilde")))
    response = staff.get(f"{changelist()}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


def test_event_changelist_filters_by_focus_area_and_venue(staff):
    health = dated_event(title="Sund krop", focus_areas=[focus_area("kultur-og-sundhed")])
    music = dated_event(title="Rock")
    response = staff.get(f"{changelist()}?focus_areas__id__exact={health.focus_areas.get().pk}")
    assert listed(response) == {"Sund krop"}
    response = staff.get(f"{changelist()}?venue__id__exact={music.venue.pk}")
    assert listed(response) == {"Rock"}


def test_event_changelist_search(staff):
    dated_event(title="Jazz i kælderen")
    dated_event(title="Strikkecafé", venue=VenueFactory(name="Jazzhuset"))
    dated_event(title="Foredrag om bier")
    response = staff.get(f"{changelist()}?q=jazz")
    assert listed(response) == {"Jazz i kælderen", "Strikkecafé"}


def test_event_changelist_query_count_does_not_grow(staff):
    def count():
        staff.get(changelist())
        with CaptureQueriesContext(connection) as ctx:
            response = staff.get(changelist())
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["cl"].result_list)

    venues = [VenueFactory(municipality=municipality(s)) for s in ["koege", "ishoej", "herlev"]]
    for i in range(10):
        dated_event(venue=venues[i % 3])
    small, rows_small = count()
    for i in range(50):
        dated_event(venue=venues[i % 3], is_featured=i % 2 == 0)
    large, rows_large = count()
    assert (rows_small, rows_large) == (10, 50)
    assert large == small


# --- Event forms --------------------------------------------------------------------------


def test_event_change_form_has_the_occurrence_inline(staff):
    event = dated_event()
    response = staff.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="occurrences-TOTAL_FORMS"' in html
    assert 'name="occurrences-0-start_0"' in html
    formsets = response.context["inline_admin_formsets"]
    assert [f.formset.model for f in formsets] == [Occurrence]


def event_form_data(venue, **overrides):
    data = {
        "title": "Vinterkoncert",
        "teaser": "Kor og orgel.",
        "description": "Første afsnit.\n\nAndet afsnit.",
        "focus_areas": [focus_area("musik").pk],
        "status": Event.Status.PUBLISHED,
        "venue": venue.pk,
        "organizer": "",
        "audiences": [Audience.objects.get(slug="familier").pk],
        "accessibility_features": [],
        "image_alt": "",
        "price_text": "100 kr.",
        "price_min": "",
        "price_max": "",
        "ticket_url": "billet.example.dk/vinter",
        "info_url": "",
        "rejection_reason": "",
        "reviewed_by": "",
        "occurrences-TOTAL_FORMS": "2",
        "occurrences-INITIAL_FORMS": "0",
        "occurrences-MIN_NUM_FORMS": "0",
        "occurrences-MAX_NUM_FORMS": "1000",
        "occurrences-0-start_0": "12.12.2030",
        "occurrences-0-start_1": "20:00",
        "occurrences-0-end_0": "12.12.2030",
        "occurrences-0-end_1": "22:00",
        "occurrences-0-status": Occurrence.Status.SCHEDULED,
        "occurrences-1-start_0": "2030-12-13",
        "occurrences-1-start_1": "16:00",
        "occurrences-1-end_0": "",
        "occurrences-1-end_1": "",
        "occurrences-1-open_end": "on",  # no end: an open end, ticked
        "occurrences-1-status": Occurrence.Status.SOLD_OUT,
    }
    data.update(overrides)
    return data


def test_adding_an_event_with_two_dates_creates_the_rows(staff):
    venue = VenueFactory()
    response = staff.post(reverse("admin:events_event_add"), event_form_data(venue))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(title="Vinterkoncert")
    assert event.venue == venue
    assert event.slug.startswith("vinterkoncert-")
    assert event.ticket_url == "https://billet.example.dk/vinter"
    assert event.reviewed_by == staff.user
    starts = [
        (timezone.localtime(o.start).strftime("%Y-%m-%d %H:%M"), o.status)
        for o in event.occurrences.order_by("start")
    ]
    assert starts == [("2030-12-12 20:00", "scheduled"), ("2030-12-13 16:00", "sold_out")]


# --- Bulk actions -------------------------------------------------------------------------


def run_action(client, action, events):
    return client.post(
        changelist(),
        {
            "action": action,
            "_selected_action": [e.pk for e in events],
            "index": 0,
            **shown(*events),
        },
    )


def test_approve_action_publishes_and_records_the_reviewer(staff):
    drafts = [dated_event(status=Event.Status.SUBMITTED) for _ in range(2)]
    untouched = dated_event(status=Event.Status.SUBMITTED)
    assert run_action(staff, "approve", drafts).status_code == 302
    for event in drafts:
        event.refresh_from_db()
        assert event.status == Event.Status.PUBLISHED
        assert event.reviewed_by == staff.user
        assert event.published_at is not None
    untouched.refresh_from_db()
    assert untouched.status == Event.Status.SUBMITTED


def test_unpublish_action_returns_events_to_draft(staff):
    event = dated_event()
    assert run_action(staff, "unpublish", [event]).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_feature_action_features_events(staff):
    event = dated_event()
    assert run_action(staff, "feature", [event]).status_code == 302
    event.refresh_from_db()
    assert event.is_featured is True


# --- Venues -------------------------------------------------------------------------------


def test_venue_changelist_filters_by_municipality(staff):
    VenueFactory(name="Musikhuset", municipality=municipality("albertslund"))
    VenueFactory(name="Kulturværftet", municipality=municipality("helsingoer"))
    pk = municipality("albertslund").pk
    response = staff.get(f"{changelist('venue', 'municipalities')}?municipality__id__exact={pk}")
    assert response.status_code == 200
    assert listed(response) == {"Musikhuset"}


def test_venue_change_form_saves_accessibility_features_and_staff(staff):
    venue = VenueFactory(name="Portalen", municipality=municipality("koege"))
    worker = UserFactory(username="portalen-medarbejder")
    features = list(AccessibilityFeature.objects.filter(slug__in=["teleslynge", "siddepladser"]))
    url = reverse("admin:municipalities_venue_change", args=[venue.pk])
    assert staff.get(url).status_code == 200
    data = {
        "name": "Portalen",
        "municipality": venue.municipality.pk,
        "description": "",
        "is_active": "on",
        "street_address": "Portalens Plads 1",
        "postal_code": "2670",
        "city": "Greve",
        "latitude": "55.6",
        "longitude": "12.3",
        "website": "portalen.dk",
        "email": "",
        "phone": "",
        "staff": [worker.pk],
        "accessibility_features": [f.pk for f in features],
    }
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    venue.refresh_from_db()
    assert set(venue.accessibility_features.all()) == set(features)
    assert list(venue.staff.all()) == [worker]
    assert venue.website == "https://portalen.dk"


def test_an_accessibility_feature_id_too_large_for_the_database_is_refused_not_a_crash(staff):
    venue = VenueFactory(name="Portalen", municipality=municipality("koege"))
    url = reverse("admin:municipalities_venue_change", args=[venue.pk])
    response = staff.post(
        url,
        {
            "name": "Portalen",
            "municipality": venue.municipality.pk,
            "street_address": "Portalens Plads 1",
            "postal_code": "2670",
            "city": "Greve",
            "accessibility_features": ["9" * 32],
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["accessibility_features"]
    assert "gyldig valgmulighed" in " ".join(errors)


def test_venue_autocomplete_for_the_event_form_answers(staff):
    venue = VenueFactory(name="Gimle")
    VenueFactory(name="Musikhuset Godset")
    response = staff.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "venue", "term": "gim"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(venue.pk), "text": "Gimle"}]


# --- The other admins ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("app", "model", "row"),
    [
        ("municipalities", "municipality", lambda: Municipality.objects.get(slug="ishoej")),
        ("events", "focusarea", lambda: FocusArea.objects.get(slug="musik")),
        ("events", "audience", lambda: Audience.objects.get(slug="unge")),
        ("events", "accessibilityfeature", lambda: AccessibilityFeature.objects.first()),
        ("pages", "page", lambda: Page.objects.get(slug="om")),
    ],
)
def test_other_admins_load(staff, app, model, row):
    obj = row()
    response = staff.get(changelist(model, app))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()
    assert staff.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200


def test_event_change_form_loads_for_an_event_with_dates(staff):
    event = dated_event()
    OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=8))
    response = staff.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert 'name="occurrences-INITIAL_FORMS" value="2"' in response.content.decode()


def test_venue_staff_cannot_enter_the_admin(client):
    user = UserFactory()
    VenueFactory().staff.add(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(changelist()).status_code == 302
