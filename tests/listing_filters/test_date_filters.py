"""The listing's date filters: from a day, to a day, a range, and the named periods (today,
the weekend, this week, this month) counted from the fixed moment."""

from datetime import datetime

import pytest

from tests.listing_filters.support import CPH, dated, listing, result_count, titles

pytestmark = pytest.mark.django_db


# -- the dates -----------------------------------------------------------------------------


def test_date_from_starts_the_listing_on_that_day(client):
    dated("Før", start=datetime(2026, 3, 24, 23, 30, tzinfo=CPH))
    dated("Samme dag", start=datetime(2026, 3, 25, 0, 15, tzinfo=CPH))
    dated("Senere", start=datetime(2026, 4, 2, 19, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-03-25")) == ["Samme dag", "Senere"]


def test_date_from_in_the_past_shows_what_was_on(client):
    dated("Sidste uge", start=datetime(2026, 3, 11, 19, tzinfo=CPH))
    dated("Forrige måned", start=datetime(2026, 2, 11, 19, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-03-10")) == ["Sidste uge"]


def test_date_to_ends_the_listing_after_that_day(client):
    dated("Sidst på dagen", start=datetime(2026, 3, 20, 23, 30, tzinfo=CPH))
    dated("Dagen efter", start=datetime(2026, 3, 21, 0, 15, tzinfo=CPH))
    assert titles(listing(client, "date_to=2026-03-20")) == ["Sidst på dagen"]


def test_date_from_and_date_to_give_a_range(client):
    dated("Inden", start=datetime(2026, 4, 30, 20, tzinfo=CPH))
    dated("Maj", start=datetime(2026, 5, 10, 20, tzinfo=CPH))
    dated("Efter", start=datetime(2026, 6, 1, 20, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-05-01&date_to=2026-05-31")) == ["Maj"]


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("today", ["I aften"]),
        ("weekend", ["Lørdag", "Søndag"]),
        ("week", ["I aften", "Lørdag", "Søndag"]),
        ("month", ["I aften", "Lørdag", "Søndag", "Mandag", "Sidst i marts"]),
    ],
)
def test_period_shows_the_dates_in_that_window(client, period, shown):
    dated("I morges", start=datetime(2026, 3, 18, 9, tzinfo=CPH))  # over before noon
    dated("I aften", start=datetime(2026, 3, 18, 20, tzinfo=CPH))
    dated("Lørdag", start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    dated("Søndag", start=datetime(2026, 3, 22, 23, tzinfo=CPH))
    dated("Mandag", start=datetime(2026, 3, 23, 10, tzinfo=CPH))
    dated("Sidst i marts", start=datetime(2026, 3, 31, 20, tzinfo=CPH))
    dated("April", start=datetime(2026, 4, 1, 10, tzinfo=CPH))

    response = listing(client, f"period={period}")

    assert response.status_code == 200
    assert titles(response) == shown
    assert result_count(response) == len(shown)
