"""The subscription feed's VEVENTs come from a cache: the same bytes as made afresh, made once
per date, and made anew when anything shown changes (an edit, a status, a venue's address)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory

from events import ics, ics_cache
from events.models import Event, Occurrence
from municipalities.models import Venue
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)
FEED = "/arrangementer/feed.ics?municipality=koege"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def dates():
    venue = VenueFactory(name="Teatret", municipality=municipality("koege"))
    event = EventFactory(venue=venue, title="Koncert i Køge", teaser="Sange om havnen")
    event.focus_areas.set([focus_area("musik")])
    return [
        OccurrenceFactory(event=event, start=datetime(2026, 10, day, 20, tzinfo=COPENHAGEN))
        for day in (3, 10, 31)  # 31 October: after the switch to winter time
    ]


def test_feed_is_byte_for_byte_what_the_calendar_builder_makes(client, dates):
    Occurrence.objects.filter(pk=dates[1].pk).update(status=Occurrence.Status.CANCELLED)
    for _ in range(2):  # made, then read from the cache
        served = client.get(FEED).content
        request = RequestFactory().get(FEED)
        occurrences = Occurrence.objects.public().for_listing().order_by("start")
        fresh = ics.build_calendar(
            list(occurrences),
            absolute_url=request.build_absolute_uri,
            name="Kulturmetropolen: Køge",
            now=NOW,
        )
        assert served == fresh
    assert served.count(b"BEGIN:VEVENT") == 3
    assert b"DTSTAMP:20261001T080000Z" in served


def test_each_date_is_serialised_once_then_read_from_the_cache(client, dates, monkeypatch):
    first = client.get(FEED).content

    def must_not_build(*args, **kwargs):
        raise AssertionError("a cached VEVENT was made again")

    monkeypatch.setattr(ics, "build_vevent", must_not_build)
    with time_machine.travel(datetime(2026, 10, 2, 9, 0, tzinfo=COPENHAGEN), tick=False):
        second = client.get(FEED).content
    # Only the stamp of the request differs.
    assert second.count(b"DTSTAMP:20261002T070000Z") == 3
    assert first.replace(b"DTSTAMP:20261001T080000Z", b"") == second.replace(
        b"DTSTAMP:20261002T070000Z", b""
    )


def test_an_edited_title_changes_the_feed(client, dates):
    assert b"Koncert i K" in client.get(FEED).content
    event = dates[0].event
    event.title = "Jazz ved havnen"
    event.save()
    body = client.get(FEED).content
    assert b"SUMMARY:Jazz ved havnen" in body
    assert b"Koncert i K" not in body


def test_changes_saved_without_save_reach_the_feed(client, dates):
    client.get(FEED)
    Occurrence.objects.filter(pk=dates[0].pk).update(status=Occurrence.Status.CANCELLED)
    Venue.objects.filter(pk=dates[0].event.venue_id).update(street_address="Havnegade 9")
    Event.objects.filter(pk=dates[0].event_id).update(price_text="120 kr.")
    body = client.get(FEED).content.decode()
    assert body.count("STATUS:CANCELLED") == 1
    assert "Havnegade 9" in body
    assert "120 kr." in body


def test_an_english_feed_is_not_served_the_danish_vevents(client, dates):
    danish = client.get(FEED).content.decode()
    english = client.get("/en" + FEED).content.decode()
    assert "/arrangementer/" in danish and "/en/arrangementer/" not in danish
    assert "/en/arrangementer/" in english


def test_key_depends_on_site_and_form(dates):
    occurrence = Occurrence.objects.for_listing().get(pk=dates[0].pk)
    keys = {
        ics_cache.vevent_key(occurrence, site=site, brief=brief)
        for site in ("http://a.example/", "https://a.example/")
        for brief in (True, False)
    }
    assert len(keys) == 4
