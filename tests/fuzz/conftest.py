"""The data every fuzz test runs against: one venue («fuzz-scene») with its staff, and one
published event there with two dates."""

import pytest

from tests.factories import EventFactory, OccurrenceFactory
from tests.staff_helpers import soon


@pytest.fixture
def world(venue_staff):
    venue, _user = venue_staff
    venue.slug = "fuzz-scene"
    venue.save()
    event = EventFactory(venue=venue, title="Fuzz-koncert", is_free=True)
    OccurrenceFactory(event=event)
    OccurrenceFactory(event=event, start=soon(20)[0])
    return event
