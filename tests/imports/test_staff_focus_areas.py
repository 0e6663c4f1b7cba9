"""The add form prefills a focus area only from the venue's own events, never a guess, and the
preview shows each new event's focus areas as the import will set them."""

import re

import pytest
from django.urls import reverse

from events.models import FocusArea
from imports.models import EventSource
from tests.factories import EventFactory, VenueFactory
from tests.imports import staff_feeds

pytestmark = pytest.mark.django_db

ADD = reverse("imports_staff:add")


def area(slug):
    return FocusArea.objects.get(slug=slug)


def checked(html):
    """The values of the ticked focus area boxes."""
    return re.findall(r'<input type="checkbox" name="focus_areas" value="(\d+)"[^>]*checked', html)


@pytest.fixture
def library(client):
    venue = VenueFactory(name="Stationsbiblioteket")
    user = venue.staff.create(username="bibliotekar")
    client.force_login(user)
    return venue


def test_a_venue_without_events_gets_no_focus_area_prefilled(client, library):
    html = client.get(ADD).content.decode()
    assert checked(html) == []
    assert "Musik" in html  # offered, not ticked


def test_the_venues_own_focus_area_is_prefilled(client, library):
    health = area("kultur-og-sundhed")
    EventFactory.create_batch(2, venue=library, focus_areas=[health])
    EventFactory(venue=library)  # one music event
    assert checked(client.get(ADD).content.decode()) == [str(health.pk)]


def test_trying_without_a_focus_area_asks_for_one_and_fetches_nothing(
    client, library, web_server, allow_loopback
):
    url = web_server.route("/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    response = client.post(ADD, {"venue": library.pk, "url": url, "kind": "", "action": "try"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vælg mindst én indsats: hvert arrangement fra kalenderen får den" in html
    assert web_server.paths_requested() == [] and not EventSource.objects.exists()


def test_the_preview_shows_each_new_events_focus_areas(client, library, web_server, allow_loopback):
    url = web_server.route("/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    health, youth = area("kultur-og-sundhed"), area("ungekultur")
    form = {"venue": library.pk, "url": url, "kind": "", "focus_areas": [youth.pk, health.pk]}
    response = client.post(ADD, {**form, "action": "try"})
    html = response.content.decode()
    assert response.status_code == 200
    rows = re.findall(r"<li><strong>(.*?)</strong>.*?Indsatser: (.*?)</p>", html, re.S)
    names = [re.findall(r'<span class="tag tag--[\w-]+">(.*?)</span>', tags) for _, tags in rows]
    assert [title for title, _ in rows] == ["Jazz på fjorden", "Solokoncert med Ida"]
    expected = [
        a.name for a in FocusArea.objects.order_by("position", "pk") if a in (youth, health)
    ]
    assert names == [expected, expected]
    assert "Musik" not in re.search(r'<section class="source-preview.*?</section>', html, re.S)[0]
