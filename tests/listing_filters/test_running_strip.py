"""Running exhibitions and courses ("Udstillinger og forløb lige nu"): dates a week long or
longer that began before today get a strip of their own on the listing and the front page,
shown once, and are left out of the dated rows."""

import re
from datetime import timedelta

import pytest

from events.models import Occurrence
from tests.listing_filters.support import (
    NOW,
    TOMORROW_EVENING,
    dated,
    event_count,
    listing,
    result_count,
    titles,
)

pytestmark = pytest.mark.django_db

TODAY = NOW.replace(hour=0)
STRIP = "Udstillinger og forløb lige nu"


def strip_of(response):
    html = response.content.decode()
    match = re.search(r'<section class="running".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_running_means_begun_before_today_and_a_week_long_or_longer():
    dated("Ugelang udstilling", start=NOW - timedelta(days=3), end=NOW + timedelta(days=4))
    dated("Kort festival", start=NOW - timedelta(days=1), end=NOW + timedelta(days=2))
    dated("Åbnede i morges", start=NOW - timedelta(hours=3), end=NOW + timedelta(days=30))
    dated("Slut i går", start=NOW - timedelta(days=30), end=NOW - timedelta(days=1))
    dated("Kommende udstilling", start=TOMORROW_EVENING, end=NOW + timedelta(days=40))

    running = Occurrence.objects.public().upcoming(NOW).running(TODAY)

    assert [o.event.title for o in running] == ["Ugelang udstilling"]


def test_the_listing_shows_a_running_exhibition_in_the_strip_only(client):
    dated("Udstillingen", start=NOW - timedelta(days=20), end=NOW + timedelta(days=20))
    dated("Koncerten", start=TOMORROW_EVENING)

    response = listing(client)

    assert STRIP in strip_of(response) and "Udstillingen" in strip_of(response)
    assert titles(response) == ["Udstillingen", "Koncerten"]  # the strip, then the rows
    assert [o.event.title for o in response.context["occurrences"]] == ["Koncerten"]
    # The heading counts what matches, the strip included.
    assert (event_count(response), result_count(response)) == (2, 2)


def test_the_strip_follows_the_filters_and_is_on_the_first_page_only(client):
    from tests.listing_filters.support import venue_in

    dated(
        "Køge-udstilling",
        start=NOW - timedelta(days=20),
        end=NOW + timedelta(days=20),
        venue=venue_in("koege"),
    )
    dated(
        "Herlev-udstilling",
        start=NOW - timedelta(days=20),
        end=NOW + timedelta(days=20),
        venue=venue_in("herlev"),
    )

    for n in range(25):
        dated(f"Koncert {n}", start=TOMORROW_EVENING + timedelta(hours=n), venue=venue_in("koege"))

    first = listing(client, "municipality=koege")
    assert "Køge-udstilling" in strip_of(first)
    assert "Herlev-udstilling" not in strip_of(first)
    second = listing(client, "municipality=koege&page=2")
    assert second.status_code == 200
    assert strip_of(second) == ""
    assert "Køge-udstilling" not in second.content.decode()
    # The pages do not shift: every concert once, across both pages.
    rows = [o.event.title for page in (first, second) for o in page.context["occurrences"]]
    assert sorted(rows) == sorted(f"Koncert {n}" for n in range(25))


def test_no_strip_without_running_exhibitions(client):
    dated("Koncerten", start=TOMORROW_EVENING)
    response = listing(client)
    assert STRIP not in response.content.decode()


def test_the_front_page_leaves_running_exhibitions_out_of_coming_up(client):
    for n in range(5):
        dated(f"Udstilling {n}", start=NOW - timedelta(days=20 + n), end=NOW + timedelta(days=30))
    for n in range(3):
        dated(f"Koncert {n}", start=TOMORROW_EVENING + timedelta(days=n))

    response = client.get("/")

    coming_up = [o.event.title for o in response.context["upcoming"]]
    assert coming_up == ["Koncert 0", "Koncert 1", "Koncert 2"]
    strip = strip_of(response)
    assert STRIP in strip
    assert all(f"Udstilling {n}" in strip for n in range(5))
    assert response.content.decode().count(">Udstilling 0<") == 1


def test_the_running_strip_is_shown_closing_soonest_first(client):
    dated("Lukker sent", start=NOW - timedelta(days=20), end=NOW + timedelta(days=60))
    dated("Lukker snart", start=NOW - timedelta(days=20), end=NOW + timedelta(days=2))
    response = client.get("/")
    assert [o.event.title for o in response.context["running"]] == ["Lukker snart", "Lukker sent"]


def test_a_weekend_listing_puts_exhibitions_running_into_the_weekend_in_the_strip(client):
    # Friday to Sunday ahead: the exhibition began before Friday and runs through it.
    dated("Udstillingen", start=NOW - timedelta(days=20), end=NOW + timedelta(days=20))
    dated("Lørdagskoncert", start=NOW + timedelta(days=3, hours=8))
    response = listing(client, "period=weekend")
    assert "Udstillingen" in strip_of(response)
    assert [o.event.title for o in response.context["occurrences"]] == ["Lørdagskoncert"]
