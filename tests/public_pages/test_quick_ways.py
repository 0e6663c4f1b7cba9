"""Quick ways into the listing: the date chips, the focus areas near the top of the front
page, «Musik i Roskilde» links between a municipality and a focus area, and the strip of the
next 14 days whose counts are those of the listing each day opens — in Copenhagen days, right
across midnight and both daylight-saving switches."""

import re
from datetime import datetime
from html import unescape
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import Event
from events.quickways import day_strip
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality
from tests.public_pages.support import text

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")


def cph(*args):
    """A Copenhagen wall-clock time as a UTC instant, like ``timezone.now()`` gives."""
    return datetime(*args, tzinfo=CPH).astimezone(UTC)


def links(html, css_class):
    """``(text, href)`` of the links with ``css_class``, text without tags, spaces folded."""
    found = []
    for href, inner in re.findall(
        rf'<a class="[^"]*\b{css_class}\b[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S
    ):
        words = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        found.append((unescape(words), unescape(href)))
    return found


def query(href):
    parts = urlsplit(href)
    return parts.path, sorted(parse_qsl(parts.query))


def section(html, start_marker, end_marker):
    start = html.index(start_marker)
    return html[start : html.index(end_marker, start)]


# -- date chips ----------------------------------------------------------------------------

NOW = cph(2026, 6, 10, 14)  # a Wednesday afternoon


def chip_targets(html):
    chips = section(html, '<nav class="quick-dates"', "</nav>")
    return [(label, query(href)) for label, href in links(chips, "chip")]


def test_front_page_date_chips_open_the_listing_for_today_tomorrow_weekend_and_week(client):
    with time_machine.travel(NOW, tick=False):
        html = text(client.get("/"))

    assert chip_targets(html) == [
        ("I dag", ("/arrangementer/", [("period", "today")])),
        (
            "I morgen",
            ("/arrangementer/", [("date_from", "2026-06-11"), ("date_to", "2026-06-11")]),
        ),
        ("Denne weekend", ("/arrangementer/", [("period", "weekend")])),
        ("Næste 7 dage", ("/arrangementer/", [("date_to", "2026-06-16")])),
    ]


@pytest.mark.parametrize(
    ("path", "scope"),
    [
        ("/kommuner/roskilde/", ("municipality", "roskilde")),
        ("/indsatser/musik/", ("focus_area", "musik")),
    ],
)
def test_place_and_focus_area_date_chips_are_scoped_to_the_page(client, path, scope):
    with time_machine.travel(NOW, tick=False):
        html = text(client.get(path))

    targets = chip_targets(html)
    assert [label for label, _ in targets] == ["I dag", "I morgen", "Denne weekend", "Næste 7 dage"]
    assert all(scope in params for _, (_, params) in targets)
    assert ("period", "weekend") in targets[2][1][1]


def test_venue_date_chips_are_scoped_to_the_venue(client):
    venue = VenueFactory(name="Musikhuset")
    html = text(client.get(venue.get_absolute_url()))
    targets = chip_targets(html)
    assert len(targets) == 4
    for _, (path, params) in targets:
        assert path == "/arrangementer/"
        assert ("venue", venue.slug) in params


def test_the_scoped_listing_shows_what_the_chip_promises(client):
    """«Denne weekend» on Roskilde's page: Roskilde's weekend concert, not Køge's."""
    roskilde = OccurrenceFactory(
        event__title="Weekend i Roskilde",
        event__venue=VenueFactory(municipality=municipality("roskilde")),
        start=cph(2026, 6, 13, 20),
    )
    OccurrenceFactory(event__title="Weekend i Køge", start=cph(2026, 6, 13, 20))
    with time_machine.travel(NOW, tick=False):
        html = text(client.get("/kommuner/roskilde/"))
        weekend = dict(links(section(html, '<nav class="quick-dates"', "</nav>"), "chip"))
        listing = text(client.get(weekend["Denne weekend"]))

    assert roskilde.event.title in listing
    assert "Weekend i Køge" not in listing


# -- the front page: quick ways first ------------------------------------------------------


def test_front_page_shows_quick_ways_before_the_event_lists(client):
    OccurrenceFactory(event=EventFactory(title="Fremhævet koncert", is_featured=True))
    OccurrenceFactory(event__title="Almindelig koncert")
    html = text(client.get("/"))

    order = [
        html.index('class="quick-dates"'),
        html.index('id="focus-heading"'),
        html.index('id="municipalities-heading"'),
        html.index('class="day-strip"'),
        html.index('id="featured-heading"'),
        html.index('id="upcoming-heading"'),
    ]
    assert order == sorted(order)
    areas = section(html, 'class="focus-tiles"', "</ul>")
    assert 'href="/indsatser/musik/"' in areas
    assert 'href="/indsatser/kultur-og-sundhed/"' in areas


# -- municipality × focus area -------------------------------------------------------------


def test_municipality_page_links_each_focus_area_in_the_municipality(client):
    html = text(client.get("/kommuner/roskilde/"))
    found = links(section(html, '<nav class="quick-areas"', "</nav>"), "chip")

    assert [(label, query(href)) for label, href in found] == [
        (
            f"{area} i Roskilde",
            ("/arrangementer/", [("focus_area", slug), ("municipality", "roskilde")]),
        )
        for slug, area in [
            ("musik", "Musik"),
            ("ungekultur", "Ungekultur"),
            ("kultur-og-sundhed", "Kultur og sundhed"),
        ]
    ]


def test_focus_area_page_links_the_focus_area_in_each_of_the_nine_municipalities(client):
    html = text(client.get("/indsatser/musik/"))
    found = links(section(html, '<nav class="quick-areas"', "</nav>"), "chip")

    assert len(found) == 9
    # The link's text (read by a screen reader) says the whole thing: «Musik i Køge».
    assert ("Musik i Køge", "/arrangementer/?municipality=koege&focus_area=musik") in found
    assert ("Musik i Rødovre", "/arrangementer/?municipality=roedovre&focus_area=musik") in found


def test_musik_i_roskilde_opens_the_listing_of_music_in_roskilde(client):
    roskilde = VenueFactory(municipality=municipality("roskilde"))
    OccurrenceFactory(event__title="Jazz i Roskilde", event__venue=roskilde)
    OccurrenceFactory(
        event__title="Værksted i Roskilde",
        event__venue=roskilde,
        event__focus_areas=[focus_area("ungekultur")],
    )
    OccurrenceFactory(event__title="Jazz i Køge")
    html = text(client.get("/indsatser/musik/"))
    href = dict(links(section(html, '<nav class="quick-areas"', "</nav>"), "chip"))[
        "Musik i Roskilde"
    ]
    listing = text(client.get(href))

    assert "Jazz i Roskilde" in listing
    assert "Værksted i Roskilde" not in listing
    assert "Jazz i Køge" not in listing


# -- the next 14 days ----------------------------------------------------------------------


def counts(strip):
    return {entry["day"].isoformat(): entry["count"] for entry in strip if entry["count"]}


def test_the_strip_counts_events_not_dates_on_each_of_the_next_14_days():
    series = EventFactory(title="To gange samme dag")
    OccurrenceFactory(event=series, start=cph(2026, 6, 11, 14))
    OccurrenceFactory(event=series, start=cph(2026, 6, 11, 20))
    OccurrenceFactory(start=cph(2026, 6, 11, 19))
    OccurrenceFactory(start=cph(2026, 6, 23, 19))  # the 14th day (10 June counted as the first)
    OccurrenceFactory(start=cph(2026, 6, 24, 19))  # the 15th: outside the strip
    OccurrenceFactory(start=cph(2026, 6, 12, 19), event__status=Event.Status.DRAFT)

    with time_machine.travel(NOW, tick=False):
        strip = day_strip()

    assert len(strip) == 14
    assert strip[0]["day"].isoformat() == "2026-06-10" and strip[0]["is_today"]
    assert counts(strip) == {"2026-06-11": 2, "2026-06-23": 1}


def test_today_counts_from_now_and_a_running_exhibition_counts_every_day():
    OccurrenceFactory(start=cph(2026, 6, 10, 9), end=cph(2026, 6, 10, 11))  # over this morning
    OccurrenceFactory(start=cph(2026, 6, 10, 19))
    OccurrenceFactory(start=cph(2026, 5, 1, 10), end=cph(2026, 6, 12, 17))  # closes on the 12th

    with time_machine.travel(NOW, tick=False):
        strip = day_strip()

    assert counts(strip) == {"2026-06-10": 2, "2026-06-11": 1, "2026-06-12": 1}


def test_a_date_at_midnight_belongs_to_the_day_it_begins():
    OccurrenceFactory(start=cph(2026, 6, 12, 0, 0), end=None)
    OccurrenceFactory(start=cph(2026, 6, 12, 23, 59), end=None)

    with time_machine.travel(NOW, tick=False):
        assert counts(day_strip()) == {"2026-06-12": 2}


def test_days_follow_copenhagen_midnight_when_summer_time_begins():
    # 29 March 2026 has 23 hours. 00:30 on the 30th is 22:30 UTC on the 29th: a day counted
    # in UTC would put it on the 29th.
    OccurrenceFactory(start=cph(2026, 3, 29, 23, 30), end=None)
    OccurrenceFactory(start=cph(2026, 3, 30, 0, 30), end=None)
    OccurrenceFactory(start=cph(2026, 3, 29, 0, 30), end=None)  # 23:30 UTC on the 28th

    with time_machine.travel(cph(2026, 3, 27, 12), tick=False):
        assert counts(day_strip()) == {"2026-03-29": 2, "2026-03-30": 1}


def test_days_follow_copenhagen_midnight_when_summer_time_ends():
    # 25 October 2026 has 25 hours: 23:30 that evening is still the 25th, 00:30 the 26th.
    OccurrenceFactory(start=cph(2026, 10, 25, 23, 30), end=None)
    OccurrenceFactory(start=cph(2026, 10, 26, 0, 30), end=None)
    OccurrenceFactory(start=cph(2026, 10, 25, 1, 30), end=None)  # 23:30 UTC on the 24th

    with time_machine.travel(cph(2026, 10, 23, 12), tick=False):
        assert counts(day_strip()) == {"2026-10-25": 2, "2026-10-26": 1}


def strip_links(html):
    """``(day link, count shown)`` of the day strip."""
    strip = section(html, '<ol class="day-strip__days">', "</ol>")
    return [
        (unescape(href), int(count))
        for href, count in re.findall(
            r'<a class="day-strip__day[^"]*" href="([^"]+)"'
            r'.*?<span aria-hidden="true">(\d+)</span>',
            strip,
            re.S,
        )
    ]


def listed_events(client, href):
    response = client.get(href)
    assert response.status_code == 200
    # The dated rows and, on the first page, the strip of exhibitions running since before.
    shown = [*response.context["occurrences"], *response.context["running"]]
    return {occurrence.event_id for occurrence in shown}


def test_each_day_opens_the_listing_of_that_day_with_as_many_events_as_it_says(client):
    """Across the switch to winter time, in one municipality: the count on each day is the
    number of events the day's listing shows, and only that municipality's."""
    roskilde = VenueFactory(municipality=municipality("roskilde"))
    for start, end in [
        (cph(2026, 10, 24, 20), cph(2026, 10, 24, 23)),
        (cph(2026, 10, 25, 0, 0), None),
        (cph(2026, 10, 25, 23, 30), cph(2026, 10, 26, 1)),  # over midnight: both days
        (cph(2026, 10, 26, 19), None),
        (cph(2026, 10, 1, 10), cph(2026, 10, 27, 17)),  # an exhibition closing on the 27th
    ]:
        OccurrenceFactory(event__venue=roskilde, start=start, end=end)
    OccurrenceFactory(start=cph(2026, 10, 24, 20))  # in Køge

    with time_machine.travel(cph(2026, 10, 24, 12), tick=False):
        html = text(client.get("/kommuner/roskilde/"))
        days = strip_links(html)
        shown = [(count, len(listed_events(client, href))) for href, count in days]

    assert len(days) == 14
    assert query(days[0][0]) == (
        "/arrangementer/",
        [("municipality", "roskilde"), ("period", "today")],
    )
    assert query(days[1][0]) == (
        "/arrangementer/",
        [("date_from", "2026-10-25"), ("date_to", "2026-10-25"), ("municipality", "roskilde")],
    )
    assert [count for count, _ in shown][:5] == [2, 3, 3, 1, 0]
    assert all(count == listed for count, listed in shown)


def test_day_strip_counts_are_scoped_to_the_venue_and_the_focus_area(client):
    venue = VenueFactory()
    OccurrenceFactory(event__venue=venue, start=cph(2026, 6, 11, 19))
    OccurrenceFactory(
        event__venue=venue,
        start=cph(2026, 6, 11, 20),
        event__focus_areas=[focus_area("ungekultur")],
    )
    OccurrenceFactory(start=cph(2026, 6, 11, 19), event__focus_areas=[focus_area("ungekultur")])

    with time_machine.travel(NOW, tick=False):
        at_venue = strip_links(text(client.get(venue.get_absolute_url())))
        youth = strip_links(text(client.get("/indsatser/ungekultur/")))

    assert at_venue[1][1] == 2 and ("venue", venue.slug) in query(at_venue[1][0])[1]
    assert youth[1][1] == 2 and ("focus_area", "ungekultur") in query(youth[1][0])[1]
