"""Bad input to the listing's filters: a 400 with a message at the field, the valid filters
still applied beside an invalid one, and a page that does not exist a 404."""

import pytest

from tests.listing_filters.support import dated, error_summary, listing, titles, venue_in

pytestmark = pytest.mark.django_db


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("municipality=atlantis", "municipality"),
        ("municipality=koege&municipality=atlantis", "municipality"),
        ("focus_area=ballet", "focus_area"),
        ("venue=findes-ikke", "venue"),
        ("audience=katte", "audience"),
        ("accessibility=rulletrappe", "accessibility"),
        ("date_from=2026-13-45", "date_from"),
        ("date_to=i-morgen", "date_to"),
        ("date_from=2026-05-10&date_to=2026-05-01", "date_to"),
        ("date_from=0001-01-01", "date_from"),  # beyond time zone arithmetic
        ("date_to=9999-12-31", "date_to"),
        ("period=someday", "period"),
        ("q=" + "a" * 5000, "q"),
    ],
    ids=lambda value: value[:40],
)
def test_invalid_filter_values_give_400_with_a_message_at_the_field(client, query, field):
    response = listing(client, query)
    assert response.status_code == 400
    assert f'href="#id_{field}' in error_summary(response)


def test_an_unknown_municipality_is_named_in_the_message(client):
    response = client.get("/en/arrangementer/?municipality=atlantis")
    assert response.status_code == 400
    assert "atlantis" in error_summary(response)


def test_the_valid_filters_still_apply_beside_an_invalid_one(client):
    dated("I Køge", venue=venue_in("koege"))
    dated("I Herlev", venue=venue_in("herlev"))
    response = listing(client, "municipality=koege&period=someday")
    assert response.status_code == 400
    assert titles(response) == ["I Køge"]


@pytest.mark.parametrize("page", ["abc", "9999", "0", "-1"])
def test_a_page_that_does_not_exist_is_404_with_the_not_found_page(client, page):
    dated("En koncert")
    response = listing(client, f"municipality=koege&page={page}")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert response.content.decode().count("<h1") == 1
    assert "En koncert" not in titles(response)
