"""/api/v1/events/: published events with a date that has not ended, by that next date; the
count and every page (the last too) follow the same order, whatever history there is."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import Event
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def titles(client, query=""):
    response = client.get(f"/api/v1/events/{query}")
    assert response.status_code == 200
    data = response.json()
    return data["count"], [event["title"] for event in data["results"]]


def test_events_are_ordered_by_their_next_date_and_paged_to_the_last(client):
    running = EventFactory(title="Udstilling")  # began in September, ends in November
    OccurrenceFactory(event=running, start=NOW - timedelta(days=20), end=NOW + timedelta(days=40))
    for day, title in ((9, "Koncert"), (3, "Foredrag"), (5, "Teater")):
        event = EventFactory(title=title)
        OccurrenceFactory(event=event, start=NOW + timedelta(days=day))
        OccurrenceFactory(event=event, start=NOW - timedelta(days=300))  # history
    series = EventFactory(title="Serie")  # a past date, then the 4th and the 20th
    for day in (-2, 4, 20):
        OccurrenceFactory(event=series, start=NOW + timedelta(days=day))
    ended = EventFactory(title="Forbi")
    OccurrenceFactory(event=ended, start=NOW - timedelta(days=1))
    draft = EventFactory(title="Kladde", status=Event.Status.DRAFT)
    OccurrenceFactory(event=draft, start=NOW + timedelta(days=1))

    order = ["Udstilling", "Foredrag", "Serie", "Teater", "Koncert"]
    assert titles(client) == (5, order)
    assert titles(client, "?page_size=2") == (5, order[:2])
    assert titles(client, "?page_size=2&page=2") == (5, order[2:4])
    assert titles(client, "?page_size=2&page=last") == (5, order[4:])
    assert client.get("/api/v1/events/?page_size=2&page=4").status_code == 404
