"""schema.org structured data as a search engine reads it: the organizer's own address (or
none), the venue's address with its town, region and country, and the performer."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def first_item(client, event):
    OccurrenceFactory(event=event, start=datetime(2026, 10, 10, 20, tzinfo=COPENHAGEN))
    html = client.get(f"/arrangementer/{event.slug}/").content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)[0], html


def test_an_organizer_other_than_the_venue_does_not_get_the_venues_website(client):
    venue = VenueFactory(name="Portalen", website="https://portalen.dk/")
    item, _ = first_item(client, EventFactory(venue=venue, organizer="Ishøj Jazzklub"))
    assert item["organizer"] == {"@type": "Organization", "name": "Ishøj Jazzklub"}
    assert "portalen.dk" not in json.dumps(item["organizer"])


def test_the_venue_as_organizer_keeps_its_website(client):
    venue = VenueFactory(name="Portalen", website="https://portalen.dk/")
    item, _ = first_item(client, EventFactory(venue=venue, organizer=""))
    assert item["organizer"] == {
        "@type": "Organization",
        "name": "Portalen",
        "url": "https://portalen.dk/",
    }


def test_the_venue_as_organizer_without_a_website_links_its_page_here(client):
    venue = VenueFactory(name="Portalen", website="")
    item, _ = first_item(client, EventFactory(venue=venue, organizer=""))
    assert item["organizer"]["url"] == f"http://testserver/steder/{venue.slug}/"


REGIONS = {
    "albertslund": "Region Hovedstaden",
    "furesoe": "Region Hovedstaden",
    "halsnaes": "Region Hovedstaden",
    "herlev": "Region Hovedstaden",
    "helsingoer": "Region Hovedstaden",
    "ishoej": "Region Hovedstaden",
    "roedovre": "Region Hovedstaden",
    "koege": "Region Sjælland",
    "roskilde": "Region Sjælland",
}


@pytest.mark.parametrize(("slug", "region"), REGIONS.items())
def test_the_address_names_town_region_and_country(client, slug, region):
    venue = VenueFactory(
        municipality=municipality(slug), street_address="Torvet 1", postal_code="4600", city="By"
    )
    item, _ = first_item(client, EventFactory(venue=venue))
    assert item["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Torvet 1",
        "postalCode": "4600",
        "addressLocality": "By",
        "addressRegion": region,
        "addressCountry": "DK",
    }


def test_a_venue_without_a_town_gives_its_municipality_as_locality(client):
    venue = VenueFactory(municipality=municipality("koege"), city="")
    item, _ = first_item(client, EventFactory(venue=venue))
    assert item["location"]["address"]["addressLocality"] == "Køge"
    assert item["location"]["address"]["addressRegion"] == "Region Sjælland"


def test_a_named_performer_is_in_the_structured_data_and_on_the_page(client):
    item, html = first_item(client, EventFactory(performer="Ishøj Big Band"))
    assert item["performer"] == {"@type": "PerformingGroup", "name": "Ishøj Big Band"}
    assert "Ishøj Big Band" in html


def test_no_performer_is_invented(client):
    item, _ = first_item(client, EventFactory(performer=""))
    assert "performer" not in item
