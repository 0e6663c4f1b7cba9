"""The listing's compact filter bar: a "Filtrér (n)" button that opens the whole panel, the
chosen filters as chips that each remove one value, quick choices of a period and a focus
area, and a heading that says what it counts («2 arrangementer · 3 datoer»)."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import focus_area
from tests.listing_filters.support import (
    TOMORROW_EVENING,
    dated,
    event_count,
    listing,
    result_count,
    venue_in,
)

pytestmark = pytest.mark.django_db


def chips(response):
    """The chosen-filter chips: (label, link) pairs."""
    html = response.content.decode()
    found = re.findall(
        r'<a class="chip chip--remove" href="([^"]+)"><span class="visually-hidden">Fjern filter: '
        r"</span>([^<]+?) <span",
        html,
    )
    return [(unescape(label), unescape(href)) for href, label in found]


def query_of(href):
    return parse_qs(urlsplit(href).query)


def filter_panel(response):
    return re.search(r"<details class=\"filters\"[^>]*>", response.content.decode()).group(0)


def test_each_chosen_value_is_a_chip_that_removes_only_that_value(client):
    response = listing(client, "municipality=koege&municipality=roskilde&focus_area=musik&free=on")

    found = dict(chips(response))
    assert set(found) == {"Køge", "Roskilde", "Musik", "Gratis"}
    assert query_of(found["Køge"]) == {
        "municipality": ["roskilde"],
        "focus_area": ["musik"],
        "free": ["on"],
    }
    assert query_of(found["Musik"]) == {"municipality": ["koege", "roskilde"], "free": ["on"]}
    assert all(href.startswith("/arrangementer/?") for href in found.values())


def test_following_a_chip_drops_that_filter(client):
    dated("I Køge", venue=venue_in("koege"))
    dated("I Herlev", venue=venue_in("herlev"))
    ((label, href),) = chips(listing(client, "municipality=koege"))
    assert label == "Køge"
    response = client.get(href)
    assert response.status_code == 200
    assert result_count(response) == 2
    assert chips(response) == []


def test_a_search_a_period_and_dates_are_chips_too(client):
    response = listing(client, "q=jazz&period=weekend&date_to=2026-04-01&page=1")
    labels = [label for label, _href in chips(response)]
    assert labels == ["«jazz»", "Denne weekend", "Til 1. april"]
    assert all("page=" not in href for _label, href in chips(response))


def test_the_filter_button_counts_the_chips_and_stays_closed_with_filters_chosen(client):
    response = listing(client, "municipality=koege&municipality=roskilde&focus_area=musik")
    html = response.content.decode()
    assert re.search(r"Filtrér <span class=\"filters__count\">\(3\)</span>", html)
    # A phone shows the results first: choosing a filter does not open the whole panel.
    assert " open" not in filter_panel(response)


def test_the_filter_panel_is_open_after_a_filter_error(client):
    response = listing(client, "date_from=2026-99-01")
    assert response.status_code == 400
    assert "open" in filter_panel(response)


def test_the_heading_and_title_count_events_and_dates(client):
    from tests.factories import OccurrenceFactory

    event = dated("Tre gange", start=TOMORROW_EVENING)
    for n in (1, 2):
        OccurrenceFactory(event=event, start=TOMORROW_EVENING + timedelta(days=n))
    dated("En gang")

    response = listing(client)
    html = response.content.decode()

    assert (event_count(response), result_count(response)) == (2, 4)
    assert "2 arrangementer · 4 datoer" in html
    assert re.search(r"<title>Arrangementer \(2 arrangementer · 4 datoer\)", html)


def test_one_event_with_one_date_is_counted_in_the_singular(client):
    dated("Alene")
    assert "1 arrangement · 1 dato" in listing(client).content.decode()


def test_a_capped_count_keeps_the_more_than_form(client, monkeypatch):
    from events.views.public import OccurrenceListView

    monkeypatch.setattr(OccurrenceListView, "count_cap", 2)
    for n in range(3):
        dated(f"Koncert {n}", start=TOMORROW_EVENING + timedelta(days=n))
    html = listing(client).content.decode()
    assert "Mere end 2 datoer" in html
    assert "<title>Arrangementer (Mere end 2 datoer)" in html


def test_focus_area_quick_choices_add_and_remove_a_focus_area(client):
    response = listing(client, "municipality=roskilde&period=weekend")
    links = {link["label"]: link for link in response.context["focus_area_links"]}
    assert query_of(links["Musik"]["url"]) == {
        "municipality": ["roskilde"],
        "period": ["weekend"],
        "focus_area": ["musik"],
    }
    assert not links["Musik"]["current"]

    chosen = listing(client, "municipality=roskilde&focus_area=musik")
    links = {link["label"]: link for link in chosen.context["focus_area_links"]}
    assert links["Musik"]["current"]
    assert query_of(links["Musik"]["url"]) == {"municipality": ["roskilde"]}
    assert 'class="chip chip--musik" href="?municipality=roskilde" aria-current="true"' in (
        chosen.content.decode()
    )
    assert focus_area("musik").name == "Musik"
