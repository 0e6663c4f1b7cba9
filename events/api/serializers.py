"""Stable, documented field names of the public API. Times carry their UTC offset; links are
absolute. A date's ``start`` and ``end`` are date-times, or dates (``2026-12-05``) when it is
``all_day`` (``end`` then its last day, inclusive, as schema.org's endDate)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from municipalities.models import Municipality, Venue

from ..models import Event, FocusArea, Occurrence
from .serializers_base import AbsoluteUrlField, ReadOnlySerializer, absolute_url

#: Shared by every date: DRF's date-time as the API writes it (ISO 8601 with the offset of
#: the current time zone); it holds no state of a request.
_DATE_TIME = serializers.DateTimeField()


_MOMENT_SCHEMA = {
    "oneOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
    ]
}


def date_fields(occurrence) -> dict:
    """``start``, ``end``, ``all_day`` and ``open_end`` of ``occurrence`` as the API gives
    them: ISO 8601 date-times with their offset; ISO dates for an all-day date (``end`` its
    last day, inclusive); ``end`` null for an open end (the end is not known)."""
    return {
        "start": moment(occurrence, "start"),
        "end": moment(occurrence, "end"),
        "all_day": occurrence.all_day,
        "open_end": occurrence.open_end,
    }


def moment(occurrence, part: str) -> str | None:
    """``start`` or ``end`` (``part``) of ``occurrence`` as :func:`date_fields` gives it."""
    if occurrence.all_day:
        day = occurrence.first_day if part == "start" else occurrence.last_day
        return day.isoformat()
    value = occurrence.start if part == "start" else occurrence.end
    return _DATE_TIME.to_representation(value) if value else None


@extend_schema_field(_MOMENT_SCHEMA)
class MomentField(serializers.ReadOnlyField):
    """A date's start or end: a date-time, or a date when the date is all-day."""

    def __init__(self, name, **kwargs):
        self.part = name
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return moment(value, self.part)


class MunicipalitySerializer(ReadOnlySerializer):
    url = AbsoluteUrlField("municipalities:detail")

    class Meta:
        model = Municipality
        fields = ["slug", "name", "code", "website", "description", "url"]


class FocusAreaSerializer(ReadOnlySerializer):
    url = AbsoluteUrlField("focus_areas:detail")

    class Meta:
        model = FocusArea
        fields = ["slug", "name", "description", "url"]


class VenueSerializer(ReadOnlySerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = AbsoluteUrlField("municipalities:venue")

    class Meta:
        model = Venue
        fields = [
            "slug",
            "name",
            "municipality",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "website",
            "url",
        ]


class EventSummarySerializer(ReadOnlySerializer):
    """The event as nested in an occurrence."""

    venue = VenueSerializer(read_only=True)
    focus_areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = AbsoluteUrlField("events:detail")
    ics_url = serializers.SerializerMethodField(help_text="The event's dates as iCalendar.")
    image = serializers.ImageField(read_only=True, use_url=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "teaser",
            "venue",
            "organizer",
            "performer",
            "focus_areas",
            "is_free",
            "price_text",
            "price_min",
            "price_max",
            "ticket_url",
            "info_url",
            "image",
            "image_alt",
            "url",
            "ics_url",
        ]

    def get_ics_url(self, event) -> str:
        return absolute_url(self.context, "feeds:event_ics", event.slug)

    def to_representation(self, event):
        data = super().to_representation(event)
        data["organizer"] = event.organizer_name
        return data


class DateSerializer(ReadOnlySerializer):
    """One date of an event: id, start, end, all_day, open_end and status (see
    ``date_fields`` for the shapes of start and end)."""

    start = MomentField(
        "start", help_text="When it starts; a date (YYYY-MM-DD) when all_day is true."
    )
    end = MomentField(
        "end",
        allow_null=True,
        help_text="When it ends; its last day (inclusive) when all_day is true; null when "
        "open_end is true.",
    )
    open_end = serializers.BooleanField(
        read_only=True, help_text="The end is not known (end is null)."
    )

    class Meta:
        model = Occurrence
        fields = ["id", "start", "end", "all_day", "open_end", "status"]


class OccurrenceSerializer(DateSerializer):
    """One date with its sequence (RFC 5545 SEQUENCE), last change and event."""

    event = EventSummarySerializer(read_only=True)

    class Meta(DateSerializer.Meta):
        fields = [*DateSerializer.Meta.fields, "sequence", "updated_at", "event"]


class EventDetailSerializer(EventSummarySerializer):
    description = serializers.CharField(read_only=True)
    audiences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    # Prefetched in start order by the view (events.api.views.EventViewSet).
    dates = DateSerializer(many=True, read_only=True, source="occurrences")

    class Meta(EventSummarySerializer.Meta):
        fields = [*EventSummarySerializer.Meta.fields, "description", "audiences", "dates"]
