"""Parts of pages (the 14-day strip, the running strip, lists of cards, the listing's results)
are rendered once and reused ({% cached_fragment %}, CARD_CACHE_SECONDS): byte for byte the
page rendered afresh, in both languages, and made anew after any public change."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.templatetags.fragments import fingerprint
from events.models import Event
from tests.factories import OccurrenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dates():
    now = timezone.now()
    made = [
        OccurrenceFactory(
            event__title=f"Koncert {n}", start=now + datetime.timedelta(days=n, hours=2)
        )
        for n in range(6)
    ]
    # An exhibition already running: the running strip.
    made.append(
        OccurrenceFactory(
            event__title="Udstilling",
            start=now - datetime.timedelta(days=3),
            end=now + datetime.timedelta(days=20),
        )
    )
    return made


def page_paths(occurrence):
    event, venue = occurrence.event, occurrence.event.venue
    paths = [
        "/",
        "/arrangementer/",
        "/arrangementer/?focus_area=musik",
        f"/arrangementer/?municipality={venue.municipality.slug}&period=month",
        f"/arrangementer/?venue={venue.slug}",
        "/arrangementer/?q=koncert",  # best matches first: the page's rows read lazily
        "/arrangementer/?q=koncert&sort=date",
        "/arrangementer/?q=koncert&date_from=2000-01-01&sort=date",
        # The filter form's fragment: words that became a filter, the same words as text,
        # dates of their own, several choices.
        f"/arrangementer/?q={venue.municipality.slug}",
        f"/arrangementer/?q={venue.municipality.slug}&literal=1",
        "/arrangementer/?date_from=2026-12-01&date_to=2026-12-05",
        "/arrangementer/?municipality=koege&municipality=roskilde&free=on&audience=boern",
        event.get_absolute_url(),
        venue.get_absolute_url(),
        venue.municipality.get_absolute_url(),
        "/indsatser/musik/",
    ]
    return paths + [f"/en{path}" for path in paths]


def html(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_pages_from_fragments_are_the_pages_rendered_afresh(dates, settings):
    paths = page_paths(dates[0])
    settings.CARD_CACHE_SECONDS = 0
    fresh = {path: html(path) for path in paths}
    settings.CARD_CACHE_SECONDS = 3600
    for path in paths:  # stores the fragments, then reads them (the cards' numbers too)
        assert html(path) == fresh[path], path
        assert html(path) == fresh[path], path
    assert 'class="day-strip"' in fresh["/"]
    assert 'class="running"' in fresh["/arrangementer/"]


def test_a_fragment_is_reused_until_public_content_changes(dates, settings):
    settings.CARD_CACHE_SECONDS = 3600
    municipality = dates[0].event.venue.municipality.get_absolute_url()
    assert "Koncert 1" in html(municipality)
    event = dates[1].event
    # A change that bypasses the signals does not bump the content version: the list stays.
    Event.objects.filter(pk=event.pk).update(title="Stille ændring")
    assert "Stille ændring" not in html(municipality)
    event.refresh_from_db()
    event.title = "Jazz ved havnen"
    event.save()
    assert "Jazz ved havnen" in html(municipality)
    assert "Jazz ved havnen" in html("/")


def test_fragments_are_rendered_afresh_when_the_setting_is_zero(dates, settings):
    settings.CARD_CACHE_SECONDS = 0
    html("/")
    Event.objects.filter(pk=dates[1].event_id).update(title="Straks synlig")
    assert "Straks synlig" in html("/")


def test_the_fingerprint_follows_the_values_and_refuses_other_objects(dates):
    first, second = dates[0], dates[1]
    assert fingerprint([first, second]) != fingerprint([second, first])
    assert fingerprint({"day": datetime.date(2026, 1, 2), "rows": [first]}) == fingerprint(
        {"rows": [first], "day": datetime.date(2026, 1, 2)}
    )
    assert fingerprint(first) != fingerprint(first.event)  # the model is part of it
    with pytest.raises(TypeError):
        fingerprint(object())


@pytest.mark.parametrize(
    ("page", "lists_queries"),
    [
        # featured, running, upcoming (+ focus areas), the 14-day strip, the focus areas and
        # municipalities of the quick ways in
        ("front", 7),
        # more at the venue, similar, their focus areas; the focus areas, audiences and
        # accessibility (the event's and its venue's) of the body
        ("event", 7),
        ("municipality", 4),  # upcoming (+ focus areas), the 14-day strip, the venues
        ("venue", 3),
        ("focus area", 3),
        # a search's page of dates (+ their focus areas), by relevance and by date
        ("search", 2),
        ("search by date", 2),
    ],
)
def test_a_page_reads_its_lists_only_when_their_fragments_are_missing(
    dates, settings, page, lists_queries
):
    venue = dates[0].event.venue
    path = {
        "front": "/",
        "event": dates[0].event.get_absolute_url(),
        "municipality": venue.municipality.get_absolute_url(),
        "venue": venue.get_absolute_url(),
        "focus area": "/indsatser/musik/",
        "search": "/arrangementer/?q=koncert",
        "search by date": "/arrangementer/?q=koncert&sort=date",
    }[page]
    # One slice of time (core.deferred.time_slice) for the three requests.
    with time_machine.travel(timezone.now(), tick=False):
        settings.CARD_CACHE_SECONDS = 0
        html(path)  # the navigation and vocabularies are cached; no fragment is
        settings.CARD_CACHE_SECONDS = 3600
        with CaptureQueriesContext(connection) as first:
            made = html(path)
        with CaptureQueriesContext(connection) as second:
            assert html(path) == made
    assert len(second.captured_queries) == len(first.captured_queries) - lists_queries


def test_a_signed_in_users_footer_is_not_taken_from_the_cache(dates, settings, client):
    settings.CARD_CACHE_SECONDS = 3600
    assert "csrfmiddlewaretoken" not in html("/")
    user = UserFactory()
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" in page, page[page.find("site-footer") :]
    assert "csrfmiddlewaretoken" not in html("/")


def venue_select(page: str) -> str:
    """The listing's venue ``<select>``, as HTML."""
    return page.split('<select name="venue"')[1].split("</select>")[0]


def test_the_venue_select_is_kept_per_chosen_venue_and_shows_a_new_venue(
    dates, settings, monkeypatch
):
    """The listing's select of every venue (hundreds of options) comes from one cached copy
    for every choice; the chosen venue is selected in it, an unknown one selects nothing,
    and a venue added since is an option on the next request."""
    from core.templatetags import fragments
    from tests.factories import VenueFactory

    stored = []
    real_set = fragments.cache.set

    def recording_set(key, value, timeout):
        if key.startswith("fragment:venue-options:"):
            stored.append(key)
        real_set(key, value, timeout)

    monkeypatch.setattr(fragments.cache, "set", recording_set)
    settings.CARD_CACHE_SECONDS = 3600
    venue = dates[0].event.venue
    chosen = venue_select(html(f"/arrangementer/?venue={venue.slug}"))
    assert f'<option value="{venue.slug}" selected>' in chosen
    assert chosen.count(" selected") == 1
    assert " selected" not in venue_select(html("/arrangementer/"))
    assert len(stored) == 1  # one copy, whichever venue is chosen
    for n in range(3):  # not a venue: the select of no choice, from the same fragment
        response = Client().get(f"/arrangementer/?venue=findes-ikke-{n}")
        assert " selected" not in venue_select(response.content.decode())
    hostile = Client().get('/arrangementer/?venue="><b>x</b>').content.decode()
    assert " selected" not in venue_select(hostile)
    assert "<b>x</b>" not in hostile
    assert len(stored) == 1
    added = VenueFactory(name="Ny scene", municipality=venue.municipality)
    assert f'<option value="{added.slug}">Ny scene</option>' in html("/arrangementer/")


def test_a_process_reuses_its_own_copy_of_a_fragment_without_asking_the_cache(
    dates, settings, monkeypatch, cache_reads
):
    """A fragment read or rendered once is served from the process's copy: the shared cache
    is asked for no fragment on the next request, and the page is the same."""
    from core.templatetags import fragments

    settings.CARD_CACHE_SECONDS = 3600
    page = html("/arrangementer/")
    asked = cache_reads
    asked.clear()
    assert html("/arrangementer/") == page
    assert not [key for key in asked if key.startswith("fragment:")]
    # A minute on, the copies are read from the shared cache again: a copy never outlives
    # the shared one by more than that.
    later = fragments.monotonic() + fragments.LOCAL_SECONDS + 1
    monkeypatch.setattr(fragments, "monotonic", lambda: later)
    assert html("/arrangementer/") == page
    assert [key for key in asked if key.startswith("fragment:")]


def test_a_cleared_cache_never_brings_back_a_process_copy_even_when_the_clock_stands_still(
    dates, settings
):
    """The content version starts a new series when the cache is cleared; were it to repeat
    the old one (the clock standing still), the process's copies of fragments made from the
    old rows would be taken for current."""
    from django.core.cache import cache

    from core.pagecache import content_version

    settings.CARD_CACHE_SECONDS = 3600
    with time_machine.travel(timezone.now(), tick=False):
        cache.clear()  # a series begun while the clock stands still
        assert "Koncert 1" in html("/arrangementer/")
        before = content_version()
        # A change that sends no signal, then the cache cleared (as after a bulk repair).
        Event.objects.filter(pk=dates[1].event_id).update(title="Rettet titel")
        cache.clear()
        assert content_version() != before
        page = html("/arrangementer/")
    assert "Rettet titel" in page
    assert "Koncert 1" not in page
