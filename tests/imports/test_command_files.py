"""``import_events --file`` and ``--demo``: the demo calendar read by the ICS reader, into the
venue's (inactive) source; a second run changes nothing; a dry run saves nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Event
from imports.management.commands.import_events import DEMO_FILE
from imports.models import EventSource
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db


def command(*args, **options):
    out = StringIO()
    call_command("import_events", *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def venue():
    return VenueFactory(name="Fjordscenen", is_trusted=True)


def test_file_import_creates_the_events_and_a_second_run_changes_nothing(venue):
    out = command("--file", str(DEMO_FILE), "--venue", venue.slug, "--name", "Kalenderen")
    assert "Kalenderen (Fjordscenen) … ok (4 created, 0 updated, 0 cancelled, 0 unchanged)" in out
    source = EventSource.objects.get()
    assert source.kind == "ics" and not source.is_active and source.trusted
    titles = set(Event.objects.values_list("title", flat=True))
    assert "Fredagsjazz på Fjordscenen" in titles and len(titles) == 4
    assert set(Event.objects.values_list("status", flat=True)) == {"published"}
    again = command("--file", str(DEMO_FILE), "--venue", venue.slug, "--name", "Kalenderen")
    assert "ok (0 created, 0 updated, 0 cancelled, 4 unchanged)" in again
    assert EventSource.objects.count() == 1


def test_dry_run_saves_neither_events_nor_the_source(venue):
    out = command("--file", str(DEMO_FILE), "--venue", venue.slug, "--dry-run")
    assert "4 created" in out and "Dry run: nothing was saved." in out
    assert not Event.objects.exists() and not EventSource.objects.exists()


def test_demo_imports_six_weeks_of_the_demo_calendar(venue):
    command("--demo")
    source = EventSource.objects.get(name="Fjordscenens kalender")
    assert source.category_map["Jazz"] == ["musik", "voksne"]
    jazz = Event.objects.get(title="Fredagsjazz på Fjordscenen")
    assert 5 <= jazz.occurrences.count() <= 7  # every Friday for six weeks
    assert [f.slug for f in jazz.focus_areas.all()] == ["musik"]
    singing = Event.objects.get(title="Fællessang for seniorer")
    assert [f.slug for f in singing.focus_areas.all()] == ["kultur-og-sundhed"]
    assert jazz.imported_from == "Fjordscenens kalender"


def test_url_import_guesses_the_kind_and_fetches_through_the_guard(
    venue, web_server, allow_loopback
):
    url = web_server.route(
        "/kalender.ics", DEMO_FILE.read_bytes(), content_type="text/calendar; charset=utf-8"
    )
    out = command("--url", url, "--venue", venue.slug)
    assert "ok (4 created" in out
    source = EventSource.objects.get(url=url)
    assert source.kind == "ics" and not source.is_active


def test_the_same_document_the_same_day_is_not_read_again(venue):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from imports.sync import run
    from tests.imports.sync_helpers import make_source

    source = make_source(venue=venue)
    document, now = DEMO_FILE.read_bytes(), timezone.now()
    first = run(source, document=document, now=now, horizon_days=42)
    assert first.counts["created"] == 4
    with CaptureQueriesContext(connection) as queries:
        again = run(source, document=document, now=now + timedelta(minutes=5), horizon_days=42)
    assert again.document_unchanged and again.counts["unchanged"] == 4
    # The source claimed for the run (imports.run_guard), then its status.
    # The claim (imports.run_guard), the source read again after it, the status.
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE", "SELECT", "UPDATE"]
    # The next day the document is read again: the fingerprints find nothing changed.
    tomorrow = run(source, document=document, now=now + timedelta(days=1), horizon_days=42)
    assert not tomorrow.document_unchanged and tomorrow.counts["created"] == 0
