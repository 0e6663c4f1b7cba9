"""schema.org Event JSON-LD from pages shaped like the real ones venues publish."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from imports.items import SourceDate
from imports.jsonld import read_page

PAGES = Path(__file__).parent / "pages"
CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2027, 1, 15, 12, 0, tzinfo=CPH)


def no_network(url):
    raise AssertionError(f"{url} was fetched: a page with events of its own is no listing")


def read(name, url="https://kulturhuset.example/side/", **options):
    options.setdefault("fetch_page", no_network)
    return read_page((PAGES / name).read_bytes(), url, now=NOW, **options)


def test_events_calendar_single_event_page():
    result = read("events_calendar_single.html")
    assert result.problems == []
    (event,) = result.events
    assert event.uid == "https://kulturhuset.example/event/jazz-i-kulturhuset/"
    assert event.title == "Jazz i Kulturhuset – Kvartet & gæster"
    assert event.dates == [
        SourceDate(
            key="",
            start=dt.datetime(2027, 2, 12, 20, 0, tzinfo=CPH),
            end=dt.datetime(2027, 2, 12, 22, 30, tzinfo=CPH),
        )
    ]
    # The plugin writes the description's HTML escaped, with «\n» escaped twice.
    assert event.description == "Kom og hør kvartetten spille standards.\n\nBaren åbner kl. 19."
    assert event.url == "https://kulturhuset.example/event/jazz-i-kulturhuset/"
    assert event.image_url == "https://kulturhuset.example/wp-content/uploads/2026/11/jazz.jpg"
    assert (event.location_name, event.location_address) == (
        "Kulturhuset, Store Sal",
        "Vestergade 1, 4600 Køge",
    )
    assert event.organizer == "Køge Jazzklub"
    assert event.performer == ""  # the plugin's bare "Organization" is no name
    assert (event.is_free, event.price_min, event.price_max) == (
        False,
        Decimal(150),
        Decimal(150),
    )
    assert event.ticket_url == "https://kulturhuset.example/event/jazz-i-kulturhuset/"
    assert event.cancelled is False


def test_yoast_graph_with_references_and_an_all_day_festival():
    result = read("yoast_graph.html", url="https://fjordscenen.example/festival/sommerfestival/")
    assert result.problems == []
    (event,) = result.events  # the WebPage, WebSite, Organization … are no events
    assert event.uid == "https://fjordscenen.example/festival/sommerfestival/#event"
    assert event.dates == [
        SourceDate(key="", start=dt.date(2027, 6, 18), end=dt.date(2027, 6, 20), all_day=True)
    ]
    assert event.image_url == "https://fjordscenen.example/wp-content/uploads/festival.jpg"
    assert (event.location_name, event.location_address) == (
        "Fjordparken",
        "Strandvejen 12, 4000 Roskilde",
    )
    assert event.organizer == "Fjordscenen"
    assert event.categories == ["musik", "familie", "udendørs", "Ungekultur", "Festival"]
    assert event.is_free is True
    assert (event.price_min, event.price_max) == (None, None)
    assert event.description == (
        "Tre dage med musik, mad og leg ved fjorden.\n\nGratis adgang hele weekenden."
    )
    assert event.url == "https://fjordscenen.example/festival/sommerfestival/"


def test_ticketing_site_with_aggregate_offer_and_a_rescheduled_date():
    result = read("ticket_event.html", url="https://billetten.example/da/e/nordlys/")
    (event,) = result.events
    assert event.uid == "https://billetten.example/da/e/nordlys-orkester-koncertsalen-2027-03-27/"
    # No offset given: Copenhagen time. It ends after midnight, the night summer time begins.
    (date,) = event.dates
    assert date.start == dt.datetime(2027, 3, 27, 20, 0, tzinfo=CPH)
    assert date.start.utcoffset() == dt.timedelta(hours=1)
    assert date.end == dt.datetime(2027, 3, 28, 1, 0, tzinfo=CPH)
    # EventRescheduled: the startDate is the new date, and it takes place.
    assert date.cancelled is False
    assert event.cancelled is False
    assert (event.is_free, event.price_min, event.price_max) == (
        False,
        Decimal("195.00"),
        Decimal("395.00"),
    )
    assert event.ticket_url.endswith("/nordlys-orkester-koncertsalen-2027-03-27/checkout")
    # The first image is a data: URL, the second relative to the page.
    assert event.image_url == "https://billetten.example/media/events/nordlys-1200x630.jpg"
    assert event.performer == "Nordlys Orkester, Ida Holm"
    assert event.organizer == "Billetten ApS"
    assert (event.location_name, event.location_address) == (
        "Koncertsalen",
        "Stationsvej 3, 2730 Herlev",
    )
    assert event.categories == ["MusicEvent"]
    assert event.description == (
        "Nordlys Orkester spiller nye og gamle numre.\n"
        "Koncerten er flyttet fra januar; købte billetter gælder."
    )


def test_event_series_with_sub_events_is_one_event_with_its_dates():
    result = read("series.html", url="https://bibliotek.example/arrangementer/strikkecafe")
    (event,) = result.events
    assert event.uid == "https://bibliotek.example/arrangementer/strikkecafe#series"
    # 6 January has passed (now is 15 January); the other three keep keys of their own.
    assert [(d.key, d.start, d.cancelled) for d in event.dates] == [
        (
            "https://bibliotek.example/arrangementer/strikkecafe#2027-01-20",
            dt.datetime(2027, 1, 20, 14, 0, tzinfo=CPH),
            False,
        ),
        (
            "https://bibliotek.example/arrangementer/strikkecafe?dato=2027-02-03",
            dt.datetime(2027, 2, 3, 14, 0, tzinfo=CPH),
            True,
        ),
        ("2027-02-17T14:00:00+01:00", dt.datetime(2027, 2, 17, 14, 0, tzinfo=CPH), False),
    ]
    assert event.cancelled is False  # one date is cancelled, not the series
    assert event.is_free is True  # price 0
    assert event.description == "Tag dit strikketøj med.\n\nKaffe og te\nHjælp til mønstre"
    assert event.location_name == "Stationsbiblioteket"
    assert event.image_url == "https://bibliotek.example/billeder/strik.jpg"


def test_a_series_all_in_the_past_gives_nothing():
    later = NOW + dt.timedelta(days=60)
    page = (PAGES / "series.html").read_bytes()
    result = read_page(page, "https://bibliotek.example/", now=later, fetch_page=no_network)
    assert result.events == []
    assert result.problems == []
