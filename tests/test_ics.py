"""iCalendar: what is served parses with icalendar and with vobject, and says the right thing.

The clock is fixed on 1 October 2026 so that the dates on both sides of the switch from
summer to winter time (25 October 2026) are ahead.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events import querystring
from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def local(day, hour=20, minute=0):
    return datetime(2026, 10, day, hour, minute, tzinfo=COPENHAGEN)


def concert(**kwargs):
    venue = kwargs.pop("venue", None) or VenueFactory(
        name="Portalen", street_address="Portalen 1", postal_code="2635", city="Ishøj"
    )
    kwargs.setdefault("title", "Koncert i Portalen")
    return EventFactory(venue=venue, **kwargs)


def parse(response):
    """Both parsers on the served bytes; returns (icalendar VEVENTs, vobject VEVENTs)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    other = vobject.readOne(response.content.decode("utf-8"))
    return calendar, list(calendar.walk("VEVENT")), list(other.contents.get("vevent", []))


def ics_url(event):
    return f"/arrangementer/{event.slug}.ics"


def test_event_calendar_has_one_vevent_per_upcoming_date_with_every_property(client):
    event = concert(teaser="Jazz.", description="Lang tekst.", price_text="100 kr.")
    # Ended more than the 30 days a calendar keeps.
    OccurrenceFactory(
        event=event,
        start=datetime(2026, 8, 30, 8, tzinfo=COPENHAGEN),
        end=datetime(2026, 8, 30, 9, tzinfo=COPENHAGEN),
    )
    first = OccurrenceFactory(event=event, start=local(10), end=local(10, 22))
    OccurrenceFactory(event=event, start=local(17), end=None)

    response = client.get(ics_url(event))
    calendar, vevents, others = parse(response)

    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert len(vevents) == len(others) == 2
    vevent = vevents[0]
    assert str(vevent["UID"]) == f"occurrence-{first.pk}@127.0.0.1"
    assert vevent["SEQUENCE"] == 0
    assert vevent["DTSTAMP"].dt.utcoffset() == timedelta(0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert vevent["DTSTART"].dt == local(10)
    assert vevent["DTEND"].dt == local(10, 22)
    assert str(vevent["SUMMARY"]) == "Koncert i Portalen"
    assert "Jazz." in vevent["DESCRIPTION"]
    assert "Lang tekst." in vevent["DESCRIPTION"]
    assert "100 kr." in vevent["DESCRIPTION"]
    assert str(vevent["LOCATION"]) == "Portalen, Portalen 1, 2635 Ishøj"
    assert str(vevent["URL"]) == f"http://testserver/arrangementer/{event.slug}/"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    # No end given: an open end, shown for OPEN_END_DURATION and said so.
    assert vevents[1]["DTEND"].dt - vevents[1]["DTSTART"].dt == timedelta(hours=2)
    assert "Sluttid ikke oplyst." in vevents[1]["DESCRIPTION"]
    assert others[0].uid.value == str(vevent["UID"])
    assert others[0].location.value == "Portalen, Portalen 1, 2635 Ishøj"


def test_dates_either_side_of_the_switch_to_winter_time_keep_their_wall_clock_time(client):
    event = concert()
    OccurrenceFactory(event=event, start=local(24), end=local(24, 22))
    OccurrenceFactory(event=event, start=local(31), end=local(31, 22))

    _, vevents, others = parse(client.get(ics_url(event)))

    for parsed in (
        [v["DTSTART"].dt for v in vevents],
        [v.dtstart.value for v in others],
    ):
        summer, winter = parsed
        assert (summer.hour, summer.minute, winter.hour, winter.minute) == (20, 0, 20, 0)
        assert summer.utcoffset() == timedelta(hours=2)
        assert winter.utcoffset() == timedelta(hours=1)
        assert summer == datetime(2026, 10, 24, 18, 0, tzinfo=ZoneInfo("UTC"))
        assert winter == datetime(2026, 10, 31, 19, 0, tzinfo=ZoneInfo("UTC"))


def test_cancelled_date_is_marked_in_ics(client):
    event = concert()
    OccurrenceFactory(event=event, start=local(10), status=Occurrence.Status.CANCELLED)
    OccurrenceFactory(event=event, start=local(11))

    _, vevents, others = parse(client.get(ics_url(event)))

    assert [str(v["STATUS"]) for v in vevents] == ["CANCELLED", "CONFIRMED"]
    assert [v.status.value for v in others] == ["CANCELLED", "CONFIRMED"]
    assert str(vevents[0]["SUMMARY"]).endswith(": Koncert i Portalen")


def test_uid_is_stable_and_sequence_rises_when_the_date_moves(client):
    occurrence = OccurrenceFactory(event=concert(), start=local(10))
    _, before, _ = parse(client.get(ics_url(occurrence.event)))

    occurrence = Occurrence.objects.get(pk=occurrence.pk)
    occurrence.start = local(11)
    occurrence.end = local(11, 22)
    occurrence.save()
    _, after, _ = parse(client.get(ics_url(occurrence.event)))

    assert str(before[0]["UID"]) == str(after[0]["UID"])
    assert (before[0]["SEQUENCE"], after[0]["SEQUENCE"]) == (0, 1)


def test_event_calendar_is_public_only(client):
    draft = OccurrenceFactory(event=concert(status=Event.Status.DRAFT)).event
    assert client.get(ics_url(draft)).status_code == 404
    assert client.get("/arrangementer/findes-ikke.ics").status_code == 404


def test_a_past_event_still_gives_its_dates(client):
    event = concert()
    OccurrenceFactory(event=event, start=NOW - timedelta(days=30))
    _, vevents, _ = parse(client.get(ics_url(event)))
    assert len(vevents) == 1


def test_one_date_can_be_downloaded_on_its_own(client):
    event = concert()
    OccurrenceFactory(event=event, start=local(10))
    second = OccurrenceFactory(event=event, start=local(24))
    other = OccurrenceFactory(event=concert())

    response = client.get(f"/arrangementer/{event.slug}/{second.pk}.ics")
    _, vevents, others = parse(response)

    assert len(vevents) == len(others) == 1
    assert vevents[0]["DTSTART"].dt == local(24)
    assert f'filename="{event.slug}-2026-10-24.ics"' in response["Content-Disposition"]
    # Another event's date is not reachable through this event's address.
    assert client.get(f"/arrangementer/{event.slug}/{other.pk}.ics").status_code == 404


def test_event_page_offers_add_to_calendar_for_the_event_and_each_date(client):
    event = concert()
    occurrence = OccurrenceFactory(event=event, start=local(10))
    html = client.get(f"/en/arrangementer/{event.slug}/").content.decode()
    assert f'href="/en/arrangementer/{event.slug}.ics"' in html
    assert f'href="/en/arrangementer/{event.slug}/{occurrence.pk}.ics"' in html


# --- The subscription feed ----------------------------------------------------------------


def mixed_world():
    """Free and paid music and youth culture in Roskilde, Køge and Ishøj."""
    made = []
    for slug in ("roskilde", "koege", "ishoej"):
        venue = VenueFactory(municipality=municipality(slug))
        for free in (True, False):
            for area in ("musik", "ungekultur"):
                event = EventFactory(venue=venue, is_free=free, focus_areas=[focus_area(area)])
                for day in (3, 24, 31):
                    made.append(OccurrenceFactory(event=event, start=local(day)))
    return made


SUBSCRIPTION = "municipality=roskilde&municipality=koege&focus_area=musik&free=on"


def test_feed_gives_the_same_dates_as_the_listing_for_the_same_filters(client, settings):
    mixed_world()
    settings.LISTING_PAGE_SIZE = 1000
    listing = client.get(f"/arrangementer/?{SUBSCRIPTION}")
    expected = {f"occurrence-{o.pk}@127.0.0.1" for o in listing.context["occurrences"]}

    response = client.get(f"/arrangementer/feed.ics?{SUBSCRIPTION}")
    calendar, vevents, others = parse(response)

    assert len(expected) == 6  # two free music events × three dates
    assert {str(v["UID"]) for v in vevents} == expected
    assert {v.uid.value for v in others} == expected
    # NAME is TEXT (RFC 7986 §5.1): its comma is escaped. icalendar reads NAME as an unknown
    # property, so it hands back the escaped form.
    assert str(calendar["NAME"]) == "Kulturmetropolen: Musik · Køge\\, Roskilde · Gratis adgang"
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"])
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert response["Content-Disposition"] == 'inline; filename="kulturmetropolen.ics"'


def test_feed_reaches_a_year_ahead_and_no_further(client):
    event = concert()
    OccurrenceFactory(event=event, start=NOW + timedelta(days=300))
    OccurrenceFactory(event=event, start=NOW + timedelta(days=400))
    _, vevents, _ = parse(client.get("/arrangementer/feed.ics"))
    assert len(vevents) == 1


def test_feed_is_capped_in_dates_and_in_bytes(client, monkeypatch):
    event = concert(teaser="x" * 300, title="T" * 200)
    for day in range(40):
        OccurrenceFactory(event=event, start=NOW + timedelta(days=1 + day))
    monkeypatch.setattr(querystring, "FEED_MAX_OCCURRENCES", 30)
    _, vevents, _ = parse(client.get("/arrangementer/feed.ics"))
    assert len(vevents) == 30

    monkeypatch.setattr("events.views.calendars.FEED_MAX_BYTES", 8_000)
    response = client.get("/arrangementer/feed.ics")
    _, vevents, others = parse(response)
    assert len(response.content) <= 8_000
    assert 0 < len(vevents) == len(others) < 30


def test_feed_rejects_bad_filters_with_a_clear_400(client):
    response = client.get("/arrangementer/feed.ics?municipality=atlantis&date_from=2026-13-45")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "atlantis" in body
    assert "Fra dato" in body or "From date" in body


def test_calendars_are_read_only(client):
    assert client.post("/arrangementer/feed.ics").status_code == 405
    event = OccurrenceFactory(event=concert()).event
    assert client.post(ics_url(event)).status_code == 405


def test_feed_answers_conditional_get_and_changes_with_the_data(client):
    occurrence = OccurrenceFactory(event=concert(), start=local(10))
    first = client.get("/arrangementer/feed.ics")
    assert first["ETag"] and first["Last-Modified"]

    unchanged = client.get("/arrangementer/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    since = client.get("/arrangementer/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        occurrence.status = Occurrence.Status.CANCELLED
        occurrence.save()
        changed = client.get("/arrangementer/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_feed_may_be_read_from_other_sites(client):
    response = client.get("/arrangementer/feed.ics", HTTP_ORIGIN="https://www.koege.dk")
    assert response["Access-Control-Allow-Origin"] == "*"


# The dates chosen (their ids), their key values, their focus areas (ETag/Last-Modified and
# the filter choices come from the cache).
FEED_QUERIES = 3
# Several filters on the events: their few events' ids first (events.filters) — one query
# more, the dates then read through the (event, start) index (docs/ceiling.md).
FEED_QUERIES_FILTERED = 4


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/arrangementer/feed.ics", FEED_QUERIES),
        (f"/arrangementer/feed.ics?{SUBSCRIPTION}", FEED_QUERIES_FILTERED),
    ],
)
def test_feed_queries_are_constant(client, path, expected):
    def count():
        client.get(path)  # warm-up: the page furniture's cache (see test_query_counts)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(
            icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        )

    for slug in ("roskilde", "koege"):
        event = EventFactory(venue=VenueFactory(municipality=municipality(slug)), is_free=True)
        OccurrenceFactory(event=event, start=local(10))
    small, rows_small = count()
    mixed_world()
    large, rows_large = count()
    assert rows_large > rows_small > 0
    assert (small, large) == (expected, expected)


# The event's dates with event, venue and municipality, their focus areas.
EVENT_ICS_QUERIES = 2


def test_event_calendar_queries_are_constant(client):
    event = concert()
    OccurrenceFactory(event=event, start=local(10))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(ics_url(event))
        return len(ctx.captured_queries), len(
            icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        )

    small, rows_small = count()
    for day in range(11, 30):
        OccurrenceFactory(event=event, start=local(day))
    event.focus_areas.add(focus_area("ungekultur"))
    large, rows_large = count()
    assert rows_large > rows_small
    assert (small, large) == (EVENT_ICS_QUERIES, EVENT_ICS_QUERIES)
