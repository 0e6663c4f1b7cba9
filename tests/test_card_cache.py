"""Event cards are rendered once and reused across pages (CARD_CACHE_SECONDS): the same HTML
as rendered afresh, reused under other filters, and made anew after any public change."""

import re

import pytest
from django.test import Client

from events.models import Event
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<article class="event-card.*?</article>', re.S)


@pytest.fixture
def dates():
    return [OccurrenceFactory(event__title=f"Koncert {n}") for n in range(5)]


def cards(path):
    response = Client().get(path)
    assert response.status_code == 200
    return CARD.findall(response.content.decode())


def test_cached_cards_are_the_html_rendered_afresh(dates, settings):
    settings.CARD_CACHE_SECONDS = 0
    fresh = cards("/arrangementer/")
    front = cards("/")
    settings.CARD_CACHE_SECONDS = 3600
    assert cards("/arrangementer/") == fresh  # rendered and stored
    assert cards("/arrangementer/?focus_area=musik") == fresh  # another page: from the cache
    assert cards("/") == front  # the first cards keep their eager images
    assert len(fresh) == 5


def test_a_card_is_reused_until_public_content_changes(dates, settings):
    settings.CARD_CACHE_SECONDS = 3600
    cards("/arrangementer/")
    event = dates[0].event
    # A change that bypasses the signals does not bump the content version: the card stays.
    Event.objects.filter(pk=event.pk).update(title="Stille ændring")
    reused = cards("/arrangementer/?focus_area=musik")
    assert len(reused) == 5
    assert not any("Stille ændring" in card for card in reused)
    event.refresh_from_db()
    event.title = "Jazz ved havnen"
    event.save()
    assert any("Jazz ved havnen" in card for card in cards("/arrangementer/?focus_area=musik"))


def test_cards_are_rendered_afresh_when_the_setting_is_zero(dates, settings):
    settings.CARD_CACHE_SECONDS = 0
    cards("/arrangementer/")
    Event.objects.filter(pk=dates[0].event_id).update(title="Straks synlig")
    assert any("Straks synlig" in card for card in cards("/arrangementer/"))
