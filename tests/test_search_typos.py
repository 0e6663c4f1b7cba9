"""Typos at the beginning of a compound word: «gospl koncert» finds «Gospelkoncert i kirken»,
while a word that only shares its first letters with a name finds nothing."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from events.search.matching import NameWords, SearchText
from events.search.prefixes import osa_distance, prefix_corrections
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory

KNOWN = NameWords(
    ["gospelkoncert", "gospelkor", "kirken", "koncert", "boligmesse", "jazz", "karensminde", "rock"]
)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("gospl", "gospel", 1),  # a letter missing
        ("gosppel", "gospel", 1),  # one too many
        ("gospek", "gospel", 1),  # a wrong letter
        ("gopsel", "gospel", 1),  # two swapped
        ("gospel", "gospel", 0),
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),  # the restricted distance: no edit of a swapped pair
    ],
)
def test_optimal_string_alignment_distance(a, b, distance):
    assert osa_distance(a, b, bound=5) == distance


def test_the_distance_stops_at_its_bound():
    assert osa_distance("koncert", "kirkegard", bound=1) == 2
    assert osa_distance("ab", "abcdef", bound=2) == 3


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("gospl", ["gospel"]),  # the beginning of gospelkoncert and gospelkor
        ("gopsel", ["gospel"]),
        ("gosple", ["gospel", "gospe"]),  # the last two letters swapped
        ("gospelkocrt", ["gospelkoncert"]),  # eleven letters: two edits
        ("kirkn", ["kirken"]),
        ("rokc", ["rock"]),  # four letters: two swapped
        ("rck", []),  # three letters: none
    ],
)
def test_a_typo_of_a_words_beginning_is_corrected_to_that_beginning(typed, corrected):
    assert prefix_corrections(typed, KNOWN) == corrected


@pytest.mark.parametrize(
    "typed",
    [
        "bold",  # shares «bol» with boligmesse: an edit at the cut is no typo
        "kage",  # four letters, one wrong: «kare» of karensminde is too far
        "gos",  # too short
        "gospelkxyzrt",  # three edits from gospelkoncert
        "kgospel",  # another first letter: not looked at
    ],
)
def test_words_that_only_share_their_first_letters_get_no_correction(typed):
    assert prefix_corrections(typed, KNOWN) == []


def test_beginnings_are_the_fallback_when_a_whole_word_is_close():
    # «kocert» is close to the whole word «koncert» (trigrams): no beginnings besides.
    assert SearchText("kocert gospl", known=KNOWN).alternatives == [
        ["kocert", "koncert"],
        ["gospl", "gospel"],
    ]


def _titles(response):
    html = response.content.decode().split('id="results-heading"', 1)[1]
    html = html.split('<div class="empty">', 1)[0]
    return [unescape(t) for t in re.findall(r'href="/arrangementer/[\w-]+/">([^<]+)<', html)]


@pytest.mark.django_db
def test_the_listing_finds_a_compound_by_a_typo_of_its_beginning(client):
    venue = VenueFactory(name="Sankt Olai", city="Helsingør")
    for title in ("Gospelkoncert i kirken", "Boligmesse", "Koncert på torvet"):
        event = EventFactory(title=title, venue=venue)
        OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=2))

    assert _titles(client.get("/arrangementer/", {"q": "gospl koncert"})) == [
        "Gospelkoncert i kirken"
    ]
    assert _titles(client.get("/arrangementer/", {"q": "bold"})) == []


@pytest.mark.django_db
def test_each_process_keeps_the_name_words_and_reads_only_their_token(cache_reads):
    """A search reads the shared words once per version: later searches read the token (a
    few bytes), not every word; a new version (the cache cleared, the hour over) is read."""
    from django.core.cache import cache

    from events.models import Event
    from events.search import matching

    EventFactory(title="Gospelkoncert")
    cache.clear()
    read = cache_reads
    first = matching.name_words(Event.objects.published())
    assert "gospelkoncert" in first.words
    read.clear()
    assert matching.name_words(Event.objects.published()) is first
    assert read == [matching.WORDS_TOKEN_KEY]

    EventFactory(title="Trommeværksted")
    cache.clear()
    assert "trommevarksted" in matching.name_words(Event.objects.published()).words  # folded
