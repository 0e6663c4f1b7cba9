"""What an import costs in queries, and where an imported event shows where it came from."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from imports.sync import run
from tests.factories import VenueFactory, municipality
from tests.imports.sync_helpers import NOW, make_source, single

pytestmark = pytest.mark.django_db


def feed(n, prefix):
    return [
        single(uid=f"{prefix}-{i}", title=f"Koncert {prefix} {i}", days=i % 60 + 1)
        for i in range(n)
    ]


def test_first_import_costs_the_same_queries_for_2_and_20_events():
    # Rows are inserted in batches (500 on PostgreSQL; SQLite allows about 28 events per
    # statement): both sizes fit one batch on either engine.
    counts = []
    for n, place in ((2, "koege"), (20, "roskilde")):  # apart: no duplicates of each other
        venue = VenueFactory(name=f"Scene {n}", is_trusted=True, municipality=municipality(place))
        source = make_source(venue=venue)
        with CaptureQueriesContext(connection) as queries:
            report = run(source, events=feed(n, n), now=NOW)
        assert report.counts["created"] == n
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_public_page_says_which_calendar_the_event_came_from(client):
    source = make_source()
    run(source, events=[single()], now=NOW)
    event = Event.objects.get()
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    organiser = html[html.index('id="organizer-heading"') :]
    assert "Fra Fjordscenens kalender" in organiser[: organiser.index("</section>")]
