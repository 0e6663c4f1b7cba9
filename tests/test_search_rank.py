"""The relevance order's tiers, as the listing shows them (events.search.matching.rank_sql):
the exact phrase in a name, then in the text, every word at a word's start, every stem,
every word inside a name's word; the later date first by date, the better match first by
relevance. On both engines."""

import pytest

from tests.factories import VenueFactory, municipality
from tests.test_search import dated, search, titles

pytestmark = pytest.mark.django_db

#: One event per tier, best last: the date order is the reverse of the relevance order.
TIERS = [
    # 1: both words only inside other words (found by the title's word parts)
    ("Jazzkoncerter og sensommer", ""),
    ("Aften med musik", "En koncert om sommer."),  # 2: their stems (koncert, sommer)
    ("Aftenmusik", "Koncerter hele sommeren."),  # 3: each word at a word's start
    ("Musik i haven", "Vi spiller sommer koncerter."),  # 4: the phrase in the text
    ("Sommer koncerter", ""),  # 5: the phrase in the title
]


@pytest.fixture
def tiers():
    venue = VenueFactory(name="Musicon", city="Roskilde", municipality=municipality("roskilde"))
    for days, (title, description) in enumerate(TIERS, 1):
        dated(title, days=days, description=description, venue=venue)


def test_the_best_match_comes_first_tier_by_tier(client, tiers):
    by_date = [title for title, _text in TIERS]
    assert titles(search(client, "sommer koncerter", sort="date")) == by_date
    assert titles(search(client, "sommer koncerter")) == by_date[::-1]


def test_within_a_tier_the_earlier_date_comes_first(client, tiers):
    dated("Sommer koncerter i parken", days=9)  # the phrase in a title too, but later
    shown = titles(search(client, "sommer koncerter"))
    assert shown[:2] == ["Sommer koncerter", "Sommer koncerter i parken"]
