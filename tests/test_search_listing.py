"""A search's listing from one query over its matches (events.search.listing) shows what the
queries it replaced showed: the same strip, the same dates in the same order by date, the
same best matches first by relevance, the same counts, within the window (start and end)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.filters import OccurrenceFilter
from events.models import Occurrence
from events.periods import local_midnight
from events.search.listing import ranked_ids
from events.views.public import OccurrenceListView
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dates(settings, monkeypatch):
    """Concerts that ran, run and will run; exhibitions running for weeks; other events."""
    settings.LISTING_PAGE_SIZE = 3
    monkeypatch.setattr(OccurrenceListView, "count_cap", 12)
    monkeypatch.setattr(OccurrenceListView, "rank_cap", 7)
    now = timezone.now()
    made = []
    for n in range(10):
        title = "Jazzkoncert" if n % 3 == 0 else f"Koncert i haven {n}"
        event = EventFactory(title=title, description="koncert " * (n % 4))
        made.append(OccurrenceFactory(event=event, start=now + timedelta(days=n - 3, hours=n)))
        made.append(OccurrenceFactory(event=event, start=now + timedelta(days=20 + n)))
    for n in range(3):  # running exhibitions with a concert: the strip
        event = EventFactory(title=f"Koncertudstilling {n}")
        made.append(
            OccurrenceFactory(
                event=event,
                start=now - timedelta(days=10 + n),
                end=now + timedelta(days=5 + n),
            )
        )
    EventFactory(title="Foredrag om fugle")
    OccurrenceFactory(event=EventFactory(title="Foredrag"), start=now + timedelta(days=2))
    return made


def expected(query, sort):
    """The strip and the dated rows as the listing made them before, from the queries it
    used then: the strip first, then ``running_then_upcoming``, or the first ``rank_cap``
    dates of it ordered by :func:`ranked_ids` (the tiers themselves:
    tests/test_search_rank.py)."""
    request = RequestFactory().get("/arrangementer/", query)
    filterset = OccurrenceFilter(request.GET, queryset=Occurrence.objects.public().for_listing())
    qs = filterset.qs
    window = filterset.window()
    since = local_midnight(timezone.localdate(window.start))
    strip = [o.pk for o in qs.running(since)[:24]]
    rest = qs.exclude(pk__in=strip)
    if sort == "date":
        rows = rest.running_then_upcoming(window.start, cap=12)
        return strip, [o.pk for o in rows[: rows.count()]]
    firsts = [o.pk for o in rest.running_then_upcoming(window.start, cap=10_000)[:7]]
    return strip, ranked_ids(connection.alias, firsts, filterset.search)


def searches(sql: str) -> bool:
    """Whether a statement reads the text search's matches."""
    return " LIKE " in sql or "@@" in sql or "events_eventsearch" in sql


def shown(client, query):
    """The strip and every dated row of the listing, page by page."""
    first = client.get("/en/arrangementer/", query)
    assert first.status_code == 200
    strip = [o.pk for o in first.context["running"]]
    rows = []
    for page in range(1, first.context["paginator"].num_pages + 1):
        response = client.get("/en/arrangementer/", {**query, "page": page})
        rows += [o.pk for o in response.context["occurrences"]]
    return first, strip, rows


@pytest.mark.parametrize(
    ("query", "in_strip"),
    [
        ({"q": "koncert", "sort": "date"}, 3),
        ({"q": "koncert", "sort": "date", "date_from": "2000-01-01"}, 0),
        ({"q": "jazz", "sort": "date", "date_from": "2000-01-01"}, 0),
        ({"q": "koncert", "sort": "date", "date_to": timezone.localdate() + timedelta(days=8)}, 3),
    ],
)
def test_a_search_by_date_lists_the_dates_the_counts_and_pages_listed(
    client, dates, query, in_strip
):
    _response, strip, rows = shown(client, query)
    assert (strip, rows) == expected(query, "date")
    assert len(strip) == in_strip
    assert rows  # the test compares real rows
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize(
    ("query", "in_strip"),
    [
        ({}, 3),
        ({"date_from": "2000-01-01"}, 0),
        ({"date_to": timezone.localdate() + timedelta(days=8)}, 3),
    ],
)
def test_a_listing_without_a_search_lists_the_dates_the_counts_and_pages_listed(
    client, dates, query, in_strip
):
    """Every listing reads its dates as a search does: the same strip and dated rows as the
    strip query and ``running_then_upcoming`` gave."""
    response, strip, rows = shown(client, query)
    assert (strip, rows) == expected(query, "date")
    assert len(strip) == in_strip
    assert rows  # the test compares real rows
    assert response.context["result_count"] == min(len(strip) + len(rows), 12)


@pytest.mark.parametrize(
    "query",
    [{"q": "koncert"}, {"q": "koncert", "date_from": "2000-01-01"}, {"q": "jazz koncert"}],
)
def test_a_search_by_relevance_ranks_the_first_dates_as_before(client, dates, query):
    _response, strip, rows = shown(client, query)
    assert (strip, rows) == expected(query, "relevance")
    assert 0 < len(rows) <= 7


def test_the_heading_counts_dates_and_events_from_the_same_keys(client, dates):
    now = timezone.now()
    response = client.get("/en/arrangementer/", {"q": "koncert", "sort": "date"})
    upcoming = [
        o
        for o in dates
        if (o.end or o.start) > now and "oncert" in (o.event.title + o.event.description)
    ]
    assert response.context["result_count"] == 12  # the cap
    assert response.context["result_count_capped"] is True
    assert len(upcoming) > 12
    jazz = client.get("/en/arrangementer/", {"q": "jazz", "sort": "date"})
    jazz_dates = [o for o in upcoming if o.event.title == "Jazzkoncert"]
    assert jazz.context["result_count"] == len(jazz_dates)
    assert jazz.context["event_count"] == len({o.event_id for o in jazz_dates})
    assert jazz.context["result_count_capped"] is False


def test_a_search_reads_its_matches_once(client, dates):
    client.get("/en/arrangementer/", {"q": "koncert"})
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/arrangementer/", {"q": "koncert", "sort": "date", "page": 2})
    # The matching events' ids (the only query that searches), the keys of their dates
    # (one query, given the ids alone); the page's rows and their focus areas. Not the
    # strip's rows: page 2 does not show it.
    sqls = [q["sql"] for q in ctx.captured_queries]
    matching = [sql for sql in sqls if searches(sql)]
    assert len(matching) == 1
    keys = [sql for sql in sqls if "UNION ALL" in sql or ("ORDER BY" in sql and "LIMIT" in sql)]
    assert re.search(r'"events_occurrence"\."event_id" (IN \(\d|= ANY\(\(?\'\{\d)', keys[0])
    assert len(ctx.captured_queries) == 4


@pytest.mark.parametrize("query", [{"q": "koncert"}, {"q": "jazz", "date_from": "2000-01-01"}])
def test_the_api_pages_a_search_from_the_same_keys(client, dates, monkeypatch, query):
    from events.api import views as api_views

    monkeypatch.setattr(api_views, "API_COUNT_CAP", 9)
    filterset = OccurrenceFilter(query, queryset=Occurrence.objects.public())
    listed = filterset.qs.running_then_upcoming(filterset.window().start, cap=9)
    expected_ids = [o.pk for o in listed[: listed.count()]]
    accept = {"HTTP_ACCEPT": "application/json"}
    shown, page = [], 1
    while True:
        response = client.get("/api/v1/occurrences/", {**query, "page_size": 2, "page": page})
        assert response.status_code == 200
        shown += [row["id"] for row in response.json()["results"]]
        if not response.json()["next"]:
            break
        page += 1
    assert shown == expected_ids
    body = response.json()
    assert body["count"] == len(expected_ids)
    assert body["count_capped"] is listed.is_capped
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/v1/occurrences/", {**query, "page_size": 2, "page": "last"}, **accept)
    # The events' ids, then the keys by those ids (no count, no offset walked again, and
    # the matches read once), the page's rows and their focus areas.
    assert len([q["sql"] for q in ctx.captured_queries if searches(q["sql"])]) == 1
    assert len(ctx.captured_queries) == 4


def test_a_search_matching_many_events_reads_its_dates_in_date_order(client, dates, monkeypatch):
    """More matching events than `few_events`: no list of ids, the same dates."""
    from events.filters import OccurrenceFilter

    _few, _strip, few_rows = shown(client, {"q": "koncert", "sort": "date"})
    monkeypatch.setattr(OccurrenceFilter, "few_events", 2)
    monkeypatch.setattr(OccurrenceFilter, "few_matching_both", 2)
    with CaptureQueriesContext(connection) as ctx:
        _many, _strip, many_rows = shown(client, {"q": "koncert", "sort": "date"})
    assert many_rows == few_rows
    listed = re.compile(r'"events_occurrence"\."event_id" (IN \(\d|= ANY\(\(?\'\{\d)')
    assert not [q for q in ctx.captured_queries if listed.search(q["sql"])]


def test_a_list_of_only_running_exhibitions_says_nothing_else_matches(client):
    """The strip alone, and no dated row: the list says so, rather than ending in an empty
    area (the heading's count includes the strip)."""
    now = timezone.now()
    OccurrenceFactory(
        event=EventFactory(title="Lang udstilling"),
        start=now - timedelta(days=10),
        end=now + timedelta(days=30),
    )
    html = client.get("/arrangementer/").content.decode()
    assert "Lang udstilling" in html.split('class="running"')[1]
    note = html.index("Ud over udstillingerne og forløbene ovenfor matcher intet")
    assert note > html.index('class="running"')
    assert "Ingen arrangementer matcher dine valg" not in html
    assert "Vis alle datoer" not in html  # every date is shown already
    # With a period chosen, the note offers every date.
    today = client.get("/arrangementer/", {"period": "today"}).content.decode()
    note = today.split("matcher intet dine valg.")[1].split("</p>")[0]
    assert '<a href="?">Vis alle datoer</a>' in note


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's empty IN () is never run; PostgreSQL's = ANY('{}') would be",
)
def test_a_search_that_finds_no_event_reads_no_dates(client, dates):
    """No matching event: the dates' keys are not read at all (a no-result page spends its
    queries on «Mente du …?» instead)."""
    client.get("/arrangementer/", {"q": "xyzzyq"})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/arrangementer/", {"q": "xyzzyq"})
    assert response.context["result_count"] == 0
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert len([sql for sql in sqls if searches(sql)]) == 1  # the matching events: none
    assert not [sql for sql in sqls if "events_occurrence" in sql and "ORDER BY" in sql]
