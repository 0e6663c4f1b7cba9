"""An event's page: its dates and their status, the venue with address and map, price and
tickets, audiences, organizer, accessibility, the description escaped, a past event, Danish
dates; and an unpublished event, a 404 for the public and a preview for its staff."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from events.models import AccessibilityFeature, Audience, Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.public_pages.support import page_of, text, upcoming_event

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


# --- Event detail -------------------------------------------------------------------------


def test_event_detail_lists_every_upcoming_date(client):
    event = EventFactory()
    starts = [timezone.now() + timedelta(days=d, hours=1) for d in (2, 9, 16)]
    for start in starts:
        OccurrenceFactory(event=event, start=start)
    html = text(page_of(client, event))
    for start in starts:
        assert f'datetime="{timezone.localtime(start).isoformat()}"' in html


def test_cancelled_date_is_marked_in_words(client):
    event = EventFactory()
    OccurrenceFactory(event=event, status=Occurrence.Status.CANCELLED)
    assert "Cancelled" in text(page_of(client, event, lang="en"))
    assert "Cancelled" not in text(page_of(client, upcoming_event(), lang="en"))
    with translation.override("da"):
        assert str(Occurrence.Status.CANCELLED.label) in text(page_of(client, event))


def test_event_detail_shows_venue_address_and_map_link(client):
    venue = VenueFactory(street_address="Kirkestræde 18", latitude="55.4571", longitude="12.1823")
    html = text(page_of(client, upcoming_event(venue=venue)))
    assert f">{venue.name}</a>" in html
    assert "Kirkestræde 18" in html
    assert "4600 Køge" in html
    assert 'href="https://www.openstreetmap.org/?mlat=55.457100&amp;mlon=12.182300' in html


def test_event_detail_shows_price_ticket_link_and_free_admission(client):
    event = upcoming_event(price_text="120–150 kr.", ticket_url="https://billet.example.dk/x")
    html = text(page_of(client, event, lang="en"))
    assert "120–150 kr." in html
    assert 'href="https://billet.example.dk/x"' in html
    assert "Free admission" not in html
    assert "Free admission" in text(page_of(client, upcoming_event(is_free=True), lang="en"))


def test_event_detail_shows_audiences_and_organizer(client):
    event = upcoming_event(organizer="Foreningen Musik i Byen")
    event.audiences.set(Audience.objects.filter(slug__in=["boern", "familier"]))
    html = text(page_of(client, event))
    assert "Børn" in html
    assert "Familier" in html
    assert "Seniorer" not in html
    assert "<p>Foreningen Musik i Byen</p>" in html
    venue_run = upcoming_event(venue=VenueFactory(name="Portalen"), organizer="")
    assert "<p>Portalen</p>" in text(page_of(client, venue_run))


def test_event_detail_shows_effective_accessibility_of_venue_and_event(client):
    features = {f.slug: f for f in AccessibilityFeature.objects.all()}
    venue = VenueFactory()
    features["trinfri-adgang"].venues.add(venue)
    event = upcoming_event(venue=venue)
    event.accessibility_features.add(features["teleslynge"])
    html = text(page_of(client, event))
    assert "Trinfri adgang" in html
    assert "Teleslynge" in html
    assert "Tegnsprogstolkning" not in html


def test_description_paragraphs_are_paragraphs_and_html_is_escaped(client):
    event = upcoming_event(description="Første afsnit.\n\n<script>alert(1)</script> <b>fed</b>")
    html = text(page_of(client, event))
    assert "<p>Første afsnit.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<b>fed</b>" not in html


def test_past_event_still_shows_and_is_marked_as_past(client):
    event = OccurrenceFactory(start=timezone.now() - timedelta(days=10)).event
    response = page_of(client, event, lang="en")
    assert response.status_code == 200
    assert response.context["is_past"] is True
    assert "has taken place" in text(response)
    assert "has taken place" not in text(page_of(client, upcoming_event(), lang="en"))


def test_danish_date_style_on_the_detail_page(client):
    with time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=COPENHAGEN), tick=False):
        start = datetime(2026, 12, 12, 20, 0, tzinfo=COPENHAGEN)
        event = OccurrenceFactory(start=start, end=None).event
        html = text(page_of(client, event))
    assert "lørdag 12. december kl. 20.00" in html


UNPUBLISHED = [Event.Status.DRAFT, Event.Status.SUBMITTED, Event.Status.REJECTED]


def log_in_as(client, kind, event):
    """Log in a secretariat member, the event's venue staff, or someone else."""
    if kind == "anonymous":
        return
    user = UserFactory(is_staff=kind == "secretariat")
    if kind == "venue staff":
        event.venue.staff.add(user)
    elif kind == "other venue's staff":
        VenueFactory().staff.add(user)
    client.force_login(user)


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("kind", ["anonymous", "logged-in user", "other venue's staff"])
def test_unpublished_event_is_404_for_the_public(client, status, kind):
    event = upcoming_event(status=status)
    log_in_as(client, kind, event)
    assert page_of(client, event).status_code == 404


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("kind", ["secretariat", "venue staff"])
def test_unpublished_event_is_a_preview_for_staff(client, status, kind):
    event = upcoming_event(status=status, title="Kommer snart")
    log_in_as(client, kind, event)
    response = page_of(client, event)
    assert response.status_code == 200
    assert response.context["is_preview"] is True
    assert "<h1>Kommer snart</h1>" in text(response)
