"""Embeds: the compact list for an <iframe> (the only frameable pages) and the builder."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)
FILTERS = "municipality=roskilde&municipality=koege&focus_area=musik&free=on"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def local(day, hour=20):
    return datetime(2026, 10, day, hour, tzinfo=COPENHAGEN)


def world():
    for slug in ("roskilde", "koege", "ishoej"):
        venue = VenueFactory(municipality=municipality(slug))
        for free in (True, False):
            for area in ("musik", "ungekultur"):
                event = EventFactory(venue=venue, is_free=free, focus_areas=[focus_area(area)])
                for day in (3, 24, 31):
                    OccurrenceFactory(event=event, start=local(day))


def test_embed_may_be_framed_by_other_sites_and_nothing_else_may(client):
    response = client.get("/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    for path in ("/", "/arrangementer/", "/embed/byg/", "/api/v1/docs/"):
        assert client.get(path)["X-Frame-Options"] == "DENY", path


def test_embed_is_an_accessible_page_that_links_out_to_the_top_window(client):
    event = EventFactory(title="Jazz i Portalen")
    OccurrenceFactory(event=event, start=local(24), status=Occurrence.Status.SOLD_OUT)
    html = client.get("/en/embed/?title=Kultur+i+K%C3%B8ge").content.decode()
    assert '<html lang="en">' in html
    assert "<title>Kultur i Køge · Kulturmetropolen</title>" in html
    assert '<h1 class="embed__heading">Kultur i Køge</h1>' in html
    assert f'href="http://testserver/en/arrangementer/{event.slug}/" target="_top"' in html
    assert "Sold out" in html
    assert '<script src="/static/js/embed.js" defer></script>' in html
    assert "<script>" not in html  # no inline script


def test_embed_gives_the_same_dates_as_the_listing(client, settings):
    world()
    settings.LISTING_PAGE_SIZE = 1000
    listing = client.get(f"/arrangementer/?{FILTERS}")
    expected = [o.pk for o in listing.context["occurrences"]]
    response = client.get(f"/embed/?{FILTERS}&limit=50")
    assert [o.pk for o in response.context["occurrences"]] == expected
    assert len(expected) == 6


def test_embed_limit_defaults_to_ten_and_is_checked(client):
    event = EventFactory()
    for day in range(2, 20):
        OccurrenceFactory(event=event, start=local(day))
    assert len(client.get("/embed/").context["occurrences"]) == 10
    assert len(client.get("/embed/?limit=3").context["occurrences"]) == 3
    for bad in ("0", "51", "abc"):
        assert client.get(f"/embed/?limit={bad}").status_code == 400


def test_embed_rejects_bad_filters_with_400(client):
    response = client.get("/embed/?municipality=atlantis")
    assert response.status_code == 400
    assert "atlantis" in response.content.decode()


def test_builder_shows_snippet_and_preview_for_the_chosen_filters_without_javascript(client):
    response = client.get(f"/en/embed/byg/?{FILTERS}&limit=5&title=%22Jazz%22")
    assert response.status_code == 200
    html = response.content.decode()
    src = f"http://testserver/en/embed/?{FILTERS}&limit=5&title=%22Jazz%22".replace("&", "&amp;")
    # The snippet is shown as text (escaped once more inside the textarea).
    assert "&lt;iframe src=&quot;" in html
    assert "title=&quot;&amp;quot;Jazz&amp;quot;&quot;" in html
    assert "embed-host.js" in html
    assert f'<iframe class="embed-builder__preview" src="{src}"' in html
    assert 'name="municipality" value="koege"' in html


def test_builder_rejects_bad_choices_with_400(client):
    assert client.get("/embed/byg/?date_from=i-morgen").status_code == 400
    assert client.get("/embed/byg/?limit=500").status_code == 400


# The dates (with event, venue, municipality), their focus areas; the chosen slugs are checked
# against the cached choices (events.vocabulary).
EMBED_QUERIES = 2
# Several filters on the events: their few events' ids first (events.filters), then the
# dates by those ids — one query more, read through the (event, start) index instead of
# walking every date (docs/ceiling.md).
EMBED_QUERIES_FILTERED = 3


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/embed/?limit=50", EMBED_QUERIES), (f"/embed/?{FILTERS}&limit=50", EMBED_QUERIES_FILTERED)],
)
def test_embed_queries_are_constant(client, path, expected):
    def count():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["occurrences"])

    for slug in ("roskilde", "koege"):
        event = EventFactory(venue=VenueFactory(municipality=municipality(slug)), is_free=True)
        OccurrenceFactory(event=event, start=local(10))
    small, rows_small = count()
    world()
    large, rows_large = count()
    assert rows_large > rows_small > 0
    assert (small, large) == (expected, expected)
