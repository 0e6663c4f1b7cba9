"""RSS and Atom: parsed with an XML parser; the same filters as the listing; one item per
event, linking to it and carrying its next date."""

from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)
ATOM = "{http://www.w3.org/2005/Atom}"
FILTERS = "municipality=roskilde&municipality=koege&focus_area=musik&free=on"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def local(day, hour=20):
    return datetime(2026, 10, day, hour, tzinfo=COPENHAGEN)


def world():
    for slug in ("roskilde", "koege", "ishoej"):
        venue = VenueFactory(municipality=municipality(slug))
        for free in (True, False):
            for area in ("musik", "ungekultur"):
                event = EventFactory(venue=venue, is_free=free, focus_areas=[focus_area(area)])
                for day in (3, 24, 31):
                    OccurrenceFactory(event=event, start=local(day))


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    return root.find("channel"), root.findall("channel/item")


def test_rss_has_one_item_per_event_with_its_next_date_and_link(client):
    event = EventFactory(title="Jazz i Portalen")
    OccurrenceFactory(event=event, start=local(24))
    OccurrenceFactory(event=event, start=local(10), status=Occurrence.Status.SOLD_OUT)

    channel, items = rss_items(client.get("/en/arrangementer/feed.rss"))

    assert channel.findtext("title") == "Kulturmetropolen events"
    assert len(items) == 1
    item = items[0]
    assert item.findtext("link") == f"http://testserver/en/arrangementer/{event.slug}/"
    assert item.findtext("guid") == item.findtext("link")
    assert (
        item.findtext("title") == "Sold out: Jazz i Portalen – Saturday 10 October at 20:00–22:00"
    )
    assert "Saturday 10 October" in item.findtext("description")
    assert "Sold out" in item.findtext("description")
    assert item.findtext("category") == "Musik"


def test_feeds_give_the_same_events_as_the_listing_for_the_same_filters(client, settings):
    world()
    settings.LISTING_PAGE_SIZE = 1000
    listing = client.get(f"/arrangementer/?{FILTERS}")
    expected = {
        f"http://testserver/arrangementer/{o.event.slug}/" for o in listing.context["occurrences"]
    }
    _, items = rss_items(client.get(f"/arrangementer/feed.rss?{FILTERS}"))
    atom = ElementTree.fromstring(client.get(f"/arrangementer/feed.atom?{FILTERS}").content)

    assert len(expected) == 2
    assert {item.findtext("link") for item in items} == expected
    assert {e.find(f"{ATOM}link").get("href") for e in atom.findall(f"{ATOM}entry")} == expected


def test_feed_title_names_the_filters(client):
    channel, _ = rss_items(client.get(f"/en/arrangementer/feed.rss?{FILTERS}"))
    assert channel.findtext("title") == (
        "Kulturmetropolen events: Musik · Køge, Roskilde · Free admission"
    )
    assert channel.findtext("link").endswith(f"/en/arrangementer/?{FILTERS}")


def test_atom_feed_parses(client):
    OccurrenceFactory(event=EventFactory(title="Atom-koncert"), start=local(10))
    response = client.get("/arrangementer/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title").split(" – ")[0] for e in entries] == ["Atom-koncert"]
    assert entries[0].findtext(f"{ATOM}updated")


def test_feed_rejects_bad_filters_with_a_clear_400(client):
    for path in ("/arrangementer/feed.rss", "/arrangementer/feed.atom"):
        response = client.get(f"{path}?date_to=i-morgen")
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_feeds_are_read_only_and_open_to_other_sites(client):
    assert client.post("/arrangementer/feed.rss").status_code == 405
    response = client.get("/arrangementer/feed.rss", HTTP_ORIGIN="https://www.rk.dk")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_feed_answers_conditional_get(client):
    OccurrenceFactory(event=EventFactory(), start=local(10))
    first = client.get("/arrangementer/feed.rss")
    assert (
        client.get("/arrangementer/feed.rss", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )
    # Another address (other filters) has another ETag.
    other = client.get("/arrangementer/feed.rss?free=on")
    assert other["ETag"] != first["ETag"]


def test_subscribe_box_on_listing_and_place_pages_offers_webcal_and_https(client):
    venue = VenueFactory(municipality=municipality("koege"))
    OccurrenceFactory(event=EventFactory(venue=venue), start=local(10))
    pages = {
        f"/en/arrangementer/?{FILTERS}": FILTERS.replace("&", "&amp;"),
        "/en/kommuner/koege/": "municipality=koege",
        f"/en/steder/{venue.slug}/": f"venue={venue.slug}",
        "/en/indsatser/musik/": "focus_area=musik",
    }
    for path, query in pages.items():
        html = client.get(path).content.decode()
        assert f'href="webcal://testserver/en/arrangementer/feed.ics?{query}"' in html, path
        assert f'value="http://testserver/en/arrangementer/feed.ics?{query}"' in html, path
        assert f'href="/en/arrangementer/feed.rss?{query}"' in html, path


# The dates' ids and events' ids (up to 1,000: the next date of each event is chosen from
# them), the chosen dates (at most 50, with event, venue, municipality), their focus areas.
# One more query than when the up to 1,000 dates were read whole with their focus areas to
# choose 50 (events.feeds.next_dates). ETag and Last-Modified come from the cache's content
# version (events.conditional); the chosen slugs are checked against the cached choices
# (events.vocabulary).
RSS_QUERIES = 3
# Several filters on the events: their few events' ids first (events.filters) — one query
# more, the dates then read through the (event, start) index (docs/ceiling.md).
RSS_QUERIES_FILTERED = 4


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/arrangementer/feed.rss", RSS_QUERIES),
        (f"/arrangementer/feed.atom?{FILTERS}", RSS_QUERIES_FILTERED),
    ],
)
def test_feed_queries_are_constant(client, path, expected):
    def count():
        client.get(path)  # warm-up: the page furniture's cache (see test_query_counts)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.count(b"<link") + response.content.count(
            b"<entry"
        )

    for slug in ("roskilde", "koege"):
        event = EventFactory(venue=VenueFactory(municipality=municipality(slug)), is_free=True)
        OccurrenceFactory(event=event, start=local(10))
    small, rows_small = count()
    world()
    large, rows_large = count()
    assert rows_large > rows_small > 0
    assert (small, large) == (expected, expected)


def test_items_stop_at_the_limit(client, monkeypatch):
    from events import feeds

    for n in range(5):
        OccurrenceFactory(event=EventFactory(), start=local(10) + timedelta(hours=n))
    monkeypatch.setattr(feeds, "FEED_MAX_ITEMS", 3)
    monkeypatch.setattr(feeds.EventRssFeed, "items", _items_with_limit(feeds))
    _, items = rss_items(client.get("/arrangementer/feed.rss"))
    assert len(items) == 3


def _items_with_limit(feeds):
    def items(self, request):
        filterset = feeds.feed_filterset(request)
        return feeds.next_date_per_event(feeds.feed_occurrences(filterset), feeds.FEED_MAX_ITEMS)

    return items
