"""Fuzzing the staff event form (text, prices, choices, the dates formset, the add-rows and
repeat helpers, for a new and an existing event, at a trusted and an untrusted venue) and the
status of a date. A rejected form changes no row; a saved event still shows, escaped, on every
staff, public and admin page that shows it."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from events.models import Event, EventRevision, Occurrence
from municipalities.models import Venue
from tests.fuzz.support import check, counts, dates, fetch, fuzz, hostile, numbers, sent_values
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

# --- The staff event form -----------------------------------------------------------------

EVENT_TEXT_FIELDS = [
    "title",
    "teaser",
    "description",
    "organizer",
    "image_alt",
    "price_text",
    "ticket_url",
    "info_url",
]
BUTTONS = ["save", "submit", "add_dates", "repeat"]
datetimes = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(
        [
            "0001-01-01T00:00",
            "0001-01-01T00:30",
            "9999-12-31T23:59",
            "2026-02-30T10:00",
            "2026-03-29T02:30",  # does not exist in Copenhagen
            "2026-10-25T02:30",  # exists twice
            "2099-12-31T23:00",
        ]
    ),
    dates,
    hostile,
)


def event_form_fields():
    text = dict.fromkeys(EVENT_TEXT_FIELDS, hostile)
    return st.fixed_dictionaries(
        {},
        optional={
            **text,
            "price_min": numbers,
            "price_max": numbers,
            "is_free": st.sampled_from(["on", "", "false", "\x00"]),
            "focus_areas": st.lists(st.one_of(numbers, hostile), max_size=3),
            "audiences": st.lists(st.one_of(numbers, hostile), max_size=3),
            "accessibility_features": st.lists(st.one_of(numbers, hostile), max_size=3),
            "dates-TOTAL_FORMS": numbers,
            "dates-INITIAL_FORMS": numbers,
            "dates-0-start": datetimes,
            "dates-0-end": datetimes,
            "dates-0-DELETE": st.sampled_from(["on", ""]),
            "dates-1-start": datetimes,
            "dates-1-id": st.one_of(numbers, hostile),
            "venue": st.one_of(numbers, hostile),
            "repeat-weekdays": st.lists(st.one_of(st.sampled_from("0123456"), hostile), max_size=8),
            "repeat-start_time": st.one_of(
                st.sampled_from(["10:00", "23:59", "24:00", "10:61"]), hostile
            ),
            "repeat-end_time": st.one_of(st.sampled_from(["12:00", "00:00", "09:00"]), hostile),
            "repeat-date_from": dates,
            "repeat-date_to": dates,
        },
    )


@pytest.fixture
def staff_client(venue_staff):
    client = Client()
    client.force_login(venue_staff[1])
    return client


def pages_showing(event):
    """Where a saved event shows: to its venue's staff always, to everyone once published."""
    staff = [reverse("staff:dashboard"), reverse("staff:edit", args=[event.pk])]
    if event.status != Event.Status.PUBLISHED:
        return staff, []
    return staff, [
        event.get_absolute_url(),
        f"/arrangementer/{event.slug}.ics",
        "/arrangementer/",
        "/arrangementer/feed.ics",
        "/arrangementer/feed.rss",
        "/arrangementer/feed.atom",
        "/embed/",
        "/steder/fuzz-scene/",
        "/api/v1/occurrences/",
        f"/api/v1/events/{event.slug}/",
        "/sitemap-events.xml",
    ]


@fuzz
@given(
    fields=event_form_fields(),
    button=st.sampled_from(BUTTONS),
    editing=st.booleans(),
    trusted=st.booleans(),
)
# Found by this test, kept as regressions: a number the add-rows button could not read, a
# repeat that ran past 31 December 9999, a digit that is not 0-9, a control character in a
# title that broke the RSS and Atom feeds once the event was published.
@example(fields={"dates-TOTAL_FORMS": "1.5"}, button="add_dates", editing=False, trusted=False)
@example(
    fields={
        "repeat-weekdays": ["0", "1", "2", "3", "4", "5", "6"],
        "repeat-start_time": "10:00",
        "repeat-date_from": "9999-12-30",
        "repeat-date_to": "9999-12-31",
    },
    button="repeat",
    editing=False,
    trusted=False,
)
@example(fields={"title": "²", "dates-1-id": "①"}, button="save", editing=True, trusted=False)
@example(fields={"title": "Kor\x0bkoncert\x1b"}, button="submit", editing=False, trusted=True)
def test_staff_event_form(staff_client, secretary, world, fields, button, editing, trusted):
    venue = world.venue
    Venue.objects.filter(pk=venue.pk).update(is_trusted=trusted)
    url = reverse("staff:edit", args=[world.pk]) if editing else reverse("staff:create")
    existing = list(world.occurrences.order_by("start")) if editing else []
    # A valid form underneath, so that the hostile values are what decides.
    post = event_data(venue, existing=existing, dates=[soon(30)])
    post.update(fields)
    post[button] = "1"
    before = counts()
    response = fetch(staff_client, "post", url, post)
    sent = sent_values(post)
    check(response, sent)
    if response.status_code != 302:
        assert response.status_code in {200, 400, 403, 404}
        assert counts() == before
        return
    # Saved: every page that shows the event still works and shows it escaped.
    event = world if editing else Event.objects.latest("pk")
    event.refresh_from_db()
    staff_pages, public_pages = pages_showing(event)
    for page in staff_pages:
        check(fetch(staff_client, "get", page), sent)
    for page in public_pages:
        check(fetch(Client(), "get", page), sent)
    revision = EventRevision.objects.filter(event=event, status="pending").first()
    if revision is not None:
        admin = Client()
        admin.force_login(secretary)
        page = reverse("admin:events_eventrevision_change", args=[revision.pk])
        check(fetch(admin, "get", page), sent)


@fuzz
@given(
    status=st.one_of(st.sampled_from(["cancelled", "sold_out", "postponed", "scheduled"]), hostile)
)
def test_status_of_a_date(staff_client, world, status):
    occurrence = world.occurrences.first()
    before = Occurrence.objects.values_list("pk", "status").order_by("pk")
    before = list(before)
    url = reverse("staff:occurrence", args=[occurrence.pk])
    response = fetch(staff_client, "post", url, {"status": status})
    check(response, [status])
    if response.status_code != 302:
        assert response.status_code == 400
        assert list(Occurrence.objects.values_list("pk", "status").order_by("pk")) == before
