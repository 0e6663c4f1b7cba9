"""ICS reader: the 5,000-event feed of the import benchmark is read completely
(tests/imports/feeds.py, imports/ics.py)."""

import datetime as dt

import pytest

from imports.ics import read_calendar_with_problems
from tests.imports.feeds import BIG_FEED_FIRST_DAY, COPENHAGEN, big_feed, big_feed_dates

NOW = dt.datetime.combine(BIG_FEED_FIRST_DAY, dt.time(), COPENHAGEN)


@pytest.fixture(scope="module")
def reading():
    """One reading of the feed for this module's tests: it takes seconds."""
    return read_calendar_with_problems(big_feed(), now=NOW)


def test_big_feed_is_the_same_bytes_every_time():
    assert big_feed(50) == big_feed(50)
    assert big_feed(50) != big_feed(50, first_day=BIG_FEED_FIRST_DAY + dt.timedelta(days=1))


def test_five_thousand_events_are_read_with_every_date(reading):
    assert reading.problems == []
    assert len(reading.events) == 5_000
    assert len({event.uid for event in reading.events}) == 5_000
    assert sum(len(event.dates) for event in reading.events) == big_feed_dates() == 11_666
    kinds = {
        "single": [e for e in reading.events if len(e.dates) == 1 and not e.dates[0].all_day],
        "series": [e for e in reading.events if len(e.dates) > 1],
        "all_day": [e for e in reading.events if e.dates[0].all_day],
    }
    assert {kind: len(events) for kind, events in kinds.items()} == {
        "single": 1_667,
        "series": 1_667,
        "all_day": 1_666,
    }


def test_big_feed_events_have_their_fields(reading):
    by_uid = {event.uid: event for event in reading.events}

    series = by_uid["bench-00004@kulturmetropolen.example"]  # i % 3 == 1: 2 + 4 evenings
    assert series.title == "Strikkecafé nr. 4"
    assert [date.start.strftime("%Y-%m-%d %H:%M") for date in series.dates] == [
        "2026-09-05 17:00",
        "2026-09-12 17:00",
        "2026-09-19 17:00",
        "2026-09-26 17:00",
        "2026-10-03 17:00",
        "2026-10-10 17:00",
    ]
    assert (
        series.description
        == "Et arrangement med musik og fællesskab.\n\nGratis adgang – alle er velkomne."
    )
    assert series.categories == ["Fællesskab", "Kategori 4"]
    assert series.location_name == "Sted 4, Vej 4, 4600 Køge"
    exhibition = by_uid["bench-00005@kulturmetropolen.example"]  # i % 3 == 2: 3 days
    (date,) = exhibition.dates
    assert (date.start, date.end, date.all_day) == (
        dt.date(2026, 9, 6),
        dt.date(2026, 9, 8),
        True,
    )
