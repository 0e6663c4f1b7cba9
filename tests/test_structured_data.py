"""JSON-LD (schema.org Event), Open Graph and Twitter tags, canonical and hreflang links."""

import json
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def local(day, hour=20):
    return datetime(2026, 10, day, hour, tzinfo=COPENHAGEN)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def event_with_dates():
    venue = VenueFactory(
        name="Portalen",
        street_address="Portalen 1",
        postal_code="2635",
        city="Ishøj",
        municipality=municipality("ishoej"),
        latitude=Decimal("55.615"),
        longitude=Decimal("12.352"),
    )
    event = EventFactory(
        title="Jazz i Portalen",
        venue=venue,
        price_min=Decimal("120"),
        ticket_url="https://billetter.example.dk/jazz",
        organizer="Ishøj Jazzklub",
    )
    OccurrenceFactory(event=event, start=local(1, 8), end=local(1, 9))  # has ended
    OccurrenceFactory(event=event, start=local(24), end=local(24, 22))
    OccurrenceFactory(event=event, start=local(31), status=Occurrence.Status.CANCELLED)
    OccurrenceFactory(event=event, start=local(30), status=Occurrence.Status.SOLD_OUT)
    OccurrenceFactory(event=event, start=local(29), status=Occurrence.Status.POSTPONED)
    return event


def test_event_page_has_one_schema_org_event_per_upcoming_date(client):
    event = event_with_dates()
    html = client.get(f"/arrangementer/{event.slug}/").content.decode()
    (items,) = json_ld(html)

    assert [item["startDate"] for item in items] == [
        "2026-10-24T20:00:00+02:00",
        "2026-10-29T20:00:00+01:00",
        "2026-10-30T20:00:00+01:00",
        "2026-10-31T20:00:00+01:00",
    ]
    first = items[0]
    # Google's required and recommended properties.
    assert first["@context"] == "https://schema.org"
    assert first["@type"] == "Event"
    assert first["name"] == "Jazz i Portalen"
    assert first["endDate"] == "2026-10-24T22:00:00+02:00"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["description"].startswith("En aften med levende musik.")
    assert first["url"] == f"http://testserver/arrangementer/{event.slug}/"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["name"] == "Portalen"
    assert first["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Portalen 1",
        "postalCode": "2635",
        "addressLocality": "Ishøj",
        "addressRegion": "Region Hovedstaden",
        "addressCountry": "DK",
    }
    assert first["location"]["geo"]["latitude"] == 55.615
    assert first["organizer"]["name"] == "Ishøj Jazzklub"
    assert first["offers"]["price"] == "120.00"
    assert first["offers"]["priceCurrency"] == "DKK"
    assert first["offers"]["url"] == "https://billetter.example.dk/jazz"
    assert first["offers"]["availability"] == "https://schema.org/InStock"
    statuses = [(item["eventStatus"], item["offers"]["availability"]) for item in items[1:]]
    assert statuses == [
        ("https://schema.org/EventPostponed", "https://schema.org/InStock"),
        ("https://schema.org/EventScheduled", "https://schema.org/SoldOut"),
        ("https://schema.org/EventCancelled", "https://schema.org/InStock"),
    ]


def test_free_event_offers_price_zero(client):
    event = EventFactory(is_free=True)
    OccurrenceFactory(event=event, start=local(10))
    (items,) = json_ld(client.get(f"/arrangementer/{event.slug}/").content.decode())
    assert items[0]["offers"]["price"] == "0"
    assert items[0]["offers"]["url"] == f"http://testserver/arrangementer/{event.slug}/"


def test_json_ld_cannot_be_broken_out_of_by_event_text(client):
    event = EventFactory(
        title="</script><script>alert(1)</script>", teaser="Tom & Jerry <b>", description=""
    )
    OccurrenceFactory(event=event, start=local(10))
    html = client.get(f"/arrangementer/{event.slug}/").content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    (items,) = json_ld(html)
    assert items[0]["name"] == "</script><script>alert(1)</script>"
    assert items[0]["description"] == "Tom & Jerry <b>"


def test_past_event_has_no_event_json_ld(client):
    event = EventFactory()
    OccurrenceFactory(event=event, start=local(1, 6))
    assert json_ld(client.get(f"/arrangementer/{event.slug}/").content.decode()) == []


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_event_venue_and_municipality_pages_have_sharing_tags(client):
    event = EventFactory(title="Jazz & blues", teaser="Aften med jazz.")
    OccurrenceFactory(event=event, start=local(10))
    pages = {
        f"/arrangementer/{event.slug}/": "Jazz &amp; blues",
        f"/steder/{event.venue.slug}/": event.venue.name,
        "/kommuner/koege/": "Køge",
    }
    for path, title in pages.items():
        html = client.get(path).content.decode()
        assert meta(html, "property", "og:title") == title, path
        assert meta(html, "name", "twitter:title") == title, path
        assert meta(html, "property", "og:url") == f"http://testserver{path}", path
        assert meta(html, "name", "twitter:card") == "summary", path
        assert meta(html, "property", "og:description"), path
    html = client.get(f"/arrangementer/{event.slug}/").content.decode()
    assert meta(html, "property", "og:description") == "Aften med jazz."


@pytest.mark.parametrize("path", ["/", "/arrangementer/", "/kommuner/koege/", "/om/"])
def test_every_page_has_canonical_and_hreflang_links(client, path):
    html = client.get(f"/en{path}").content.decode()
    assert f'<link rel="canonical" href="http://testserver/en{path}">' in html
    assert f'<link rel="alternate" hreflang="da" href="http://testserver{path}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{path}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in html
