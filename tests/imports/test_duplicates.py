"""An imported event already here is held as a draft and flagged; merged, it follows the
existing event; "not a duplicate" admits it."""

import dataclasses
from datetime import timedelta

import pytest

from events.models import Event, Occurrence
from imports import duplicates
from imports.models import SourceItem
from imports.sync import run
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory
from tests.imports.sync_helpers import NOW, at, make_source, single, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing():
    """«Jazz på Fjorden» entered here by hand, ten minutes off the source's first date."""
    venue = VenueFactory(name="Fjordscenen", is_trusted=True)
    event = EventFactory(title="Jazz på Fjorden", venue=venue)
    OccurrenceFactory(event=event, start=at(7, 20, 10), end=at(7, 22))
    return event


def test_matching_event_is_flagged_and_not_published(existing):
    source = make_source(venue=existing.venue)
    report = run(source, events=[weekly(), single()], now=NOW)
    assert [c.title for c in report.suspects] == ["Jazz på fjorden"]
    item = SourceItem.objects.get(uid="jazz@fjordscenen")
    assert item.duplicate == "suspected" and item.duplicate_of == existing
    assert item.event.status == Event.Status.DRAFT
    assert Event.objects.get(title="Solokoncert").status == Event.Status.PUBLISHED


def test_same_municipality_counts_and_other_titles_do_not(existing):
    other_venue = VenueFactory(name="Køge Bibliotek")  # also in Køge
    source = make_source(venue=other_venue)
    feed = [weekly(), weekly(uid="x", title="Foredrag om haver")]
    report = run(source, events=feed, now=NOW)
    assert [c.uid for c in report.suspects] == ["jazz@fjordscenen"]


def test_more_than_15_minutes_apart_is_not_a_duplicate(existing):
    Occurrence.objects.filter(event=existing).update(start=at(7, 20, 16), end=at(7, 22))
    report = run(make_source(venue=existing.venue), events=[weekly()], now=NOW)
    assert report.suspects == []


def test_merge_makes_the_item_follow_the_existing_event(existing):
    source = make_source(venue=existing.venue)
    run(source, events=[weekly()], now=NOW)
    item = SourceItem.objects.get()
    duplicate_pk = item.event_id
    assert duplicates.merge(item) == existing
    item.refresh_from_db()
    assert item.event == existing and item.duplicate == "merged"
    assert not Event.objects.filter(pk=duplicate_pk).exists()
    # The existing event keeps its own first date and gets the three it lacked.
    assert existing.occurrences.count() == 5
    # A later run updates the existing event: a date moved at the source moves here.
    feed = weekly()
    feed.dates[1] = dataclasses.replace(
        feed.dates[1], start=at(14, 21), end=at(14, 21) + timedelta(hours=2)
    )
    report = run(source, events=[feed], now=NOW)
    assert report.counts["updated"] == 1
    assert existing.occurrences.filter(start=at(14, 21)).exists()
    assert Event.objects.count() == 1


def test_not_a_duplicate_admits_the_event(existing):
    source = make_source(venue=existing.venue)
    run(source, events=[weekly()], now=NOW)
    item = SourceItem.objects.get()
    event = duplicates.not_duplicate(item)
    assert event.status == Event.Status.PUBLISHED
    item.refresh_from_db()
    assert item.duplicate == "distinct"


def test_not_a_duplicate_of_a_venue_no_longer_trusted_goes_to_review(existing):
    """Trust is the venue's at the moment of admission (``publishes_at_once``), as for any
    imported event: revoking it after the run sends the admitted event to review."""
    source = make_source(venue=existing.venue)
    run(source, events=[weekly()], now=NOW)
    existing.venue.is_trusted = False
    existing.venue.save(update_fields=["is_trusted"])
    event = duplicates.not_duplicate(SourceItem.objects.get())
    assert event.status == Event.Status.SUBMITTED
