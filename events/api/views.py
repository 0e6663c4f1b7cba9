"""Read-only endpoints of the public API. The occurrences endpoint takes exactly the listing's
filters (the same FilterSet through django-filter's DRF backend)."""

from django.db.models import Count, Min, OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from municipalities.models import Municipality, Venue

from .. import conditional
from ..filters import OccurrenceFilter
from ..models import Event, FocusArea, Occurrence
from ..search.listing import SearchDates
from . import serializers

# The occurrence list is counted and paged up to this many dates: any page, the last too,
# reads at most this many rows of an index, so a deep page costs what the first does. Further
# dates are reached by narrowing the window (date_from, date_to, period).
API_COUNT_CAP = 5_000


class Pagination(PageNumberPagination):
    """Page numbers from 1; ``page_size`` from 1 to :attr:`max_page_size`. A page that does
    not exist (0, beyond the last, not a number) is a 404 as DRF has it; a ``page_size``
    that is not a number in range, and ``page`` or ``page_size`` given twice, are a 400
    naming the parameter (DRF otherwise took the last value, or the default for a bad
    size, without a word)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        params = request.query_params
        for name in (self.page_query_param, self.page_size_query_param):
            if len(params.getlist(name)) > 1:
                raise ValidationError({name: [_("Give this parameter once.")]})
        if self.page_size_query_param not in params:
            return self.page_size
        raw = params[self.page_size_query_param]
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Choose a number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound(self.invalid_page_message)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        page, size = super().get_schema_operation_parameters(view)
        page["schema"] = {"type": "integer", "minimum": 1}
        page["description"] = (
            "A page number, from 1. A page that does not exist (beyond the last) is a 404."
        )
        size["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        size["description"] = (
            f"Results per page, 1 to {self.max_page_size} (default {self.page_size})."
        )
        return [page, size]


class CappedPagination(Pagination):
    """Page numbers over a list counted only up to a cap (:class:`RunningThenUpcoming`):
    ``count`` is at most the cap, ``count_capped`` says there are more, and a page beyond
    the cap is a 404 like any page that does not exist."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = getattr(self.page.paginator.object_list, "is_capped", False)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["description"] = (
            f"The number of dates, counted up to {API_COUNT_CAP:,}; pages reach that far."
        )
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": (
                f"True when more than {API_COUNT_CAP:,} dates match: narrow the window "
                "(date_from, date_to, period) to page through the rest."
            ),
        }
        return schema


class PublicReadOnly(viewsets.ReadOnlyModelViewSet):
    """Danish URLs in every answer; ETag/Last-Modified and conditional GET."""

    pagination_class = Pagination
    lookup_field = "slug"
    # Only what a slug can be: anything else is a 404 from the URL resolver, never a query
    # (a NUL byte in a lookup is a database error on PostgreSQL).
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @method_decorator(
        condition(etag_func=conditional.etag, last_modified_func=conditional.last_modified)
    )
    def dispatch(self, request, *args, **kwargs):
        with translation.override("da"):
            return super().dispatch(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        # A bad ``page_size`` is a 400 before any query: DRF reads it only to page what the
        # filters (a search) already read.
        self.paginator.get_page_size(request)
        return super().list(request, *args, **kwargs)


def _slug_filter(name):
    """The listing's filter method, annotated for the OpenAPI document (values are slugs)."""

    @extend_schema_field(OpenApiTypes.STR)
    def method(self, queryset, filter_name, value):
        return getattr(OccurrenceFilter, name)(self, queryset, filter_name, value)

    return method


class ApiOccurrenceFilter(OccurrenceFilter):
    """The listing's FilterSet; only its slug filters are described for the schema (their
    allowed values by events.api.schema). A date_to before date_from is an empty list,
    not an error."""

    refuse_inverted_dates = False

    filter_municipality = _slug_filter("filter_municipality")
    filter_focus_area = _slug_filter("filter_focus_area")
    filter_venue = _slug_filter("filter_venue")
    filter_audience = _slug_filter("filter_audience")
    filter_accessibility = _slug_filter("filter_accessibility")
    filter_free = _slug_filter("filter_free")


class OccurrenceViewSet(PublicReadOnly):
    """Dates of published events from now on unless a period or dates say otherwise: those
    already running first (closing soonest), then the soonest to begin. Filters: the
    listing's (q, municipality, focus_area, venue, audience, accessibility, free, period,
    date_from, date_to)."""

    serializer_class = serializers.OccurrenceSerializer
    pagination_class = CappedPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApiOccurrenceFilter
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        qs = Occurrence.objects.public().for_listing()
        if self.action == "retrieve":
            return qs
        return qs.order_by("start", "pk")

    def filter_queryset(self, queryset):
        if self.action != "list":
            return super().filter_queryset(queryset).order_by("start", "pk")
        backend = DjangoFilterBackend()
        filterset = backend.get_filterset(self.request, queryset, self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        window = filterset.window()
        dates = filterset.qs  # filters: sets ``search`` and ``by_event_ids``
        if filterset.search or filterset.by_event_ids:
            # A text search, or dates read by a list of event ids: the keys of the first
            # dates in one pass over the matches (events.search.listing), counted and paged
            # from them.
            found = SearchDates(
                dates,
                filterset.from_start(),
                window,
                window.start,
                cap=API_COUNT_CAP,
            )
            dates = found.by_date(queryset)
            dates.is_capped = found.is_capped
            return dates
        # Running dates first (closing soonest), then the soonest to begin: each part read
        # by an index of its own, whatever the years of history (events.querysets).
        return dates.running_then_upcoming(
            window.start, cap=API_COUNT_CAP, beginning=filterset.from_start()
        )


class EventsByNextDate:
    """Published events with a date that has not ended, ordered by that next date (then
    id), as a sequence Django's paginator can count and slice; ``events`` is the queryset a
    page's events are read from (what a row shows selected and prefetched).

    The order and the count come from the dates alone — the dates not yet ended (the
    (ends, start) index), grouped by event — and a page reads only its own events, so any
    page costs what the first does. Ordering the events themselves by an aggregate of their
    dates sorted every event row (2.6 s at 100,000 events; docs/performance.md)."""

    #: What the OpenAPI generator reads of a view's queryset.
    model = Event

    def __init__(self, events, now=None):
        self.events = events
        # Published events' dates (a join on the event's key: an IN over the published
        # events made PostgreSQL read the whole event table).
        self.dates = Occurrence.objects.public().filter(ends__gte=now or timezone.now())
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.dates.aggregate(n=Count("event_id", distinct=True))["n"]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = (
            self.dates.values("event_id")
            .annotate(next_start=Min("start"))
            .order_by("next_start", "event_id")
            .values("event_id")[index]
        )
        next_start = self.dates.filter(event=OuterRef("pk")).order_by("start").values("start")
        # One query: the page's events (at most a page of ids from the dates above), each
        # with its next date (one index probe per event of the page).
        return list(
            self.events.filter(pk__in=page)
            .annotate(next_start=Subquery(next_start[:1]))
            .order_by("next_start", "pk")
        )


class EventViewSet(PublicReadOnly):
    """Published events with a date that has not ended, by next date; one event by slug
    (past events too) with all its dates."""

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.EventDetailSerializer
        return serializers.EventSummarySerializer

    def get_queryset(self):
        qs = (
            Event.objects.published()
            .select_related("venue__municipality")
            .prefetch_related(
                Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position"))
            )
        )
        if self.action == "retrieve":
            return qs.prefetch_related(
                "audiences", Prefetch("occurrences", queryset=Occurrence.objects.order_by("start"))
            )
        return EventsByNextDate(qs)


class VenueViewSet(PublicReadOnly):
    serializer_class = serializers.VenueSerializer

    def get_queryset(self):
        return Venue.objects.active().select_related("municipality").order_by("name", "pk")


class MunicipalityViewSet(PublicReadOnly):
    serializer_class = serializers.MunicipalitySerializer
    queryset = Municipality.objects.order_by("name")


class FocusAreaViewSet(PublicReadOnly):
    serializer_class = serializers.FocusAreaSerializer
    queryset = FocusArea.objects.all()
