"""A time window that ends before it begins — «this weekend» with a «to» date before it, a
«to» date in the past, a period before a «from» date — holds no date: every list, feed and
the API answer it as an empty list, never a 500 (the range of the span index refused it).

The clock is fixed on Monday 30 November 2026, 10.00; «this weekend» is 5–6 December.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=CPH)

EMPTY_WINDOWS = [
    "period=weekend&date_to=2026-12-01",  # the weekend chip, then «to» tomorrow
    "date_to=2026-10-15",  # «to» in the past (a calendar feed keeps 30 days back)
    "date_from=2030-01-01&period=today",
    "period=week&date_from=2099-01-01",
    "period=month&date_from=2000-01-01&date_to=2001-01-01",
]
PAGES = [
    "/arrangementer/",
    "/en/arrangementer/",
    "/api/v1/occurrences/",
    "/arrangementer/feed.ics",
    "/arrangementer/feed.rss",
    "/arrangementer/feed.atom",
    "/embed/",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def exhibition():
    """Running from October to February: in every window that shares a moment with it."""
    return OccurrenceFactory(
        event=EventFactory(title="Vinterudstillingen", is_free=True),
        start=datetime(2026, 10, 1, 10, 0, tzinfo=CPH),
        end=datetime(2027, 2, 28, 17, 0, tzinfo=CPH),
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("window", EMPTY_WINDOWS)
@pytest.mark.parametrize("more", ["", "&q=udstilling", "&free=on&focus_area=musik"])
def test_a_window_ending_before_it_begins_is_an_empty_list(exhibition, page, window, more):
    response = Client().get(f"{page}?{window}{more}")
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    if page.startswith("/api/"):
        assert response.json()["count"] == 0
    elif page.endswith(".ics"):
        assert b"BEGIN:VEVENT" not in body
    else:
        assert "Vinterudstillingen" not in body.decode()


def test_the_same_exhibition_is_listed_in_a_window_that_is_not_empty(exhibition):
    assert "Vinterudstillingen" in Client().get("/arrangementer/?period=weekend").content.decode()
    assert Client().get("/api/v1/occurrences/?date_to=2026-12-01").json()["count"] == 1


def test_the_listing_says_nothing_matches_and_why_and_shows_what_was_chosen(exhibition):
    html = Client().get("/arrangementer/?period=weekend&date_to=2026-12-01").content.decode()
    assert "Ingen arrangementer matcher dine valg." in html
    assert "De valgte datoer slutter, før de begynder." in html
    assert "Denne weekend" in html  # the chips to remove a choice
    english = Client().get("/en/arrangementer/?date_to=2026-10-15").content.decode()
    assert "The chosen dates end before they begin." in english


def test_an_empty_list_of_a_real_window_does_not_blame_the_dates(exhibition):
    html = Client().get("/arrangementer/?period=weekend&q=findesikke").content.decode()
    assert "Ingen arrangementer matcher dine valg." in html
    assert "slutter, før de begynder" not in html
