"""What citizens and an attacker found in the search, as behaviour: compounds no title has,
«næste weekend» and weekdays, a query of stop words, a word nothing comes close to, a query
of one word repeated, the order of equal matches, and the per-process copies of the
choices after a cleared cache."""

import re
from datetime import datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Audience
from events.search.filterwords import interpret
from events.search.matching import MAX_WORDS, SearchText
from events.vocabulary import vocabularies
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality
from tests.test_search_words import dated, results

pytestmark = pytest.mark.django_db


def test_a_compound_no_title_has_is_searched_as_its_known_parts(client):
    dated("Jazzaften med koncert")
    dated("Koncert på torvet")
    dated("Jazzaften i haven")
    response = client.get("/arrangementer/", {"q": "jazzkoncert"})
    assert results(response) == ["Jazzaften med koncert"]


def test_a_word_repeated_or_begun_again_is_one_condition(client):
    dated("Kulturnat i byen")
    dated("Koncert på torvet")
    search = SearchText(" ".join(["ku"] * 66))
    assert search.words == ["ku"]
    assert SearchText("ku kul kult kultu kultur").words == ["kultur"]
    many = " ".join(f"ord{n}x" for n in range(20))
    assert len(SearchText(many).words) == MAX_WORDS
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/arrangementer/", {"q": " ".join(["ku"] * 66)})
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]  # (the next request resets the log)
    assert results(response) == results(client.get("/arrangementer/", {"q": "ku"}))
    assert "Kulturnat i byen" in results(response)
    # One prefix condition for «ku», not 66.
    assert max(text.count("'ku") for text in sql) < 10


@pytest.mark.parametrize(
    ("today", "typed", "first", "last", "label"),
    [
        ("2026-11-30", "næste weekend", "2026-12-12", "2026-12-13", "Næste weekend"),  # Monday
        ("2026-12-05", "næste weekend", "2026-12-12", "2026-12-13", "Næste weekend"),  # Sat.
        ("2026-12-06", "naeste weekend", "2026-12-12", "2026-12-13", "Næste weekend"),  # Sun.
        ("2026-11-30", "på lørdag", "2026-12-05", "2026-12-05", "Lørdag 5. december"),
        ("2026-12-05", "lørdag", "2026-12-05", "2026-12-05", "Lørdag 5. december"),
        ("2026-12-05", "fredag", "2026-12-11", "2026-12-11", "Fredag 11. december"),
    ],
)
def test_next_weekend_and_the_days_of_the_week_become_dates(today, typed, first, last, label):
    now = timezone.make_aware(datetime.fromisoformat(f"{today}T12:00"))
    with time_machine.travel(now, tick=False):  # the label's year is said only if not this one
        found = interpret(QueryDict(f"q={typed}"), vocabularies(), now)
    assert (found.data["date_from"], found.data["date_to"]) == (first, last)
    assert found.labels == [label]
    assert found.data["q"] == ""


def test_a_venue_keeps_a_word_an_audience_has_only_as_its_slug():
    """The choices' names take their words from any before them; a slug only words none
    has yet: a venue «Familie» keeps «familie», the slug of the audience «Børnefamilier»."""
    Audience.objects.create(name="Børnefamilier", slug="familie")
    venue = VenueFactory(name="Familie")
    found = interpret(QueryDict("q=familie"), vocabularies())
    assert found.data.getlist("venue") == [venue.slug]
    assert found.data.getlist("audience") == []


def test_stop_words_alone_show_everything_and_say_why(client):
    dated("Koncert på torvet")
    html = unescape(client.get("/arrangementer/", {"q": "og"}).content.decode())
    assert "«og» er for almindeligt at søge efter: alle arrangementer vises." in html
    assert "for almindeligt" not in client.get("/arrangementer/", {"q": "koncert"}).content.decode()


def test_a_word_nothing_comes_close_to_is_offered_away(client):
    dated("Koncert på torvet")
    dated("Rockaften", days=2)  # «rock» is a known word
    response = client.get("/arrangementer/", {"q": "xyzzy Koncert", "municipality": "koege"})
    html = unescape(response.content.decode())
    assert results(response) == []
    link = re.search(r'<a href="/arrangementer/\?([^"]+)">Søg kun efter «Koncert»</a>', html)
    assert link, "the known words are offered without the unknown one"
    query = QueryDict(unescape(link.group(1)))
    assert query["q"] == "Koncert" and query["municipality"] == "koege"
    for nothing_known in ("xyzzy", "koncert-xqzvwq", "xqzvwq koncert'><svg/onload=1>"):
        html = unescape(client.get("/arrangementer/", {"q": nothing_known}).content.decode())
        if nothing_known == "xyzzy":
            assert "Søg kun efter" not in html, "not when no word is known"
        else:
            assert "Søg kun efter «»" not in html and "Søg kun efter «koncert" in html
    html = unescape(
        client.get(
            "/arrangementer/", {"q": "rock-xqzvwq koncert", "municipality": "koege"}
        ).content.decode()
    )
    assert "Søg kun efter «rock koncert»" in html


def test_known_words_that_the_filters_exclude_offer_no_titles(client):
    dated("Koncert på torvet", VenueFactory(municipality=municipality("roskilde")))
    response = client.get("/arrangementer/", {"q": "koncert", "municipality": "koege"})
    html = unescape(response.content.decode())
    assert results(response) == []
    assert 'class="did-you-mean"' not in html
    assert "Samme søgning uden «Køge»" in html


def test_equal_matches_come_earliest_first(client):
    """One event's two dates rank alike: the one that began first comes first."""
    now = timezone.now()
    event = EventFactory(title="Koncert i salen")
    later = OccurrenceFactory(
        event=event, start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    earlier = OccurrenceFactory(
        event=event, start=now - timedelta(hours=3), end=now + timedelta(hours=5)
    )
    response = client.get("/arrangementer/", {"q": "koncert"})
    assert [o.pk for o in response.context["occurrences"]] == [earlier.pk, later.pk]


def test_the_copies_of_the_choices_follow_a_cleared_cache():
    """A cleared cache may start the content version at a number it had before (here the
    clock stands still): the process's copies of the choices and what is made from them
    are not taken for the new ones."""
    from events.search.suggest import _places

    with time_machine.travel(timezone.now(), tick=False):
        vocabularies()
        cache.clear()
        venue = VenueFactory(name="Skrænten")
        assert venue.slug in [term.slug for term in vocabularies()["venue"]]
        assert [row["label"] for row in _places("skraen", 5)["venue"]] == ["Skrænten"]
        found = interpret(QueryDict("q=skraenten"), vocabularies())
        assert found.data.getlist("venue") == [venue.slug]


def test_one_day_is_one_chip_that_removes_both_dates(client):
    dated("Koncert på torvet")
    response = client.get("/arrangementer/", {"date_from": "2026-12-05", "date_to": "2026-12-05"})
    chips = response.context["filter_chips"]
    assert [chip["label"] for chip in chips] == ["5. december"]
    assert "date_from" not in chips[0]["url"] and "date_to" not in chips[0]["url"]
    two = client.get("/arrangementer/", {"date_from": "2026-12-05", "date_to": "2026-12-06"})
    assert [chip["name"] for chip in two.context["filter_chips"]] == ["date_from", "date_to"]


def test_a_period_shortcut_replaces_the_dates_a_search_word_chose(client):
    dated("Koncert på torvet")
    response = client.get("/arrangementer/", {"q": "næste weekend"})
    links = {link["label"]: link["url"] for link in response.context["period_links"]}
    weekend = QueryDict(links["Denne weekend"].lstrip("?"))
    assert weekend["period"] == "weekend"
    assert "date_from" not in weekend and "date_to" not in weekend
    assert "date_from" not in QueryDict(links["Alle datoer"].lstrip("?"))


def test_a_plural_compound_is_searched_as_its_parts(client):
    dated("Jazzaften med koncert")
    dated("Koncert på torvet")
    response = client.get("/arrangementer/", {"q": "jazzkoncerter"})
    assert results(response) == ["Jazzaften med koncert"]


def test_suggestions_find_a_word_inside_a_compound_and_titles_first(client):
    venue = VenueFactory(name="Kulturhuset Sydhavn")
    dated("Fredagsjazz på havnen")
    dated("Aftenkoncert", venue)
    dated("Kultur på recept")
    jazz = client.get("/arrangementer/forslag.json", {"q": "jazz"}).json()
    assert [row["label"] for row in jazz["events"]] == ["Fredagsjazz på havnen"]
    kul = client.get("/arrangementer/forslag.json", {"q": "kul"}).json()
    # The title first; then, alphabetical, those found by their venue («Kulturhuset …»).
    assert [row["label"] for row in kul["events"]] == [
        "Kultur på recept",
        "Aftenkoncert",
        "Fredagsjazz på havnen",
    ]


def test_without_the_filter_the_unknown_words_go_too(client):
    roskilde = VenueFactory(municipality=municipality("roskilde"))
    dated("Sangskrivning", roskilde)
    response = client.get(
        "/arrangementer/", {"q": "sangskrivnig bagefter", "municipality": "koege"}
    )
    assert results(response) == []
    widen = QueryDict(response.context["widen"]["url"].lstrip("?"))
    assert widen["q"] == "sangskrivnig" and "municipality" not in widen
    assert results(client.get("/arrangementer/?" + widen.urlencode())) == ["Sangskrivning"]


@pytest.mark.parametrize("size", ["0", "abc", "100000"])
def test_a_bad_page_size_is_refused_before_the_search(client, size):
    dated("Koncert på torvet")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/api/v1/occurrences/",
            {"q": "koncert", "page_size": size},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 400
    assert "page_size" in response.json()
    assert not [q for q in queries.captured_queries if "events_occurrence" in q["sql"]]
