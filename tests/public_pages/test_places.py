"""The place pages: the municipality index and a municipality's page, a venue's page (an
inactive venue a 404) and a focus area's page, each with its own events only."""

import pytest
from django.utils.html import escape

from events.models import AccessibilityFeature
from municipalities.models import Municipality
from tests.factories import VenueFactory, focus_area, municipality
from tests.public_pages.support import text, upcoming_event, url

pytestmark = pytest.mark.django_db


# --- Places and focus areas ---------------------------------------------------------------


def test_municipality_index_lists_all_nine(client):
    response = client.get("/kommuner/")
    assert response.status_code == 200
    html = text(response)
    for m in Municipality.objects.all():
        assert f'href="/kommuner/{m.slug}/"' in html
    assert len(response.context["municipalities"]) == 9


def test_municipality_page_shows_its_venues_and_events_only(client):
    own = upcoming_event(title="Koncert i Køge", venue=VenueFactory(name="Teatret Vestvolden"))
    VenueFactory(name="Lukket sal", is_active=False)
    elsewhere = VenueFactory(name="Roskilde Bibliotek", municipality=municipality("roskilde"))
    upcoming_event(title="Koncert i Roskilde", venue=elsewhere)
    response = client.get("/kommuner/koege/")
    assert response.status_code == 200
    html = text(response)
    assert own.title in html
    assert "Teatret Vestvolden" in html
    assert "Koncert i Roskilde" not in html
    assert "Roskilde Bibliotek" not in html
    assert "Lukket sal" not in html


def test_venue_page_shows_address_map_accessibility_and_its_events(client):
    venue = VenueFactory(name="Kulturværftet", street_address="Allégade 2", postal_code="3000")
    AccessibilityFeature.objects.get(slug="handicaptoilet").venues.add(venue)
    own = upcoming_event(venue=venue, title="Jazz på værftet")
    upcoming_event(title="Et andet sted")
    response = client.get(url(venue))
    assert response.status_code == 200
    html = text(response)
    assert "Allégade 2" in html
    assert f"3000 {venue.city}" in html
    assert f'href="{escape(venue.map_url)}"' in html
    assert "Handicaptoilet" in html
    assert own.title in html
    assert "Et andet sted" not in html


def test_inactive_venue_is_404(client):
    venue = VenueFactory(is_active=False)
    assert client.get(url(venue)).status_code == 404


def test_focus_area_page_shows_its_events_only(client):
    music = upcoming_event(title="Koncert med koret")
    upcoming_event(title="Gåtur og sundhed", focus_areas=[focus_area("kultur-og-sundhed")])
    response = client.get("/indsatser/musik/")
    assert response.status_code == 200
    html = text(response)
    assert "<h1>Musik</h1>" in html
    assert music.title in html
    assert "Gåtur og sundhed" not in html
