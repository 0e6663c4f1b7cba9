"""Chainable query logic: the one definition of "public" used by every page, feed and API."""

from datetime import timedelta
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import connections, models
from django.db.models import (
    Case,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from municipalities.models import Venue

from .periods import overlap


def _is_postgres(qs) -> bool:
    return qs.db and settings.DATABASES[qs.db]["ENGINE"] == "django.db.backends.postgresql"


class _Part(NamedTuple):
    """One part of «running first, then upcoming»: which dates, its place among the parts,
    its sort key, and its order (an index's order)."""

    condition: Q
    number: int
    sort_key: str
    order: tuple


def _running_then_upcoming(at) -> tuple[_Part, _Part]:
    """The order «running first, then upcoming» at ``at``, as its two parts: the one order
    of every coming-up list (front page, place pages, listing, feeds, calendars, embeds, API).

    Over both parts the order is one key, :data:`COMBINED_ORDER` — (part number, sort key,
    start, pk); within a part the key is the order of an index of its own. Ordered by start
    alone, PostgreSQL would walk the start index through years of history to find the dates
    that have not ended (docs/explain.md).
    """
    return (
        # Running at ``at`` (an exhibition), closing soonest first: the (ends, start) index.
        _Part(Q(start__lt=at), 0, "ends", ("ends", "start", "pk")),
        # Beginning from ``at``, soonest first: the start index.
        _Part(Q(start__gte=at), 1, "start", ("start", "pk")),
    )


COMBINED_ORDER = ("part", "sort_key", "start", "pk")

#: A date this long or longer (from its start to its end) is a running exhibition or course.
RUNNING_MIN_LENGTH = timedelta(days=7)


def running_condition(since) -> Q:
    """The condition of :meth:`OccurrenceQuerySet.running`: began before ``since`` and lasts
    at least :data:`RUNNING_MIN_LENGTH` from its start to its end."""
    return Q(start__lt=since, ends__gte=F("start") + RUNNING_MIN_LENGTH)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def managed_by(self, user):
        """The events ``user`` may submit and maintain on the staff pages: those of the
        venues in ``Venue.objects.managed_by(user)`` — the active venues whose staff they
        are. None for an anonymous user; ``is_staff`` and superusers get no more
        here (the secretariat works in the admin). Any status; a subquery, so no row twice."""
        return self.filter(venue__in=Venue.objects.managed_by(user))

    def visible_to(self, user):
        """Published events for everyone; plus, for a preview, what the user may manage
        (:meth:`managed_by`); every event for ``is_staff`` (the secretariat)."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(status="published") | Q(venue__in=Venue.objects.managed_by(user)))
        return self.published()

    def with_next_date(self, now=None):
        """Annotate ``next_start``: the start of the first occurrence that has not ended at
        ``now``, with its ``next_end`` (None: an open end) and ``next_all_day``, read in the
        same query (``event_tags.next_date`` makes them one date to show)."""
        now = now or timezone.now()
        first = _occurrences().filter(overlap(now), event=OuterRef("pk")).order_by("start", "pk")
        return self.annotate(
            next_start=Min("occurrences__start", filter=overlap(now, prefix="occurrences__")),
            next_end=Subquery(first.values("end")[:1]),
            next_all_day=Subquery(first.values("all_day")[:1]),
        )

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(Exists(_occurrences().filter(overlap(now), event=OuterRef("pk"))))

    def search(self, text: str):
        return self.filter(pk__in=search_event_ids(self.model.objects.all(), text))


def _occurrences():
    return apps.get_model("events", "Occurrence").objects


def search_text(text: str):
    """``text`` as the search reads it (events.search.matching.SearchText), with typo
    corrections from the words of the published events' names (cached)."""
    from .search.matching import SearchText, name_words

    events = apps.get_model("events", "Event").objects.published()
    return SearchText(text, known=name_words(events))


def search_event_ids(events, search):
    """Ids of ``events`` that match ``search`` (a ``SearchText`` or a string; see
    events.search.matching: folded, stems, word parts, typos; a query of only stop words
    matches all)."""
    from .search.matching import condition

    search = search_text(search) if isinstance(search, str) else search
    if _is_postgres(events):
        # One subquery through the search indexes of the narrow search table (a bitmap scan
        # of its vector and its names' trigrams): never a tsvector built per date.
        rows = apps.get_model("events", "EventSearch").objects.using(events.db)
        return rows.filter(condition(search, True)).values("event_id")
    return events.filter(condition(search, False)).order_by().values("pk")


def matching_events(search, using: str) -> RawSQL:
    """The ids of the events that match ``search`` (a ``SearchText``;
    :func:`search_event_ids`) as a subquery on database ``using``, compiled once per search
    and database (kept in ``search.compiled``): a listing repeats the condition in each
    part of its query (events.search.listing) and reads the ids too, and the ORM wrote the
    subquery anew for each."""
    compiled = search.compiled.get(using)
    if compiled is None:
        found = search_event_ids(apps.get_model("events", "Event").objects.using(using), search)
        compiled = search.compiled[using] = found.query.get_compiler(using).as_sql()
    return RawSQL(*compiled)


class OccurrenceQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The dates of the events ``user`` may manage (``Event.objects.managed_by``): those
        of their venues' events, whatever the status; none for an anonymous user."""
        return self.filter(event__venue__in=Venue.objects.managed_by(user))

    def public(self):
        """Occurrences of published events (any status: a cancelled date is shown as such)."""
        return self.filter(event__status="published")

    def upcoming(self, now=None):
        """Occurrences that have not ended at ``now`` (:func:`events.periods.overlap` with a
        window from ``now`` on: a date ending exactly at ``now`` has ended)."""
        return self.filter(overlap(now or timezone.now()))

    def next_per_event(self, now=None):
        """Only each event's next date: no earlier date of the same event is still to come.

        Lets "coming up" lists show distinct events even when a series has a date every day
        (an anti-join on the (event, start) index; one query).
        """
        now = now or timezone.now()
        earlier = _occurrences().filter(
            overlap(now), event=OuterRef("event"), start__lt=OuterRef("start")
        )
        return self.filter(overlap(now)).exclude(Exists(earlier))

    def running(self, since):
        """Running exhibitions and courses: dates that began before ``since`` (an aware
        datetime, usually the local midnight that starts today or the chosen period) and
        last at least :data:`RUNNING_MIN_LENGTH` (a week) from start to end, e.g. an
        exhibition open for weeks. Lists show them once, in a strip of their own ("on
        now"), and leave them out of their dated rows (``exclude(running_condition(since))``).
        Expects ``ends >= since`` already applied (``upcoming`` or ``between``); ordered
        closing soonest first, the (ends, start) index's order."""
        return self.filter(running_condition(since)).order_by("ends", "start", "pk")

    # -- "running first, then upcoming" (_running_then_upcoming), in its two forms --------

    def running_and_beginning(self, at, beginning=None):
        """The two parts of "running first, then upcoming" at ``at`` (an aware datetime), as
        ``(running, beginning)`` querysets: those that began before ``at``, ordered by
        (ends, start, pk) — closing soonest first; and those that begin from ``at``, ordered
        by (start, pk). Each part reads an index of its own. Expects ``ends >= at`` already
        applied (``upcoming``, ``between`` or ``next_per_event``).

        ``beginning``: the same dates without the window's ``ends`` conditions (the
        FilterSet's :meth:`~events.filters.OccurrenceFilter.from_start`), for the second
        part: from ``at`` on, ``start >= at`` implies them, and PostgreSQL, estimating the
        two conditions as independent, took a tenth of the dates for a hundredth and sorted
        every date of the window instead of walking the start index (docs/ceiling.md)."""
        running, starting = _running_then_upcoming(at)
        rest = self if beginning is None else beginning
        return (
            self.filter(running.condition).order_by(*running.order),
            rest.filter(starting.condition).order_by(*starting.order),
        )

    def soonest(self, at, limit, beginning=None):
        """The first ``limit`` of these dates in the order of :meth:`running_and_beginning`:
        those running at ``at`` (closing soonest first), then those that begin from ``at``,
        soonest first. A sliced queryset of one query; rows carry ``part`` and ``sort_key``.

        On PostgreSQL a UNION ALL of the two parts, each stopping after ``limit`` rows of its
        own index. On SQLite (development), which cannot slice the parts of a UNION, the same
        key in one plain query. ``beginning``: as in :meth:`running_and_beginning`. These
        dates when they are none (an empty window: ``between``), unsliced.
        """
        if self.query.is_empty():  # (an empty window): a UNION with it is its other part
            return self
        running, starting = _running_then_upcoming(at)
        if not connections[self.db].features.supports_slicing_ordering_in_compound:
            return self.annotate(
                part=Case(
                    When(running.condition, then=Value(running.number)),
                    default=Value(starting.number),
                ),
                sort_key=Case(
                    When(running.condition, then=F(running.sort_key)),
                    default=F(starting.sort_key),
                ),
            ).order_by(*COMBINED_ORDER)[:limit]
        parts = [
            qs.filter(part.condition)
            .annotate(part=Value(part.number), sort_key=F(part.sort_key))
            .order_by(*part.order)[:limit]
            for qs, part in ((self, running), (self if beginning is None else beginning, starting))
        ]
        return parts[0].union(parts[1], all=True).order_by(*COMBINED_ORDER)[:limit]

    def running_then_upcoming(self, at, cap=1000, beginning=None):
        """These dates in the order of :meth:`running_and_beginning`, as a
        :class:`RunningThenUpcoming` sequence a paginator can count (up to ``cap``) and
        slice: two capped counts and at most two slices, whatever the years of history.

        Not :meth:`soonest` with an offset: a paginator needs the total too, and each part
        is counted in its own index's order (docs/explain.md); the two counts then tell
        which part(s) a page's slice reads. Same parts and order as :meth:`soonest`; the
        listing's and the API's pinned query counts are these two counts and slices.
        ``beginning``: as in :meth:`running_and_beginning`."""
        return RunningThenUpcoming(self, at, cap=cap, beginning=beginning)

    def between(self, start, end=None):
        """Occurrences that belong to the half-open window [start, end) (``end`` None: no
        end) by :func:`events.periods.overlap`: an exhibition shows while it runs, a concert
        ending at midnight is not on the next day. A window that ends at or before its start
        («this weekend» to a date before it) holds no date."""
        if end is not None and end <= start:
            return self.none()
        qs = self.filter(overlap(start, end))
        if end is not None and _is_postgres(qs):  # the same question for the span index
            from .spans import overlapping  # (events.spans; a superset of the rule above)

            qs = qs.filter(overlapping(start, end))
        return qs

    def for_listing(self):
        """What a list row shows: event, venue, municipality, focus areas; constant queries."""
        from .models import FocusArea

        return self.select_related(
            "event", "event__venue", "event__venue__municipality"
        ).prefetch_related(
            Prefetch("event__focus_areas", queryset=FocusArea.objects.order_by("position"))
        )

    def search(self, text):
        """Dates whose event matches ``text`` (a string or a ``SearchText``;
        :func:`search_event_ids`: the text search runs once per event, through its indexes).
        Not ranked: a listing ranks only the dates it may show
        (events.search.listing.ranked_ids)."""
        search = search_text(text) if isinstance(text, str) else text
        if not search:
            return self
        return self.filter(event_id__in=matching_events(search, self.db))


class RunningThenUpcoming:
    """Dates as one sequence a paginator can count and slice, in the order of
    :meth:`OccurrenceQuerySet.running_and_beginning`: those already running at ``start``
    (an exhibition; closing soonest first), then those that begin from ``start``, soonest
    first. Made by :meth:`OccurrenceQuerySet.running_then_upcoming`.

    Counting stops at ``cap`` + 1 rows per part, so a page costs the same with ten years of
    data. Constant queries: two counts and at most two slices. ``len()`` and ``count()`` are
    at most ``cap``; ``is_capped`` says whether there are more.
    """

    def __init__(self, queryset, start, cap=1000, beginning=None):
        parts = queryset.running_and_beginning(start, beginning=beginning)
        self.parts = list(parts)
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
