"""The API's serialisers write a row by a plan (events/api/serializers_base.py): each row is
what DRF's own field-by-field serialisation gives, for every shape of data."""

import datetime
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import timezone
from rest_framework import serializers as drf

from events.api import serializers
from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, focus_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    now = timezone.now().replace(microsecond=0)
    priced = EventFactory(
        price_min=Decimal("50.00"), price_max=Decimal("120.50"), is_free=False, teaser=""
    )
    priced.focus_areas.set([focus_area("musik"), focus_area("ungekultur")])
    return [
        OccurrenceFactory(event=priced, start=now + datetime.timedelta(days=1)),
        OccurrenceFactory(start=now + datetime.timedelta(days=2), end=None),
        OccurrenceFactory(
            start=now + datetime.timedelta(days=3),
            end=now + datetime.timedelta(days=5),
            all_day=True,
        ),
    ]


def generic(serializer, instance):
    """DRF's own row: ModelSerializer.to_representation, field by field (an event's
    ``organizer`` is its organiser's name, as EventSummarySerializer writes it)."""
    row = drf.ModelSerializer.to_representation(serializer, instance)
    if "organizer" in row:
        row["organizer"] = instance.organizer_name
    return row


def test_each_row_is_what_drf_writes(rows):
    context = {"request": RequestFactory().get("/api/v1/occurrences/")}
    occurrences = Occurrence.objects.filter(pk__in=[o.pk for o in rows]).select_related(
        "event__venue__municipality"
    )
    events = Event.objects.filter(pk__in=[o.event_id for o in rows]).prefetch_related(
        "occurrences", "focus_areas", "audiences"
    )
    checked = 0
    for serializer_class, instances in [
        (serializers.OccurrenceSerializer, occurrences),
        (serializers.DateSerializer, occurrences),
        (serializers.EventSummarySerializer, events),
        (serializers.EventDetailSerializer, events),
        (serializers.VenueSerializer, [o.event.venue for o in occurrences]),
        (serializers.MunicipalitySerializer, [o.event.venue.municipality for o in occurrences]),
        (serializers.FocusAreaSerializer, events[0].focus_areas.all()),
    ]:
        serializer = serializer_class(context=context)
        for instance in instances:
            assert serializer.to_representation(instance) == generic(serializer, instance)
            checked += 1
    assert checked == 20
    row = serializers.OccurrenceSerializer(occurrences[0], context=context).data
    assert row["event"]["price_min"] == "50.00"
    assert row["event"]["url"] == f"http://testserver/arrangementer/{row['event']['slug']}/"
