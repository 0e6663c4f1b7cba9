"""Staying in step: a second run updates instead of duplicating, dates gone or cancelled are
cancelled (never deleted), hand edits survive, an unchanged run writes nothing."""

import dataclasses
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Occurrence
from imports.models import SourceItem, SourceItemDate
from imports.sync import run
from tests.imports.sync_helpers import NOW, at, make_source, single, weekly

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_first_run_creates_events_dates_and_mapping_rows():
    source = make_source()
    report = run(source, events=[weekly(), single()], now=NOW)
    assert report.counts == {"created": 2, "updated": 0, "cancelled": 0, "kept": 0, "unchanged": 0}
    jazz = Event.objects.get(title="Jazz på fjorden")
    assert jazz.status == Event.Status.PUBLISHED
    assert jazz.imported_from == "Fjordscenens kalender"
    assert [f.slug for f in jazz.focus_areas.all()] == ["musik"]
    assert jazz.occurrences.count() == 4
    item = SourceItem.objects.get(uid="jazz@fjordscenen")
    assert item.event == jazz and item.imported["title"] == "Jazz på fjorden"
    assert SourceItemDate.objects.filter(item=item, occurrence__isnull=False).count() == 4
    source.refresh_from_db()
    assert source.last_outcome == "ok" and source.last_created == 2


def test_second_identical_run_writes_nothing_but_the_status():
    source = make_source()
    run(source, events=[weekly(), single()], now=NOW)
    with CaptureQueriesContext(connection) as queries:
        report = run(source, events=[weekly(), single()], now=NOW)
    assert report.counts == {"created": 0, "updated": 0, "cancelled": 0, "kept": 0, "unchanged": 2}
    written = writes(queries.captured_queries)
    # The source's own row: claimed for the run (imports.run_guard), then its status.
    assert len(written) == 2 and all("imports_eventsource" in sql for sql in written)
    assert Event.objects.count() == 2


def test_unchanged_run_costs_the_same_queries_for_2_and_50_events():
    counts = []
    for n in (2, 50):
        source = make_source()
        feed = [single(uid=f"{n}-{i}", title=f"Koncert {i}", days=i + 1) for i in range(n)]
        run(source, events=feed, now=NOW)
        with CaptureQueriesContext(connection) as queries:
            run(source, events=feed, now=NOW)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_changed_title_updates_the_event():
    source = make_source()
    run(source, events=[single()], now=NOW)
    report = run(source, events=[single(title="Solokoncert – ny solist")], now=NOW)
    assert report.counts["updated"] == 1 and report.updated[0].fields == ["title"]
    assert Event.objects.get().title == "Solokoncert – ny solist"


def test_moved_date_updates_it_with_a_higher_sequence():
    source = make_source()
    run(source, events=[single()], now=NOW)
    occurrence = Occurrence.objects.get()
    moved = dataclasses.replace(single().dates[0], start=at(3, 19, 30), end=at(3, 21, 30))
    event = single()
    event.dates = [moved]
    report = run(source, events=[event], now=NOW)
    occurrence.refresh_from_db()
    assert report.counts["updated"] == 1
    assert occurrence.start == at(3, 19, 30) and occurrence.sequence == 1
    assert Occurrence.objects.count() == 1


def test_date_gone_from_the_source_is_cancelled_not_deleted():
    source = make_source()
    run(source, events=[weekly()], now=NOW)
    shorter = weekly()
    gone_key = shorter.dates.pop(2).key
    report = run(source, events=[shorter], now=NOW)
    assert report.counts["cancelled"] == 1 and report.counts["updated"] == 0
    row = SourceItemDate.objects.get(key=gone_key)
    assert row.is_gone and row.occurrence.status == Occurrence.Status.CANCELLED
    assert row.occurrence.sequence == 1
    assert Occurrence.objects.filter(status="scheduled").count() == 3


def test_past_dates_gone_from_the_source_are_left_alone():
    source = make_source()
    run(source, events=[weekly()], now=NOW)
    later = NOW + timedelta(days=10)  # the first instance (NOW + 7 days) is past by then
    shorter = weekly()
    shorter.dates = shorter.dates[1:]
    run(source, events=[shorter], now=later)
    first = Occurrence.objects.order_by("start").first()
    assert first.status == Occurrence.Status.SCHEDULED


def test_cancelled_instance_becomes_cancelled():
    source = make_source()
    run(source, events=[weekly()], now=NOW)
    feed = weekly()
    feed.dates[1] = dataclasses.replace(feed.dates[1], cancelled=True)
    run(source, events=[feed], now=NOW)
    cancelled = Occurrence.objects.get(status=Occurrence.Status.CANCELLED)
    assert cancelled.start == at(14) and cancelled.sequence == 1


def test_event_gone_from_the_source_has_its_dates_cancelled():
    source = make_source()
    run(source, events=[weekly(), single()], now=NOW)
    report = run(source, events=[weekly()], now=NOW)
    assert report.counts == {"created": 0, "updated": 0, "cancelled": 1, "kept": 0, "unchanged": 1}
    solo = Event.objects.get(title="Solokoncert")
    assert [o.status for o in solo.occurrences.all()] == ["cancelled"]
    assert SourceItem.objects.get(uid="solo@fjordscenen").is_gone


def test_hand_edited_title_survives_a_source_change():
    source = make_source()
    run(source, events=[single(description="Første tekst.")], now=NOW)
    Event.objects.filter().update(title="Solokoncert (rettet)")
    report = run(source, events=[single(title="Solo!", description="Anden tekst.")], now=NOW)
    event = Event.objects.get()
    assert event.title == "Solokoncert (rettet)" and event.description == "Anden tekst."
    assert report.updated[0].kept == ["title"] and report.updated[0].fields == ["description"]


def test_failed_fetch_leaves_events_untouched_and_sets_the_message():
    source = make_source()
    run(source, events=[single()], now=NOW)
    source.url = ""  # nothing to fetch: the same path as an address that fails
    source.save(update_fields=["url"])
    report = run(source, now=NOW)
    assert report.failed and report.errors == ["Kilden har ingen adresse."]
    source.refresh_from_db()
    assert source.last_outcome == "failed" and source.last_errors == "Kilden har ingen adresse."
    assert Occurrence.objects.get().status == Occurrence.Status.SCHEDULED


def test_reviewed_source_submits_and_mails_the_secretariat_once(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "sekretariat@example.org"
    source = make_source(trusted=False)
    with django_capture_on_commit_callbacks(execute=True):
        run(source, events=[weekly(), single()], now=NOW)
    assert set(Event.objects.values_list("status", flat=True)) == {"submitted"}
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["sekretariat@example.org"]
    assert "Jazz på fjorden" in message.body and "Solokoncert" in message.body


def test_trusted_source_publishes_without_mail(mailoutbox, django_capture_on_commit_callbacks):
    source = make_source(trusted=True)
    with django_capture_on_commit_callbacks(execute=True):
        run(source, events=[single()], now=NOW)
    assert Event.objects.get().status == Event.Status.PUBLISHED
    assert len(mailoutbox) == 0


def test_dry_run_saves_nothing():
    source = make_source()
    report = run(source, events=[weekly(), single()], now=NOW, dry_run=True)
    assert report.counts["created"] == 2 and report.dry_run
    assert Event.objects.count() == 0 and SourceItem.objects.count() == 0
    source.refresh_from_db()
    assert source.last_run_at is None


def test_events_with_only_past_dates_are_not_created():
    source = make_source()
    report = run(source, events=[single(days=-3)], now=NOW)
    assert report.counts["created"] == 0 and Event.objects.count() == 0


def test_a_new_event_the_source_already_cancelled_is_not_created():
    source = make_source()
    report = run(source, events=[single(cancelled=True)], now=NOW)
    assert report.counts["created"] == 0 and Event.objects.count() == 0


def test_a_date_moved_onto_another_date_of_the_event_keeps_its_time():
    source = make_source()
    run(source, events=[weekly()], now=NOW)
    feed = weekly()
    feed.dates[1] = dataclasses.replace(feed.dates[1], start=at(7), end=at(7, 22))
    report = run(source, events=[feed], now=NOW)
    assert not report.failed
    assert Occurrence.objects.filter(start=at(14)).exists()
    assert Occurrence.objects.count() == 4


def test_a_run_uses_the_source_as_saved_when_it_starts():
    """A run that waited its turn (cron goes through the due sources one by one) uses the
    address saved meanwhile, not the one it was handed."""
    from imports.models import EventSource

    source = make_source()
    run(source, events=[single()], now=NOW)
    EventSource.objects.filter(pk=source.pk).update(url="")  # changed while cron waited
    report = run(source, now=NOW)  # ``source`` still holds the old address
    assert report.failed and report.errors == ["Kilden har ingen adresse."]
