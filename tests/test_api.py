"""The public JSON API: read-only, the listing's filters, stable fields, times with offsets,
absolute URLs, an OpenAPI document that describes it, conditional GET, constant queries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)
FILTERS = "municipality=roskilde&municipality=koege&focus_area=musik&free=true"


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


def get(client, path, **extra):
    response = client.get(path, HTTP_ACCEPT="application/json", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_occurrence_has_stable_fields_offsets_and_absolute_urls(client):
    venue = VenueFactory(name="Portalen", municipality=municipality("ishoej"))
    event = EventFactory(title="Jazz", venue=venue)
    OccurrenceFactory(event=event, start=local(24), end=local(24, 22))
    OccurrenceFactory(event=event, start=local(31), status=Occurrence.Status.CANCELLED)

    data = get(client, "/api/v1/occurrences/")

    assert set(data) == {"count", "count_capped", "next", "previous", "results"}
    assert data["count_capped"] is False
    first, second = data["results"]
    assert set(first) == {
        "id",
        "start",
        "end",
        "all_day",
        "open_end",
        "status",
        "sequence",
        "updated_at",
        "event",
    }
    assert first["start"] == "2026-10-24T20:00:00+02:00"
    assert second["start"] == "2026-10-31T20:00:00+01:00"
    assert second["status"] == "cancelled"
    assert first["event"]["title"] == "Jazz"
    assert first["event"]["url"] == f"http://testserver/arrangementer/{event.slug}/"
    assert first["event"]["ics_url"] == f"http://testserver/arrangementer/{event.slug}.ics"
    assert first["event"]["venue"]["municipality"] == "ishoej"
    assert first["event"]["venue"]["url"] == f"http://testserver/steder/{venue.slug}/"
    assert first["event"]["focus_areas"] == ["musik"]


def test_api_urls_are_danish_whatever_the_browser_language(client):
    OccurrenceFactory(event=EventFactory(), start=local(24))
    data = get(client, "/api/v1/occurrences/", HTTP_ACCEPT_LANGUAGE="en")
    assert "/en/" not in data["results"][0]["event"]["url"]


def test_occurrences_take_the_listings_filters_and_give_the_same_dates(client, settings):
    world()
    settings.LISTING_PAGE_SIZE = 1000
    listing = client.get(f"/arrangementer/?{FILTERS.replace('free=true', 'free=on')}")
    expected = [o.pk for o in listing.context["occurrences"]]
    data = get(client, f"/api/v1/occurrences/?{FILTERS}&page_size=200")
    assert len(expected) == 6
    assert [row["id"] for row in data["results"]] == expected


def test_bad_filters_and_pages_are_clear_4xx(client):
    response = client.get("/api/v1/occurrences/?municipality=atlantis&date_from=i-morgen")
    assert response.status_code == 400
    assert set(response.json()) == {"municipality", "date_from"}
    assert client.get("/api/v1/occurrences/?page=abc").status_code == 404
    assert client.get("/api/v1/events/findes-ikke/").status_code == 404


def test_api_is_read_only(client):
    for path in ("/api/v1/occurrences/", "/api/v1/events/", "/api/v1/venues/"):
        assert client.post(path, {}).status_code == 405
    assert client.delete("/api/v1/municipalities/koege/").status_code == 405


def test_events_list_upcoming_published_events_and_detail_has_every_date(client):
    event = EventFactory(title="Udstilling", description="Lang tekst.")
    OccurrenceFactory(event=event, start=local(24))
    OccurrenceFactory(event=event, start=local(1, 6))
    past = EventFactory(title="Forbi")
    OccurrenceFactory(event=past, start=local(1, 6))
    draft = EventFactory(status=Event.Status.DRAFT)
    OccurrenceFactory(event=draft, start=local(24))

    listed = get(client, "/api/v1/events/")
    assert [e["title"] for e in listed["results"]] == ["Udstilling"]
    detail = get(client, f"/api/v1/events/{event.slug}/")
    assert detail["description"] == "Lang tekst."
    assert [d["start"] for d in detail["dates"]] == [
        "2026-10-01T06:00:00+02:00",
        "2026-10-24T20:00:00+02:00",
    ]
    assert get(client, f"/api/v1/events/{past.slug}/")["title"] == "Forbi"
    assert client.get(f"/api/v1/events/{draft.slug}/").status_code == 404


def test_places_and_focus_areas(client):
    venue = VenueFactory(name="Portalen")
    VenueFactory(is_active=False)
    assert [v["slug"] for v in get(client, "/api/v1/venues/")["results"]] == [venue.slug]
    municipalities = get(client, "/api/v1/municipalities/")["results"]
    assert len(municipalities) == 9
    koege = get(client, "/api/v1/municipalities/koege/")
    assert (koege["code"], koege["url"]) == ("259", "http://testserver/kommuner/koege/")
    areas = get(client, "/api/v1/focus-areas/")["results"]
    assert {a["slug"] for a in areas} == {"musik", "ungekultur", "kultur-og-sundhed"}


def test_openapi_schema_describes_every_endpoint_and_field(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/occurrences/",
        "/api/v1/occurrences/{id}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/venues/",
        "/api/v1/municipalities/",
        "/api/v1/focus-areas/",
    ):
        assert set(schema["paths"][path]) == {"get"}, path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/occurrences/"]["get"]["parameters"]}
    assert {"q", "municipality", "focus_area", "free", "period", "date_from", "page"} <= parameters
    occurrence = schema["components"]["schemas"]["Occurrence"]["properties"]
    assert set(occurrence) == {
        "id",
        "start",
        "end",
        "all_day",
        "open_end",
        "status",
        "sequence",
        "updated_at",
        "event",
    }
    # A date-time, or a date when the date is all-day.
    assert [kind["format"] for kind in occurrence["start"]["oneOf"]] == ["date-time", "date"]


def test_documentation_page_is_served_without_remote_scripts(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/occurrences/" in html
    assert "date_from" in html
    assert '<script src="http' not in html and "cdn" not in html.lower()


def test_api_answers_conditional_get_and_may_be_read_from_other_sites(client):
    OccurrenceFactory(event=EventFactory(), start=local(24))
    first = client.get("/api/v1/occurrences/", HTTP_ORIGIN="https://www.koege.dk")
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/occurrences/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_anonymous_use_is_throttled_generously(client, settings):
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_THROTTLE_RATES["anon"] == "120/minute"
    for _ in range(3):
        assert client.get("/api/v1/focus-areas/").status_code == 200


# Queries per endpoint at few and at many rows.
EXPECTED = {
    # ETag and Last-Modified come from the cache (events.conditional), no query.
    # Two counts (dates running now, dates beginning from now: each read by its own index),
    # the page of dates with event/venue/municipality, focus areas
    "/api/v1/occurrences/": 4,
    # the chosen slugs are checked against the cached choices (events.vocabulary)
    f"/api/v1/occurrences/?{FILTERS}": 4,
    # count, page of events with venue/municipality, focus areas
    "/api/v1/events/": 3,
    # count, page of venues with municipality
    "/api/v1/venues/": 2,
}


@pytest.mark.parametrize("path", list(EXPECTED))
def test_api_queries_are_constant(client, path):
    def count():
        get(client, path)  # warm-up: the filter choices are cached (see test_query_counts)
        with CaptureQueriesContext(connection) as ctx:
            data = get(client, path)
        return len(ctx.captured_queries), len(data["results"])

    for slug in ("roskilde", "koege"):
        event = EventFactory(venue=VenueFactory(municipality=municipality(slug)), is_free=True)
        OccurrenceFactory(event=event, start=local(10))
    small, rows_small = count()
    world()
    large, rows_large = count()
    assert rows_large > rows_small > 0
    assert (small, large) == (EXPECTED[path], EXPECTED[path])
