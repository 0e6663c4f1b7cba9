"""Runs through the real fetcher and JSON-LD reader against the local web server: a page with
a schema.org Event is imported and followed; a server that fails leaves the events as they
are and says why; the admin's «Prøv uden at gemme» and «Hent nu» go through the same path."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Occurrence
from imports.models import EventSource
from imports.sync import run
from tests.factories import VenueFactory
from tests.imports.sync_helpers import CPH

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 2, 1, 12, 0, tzinfo=CPH)


def page(title="Jazz i Kulturhuset", start="2027-02-12T20:00:00+01:00", status="EventScheduled"):
    event = {
        "@context": "https://schema.org",
        "@type": "MusicEvent",
        "@id": "https://kulturhuset.example/event/jazz/#event",
        "name": title,
        "startDate": start,
        "endDate": start.replace("T20", "T22"),
        "eventStatus": f"https://schema.org/{status}",
        "url": "https://kulturhuset.example/event/jazz/",
        "offers": {"@type": "Offer", "price": "150", "priceCurrency": "DKK"},
    }
    return (
        "<!DOCTYPE html><html><head><title>Jazz</title>"
        f'<script type="application/ld+json">{json.dumps(event)}</script></head>'
        "<body><h1>Jazz</h1></body></html>"
    )


@pytest.fixture
def source(web_server, allow_loopback):
    venue = VenueFactory(name="Kulturhuset", is_trusted=True)
    source = EventSource.objects.create(
        venue=venue,
        name="Kulturhusets side",
        kind="jsonld",
        url=web_server.route("/event/jazz/", page()),
        trusted=True,
    )
    source.web_server = web_server
    return source


def test_a_page_is_fetched_read_and_imported_then_followed(source):
    report = run(source, now=NOW)
    assert report.ok and report.counts["created"] == 1, report.errors
    event = Event.objects.get()
    assert event.title == "Jazz i Kulturhuset" and str(event.price_min) == "150.00"
    source.web_server.route("/event/jazz/", page(status="EventCancelled"))
    report = run(source, now=NOW)
    assert report.counts["cancelled"] == 1 and report.counts["updated"] == 0
    assert Occurrence.objects.get().status == Occurrence.Status.CANCELLED


def test_a_failing_server_leaves_the_events_and_says_why(source):
    run(source, now=NOW)
    source.web_server.route("/event/jazz/", "Fejl", status=500)
    report = run(source, now=NOW)
    assert report.failed
    source.refresh_from_db()
    assert source.last_outcome == "failed" and source.last_errors == report.errors[0]
    assert "500" in source.last_errors or "svarede" in source.last_errors
    assert Occurrence.objects.get().status == Occurrence.Status.SCHEDULED
    assert Event.objects.get().title == "Jazz i Kulturhuset"


def test_admin_preview_shows_what_would_be_created_and_saves_nothing(client, secretary, source):
    # The admin runs at the real now: a date a month from today.
    soon = (timezone.localdate() + dt.timedelta(days=30)).isoformat() + "T20:00:00+01:00"
    source.web_server.route("/event/jazz/", page(start=soon))
    client.force_login(secretary)
    response = client.post(reverse("admin:imports_preview", args=[source.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intet er gemt." in html and "Jazz i Kulturhuset" in html
    assert not Event.objects.exists()
    client.post(reverse("admin:imports_fetch", args=[source.pk]))
    assert Event.objects.get().title == "Jazz i Kulturhuset"
