"""Who may run a source: not one of an inactive venue, not one already running, and with
the venue's trust as it is now (``imports.run_guard``, ``imports.sync.run``)."""

import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from events.models import Event
from imports import sync
from imports.models import EventSource, SourceItem
from imports.run_guard import claim
from imports.sync import run
from tests.imports.sync_helpers import NOW, make_source, single, weekly

INACTIVE = "Stedet Fjordscenen er ikke aktivt på sitet, så dets kalender hentes ikke."


@pytest.mark.django_db
def test_a_source_of_an_inactive_venue_is_not_due_and_not_run():
    source = make_source()
    source.venue.is_active = False
    source.venue.save()
    assert EventSource.objects.due() == []
    report = run(source, events=[single()], now=NOW)
    assert report.failed and report.errors == [INACTIVE]
    assert Event.objects.count() == 0
    source.refresh_from_db()
    assert source.last_run_at is None  # refused before anything, status untouched


@pytest.mark.django_db
def test_import_events_refuses_a_named_source_of_an_inactive_venue():
    source = make_source()
    source.venue.is_active = False
    source.venue.save()
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 sources failed"):
        call_command("import_events", "--source", str(source.pk), stdout=out)
    assert f"failed: {INACTIVE}" in out.getvalue()


@pytest.mark.django_db
def test_revoking_the_venues_trust_stops_publishing_at_once():
    source = make_source(trusted=True)
    run(source, events=[single()], now=NOW)
    assert Event.objects.get().status == Event.Status.PUBLISHED
    source.venue.is_trusted = False
    source.venue.save()
    source = EventSource.objects.select_related("venue").get(pk=source.pk)
    assert source.trusted  # copied when the source was made, and still on
    run(source, events=[single(), weekly()], now=NOW)
    assert Event.objects.get(title="Jazz på fjorden").status == Event.Status.SUBMITTED


@pytest.mark.django_db
def test_a_source_another_run_holds_is_skipped_and_its_status_left_alone():
    source = make_source(url="")
    assert claim(EventSource.objects.get(pk=source.pk))
    out = StringIO()
    call_command("import_events", stdout=out)  # exit status 0: the other run reports
    assert "skipped: Kalenderen hentes allerede. Prøv igen om lidt." in out.getvalue()
    source.refresh_from_db()
    assert (source.last_run_at, source.last_outcome) == (None, "")


@pytest.mark.django_db
def test_a_claim_left_by_a_killed_run_is_taken_over_after_a_while():
    source = make_source()
    EventSource.objects.filter(pk=source.pk).update(
        running_since=timezone.now() - timezone.timedelta(minutes=16)
    )
    report = run(source, events=[single()], now=NOW)
    assert report.ok and report.counts["created"] == 1
    source.refresh_from_db()
    assert source.running_since is None and source.last_outcome == "ok"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_of_one_source_at_once_run_it_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL (SQLite locks the whole table)")
    source = make_source()
    document = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sted//DA\r\nBEGIN:VEVENT\r\n"
        b"UID:solo@fjordscenen\r\nDTSTAMP:20300301T120000Z\r\nDTSTART:20300310T190000Z\r\n"
        b"SUMMARY:Solokoncert\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    fetching, go_on = threading.Event(), threading.Event()

    def slow_fetch(source):
        fetching.set()
        go_on.wait(10)  # the first run holds here while the second one starts
        return document, "utf-8"

    monkeypatch.setattr(sync, "fetch_document", slow_fetch)
    reports = []

    def first():
        reports.append(run(EventSource.objects.get(pk=source.pk), now=NOW))
        connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert fetching.wait(10)
    fetching.clear()
    second = run(EventSource.objects.get(pk=source.pk), now=NOW)
    go_on.set()
    thread.join()
    assert second.busy and second.errors == ["Kalenderen hentes allerede. Prøv igen om lidt."]
    assert not fetching.is_set()  # the second run fetched nothing
    (done,) = reports
    assert done.ok and done.counts["created"] == 1, done.errors
    assert SourceItem.objects.count() == 1
    source.refresh_from_db()
    assert (source.last_outcome, source.running_since) == ("ok", None)


@pytest.mark.django_db
def test_fetch_now_counts_against_the_hourly_tries(client, venue_staff, monkeypatch):
    from django.urls import reverse

    from imports.views import trying

    venue, user = venue_staff
    source = make_source(venue=venue, url="")
    for _ in range(trying.TRIES_PER_HOUR - 1):
        trying.count_try(user)
    client.force_login(user)
    fetch = reverse("imports_staff:fetch", args=[source.pk])
    client.post(fetch)  # the last try of the hour: it runs
    source.refresh_from_db()
    assert source.last_outcome == "failed"  # «Kilden har ingen adresse.»
    EventSource.objects.filter(pk=source.pk).update(last_run_at=None, last_outcome="")
    response = client.post(fetch, follow=True)
    assert "Vent lidt" in response.content.decode()
    source.refresh_from_db()
    assert source.last_run_at is None  # not run
    assert not trying.tries_left(user)  # and «Prøv» is refused as well
