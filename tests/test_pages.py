"""Every public page answers and shows what a visitor relies on.

UI strings of our own are checked on the English pages (``/en/``) only, because the Danish
translations may lag behind; Danish pages are checked by their data, status and structure.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.html import escape

from core.views import server_error
from events.models import AccessibilityFeature, Audience, Event, Occurrence
from municipalities.models import Municipality
from pages.models import Page
from tests.factories import (
    EventFactory,
    OccurrenceFactory,
    UserFactory,
    VenueFactory,
    focus_area,
    municipality,
)

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def _danish():
    """A request to /en/ leaves English active in the thread; reverse() in Danish again."""
    translation.activate("da")
    yield
    translation.deactivate()


def text(response) -> str:
    return response.content.decode()


def url(obj) -> str:
    with translation.override("da"):
        return obj.get_absolute_url()


def page_of(client, event, *, lang=""):
    return client.get(f"/{lang}{url(event)}" if lang else url(event))


def upcoming_event(**kwargs):
    return OccurrenceFactory(event=EventFactory(**kwargs)).event


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


# --- Text pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["om", "tilgaengelighed", "privatliv"])
def test_text_page_shows_its_content_in_danish_and_english(client, slug):
    page = Page.objects.get(slug=slug)
    html = text(client.get(f"/{slug}/"))
    assert f"<h1>{escape(page.title)}</h1>" in html
    assert f"<p>{escape(page.body.split(chr(10) * 2)[0])}</p>" in html
    html = text(client.get(f"/en/{slug}/"))
    assert '<html lang="en">' in html
    assert f"<h1>{escape(page.title_en)}</h1>" in html
    assert f"<p>{escape(page.body_en.split(chr(10) * 2)[0])}</p>" in html


def test_editing_a_page_changes_the_page(client):
    page = Page.objects.get(slug="om")
    page.title = "Om os"
    page.body = "Nyt første afsnit.\n\nNyt andet afsnit."
    page.save()
    html = text(client.get("/om/"))
    assert "<h1>Om os</h1>" in html
    assert "<p>Nyt andet afsnit.</p>" in html


# --- Language, structure, errors ----------------------------------------------------------


def public_paths():
    event = upcoming_event()
    fixed = "/ /arrangementer/ /kommuner/ /kommuner/koege/ /indsatser/ungekultur/ /om/"
    fixed += " /tilgaengelighed/ /privatliv/ /konto/login/ /konto/password_reset/"
    return [*fixed.split(), url(event), url(event.venue)]


def test_every_public_page_has_skip_link_one_h1_and_danish_lang(client):
    for path in public_paths():
        response = client.get(path)
        html = text(response)
        assert response.status_code == 200, path
        assert '<html lang="da">' in html, path
        assert re.search(r'<a [^>]*href="#main"', html), path
        assert 'id="main"' in html, path
        assert len(re.findall(r"<h1[\s>]", html)) == 1, path


def test_every_public_page_has_an_english_version(client):
    for path in public_paths():
        response = client.get(f"/en{path}")
        assert response.status_code == 200, path
        assert '<html lang="en">' in text(response), path


UNKNOWN = ["/arrangementer/x/", "/kommuner/x/", "/steder/x/", "/indsatser/x/", "/ukendt/"]


@pytest.mark.parametrize("path", [*UNKNOWN, "/en/arrangementer/x/", "/en/steder/x/"])
def test_unknown_slug_is_404_with_link_to_the_listing(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    listing = "/en/arrangementer/" if path.startswith("/en/") else "/arrangementer/"
    assert f'href="{listing}"' in text(response)


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"


def test_server_error_renders_the_500_template_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = text(response)
    assert response.status_code == 500
    assert '<html lang="da">' in html
    assert "<title>Der skete en fejl · Kulturmetropolen</title>" in html
    assert 'href="/"' in html


# --- Accounts -----------------------------------------------------------------------------


def test_password_reset_mails_a_reset_link(client, mailoutbox):
    user = UserFactory(email="kirsten@koege.dk")
    response = client.post("/konto/password_reset/", {"email": "kirsten@koege.dk"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert re.search(r"https?://testserver/konto/reset/[\w-]+/[\w-]+/", message.body)


def test_password_reset_for_unknown_address_sends_nothing(client, mailoutbox):
    response = client.post("/konto/password_reset/", {"email": "ingen@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
