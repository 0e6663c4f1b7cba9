"""The front page (the featured event, a daily series listed once, the municipalities and
focus areas linked) and the listing's basics (published events only, ended dates hidden)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from municipalities.models import Municipality
from tests.factories import EventFactory, OccurrenceFactory
from tests.public_pages.support import text, upcoming_event

pytestmark = pytest.mark.django_db


# --- Front page ---------------------------------------------------------------------------


def test_front_page_shows_the_featured_event(client):
    featured = upcoming_event(title="Sommerkoncert i Ådalen", is_featured=True)
    response = client.get("/")
    assert response.status_code == 200
    assert list(response.context["featured"]) == [featured]
    assert ">Sommerkoncert i Ådalen</a>" in text(response)


def test_front_page_lists_a_daily_series_once(client):
    series = EventFactory(title="Læsecafé hver dag")
    for day in range(1, 15):
        OccurrenceFactory(event=series, start=timezone.now() + timedelta(days=day))
    other = upcoming_event(title="Billedkunst for børn")
    html = text(client.get("/"))
    assert html.count(">Læsecafé hver dag</a>") == 1
    assert html.count(f">{other.title}</a>") == 1


def test_front_page_shows_other_events_after_a_long_daily_series(client):
    series = EventFactory(title="Morgensang")
    for day in range(1, 61):
        OccurrenceFactory(event=series, start=timezone.now() + timedelta(days=day))
    later = OccurrenceFactory(
        event__title="Efterårsfestival", start=timezone.now() + timedelta(days=50, hours=1)
    ).event
    response = client.get("/")
    shown = [occurrence.event for occurrence in response.context["upcoming"]]
    assert shown == [series, later]


def test_front_page_links_the_nine_municipalities_and_three_focus_areas(client):
    html = text(client.get("/"))
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(slugs) == 9
    for slug in slugs:
        assert f"/arrangementer/?municipality={slug}" in html
    for slug in ["musik", "ungekultur", "kultur-og-sundhed"]:
        assert f'href="/indsatser/{slug}/"' in html


# --- Listing ------------------------------------------------------------------------------


def test_listing_shows_published_events_not_drafts(client):
    shown = upcoming_event(title="Åben scene")
    upcoming_event(title="Hemmelig kladde", status=Event.Status.DRAFT)
    response = client.get("/arrangementer/")
    assert response.status_code == 200
    html = text(response)
    assert f">{shown.title}</a>" in html
    assert "Hemmelig kladde" not in html


@pytest.mark.parametrize("query", ["", "?q=", "?municipality=koege"])
def test_listing_hides_dates_that_have_ended(client, query):
    upcoming_event(title="Snart")
    OccurrenceFactory(event__title="Forbi", start=timezone.now() - timedelta(days=3))
    html = text(client.get(f"/arrangementer/{query}"))
    assert ">Snart</a>" in html
    assert ">Forbi</a>" not in html
