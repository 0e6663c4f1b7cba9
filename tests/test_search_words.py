"""Search beyond matching: folding on both sides, words that become filters (with chips and
the way back to plain text), «Mente du …?» and a wider search when nothing is found, and the
suggestions endpoint behind the search box."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from events.search.fold import fold
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db


def dated(title, venue=None, days=1, **fields):
    """A published event with one date ``days`` ahead, at ``venue`` (a new one if None)."""
    event = EventFactory(title=title, **({"venue": venue} if venue else {}), **fields)
    OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=days))
    return event


def results(response):
    html = response.content.decode().split('id="results-heading"', 1)[1]
    html = html.split('<div class="empty">', 1)[0]
    return [unescape(t) for t in re.findall(r'href="/arrangementer/[\w-]+/">([^<]+)<', html)]


@pytest.fixture
def places():
    return {
        "koege": VenueFactory(
            name="Kulturværftet", city="Køge", municipality=municipality("koege")
        ),
        "roskilde": VenueFactory(
            name="Musicon", city="Roskilde", municipality=municipality("roskilde")
        ),
    }


# -- folding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Køge", "koge"),
        ("KOEGE", "koge"),
        ("Fællessang", "fallessang"),
        ("faellessang", "fallessang"),
        ("Åbenrå", "abenra"),
        ("Aabenraa", "abenra"),
        ("Göteborg Mälar", "goteborg malar"),
        ("Café crème", "cafe creme"),
        ("Cafe\u0301", "cafe"),  # the accent as a combining mark (NFD)
    ],
)
def test_fold_gives_one_spelling(typed, folded):
    assert fold(typed) == folded
    assert fold(fold(typed)) == folded


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL function is PostgreSQL's")
def test_sql_search_fold_equals_the_python_fold():
    samples = [
        "Køge Å Æble Øl",
        "Café crème brûlée",
        "Göteborg Mälar Ünter",
        "KOEGE Aarhus",
        "Straße",
    ]
    with connection.cursor() as cursor:
        for text in samples:
            cursor.execute("SELECT search_fold(%s)", [text])
            assert cursor.fetchone()[0] == fold(text), text


def test_stored_search_text_is_folded(places):
    event = dated("Fællessang på Værftet", places["koege"])
    assert "fallessang" in event.search_text
    assert event.search_names.startswith("fallessang pa varftet")


def test_stop_words_only_find_everything(client, places):
    dated("Jazz på havnen", places["koege"])
    dated("Foredrag", places["roskilde"])
    response = client.get("/arrangementer/", {"q": "og"})
    assert sorted(results(response)) == ["Foredrag", "Jazz på havnen"]


# -- words that name a filter -------------------------------------------------------------


def test_filter_words_become_filters_with_chips_and_a_plain_text_link(client, places):
    dated("Rockkoncert", places["roskilde"], days=1)
    dated("Rockkoncert i Køge", places["koege"], days=1)
    response = client.get("/arrangementer/", {"q": "rock roskilde"})
    assert results(response) == ["Rockkoncert"]
    html = unescape(response.content.decode())
    assert re.search(r'class="filter-words">Viser: <span[^>]*>Roskilde</span>', html)
    # A removable chip for the municipality, whose link keeps the text.
    chips = re.findall(r'<a class="chip chip--remove" href="([^"]+)">(.*?)</a>', html, re.S)
    roskilde = [url for url, label in chips if "Roskilde" in label]
    assert len(roskilde) == 1
    assert "municipality" not in roskilde[0] and "q=rock" in roskilde[0]
    literal = re.search(r'href="([^"]*literal=1[^"]*)">Søg i stedet efter «rock roskilde»', html)
    assert literal, "a link searches the words as text"
    as_text = client.get(literal.group(1))
    assert results(as_text) == ["Rockkoncert"]  # «roskilde» found as its city, in the text
    assert "q=rock+roskilde" in literal.group(1)
    # The words are no filters there; the note says so and leads back to them as filters.
    as_text_html = unescape(as_text.content.decode())
    assert "Viser:" not in as_text_html
    assert re.search(
        r'class="filter-words">Søger efter «rock roskilde» som tekst\. '
        r'<a href="/arrangementer/\?q=rock\+roskilde">Brug ordene som filtre: <span>Roskilde<',
        as_text_html,
    )


def test_period_and_free_words(client, places):
    dated("Gratis koncert i morgen", places["koege"], days=1, is_free=True)
    dated("Betalt koncert i morgen", places["koege"], days=1, is_free=False)
    dated("Gratis koncert om en uge", places["koege"], days=9, is_free=True)
    response = client.get("/arrangementer/", {"q": "koncert gratis i morgen"})
    assert results(response) == ["Gratis koncert i morgen"]
    assert "Viser: <span" in response.content.decode()


def test_a_filter_already_chosen_keeps_its_value(client, places):
    dated("Koncert i Roskilde", places["roskilde"])
    dated("Koncert i Køge", places["koege"])
    venue = places["koege"]
    response = client.get("/arrangementer/", {"q": "koncert musicon", "venue": venue.slug})
    # «musicon» stays text (a venue is chosen): no event at Kulturværftet is named so.
    assert results(response) == []


# -- never a dead end -------------------------------------------------------------------


def test_no_results_offer_close_titles_and_venues(client, places):
    dated("Trommeværksted", places["koege"])
    response = client.get("/arrangementer/", {"q": "trommeværkstd bagefter"})
    html = unescape(response.content.decode())
    assert results(response) == []
    assert "Mente du …?" in html
    assert re.search(
        r'<ul class="did-you-mean"[^>]*>\s*<li><a href="/arrangementer/[\w-]+/">Trommeværksted<',
        html,
    )


def did_you_mean(response):
    html = unescape(response.content.decode())
    offered = re.search(r'<ul class="did-you-mean"[^>]*>(.*?)</ul>', html, re.S)
    return (
        re.findall(r'href="/arrangementer/[\w-]+/">([^<]+)<', offered.group(1)) if offered else []
    )


def test_the_closest_titles_come_near_the_whole_query_not_one_word(client, places):
    """«trommeværkstd koncert»: no event has both; the misspelt word is what was meant,
    not every concert (which «koncert» alone would offer)."""
    dated("Trommeværksted", places["koege"])
    dated("Koncert på torvet", places["koege"])
    response = client.get("/arrangementer/", {"q": "trommeværkstd koncert"})
    assert results(response) == []
    assert did_you_mean(response) == ["Trommeværksted"]


def test_the_closest_titles_keep_to_the_chosen_filters(client, places):
    dated("Trommeværksted i Køge", places["koege"])
    dated("Trommeværksted på Musicon", places["roskilde"])
    response = client.get(
        "/arrangementer/", {"q": "trommeværkstd bagefter", "municipality": "roskilde"}
    )
    assert results(response) == []
    assert did_you_mean(response) == ["Trommeværksted på Musicon"]


def test_no_results_offer_the_search_without_its_narrowest_filter(client, places):
    dated("Jazzaften", places["koege"])
    venue = places["roskilde"]
    response = client.get(
        "/arrangementer/", {"q": "jazz", "venue": venue.slug, "municipality": "roskilde"}
    )
    assert results(response) == []
    html = unescape(response.content.decode())
    link = re.search(r'<a href="([^"]+)">Samme søgning uden «Musicon»</a>', html)
    assert link, "the narrowest filter (the venue) is offered to drop"
    assert "venue" not in link.group(1) and "q=jazz" in link.group(1)


# -- suggestions ------------------------------------------------------------------------


def test_suggestions_for_what_is_typed(client, places):
    dated("Jazzkoncert på havnen", places["koege"])
    dated("Fællessang", places["koege"])
    response = client.get("/arrangementer/forslag.json", {"q": "jaz"})
    assert response.status_code == 200
    assert "max-age=300" in response["Cache-Control"]
    data = response.json()
    assert [row["label"] for row in data["events"]] == ["Jazzkoncert på havnen"]
    assert data["events"][0]["url"].startswith("/arrangementer/")
    assert data["kinds"]["venues"] == "Sted"
    places_data = client.get("/arrangementer/forslag.json", {"q": "ro"}).json()
    assert [row["label"] for row in places_data["municipalities"]] == ["Roskilde", "Rødovre"]
    assert places_data["municipalities"][0]["url"] == "/arrangementer/?municipality=roskilde"


def test_suggestions_fold_what_is_typed(client, places):
    dated("Fællessang", places["koege"])
    data = client.get("/arrangementer/forslag.json", {"q": "faelles"}).json()
    assert [row["label"] for row in data["events"]] == ["Fællessang"]
    assert [row["label"] for row in data["venues"]] == []


def test_suggestions_match_every_word_typed_so_far(client, places):
    dated("Jazzkoncert på havnen", places["koege"])
    dated("Jazz i kirken", places["koege"])
    dated("Kirkekoncert", places["koege"])
    data = client.get("/arrangementer/forslag.json", {"q": "jazz kir"}).json()
    assert [row["label"] for row in data["events"]] == ["Jazz i kirken"]
    assert client.get("/arrangementer/forslag.json", {"q": "jazz zz"}).json()["events"] == []


def test_suggestions_read_a_misspelt_word_as_its_correction(client, places):
    dated("Koncert på torvet", places["koege"])
    dated("Fællessang", places["koege"])
    data = client.get("/arrangementer/forslag.json", {"q": "kocert"}).json()
    assert [row["label"] for row in data["events"]] == ["Koncert på torvet"]


def test_suggested_places_match_every_word_and_typos(client, places):
    VenueFactory(name="Roskilde Domkirke", municipality=municipality("roskilde"))
    VenueFactory(name="Roskilde Kongrescenter", municipality=municipality("roskilde"))
    data = client.get("/arrangementer/forslag.json", {"q": "roskilde dom"}).json()
    assert [row["label"] for row in data["venues"]] == ["Roskilde Domkirke"]
    data = client.get("/arrangementer/forslag.json", {"q": "domkrke"}).json()
    assert [row["label"] for row in data["venues"]] == ["Roskilde Domkirke"]


@pytest.mark.parametrize("typed", ["", "a", "   ", "%_", "x" * 500])
def test_suggestions_for_little_or_odd_input_are_empty_or_small(client, typed):
    response = client.get("/arrangementer/forslag.json", {"q": typed})
    assert response.status_code == 200
    assert set(response.json()) >= {"events", "venues", "municipalities"}


def test_search_box_is_marked_for_suggestions_and_loads_its_script(client):
    html = client.get("/arrangementer/").content.decode()
    assert re.search(r'<input type="search" name="q"[^>]*data-suggest', html)
    assert re.search(r'<script src="/static/js/search-suggest[^"]*\.js" defer>', html)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_search_table_follows_its_event(places):
    from events.models import EventSearch

    event = dated("Fællessang", places["koege"])
    row = EventSearch.objects.get(event_id=event.pk)
    assert row.search_names == event.search_names
    assert "'fallessang':1A" in str(row.search_vector)
    event.title = "Morgensang"
    event.save()
    assert EventSearch.objects.get(event_id=event.pk).search_names.startswith("morgensang")
    places["koege"].name = "Havnehuset"
    places["koege"].save()
    assert "havnehuset" in EventSearch.objects.get(event_id=event.pk).search_names
    event.delete()
    assert not EventSearch.objects.filter(event_id=event.pk).exists()


def test_a_period_word_is_the_chosen_period_chip(client, places):
    """«weekend» in the query is the period: its chip is the current one, not «Alle datoer»."""
    dated("Weekendkoncert", places["koege"], days=1)
    html = client.get("/arrangementer/", {"q": "koncert weekend"}).content.decode()
    period_chips = html[html.index('aria-label="Periode"') :]
    period_chips = period_chips[: period_chips.index("</ul>")]
    current = re.findall(
        r'<a class="chip" href="[^"]*" aria-current="true">([^<]+)</a>', period_chips
    )
    assert current == ["Denne weekend"]
    assert re.search(r'<option value="weekend" selected>', html)
