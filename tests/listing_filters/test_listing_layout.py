"""How the filtered listing is laid out: running exhibitions before the days, one heading per
day, twenty dates a page with the filters kept across pages, and the result count capped."""

import re
from datetime import datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import focus_area
from tests.listing_filters.support import (
    CPH,
    NOW,
    TOMORROW_EVENING,
    dated,
    listing,
    result_count,
    titles,
    venue_in,
)

pytestmark = pytest.mark.django_db


# -- day grouping --------------------------------------------------------------------------


def day_sections(response):
    html = response.content.decode()
    return re.split(r"<section[^>]*class=\"day\"", html)[1:]


def test_a_running_exhibition_is_shown_once_in_its_strip_before_the_days(client):
    dated(
        "Udstillingen",
        start=NOW - timedelta(days=10),
        end=NOW + timedelta(days=10),
        focus_areas=[focus_area("kultur-og-sundhed")],
    )
    dated("Torsdagskoncert", start=TOMORROW_EVENING)
    dated("Fredagskoncert", start=TOMORROW_EVENING + timedelta(days=1))

    response = listing(client)
    sections = day_sections(response)

    html = response.content.decode()
    assert titles(response) == ["Udstillingen", "Torsdagskoncert", "Fredagskoncert"]
    assert html.count(">Udstillingen<") == 1
    strip = html[html.index('class="running"') : html.index('class="day"')]
    assert "Udstillinger og forløb lige nu" in strip and ">Udstillingen<" in strip
    assert len(sections) == 2
    assert not any(">Udstillingen<" in s for s in sections)


def test_dates_are_grouped_under_one_heading_per_day(client):
    dated("Formiddag", start=datetime(2026, 3, 19, 10, tzinfo=CPH))
    dated("Aften", start=datetime(2026, 3, 19, 20, tzinfo=CPH))
    dated("Næste dag", start=datetime(2026, 3, 20, 20, tzinfo=CPH))

    sections = day_sections(listing(client))

    assert len(sections) == 2
    assert ">Formiddag<" in sections[0] and ">Aften<" in sections[0]
    assert ">Næste dag<" in sections[1]


# -- pagination ----------------------------------------------------------------------------


@pytest.fixture
def twenty_five_dates():
    venue = venue_in("koege")
    for n in range(25):
        dated(f"Dato {n + 1:02d}", start=TOMORROW_EVENING + timedelta(days=n), venue=venue)
    dated("I Herlev", venue=venue_in("herlev"))


def next_link(response):
    match = re.search(r'<a[^>]*rel="next"[^>]*href="([^"]+)"', response.content.decode())
    assert match, "a link to the next page is shown"
    return unescape(match.group(1))


def test_pagination_shows_twenty_dates_on_the_first_page(client, twenty_five_dates):
    response = listing(client, "municipality=koege")
    assert titles(response) == [f"Dato {n:02d}" for n in range(1, 21)]
    assert result_count(response) == 25


def test_pagination_shows_the_rest_on_the_second_page(client, twenty_five_dates):
    response = listing(client, "municipality=koege&page=2")
    assert response.status_code == 200
    assert titles(response) == [f"Dato {n:02d}" for n in range(21, 26)]
    assert result_count(response) == 25


def test_the_next_page_link_keeps_the_filters(client, twenty_five_dates):
    link = next_link(listing(client, "municipality=koege"))
    query = parse_qs(urlsplit(link).query)
    assert query["municipality"] == ["koege"]
    assert query["page"] == ["2"]


def test_following_the_next_page_link_keeps_the_filters(client, twenty_five_dates):
    link = next_link(listing(client, "municipality=koege"))
    response = client.get("/arrangementer/" + link)
    assert "I Herlev" not in titles(response)
    assert titles(response) == [f"Dato {n:02d}" for n in range(21, 26)]


def test_listing_pages_run_across_running_and_upcoming_dates(client):
    """Dates already running (begun today, not yet over) come first, then dates from now on;
    pages slice across both. (Week-long exhibitions begun before today have a strip of their
    own: test_running_strip.py.)"""
    from django.utils import timezone

    from tests.factories import OccurrenceFactory

    now = timezone.now()
    for n in range(3):
        OccurrenceFactory(
            event__title=f"Igangværende udstilling {n}",
            start=now - timedelta(minutes=10 + n),
            end=now + timedelta(hours=3),
        )
    for n in range(20):
        OccurrenceFactory(
            event__title=f"Kommende koncert {n:02d}", start=now + timedelta(days=n + 1)
        )
    first = client.get("/arrangementer/").context["occurrences"]
    second = client.get("/arrangementer/?page=2").context["occurrences"]
    titles = [o.event.title for o in first] + [o.event.title for o in second]
    assert len(first) == 20 and len(second) == 3
    assert titles[:3] == [f"Igangværende udstilling {n}" for n in (2, 1, 0)]
    assert titles[3:] == [f"Kommende koncert {n:02d}" for n in range(20)]


def test_result_count_stops_at_the_cap(client, monkeypatch):
    from django.utils import timezone

    from events.views.public import OccurrenceListView
    from tests.factories import OccurrenceFactory

    monkeypatch.setattr(OccurrenceListView, "count_cap", 5)
    now = timezone.now()
    for n in range(8):
        OccurrenceFactory(start=now + timedelta(days=n + 1))
    response = client.get("/en/arrangementer/")
    assert response.context["result_count"] == 5
    assert response.context["result_count_capped"] is True
    assert "More than 5 event dates" in response.content.decode()
    assert len(response.context["occurrences"]) == 5
