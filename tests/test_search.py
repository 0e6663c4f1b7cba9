"""Free-text search: Danish full-text search on PostgreSQL, folded substring search on SQLite.

The engine-neutral tests run on both; the stemming and ranking tests only where they apply.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Danish stemming and ranking need PostgreSQL full-text search",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite fallback without ranking"
)


def dated(title, days=1, **event_fields):
    """A published event with one date ``days`` from now."""
    event = EventFactory(title=title, **event_fields)
    OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=days))
    return event


def search(client, query, **params):
    response = client.get("/arrangementer/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    html = response.content.decode()
    return [
        unescape(t) for t in re.findall(r'href="(?:/en)?/arrangementer/[\w-]+/">([^<]+)<', html)
    ]


@pytest.fixture
def roskilde_venue():
    """A venue whose name and city share no word with Køge (the factory's default city)."""
    return VenueFactory(
        name="Musicon", city="Roskilde", postal_code="4000", municipality=municipality("roskilde")
    )


# -- what is searched ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "query"),
    [
        ("title", "Trommeværksted for alle", "trommeværksted"),
        ("teaser", "Kom til kagebord bagefter.", "kagebord"),
        ("description", "Et foredrag om Grundtvig.\n\nMed sang.", "grundtvig"),
        ("organizer", "Spillemandslauget", "spillemandslauget"),
    ],
    ids=["title", "teaser", "description", "organizer"],
)
def test_search_finds_a_word_in_each_text_field(client, roskilde_venue, field, text, query):
    fields = {"title": "Det rigtige arrangement", field: text}
    dated(venue=roskilde_venue, **fields)
    dated("Noget helt andet", venue=roskilde_venue)
    assert titles(search(client, query)) == [fields["title"]]


def test_search_finds_an_event_by_its_venues_name(client, roskilde_venue):
    dated("Aftenkoncert", venue=VenueFactory(name="Bragesalen", city="Roskilde"))
    dated("Morgenkoncert", venue=roskilde_venue)
    assert titles(search(client, "bragesalen")) == ["Aftenkoncert"]


def test_search_finds_an_event_by_its_venues_city(client, roskilde_venue):
    dated("Havnekoncert", venue=VenueFactory(name="Teaterbygningen", city="Køge"))
    dated("Domkirkekoncert", venue=roskilde_venue)
    assert titles(search(client, "køge")) == ["Havnekoncert"]


def test_search_ignores_case_of_danish_letters(client, roskilde_venue):
    dated("Havnefest", venue=VenueFactory(name="Teaterbygningen", city="Køge"))
    dated("Domkirkekoncert", venue=roskilde_venue)
    assert titles(search(client, "KØGE")) == ["Havnefest"]


@pytest.mark.parametrize("query", ["æblekage", "ÆBLEKAGE", "Æblekage"])
def test_search_finds_aeblekage_in_any_case(client, roskilde_venue, query):
    dated("Æblekagens dag", venue=roskilde_venue, description="Vi bager æblekage sammen.")
    dated("Pandekagens dag", venue=roskilde_venue, description="Vi bager pandekager sammen.")
    assert titles(search(client, query)) == ["Æblekagens dag"]


def test_every_word_of_a_multi_word_query_must_match(client, roskilde_venue):
    dated("Jazz på havnen", venue=roskilde_venue)
    dated("Jazz i kælderen", venue=roskilde_venue)
    dated("Fiskemarked på havnen", venue=roskilde_venue)
    assert titles(search(client, "jazz havnen")) == ["Jazz på havnen"]


def test_words_of_a_query_may_match_different_fields(client):
    venue = VenueFactory(name="Bragesalen", city="Roskilde")
    dated("Jazz om aftenen", venue=venue)
    dated("Jazz om morgenen", venue=VenueFactory(name="Musicon", city="Roskilde"))
    assert titles(search(client, "Jazz Bragesalen")) == ["Jazz om aftenen"]


def test_search_shows_only_published_events(client, roskilde_venue):
    dated("Offentlig orgelkoncert", venue=roskilde_venue)
    dated("Orgelkoncert i kladde", venue=roskilde_venue, status=Event.Status.DRAFT)
    dated("Indsendt orgelkoncert", venue=roskilde_venue, status=Event.Status.SUBMITTED)
    assert titles(search(client, "orgelkoncert")) == ["Offentlig orgelkoncert"]


def test_search_without_a_match_shows_no_events(client, roskilde_venue):
    dated("Jazz på havnen", venue=roskilde_venue)
    assert titles(search(client, "trombonekvartet")) == []


def test_a_query_of_only_spaces_is_no_search(client, roskilde_venue):
    dated("Jazz på havnen", venue=roskilde_venue)
    assert titles(search(client, "   ")) == ["Jazz på havnen"]


@pytest.mark.parametrize(
    "query", ['"jazz', "jazz & (havn", "-jazz", "jazz | ! :*", "'; DROP TABLE x; --", "100%_"]
)
def test_search_syntax_characters_are_taken_as_text_not_errors(client, roskilde_venue, query):
    dated("Jazz på havnen", venue=roskilde_venue)
    search(client, query)  # asserts a 200


def test_a_word_stem_finds_longer_words(client, roskilde_venue):
    dated("Koncert i domkirken", venue=roskilde_venue, days=1)
    dated("Koncerter for børn", venue=roskilde_venue, days=2)
    dated("Foredrag", venue=roskilde_venue, days=3)
    assert titles(search(client, "koncert")) == ["Koncert i domkirken", "Koncerter for børn"]


def test_event_queryset_search_finds_events_once(roskilde_venue):
    event = EventFactory(title="Jazz på havnen", venue=roskilde_venue)
    for days in (1, 2, 3):
        OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=days))
    EventFactory(title="Fiskemarked", venue=roskilde_venue)
    assert list(Event.objects.search("JAZZ")) == [event]


def test_occurrence_queryset_search_finds_every_date_of_a_match(roskilde_venue):
    event = EventFactory(title="Jazz på havnen", venue=roskilde_venue)
    for days in (1, 2):
        OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=days))
    OccurrenceFactory(event__title="Fiskemarked", event__venue=roskilde_venue)
    assert Occurrence.objects.search("jazz").count() == 2


# -- PostgreSQL: Danish stemming and ranking ----------------------------------------------


def test_plural_finds_the_singular(client, roskilde_venue):
    dated("Koncert i domkirken", venue=roskilde_venue)
    dated("Foredrag i domkirken", venue=roskilde_venue)
    assert titles(search(client, "koncerter")) == ["Koncert i domkirken"]


def test_definite_form_finds_the_bare_word(client, roskilde_venue):
    dated("Udstilling om havn og handel", venue=roskilde_venue)
    assert titles(search(client, "havnen")) == ["Udstilling om havn og handel"]


@pytest.fixture
def ranked_pair(roskilde_venue):
    """The weaker match comes first by date, so date order and rank order differ."""
    dated("Forårsaften", venue=roskilde_venue, days=1, description="Med orgel og kor.")
    dated("Orgel i domkirken", venue=roskilde_venue, days=2, description="Hør det store orgel.")


@postgres_only
def test_postgres_relevance_sort_puts_the_best_match_first(client, ranked_pair):
    assert titles(search(client, "orgel", sort="date")) == ["Forårsaften", "Orgel i domkirken"]
    ranked = search(client, "orgel")
    assert titles(ranked) == ["Orgel i domkirken", "Forårsaften"]


@postgres_only
def test_postgres_relevance_sort_keeps_the_query_in_the_page_links(client, roskilde_venue):
    for n in range(25):
        dated(f"Orgelkoncert {n:02d}", venue=roskilde_venue, days=n + 1)
    html = search(client, "orgelkoncert").content.decode()
    link = re.search(r'<a[^>]*rel="next"[^>]*href="([^"]+)"', html)
    assert link, "a link to the next page is shown"
    assert "q=orgelkoncert" in unescape(link.group(1))
    assert "sort=date" not in unescape(link.group(1))


# -- SQLite: substring search, no ranking -------------------------------------------------


@sqlite_only
def test_sqlite_relevance_sort_puts_a_title_match_first(client, ranked_pair):
    assert titles(search(client, "orgel", sort="date")) == ["Forårsaften", "Orgel i domkirken"]
    ranked = search(client, "orgel")
    assert titles(ranked) == ["Orgel i domkirken", "Forårsaften"]


@sqlite_only
def test_sqlite_search_matches_part_of_a_word(client, roskilde_venue):
    dated("Orgelkoncert", venue=roskilde_venue)
    dated("Klaverkoncert", venue=roskilde_venue)
    assert titles(search(client, "orgel")) == ["Orgelkoncert"]
