"""Event cards on the listing and the place pages: one link per card, the picture's renditions
with width, height and alt text, lazy below the first row, a placeholder without an image, and
the date's status and "Gratis"."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area
from tests.test_images import picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "da"


class Cards(HTMLParser):
    """The start tags and the text inside each ``<article class="event-card">``."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.cards, self._depth = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "event-card" in (attrs.get("class") or "").split():
            self.cards.append({"tags": [], "text": ""})
            self._depth = 1
        elif self._depth:
            if tag == "article":
                self._depth += 1
            self.cards[-1]["tags"].append((tag, attrs))

    def handle_endtag(self, tag):
        if self._depth and tag == "article":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.cards[-1]["text"] += data


def tags(card, name):
    return [attrs for tag, attrs in card["tags"] if tag == name]


def with_picture(title, start, **fields):
    event = EventFactory(title=title, **fields)
    event.image = ContentFile(picture(size=(1200, 800)), name="foto.jpg")
    event.image_alt = f"Plakat for {title}"
    event.save()
    OccurrenceFactory(event=event, start=start)
    return event


def cards(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return Cards(response.content.decode()).cards


def test_a_listing_card_is_one_link_with_a_picture_of_renditions(client):
    now = timezone.now()
    events = [with_picture(f"Koncert {n}", now + timedelta(days=1, hours=n)) for n in range(5)]
    found = cards(client, "/arrangementer/")
    assert len(found) == 5
    for card, event in zip(found, events, strict=True):
        links = tags(card, "a")
        assert [a["href"] for a in links] == [event.get_absolute_url()]  # one link, no nesting
        (source,) = tags(card, "source")
        assert source["type"] == "image/webp"
        assert "-400.webp 400w" in source["srcset"] and "-800.webp 800w" in source["srcset"]
        assert source["sizes"]
        (img,) = tags(card, "img")
        assert img["alt"] == f"Plakat for {event.title}"
        assert (img["width"], img["height"]) == ("1200", "800")
        assert img["srcset"].endswith(f"{event.image.name} 1200w")
    images = [tags(card, "img")[0] for card in found]
    # The first row is never lazy (the first image is fetched first); the rest are.
    assert images[0].get("fetchpriority") == "high" and "loading" not in images[0]
    assert all(img.get("loading") == "lazy" for img in images[3:])


def test_a_card_without_a_picture_has_a_placeholder_in_the_focus_areas_colour(client):
    event = EventFactory(title="Ungdomsteater", focus_areas=[focus_area("ungekultur")])
    OccurrenceFactory(event=event)
    (card,) = cards(client, "/arrangementer/")
    assert not tags(card, "img")
    media = [d for d in tags(card, "div") if "event-card__media" in d.get("class", "")]
    assert media and "event-card__media--ungekultur" in media[0]["class"]


def test_a_card_shows_the_dates_status_and_free_admission(client):
    event = EventFactory(title="Gratis koncert", is_free=True)
    OccurrenceFactory(event=event, status=Occurrence.Status.CANCELLED)
    (card,) = cards(client, "/arrangementer/")
    assert "Aflyst" in card["text"]
    assert "Gratis" in card["text"]
    assert "Gratis koncert" in card["text"]


def test_place_pages_show_cards_with_pictures_the_first_row_eager(client):
    venue = VenueFactory(name="Musikhuset")
    now = timezone.now()
    for n in range(5):
        with_picture(f"Aften {n}", now + timedelta(days=1 + n), venue=venue)
    for path in (venue.get_absolute_url(), venue.municipality.get_absolute_url(), "/"):
        found = cards(client, path)
        assert len(found) >= 4, path
        lazy = [tags(card, "img")[0].get("loading") for card in found]
        assert lazy[:3] == [None, None, None], path
        assert set(lazy[3:]) == {"lazy"}, path
