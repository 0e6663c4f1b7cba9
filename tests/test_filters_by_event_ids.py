"""Several filters at once read the few matching events first (their ids), then their dates
(events.filters.OccurrenceFilter._by_event_ids): the listing, the API and the feeds show the
same dates, in the same order, with the same counts, as the filters applied to each date
give (the path taken when more events than ``few_events`` match)."""

import re
from datetime import timedelta
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.filters import OccurrenceFilter
from events.models import AccessibilityFeature, Audience, Event, Occurrence
from events.views.public import OccurrenceListView
from tests.factories import (
    EventFactory,
    OccurrenceFactory,
    VenueFactory,
    focus_area,
    municipality,
)

pytestmark = pytest.mark.django_db

EVERY = {
    "municipality": ["albertslund", "furesoe"],
    "focus_area": "musik",
    "audience": "voksne",
    "accessibility": "trinfri-adgang",
    "free": "on",
}

#: Filter combinations, with and without a search, from now and from years back.
QUERIES = [
    EVERY,
    {**EVERY, "date_from": "2000-01-01"},
    {**EVERY, "q": "koncert"},
    {**EVERY, "q": "koncert", "date_from": "2000-01-01"},
    {**EVERY, "q": "koncert", "sort": "date", "date_from": "2000-01-01"},
    {"municipality": "albertslund", "free": "on"},
    {"focus_area": "musik", "audience": "voksne", "q": "jazz"},
    {"municipality": "furesoe", "accessibility": "trinfri-adgang", "sort": "date"},
    {"focus_area": "musik", "free": "on", "date_to": "2099-12-31", "date_from": "2000-01-01"},
]

#: A date filtered by the list of ids: ``"event_id" IN (<a number>``.
#: Dates read by a list of event ids: ``= ANY('{…}')`` on PostgreSQL, ``IN (…)`` elsewhere.
#: The query of the filtered events' ids: at most ``few_events`` + 1.
IDS_LIMIT = f"LIMIT {OccurrenceFilter.few_events + 1}"
BY_IDS = re.compile(r'"events_occurrence"\."event_id" (IN \(\d|= ANY\(\(?\'\{\d)')


@pytest.fixture
def events(settings, monkeypatch):
    """Forty events in three municipalities with every mix of the filters' values, each
    with a past date, a date to come and every fifth with a running exhibition date."""
    settings.LISTING_PAGE_SIZE = 4
    monkeypatch.setattr(OccurrenceListView, "count_cap", 30)
    monkeypatch.setattr(OccurrenceListView, "rank_cap", 9)
    step_free = AccessibilityFeature.objects.get(slug="trinfri-adgang")
    venues = [
        VenueFactory(municipality=municipality(slug))
        for slug in ("albertslund", "furesoe", "koege", "albertslund")
    ]
    venues[3].accessibility_features.set([step_free])  # the venue's, not the event's
    adults, children = Audience.objects.get(slug="voksne"), Audience.objects.get(slug="boern")
    music = focus_area("musik")
    now = timezone.now()
    venue_of = cycle(venues)
    for n in range(40):
        event = EventFactory(
            title=("Jazzkoncert" if n % 3 else "Koncert") + f" {n}",
            venue=next(venue_of),
            is_free=n % 2 == 0,
        )
        if n % 4 != 3:
            event.focus_areas.set([music])
        event.audiences.set([adults] if n % 5 != 4 else [children])
        if n % 3 != 2:
            event.accessibility_features.set([step_free])
        OccurrenceFactory(event=event, start=now - timedelta(days=400 + n))
        OccurrenceFactory(event=event, start=now + timedelta(days=n % 7, hours=n))
        if n % 5 == 0:
            OccurrenceFactory(
                event=event, start=now - timedelta(days=10 + n), end=now + timedelta(days=n)
            )
    EventFactory(title="Koncert uden datoer", is_free=True, venue=venues[0])
    EventFactory(title="Koncertkladde", status=Event.Status.DRAFT, venue=venues[0])


def listing(client, query):
    """The heading's counts, the strip and every dated row, page by page."""
    first = client.get("/en/arrangementer/", query)
    assert first.status_code == 200
    rows = []
    for page in range(1, first.context["paginator"].num_pages + 1):
        response = client.get("/en/arrangementer/", {**query, "page": page})
        rows += [o.pk for o in response.context["occurrences"]]
    strip = [o.pk for o in first.context["running"]]
    counts = [first.context[name] for name in ("result_count", "event_count", "list_capped")]
    return counts, strip, rows


def api(client, query):
    response = client.get("/api/v1/occurrences/", {**query, "page_size": 200})
    assert response.status_code == 200
    body = response.json()
    return body["count"], [row["id"] for row in body["results"]]


def both_ways(monkeypatch, read):
    """``read()`` through the list of event ids, then with the filters on each date."""
    with CaptureQueriesContext(connection) as ctx:
        by_ids = read()
    assert [q for q in ctx.captured_queries if BY_IDS.search(q["sql"])], "ids read first"
    monkeypatch.setattr(OccurrenceFilter, "few_events", 0)
    monkeypatch.setattr(OccurrenceFilter, "few_matching_both", 0)
    with CaptureQueriesContext(connection) as ctx:
        by_dates = read()
    assert not [q for q in ctx.captured_queries if BY_IDS.search(q["sql"])]
    monkeypatch.undo()
    return by_ids, by_dates


@pytest.mark.parametrize("query", QUERIES)
def test_the_listing_shows_the_same_dates_either_way(client, events, monkeypatch, query):
    by_ids, by_dates = both_ways(monkeypatch, lambda: listing(client, query))
    assert by_ids == by_dates
    assert by_ids[2], "the combination matches some dates"


@pytest.mark.parametrize("query", QUERIES)
def test_the_api_gives_the_same_dates_either_way(client, events, monkeypatch, query):
    by_ids, by_dates = both_ways(monkeypatch, lambda: api(client, query))
    assert by_ids == by_dates


def test_every_filter_gives_what_each_date_checked_gives(client, events):
    """The dates from now on that meet every filter, checked in Python."""
    _count, shown = api(client, EVERY)
    now = timezone.now()

    def meets(occurrence):
        event = occurrence.event
        features = {f.slug for f in event.accessibility_features.all()} | {
            f.slug for f in event.venue.accessibility_features.all()
        }
        return (
            event.venue.municipality.slug in ("albertslund", "furesoe")
            and event.focus_areas.filter(slug="musik").exists()
            and event.audiences.filter(slug="voksne").exists()
            and "trinfri-adgang" in features
            and event.is_free
            and occurrence.ends >= now
        )

    expected = {o.pk for o in Occurrence.objects.public() if meets(o)}
    assert set(shown) == expected
    assert expected


@pytest.mark.parametrize("feed", ["feed.ics", "feed.rss", "feed.atom"])
def test_the_feeds_are_the_same_either_way(client, events, monkeypatch, feed):
    def read():
        response = client.get(f"/arrangementer/{feed}", {**EVERY, "q": "koncert"})
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        # The moment the feed was made differs between two requests.
        return re.sub(rb"(DTSTAMP:|<updated>|<lastBuildDate>)[^\r\n<]*", rb"\1", content)

    by_ids, by_dates = both_ways(monkeypatch, read)
    assert by_ids == by_dates


def test_one_filter_alone_keeps_its_plan_and_its_queries(client, events):
    """One filter without a search reads no list of ids (no query more)."""
    with CaptureQueriesContext(connection) as ctx:
        client.get("/arrangementer/", {"municipality": "albertslund"})
    assert not [q for q in ctx.captured_queries if BY_IDS.search(q["sql"])]
    assert not [q for q in ctx.captured_queries if IDS_LIMIT in q["sql"]]


def test_filters_matching_no_event_list_nothing(client, events):
    _count, shown = api(client, {**EVERY, "q": "foredrag"})
    assert shown == []
    response = client.get("/arrangementer/", {**EVERY, "municipality": "herlev"})
    assert response.status_code == 200
    assert list(response.context["occurrences"]) == []


@pytest.mark.parametrize(
    "query",
    [
        {"q": "koncert", "free": "on", "audience": "boern", "date_from": "2000-01-01"},
        {"q": "koncert", "accessibility": "trinfri-adgang", "sort": "date"},
        {"q": "jazzkoncert", "municipality": "koege"},
    ],
)
def test_many_matching_the_words_and_many_the_filters_read_the_few_matching_both(
    client, events, monkeypatch, query
):
    """A common word and mild filters, each matching more than ``few_events`` events: the
    events that match both are read (one query of ids) and their dates by those ids — the
    same dates, counts and order as checking every date."""
    monkeypatch.setattr(OccurrenceFilter, "few_events", 3)
    with CaptureQueriesContext(connection) as ctx:
        by_ids = listing(client, query)
    assert [q for q in ctx.captured_queries if BY_IDS.search(q["sql"])], "ids read first"
    assert by_ids[2], "the combination matches some dates"
    monkeypatch.setattr(OccurrenceFilter, "few_matching_both", 0)
    with CaptureQueriesContext(connection) as ctx:
        by_dates = listing(client, query)
    assert not [q for q in ctx.captured_queries if BY_IDS.search(q["sql"])]
    assert by_ids == by_dates


def test_the_filters_on_the_events_read_no_ordered_rows(client, events):
    """The ids of the filtered events are read without the events' own order (by title):
    PostgreSQL then sorted every row it read."""
    with CaptureQueriesContext(connection) as ctx:
        client.get("/arrangementer/", EVERY)
    ids = [q["sql"] for q in ctx.captured_queries if IDS_LIMIT in q["sql"]]
    assert ids
    assert not [sql for sql in ids if "ORDER BY" in sql]
