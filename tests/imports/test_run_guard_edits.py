"""A run does not overwrite an edit the secretariat commits while it runs (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from events.models import Event
from imports.sync import run
from tests.imports.sync_helpers import NOW, make_source, single


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def waits_for_a_lock(pid):
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_committed_during_a_run_survives_and_counts_as_edited_here():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    source = make_source()
    run(source, events=[single(title="Solokoncert")], now=NOW)
    event = Event.objects.get()
    importer = backend_pid()
    editing, errors, waited = threading.Event(), [], []

    def secretariat():
        try:
            with transaction.atomic():
                locked = Event.objects.select_for_update().get(pk=event.pk)
                locked.title = "Solokoncert (rettet af sekretariatet)"
                locked.save(update_fields=["title"])
                editing.set()
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    if waits_for_a_lock(importer):  # commit once the run waits for this row
                        waited.append(True)
                        break
                    time.sleep(0.02)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
            editing.set()
        finally:
            connection.close()

    thread = threading.Thread(target=secretariat)
    thread.start()
    assert editing.wait(10)
    report = run(source, events=[single(title="Solokoncert – ny titel")], now=NOW)
    thread.join()
    assert errors == []
    assert waited, "the run never waited for the row the secretariat held: no race tested"
    event.refresh_from_db()
    assert event.title == "Solokoncert (rettet af sekretariatet)"
    assert report.ok
    # Edited here from now on: the next change at the source does not overwrite it either.
    later = run(source, events=[single(title="Solokoncert – tredje titel")], now=NOW)
    event.refresh_from_db()
    assert event.title == "Solokoncert (rettet af sekretariatet)"
    assert later.ok and not later.updated
