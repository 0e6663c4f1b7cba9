"""A listing page: its same-site links are followed one level, within a page limit."""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from imports.errors import SourceError
from imports.fetch import fetch
from imports.jsonld import read_page

PAGES = Path(__file__).parent / "pages"
NOW = dt.datetime(2027, 1, 15, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
pytestmark = pytest.mark.usefixtures("allow_loopback")


@pytest.fixture
def venue_site(web_server):
    """The venue's site on the local server: a programme page linking three event pages,
    one page that is gone, a PDF, a page of another site and the front page."""
    web_server.route("/program/", (PAGES / "listing.html").read_bytes())
    web_server.route("/program/jazz/", (PAGES / "events_calendar_single.html").read_bytes())
    web_server.route("/program/festival/", (PAGES / "yoast_graph.html").read_bytes())
    web_server.route("/program/nordlys/", (PAGES / "ticket_event.html").read_bytes())
    web_server.route("/", "<!DOCTYPE html><title>Forside</title><h1>Kulturhuset</h1>")
    return web_server


class Recorder:
    """``fetch_page`` through the real fetcher, remembering what was asked for."""

    def __init__(self):
        self.urls = []

    def __call__(self, url):
        self.urls.append(url)
        return fetch(url, kind="page")


def test_listing_page_links_are_followed_one_level_within_the_site(venue_site):
    fetched = fetch(venue_site.url("/program/"), kind="page")
    recorder = Recorder()
    result = read_page(fetched.body, fetched.url, fetch_page=recorder, now=NOW)

    assert sorted(event.title for event in result.events) == [
        "Jazz i Kulturhuset – Kvartet & gæster",
        "Nordlys Orkester",
        "Sommerfestival i Fjordparken",
    ]
    # The pages below the listing first, each once (the #billetter link is the same page);
    # not the listing itself, not the PDF, not the other site.
    assert recorder.urls == [
        venue_site.url("/program/jazz/"),
        venue_site.url("/program/festival/"),
        venue_site.url("/program/nordlys/"),
        venue_site.url("/program/forsvundet/"),
        venue_site.url("/"),
    ]
    assert result.problems == [
        f"Siden {venue_site.url('/program/forsvundet/')} kunne ikke læses: Adressen "
        f"{venue_site.url('/program/forsvundet/')} findes ikke (længere) (HTTP 404)."
    ]
    # The event pages link back to the programme: not followed again (one level).
    assert venue_site.paths_requested().count("/program/") == 1


def test_item_list_links_are_followed_up_to_the_page_limit(web_server):
    item_list = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "url": "/e/jazz/"},
            {"@type": "ListItem", "position": 2, "item": {"@id": "/e/festival/"}},
            {"@type": "ListItem", "position": 3, "item": "/e/nordlys/"},
        ],
    }
    web_server.route(
        "/program", f'<script type="application/ld+json">{json.dumps(item_list)}</script>'
    )
    web_server.route("/e/jazz/", (PAGES / "events_calendar_single.html").read_bytes())
    web_server.route("/e/festival/", (PAGES / "yoast_graph.html").read_bytes())
    web_server.route("/e/nordlys/", (PAGES / "ticket_event.html").read_bytes())
    fetched = fetch(web_server.url("/program"), kind="page")

    result = read_page(fetched.body, fetched.url, now=NOW)  # the default fetch_page
    assert len(result.events) == 3
    assert result.problems == []

    limited = read_page(fetched.body, fetched.url, now=NOW, page_limit=2)
    assert [event.title for event in limited.events] == [
        "Jazz i Kulturhuset – Kvartet & gæster",
        "Sommerfestival i Fjordparken",
    ]


def test_only_the_same_scheme_and_host_are_followed():
    page = b"""<a href="https://kulturhuset.example/a/">same host, other scheme</a>
    <a href="http://kulturhuset.example:8080/b/">other port</a>
    <a href="http://cdn.kulturhuset.example/c/">other host</a>
    <a href="mailto:info@kulturhuset.example">mail</a>
    <a href="javascript:void(0)">js</a>
    <a href="/d/">same site</a>"""
    asked = []

    def fetch_page(url):
        asked.append(url)
        raise SourceError("Ikke her.")

    with pytest.raises(SourceError):
        read_page(page, "http://kulturhuset.example/program/", fetch_page=fetch_page, now=NOW)
    assert asked == ["http://kulturhuset.example/d/"]


def test_a_listing_whose_linked_pages_all_fail_fails_without_events(web_server):
    page = b'<a href="/a/">A</a> <a href="/b/">B</a>'
    with pytest.raises(SourceError) as error:
        read_page(page, web_server.url("/program/"), now=NOW)
    assert str(error.value).startswith(
        f"Siden {web_server.url('/program/')} linker til 2 sider, men ingen af dem kunne læses. "
        f"Siden {web_server.url('/a/')} kunne ikke læses: Adressen"
    )


def test_a_page_without_any_event_fails_rather_than_reading_as_empty():
    with pytest.raises(SourceError, match=r"indeholder ingen arrangementer i schema\.org-format"):
        read_page(b"<html><h1>Velkommen</h1></html>", "https://kulturhuset.example/", now=NOW)


def test_a_page_that_is_not_html_fails():
    with pytest.raises(SourceError, match="kunne ikke læses som HTML"):
        read_page(b"", "https://kulturhuset.example/", now=NOW)


def test_following_links_stops_when_the_listing_budget_is_spent(venue_site, settings):
    settings.IMPORTS_LISTING_SECONDS = 0  # spent after the first page
    fetched = fetch(venue_site.url("/program/"), kind="page")
    recorder = Recorder()
    result = read_page(fetched.body, fetched.url, fetch_page=recorder, now=NOW)
    assert recorder.urls == [venue_site.url("/program/jazz/")]
    assert [event.title for event in result.events] == ["Jazz i Kulturhuset – Kvartet & gæster"]
    assert result.problems == [
        f"4 af siderne, som {fetched.url} linker til, blev ikke læst: "
        "at læse dem alle tog mere end 0 sekunder."
    ]
