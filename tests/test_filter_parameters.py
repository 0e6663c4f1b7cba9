"""The filter parameters read alike wherever they are taken (listing, API, calendar, feeds,
embed): an empty value is "not set", and a value that is not one of a filter's choices is a
clear 400 (a message at the field on the listing, a JSON error in the API), never taken as
something else."""

import re
from xml.etree import ElementTree

import icalendar
import pytest
import time_machine
from django.utils import translation

from tests.listing_filters.support import NOW, dated, error_summary, titles, venue_in

pytestmark = pytest.mark.django_db

EMPTY_FILTERS = [
    "municipality",
    "focus_area",
    "audience",
    "accessibility",
    "venue",
    "period",
    "free",
    "q",
    "date_from",
    "date_to",
]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


@pytest.fixture
def two_events():
    dated("Gratis i Køge", venue=venue_in("koege"), is_free=True)
    dated("Med billet i Herlev", venue=venue_in("herlev"), is_free=False)


def found(client, path, query):
    """The event titles each kind of list gives for ``query``, and its status code."""
    response = client.get(f"{path}?{query}")
    if response.status_code != 200:
        return response.status_code, None
    if path.endswith(".ics"):
        calendar = icalendar.Calendar.from_ical(response.content)
        names = [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")]
    elif path.endswith(".rss"):
        root = ElementTree.fromstring(response.content)
        names = [i.findtext("title").split(" – ")[0] for i in root.findall("channel/item")]
    elif path.startswith("/api/"):
        names = [row["event"]["title"] for row in response.json()["results"]]
    elif path.startswith("/embed/"):
        names = re.findall(
            r'<a[^>]*href="[^"]*/arrangementer/[\w-]+/"[^>]*>\s*([^<]+?)\s*<',
            response.content.decode(),
        )
    else:
        names = titles(response)
    return 200, sorted(names)


LISTS = [
    "/arrangementer/",
    "/api/v1/occurrences/",
    "/arrangementer/feed.ics",
    "/arrangementer/feed.rss",
    "/embed/",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("name", EMPTY_FILTERS)
def test_an_empty_filter_value_means_not_set(client, two_events, path, name):
    expected = (200, ["Gratis i Køge", "Med billet i Herlev"])
    assert found(client, path, f"{name}=") == expected
    # Beside a chosen value, too (a select's «Alle» next to a ticked box).
    assert found(client, path, f"{name}=&free=on" if name != "free" else "free=&free=on")[0] == 200


@pytest.mark.parametrize("path", LISTS)
def test_an_empty_value_beside_a_chosen_municipality_keeps_the_choice(client, two_events, path):
    assert found(client, path, "municipality=&municipality=koege") == (200, ["Gratis i Køge"])


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["on", "true", "1", "ON"])
def test_free_on_shows_only_free_events(client, two_events, path, value):
    assert found(client, path, f"free={value}") == (200, ["Gratis i Køge"])


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["false", "off", "0"])
def test_free_off_shows_every_event(client, two_events, path, value):
    assert found(client, path, f"free={value}") == (200, ["Gratis i Køge", "Med billet i Herlev"])


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["maybe", "ja tak", "2"])
def test_an_unknown_free_value_is_a_400_not_on(client, two_events, path, value):
    assert client.get(f"{path}?free={value}").status_code == 400


def test_the_listing_says_in_danish_why_free_maybe_is_refused(client, two_events):
    response = client.get("/arrangementer/?free=maybe")
    assert response.status_code == 400
    summary = error_summary(response)
    assert 'href="#id_free' in summary
    assert "«maybe» er ikke et valg" in summary


def test_the_api_answers_free_maybe_with_a_json_error_at_the_field(client, two_events):
    response = client.get("/api/v1/occurrences/?free=maybe")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "free" in response.json()
    assert "maybe" in response.json()["free"][0]


def test_the_listing_checkbox_stays_ticked_for_free_on_and_unticked_for_false(client):
    ticked = client.get("/arrangementer/?free=on").content.decode()
    unticked = client.get("/arrangementer/?free=false").content.decode()
    assert re.search(r'<input[^>]*name="free"[^>]*checked', ticked)
    assert not re.search(r'<input[^>]*name="free"[^>]*checked', unticked)
