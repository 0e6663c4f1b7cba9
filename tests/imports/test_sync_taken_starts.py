"""A source date on a start the event already has — a date added here by hand, or kept by a
merge — is neither added nor moved onto it: the database allows one date per start, and
the IntegrityError made every later run of the source fail."""

import dataclasses
from datetime import timedelta

import pytest

from events.models import Event, Occurrence
from imports.items import SourceDate
from imports.sync import run
from tests.imports.sync_helpers import NOW, at, make_source, single

pytestmark = pytest.mark.django_db


def test_a_source_date_on_a_start_added_by_hand_does_not_break_the_run():
    source = make_source()
    run(source, events=[single()], now=NOW)
    event = Event.objects.get(title="Solokoncert")
    Occurrence.objects.create(event=event, start=at(10), end=at(10, 22))  # added by hand
    second = dataclasses.replace(
        single(), dates=[*single().dates, SourceDate(key="extra", start=at(10), end=at(10, 22))]
    )
    report = run(source, events=[second], now=NOW)
    assert not report.failed, report.errors
    assert sorted(o.start for o in event.occurrences.all()) == [at(3), at(10)]


def test_a_source_date_moved_onto_a_start_added_by_hand_stays_where_it_was():
    source = make_source()
    run(source, events=[single()], now=NOW)
    event = Event.objects.get(title="Solokoncert")
    Occurrence.objects.create(event=event, start=at(5), end=at(5, 22))  # added by hand
    moved = dataclasses.replace(
        single(), dates=[SourceDate(key="", start=at(5), end=at(5) + timedelta(hours=2))]
    )
    report = run(source, events=[moved], now=NOW)
    assert not report.failed, report.errors
    assert sorted(o.start for o in event.occurrences.all()) == [at(3), at(5)]
