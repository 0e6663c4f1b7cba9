"""Feeds choose and key their dates from values, and read full rows only for what they show:
the ICS feed its VEVENTs not yet cached, RSS and Atom the next date of each event. The output
is what the full rows gave."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import feeds, ics
from events.models import Occurrence
from events.querystring import feed_filterset, feed_occurrences
from events.views.calendars import FEED_MAX_BYTES, SUBSCRIPTION_KEEP_PAST
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

FEED = "/arrangementer/feed.ics?municipality=koege"


@pytest.fixture
def dates():
    """Dates of several events in Køge: series, a running exhibition, one in Roskilde."""
    now = timezone.now()
    koege = VenueFactory(name="Teatret", municipality=municipality("koege"))
    made = []
    for n in range(6):
        event = EventFactory(venue=koege, title=f"Koncert {n}", teaser=f"Sang nummer {n}")
        event.focus_areas.set([focus_area("musik")] if n % 2 else [])
        for day in range(3):
            made.append(OccurrenceFactory(event=event, start=now + timedelta(days=day * 7 + n)))
    exhibition = EventFactory(venue=koege, title="Udstilling")
    OccurrenceFactory(event=exhibition, start=now - timedelta(days=9), end=now + timedelta(days=9))
    elsewhere = VenueFactory(municipality=municipality("roskilde"))
    OccurrenceFactory(event=EventFactory(venue=elsewhere), start=now + timedelta(days=1))
    return made


def fresh_feed(path):
    """The ICS feed made from full rows by events.ics.build_calendar (no cache)."""
    request = RequestFactory().get(path)
    filterset = feed_filterset(request, keep_past=SUBSCRIPTION_KEEP_PAST)
    assert filterset.is_valid()
    return ics.build_calendar(
        list(feed_occurrences(filterset)),
        absolute_url=request.build_absolute_uri,
        name="Kulturmetropolen: Køge",
        now=filterset.now,
        max_bytes=FEED_MAX_BYTES,
    )


def without_stamps(body: bytes) -> bytes:
    return b"\r\n".join(line for line in body.split(b"\r\n") if not line.startswith(b"DTSTAMP"))


def test_the_ics_feed_is_the_text_full_rows_give_cold_and_cached(client, dates):
    cold = client.get(FEED).content
    assert without_stamps(cold) == without_stamps(fresh_feed(FEED))
    assert cold.count(b"BEGIN:VEVENT") == 19
    cached = client.get(FEED).content
    assert without_stamps(cached) == without_stamps(cold)


def test_a_cached_ics_feed_reads_values_only(client, dates):
    client.get(FEED)  # every VEVENT made and cached
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(FEED).status_code == 200
    # The feed's dates (their ids), then their key values, then their focus areas: no row
    # of a date is read whole.
    assert len(ctx.captured_queries) == 3
    assert not [q for q in ctx.captured_queries if '"events_event"."description"' in q["sql"]]
    event = dates[0].event
    event.title = "Jazz i haven"
    event.save()
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(FEED).content
    # The edited event's three dates are read whole and made again, no other.
    whole = [q["sql"] for q in ctx.captured_queries if '"events_event"."description"' in q["sql"]]
    assert len(whole) == 1
    assert whole[0].count("%s") == 0 and whole[0].split(" IN (")[1].count(",") == 2
    assert body.count(b"SUMMARY:Jazz i haven") == 3
    assert without_stamps(body) == without_stamps(fresh_feed(FEED))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the digest is made in SQL")
def test_a_cached_ics_feed_reads_one_digest_per_date(client, dates):
    """On PostgreSQL the key's values come as one digest per date (ics_cache.key_values),
    the same key vevent_key makes, and a value that becomes empty (NULL to "") or an edit
    of the venue gives a new key."""
    from django.core.cache import cache

    from events import ics_cache

    client.get(FEED)
    with CaptureQueriesContext(connection) as ctx:
        client.get(FEED)
    chosen, values = ctx.captured_queries[0]["sql"], ctx.captured_queries[1]["sql"]
    # The dates are chosen first, then only theirs are digested (not every date the filters
    # let through before the soonest are kept).
    assert "md5(ROW(" not in chosen and "LIMIT 1000" in chosen
    assert "md5(ROW(" in values and "LIMIT" not in values
    # Outside the digest, the first part selects no column of the event or its venue.
    selected = values.split(" FROM ")[0]
    outside = selected[: selected.index("md5(ROW(")] + selected[selected.index("::text)") :]
    assert '"events_event".' not in outside and '"municipalities_venue".' not in outside
    occurrence = Occurrence.objects.for_listing().get(pk=dates[0].pk)
    key = ics_cache.vevent_key(occurrence, site="http://testserver/", brief=True)
    assert cache.get(key) is not None  # what the feed stored under the same key
    venue = occurrence.event.venue
    venue.name = "Teatret ved havnen"
    venue.save()
    moved = ics_cache.vevent_key(occurrence, site="http://testserver/", brief=True)
    assert moved != key
    body = client.get(FEED).content
    assert body.count(b"Teatret ved havnen") == 19
    assert without_stamps(body) == without_stamps(fresh_feed(FEED))


def test_a_new_focus_area_reaches_the_cached_feed(client, dates):
    client.get(FEED)
    dates[0].event.focus_areas.set([focus_area("musik")])
    body = client.get(FEED).content
    assert without_stamps(body) == without_stamps(fresh_feed(FEED))


@pytest.mark.parametrize("path", ["/arrangementer/feed.rss", "/arrangementer/feed.atom?q=koncert"])
def test_rss_and_atom_show_the_next_date_of_each_event_as_before(client, dates, path):
    filterset = feed_filterset(RequestFactory().get(path))
    assert filterset.is_valid()
    before = feeds.next_date_per_event(feed_occurrences(filterset))
    chosen = feeds.next_dates(filterset)
    assert [o.pk for o in chosen] == [o.pk for o in before]
    assert len(chosen) == 8 if "q=" not in path else len(chosen) == 7
    body = client.get(path).content.decode()
    for occurrence in before:
        assert occurrence.event.get_absolute_url() in body


def test_rss_reads_only_the_dates_it_shows(client, dates, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_MAX_ITEMS", 2)
    filterset = feed_filterset(RequestFactory().get("/arrangementer/feed.rss"))
    assert filterset.is_valid()
    with CaptureQueriesContext(connection) as ctx:
        chosen = feeds.next_dates(filterset, limit=2)
    assert len(chosen) == 2
    assert len({o.event_id for o in chosen}) == 2
    rows = [q["sql"] for q in ctx.captured_queries if '"events_event"."title"' in q["sql"]]
    assert len(rows) == 1 and "IN (" in rows[0]
    assert isinstance(chosen[0], Occurrence)
