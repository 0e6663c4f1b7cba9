"""Chainable query logic: the one definition of "public" used by every page, feed and API."""

from django.apps import apps
from django.conf import settings
from django.db import connections, models
from django.db.models import Case, Exists, F, Min, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone


def _is_postgres(qs) -> bool:
    return qs.db and settings.DATABASES[qs.db]["ENGINE"] == "django.db.backends.postgresql"


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        """Published events for everyone; plus, for a preview, what the user may manage."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(status="published") | Q(venue__staff=user)).distinct()
        return self.published()

    def with_next_date(self, now=None):
        """Annotate ``next_start``: the start of the first occurrence that has not ended."""
        now = now or timezone.now()
        return self.annotate(
            next_start=Min("occurrences__start", filter=Q(occurrences__ends__gte=now))
        )

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(Exists(_occurrences().filter(event=OuterRef("pk"), ends__gte=now)))

    def search(self, text: str):
        return self.filter(pk__in=search_event_ids(self.model.objects.all(), text))


def _occurrences():
    return apps.get_model("events", "Occurrence").objects


def search_event_ids(events, text: str):
    """Event ids matching ``text``: Danish full-text search on PostgreSQL, folded LIKE elsewhere."""
    text = text.strip()
    if _is_postgres(events):
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text, config="danish", search_type="websearch")
        return (
            events.annotate(document=SearchVector("search_text", config="danish"))
            .filter(document=query)
            .values("pk")
        )
    condition = Q()
    for word in text.lower().split():
        condition &= Q(search_text__contains=word)
    return events.filter(condition).values("pk")


class OccurrenceQuerySet(models.QuerySet):
    def public(self):
        """Occurrences of published events (any status: a cancelled date is shown as such)."""
        return self.filter(event__status="published")

    def upcoming(self, now=None):
        """Occurrences that have not ended."""
        return self.filter(ends__gte=now or timezone.now())

    def next_per_event(self, now=None):
        """Only each event's next date: no earlier date of the same event is still to come.

        Lets "coming up" lists show distinct events even when a series has a date every day
        (an anti-join on the (event, start) index; one query).
        """
        now = now or timezone.now()
        earlier = _occurrences().filter(
            event=OuterRef("event"), ends__gte=now, start__lt=OuterRef("start")
        )
        return self.filter(ends__gte=now).exclude(Exists(earlier))

    def soonest(self, at, limit):
        """The first ``limit`` of these dates from ``at`` on: those running at ``at`` (an
        exhibition; closing soonest first), then those that begin from ``at``, soonest first.

        One query, a UNION ALL of two parts that each read an index of their own — "running"
        the (ends, start) index, "begins from" the start index — and stop after ``limit``
        rows. Ordered by start alone, PostgreSQL would walk the start index through years of
        history to find the dates that have not ended. Expects ``ends >= at`` already applied
        (``upcoming``, ``between`` or ``next_per_event``).
        """
        if not connections[self.db].features.supports_slicing_ordering_in_compound:
            # SQLite (development): the same order in one plain query.
            running = Q(start__lt=at)
            return self.annotate(
                part=Case(When(running, then=Value(0)), default=Value(1)),
                sort_key=Case(When(running, then=F("ends")), default=F("start")),
            ).order_by("part", "sort_key", "start", "pk")[:limit]
        running = (
            self.filter(start__lt=at)
            .annotate(part=Value(0), sort_key=F("ends"))
            .order_by("ends", "start", "pk")[:limit]
        )
        beginning = (
            self.filter(start__gte=at)
            .annotate(part=Value(1), sort_key=F("start"))
            .order_by("start", "pk")[:limit]
        )
        return running.union(beginning, all=True).order_by("part", "sort_key", "start", "pk")[
            :limit
        ]

    def between(self, start, end=None):
        """Occurrences that overlap [start, end): an exhibition shows while it runs."""
        qs = self.filter(ends__gte=start)
        if end is not None:
            qs = qs.filter(start__lt=end)
        return qs

    def for_listing(self):
        """What a list row shows: event, venue, municipality, focus areas; constant queries."""
        from .models import FocusArea

        return self.select_related(
            "event", "event__venue", "event__venue__municipality"
        ).prefetch_related(
            Prefetch("event__focus_areas", queryset=FocusArea.objects.order_by("position"))
        )

    def search(self, text: str):
        """Occurrences whose event matches ``text``; on PostgreSQL annotated with ``rank``."""
        events = apps.get_model("events", "Event").objects.all()
        qs = self.filter(event__in=search_event_ids(events, text))
        if _is_postgres(self):
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            query = SearchQuery(text.strip(), config="danish", search_type="websearch")
            vector = SearchVector("event__search_text", config="danish")
            qs = qs.annotate(rank=SearchRank(vector, query))
        return qs


class RunningThenUpcoming:
    """Dates as one sequence a paginator can count and slice: those already running at
    ``start`` (an exhibition; closing soonest first), then those that begin from ``start``,
    soonest first.

    Split in two so that each part reads an index of its own instead of filtering years of
    history: "running" walks the (ends, start) index, "begins from now" the start index.
    Counting stops at ``cap`` + 1 rows per part, so a page costs the same with ten years of
    data. Constant queries: two counts and at most two
    slices.
    """

    def __init__(self, queryset, start, cap=1000):
        self.parts = [
            queryset.filter(start__lt=start).order_by("ends", "start", "pk"),
            queryset.filter(start__gte=start).order_by("start", "pk"),
        ]
        self.cap = cap
        self._counts = None

    def counts(self):
        # The plans were measured at 100,000 events (docs/explain.md): the running part is
        # counted in its index order (unordered, PostgreSQL misjudges how few rows are
        # running and merges the whole table); the rest unordered (ordered, it sorts).
        if self._counts is None:
            running, beginning = self.parts
            self._counts = [
                running[: self.cap + 1].count(),
                beginning.order_by()[: self.cap + 1].count(),
            ]
        return self._counts

    @property
    def is_capped(self) -> bool:
        return sum(self.counts()) > self.cap

    def count(self):
        return min(sum(self.counts()), self.cap)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        first, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        rows, offset = [], 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            low, high = max(first - offset, 0), min(stop - offset, size)
            if low < high:
                rows.extend(part[low:high])
            offset += size
        return rows
