"""A search's dates for the listing in one pass over the matches.

A text search is the costly filter: every date it passes is checked against its event's
search row. The listing needs, of the same matching dates, the heading's count (up to a
cap), the running strip, a page in date order or the best matches first — each had been a
query of its own over the matches (a count, the strip, two relevance parts). Here one query
reads the keys ``(pk, event_id, start, ends)`` of the first dates in the listing's order
(running at the window's start, closing soonest; then the soonest to begin), at most
``cap`` + 1 + ``strip`` of them, and everything else is taken from that list: the count and
its events, the strip, the page's ids, the candidates to rank. The rank is computed once,
for at most ``rank_cap`` dates (one query of ids), and a page reads only its own rows.

On PostgreSQL each part is read in its own index's order (the (ends, start) index for the
running part, the start index for the rest) and the part beginning at the window's start
is given only ``start >= start of the window`` — what implies the rest of the window rule —
so that PostgreSQL does not multiply two estimates of one fact and sort every date of the
window instead of walking the start index (docs/search.md).
"""

from typing import NamedTuple

from django.db import connections
from django.db.models import Case, F, FloatField, Func, Value, When

from ..querysets import RUNNING_MIN_LENGTH, unranked


class Key(NamedTuple):
    """A date's key as the listing orders it: ``start`` and ``ends`` in seconds since 1970."""

    pk: int
    event_id: int
    start: float
    ends: float


class Epoch(Func):
    """A timestamp as seconds since 1970, a ``float8`` (PostgreSQL): psycopg reads a float
    in C, where each ``timestamptz`` went through a Python loader (Django's, to set the
    zone) — 2,000 of them were 10 ms of CPU for a listing's keys, 10,000 for the API's."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
    output_field = FloatField()


class DatesByIds:
    """Dates in the order of ``ids`` as a sequence Django's paginator counts (no query) and
    slices: a page reads its own rows from ``rows`` (one query and its prefetches)."""

    def __init__(self, rows, ids):
        self.rows, self.ids = rows, list(ids)

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        by_pk = {row.pk: row for row in self.rows.filter(pk__in=ids)} if ids else {}
        return [by_pk[pk] for pk in ids if pk in by_pk]


def _keys(windowed, from_start, window, limit) -> list[Key]:
    """The first ``limit`` keys of the matching dates in the listing's order, in one query.
    A search of few events comes with their ids as values
    (:meth:`~events.filters.OccurrenceFilter._by_event_ids`): its dates are read through
    the (event, start) index."""
    at = window.start
    if not connections[windowed.db].features.supports_slicing_ordering_in_compound:
        ordered = windowed.annotate(
            part=Case(When(start__lt=at, then=Value(0)), default=Value(1)),
            sort_key=Case(When(start__lt=at, then=F("ends")), default=F("start")),
        ).order_by("part", "sort_key", "start", "pk")
        rows = unranked(ordered).values_list("pk", "event_id", "start", "ends")[:limit]
        return [
            Key(pk, event, start.timestamp(), ends.timestamp()) for pk, event, start, ends in rows
        ]
    # From the window's start on, ``start >= at`` is the whole window rule (a date that
    # begins in the window has not ended before it): ``from_start``.
    parts = [
        unranked(part)
        .annotate(part=Value(n), start_s=Epoch("start"), ends_s=Epoch("ends"))
        .values_list("pk", "event_id", "start_s", "ends_s", "part")[:limit]
        for n, part in enumerate(windowed.running_and_beginning(at, beginning=from_start))
    ]
    # UNION ALL of the two limited parts; the listing's order is then made here: running
    # first by (ends, start, pk), then the rest by (start, pk).
    rows = list(parts[0].union(parts[1], all=True))
    rows.sort(key=lambda row: (row[4], row[3] if row[4] == 0 else row[2], row[2], row[0]))
    return [Key(*row[:4]) for row in rows[:limit]]


class SearchDates:
    """A search's dates for the listing (see the module): built from the FilterSet's
    ``qs`` (``windowed``: the search, with ``rank``, within the window) and its dates that
    begin in the window (``from_start``: :meth:`~events.filters.OccurrenceFilter.from_start`).

    ``running``: the strip's ids (at most ``strip``: dates that began before ``since`` and
    last a week or more); ``totals``: ``{"dates", "events", "capped"}`` as the heading
    shows them; ``listed``: the ids of the other dates in the listing's order."""

    def __init__(self, windowed, from_start, window, since, *, cap, strip=0):
        self.windowed, self.cap = windowed, cap
        keys = _keys(windowed, from_start, window, cap + 1 + strip)
        since, running_min = since.timestamp(), RUNNING_MIN_LENGTH.total_seconds()
        self.running = [
            key.pk for key in keys if key.start < since and key.ends >= key.start + running_min
        ][:strip]
        counted = keys[: cap + 1]
        self.totals = {
            "dates": min(len(counted), cap),
            "events": len({key.event_id for key in counted}),
            "capped": len(counted) > cap,
        }
        strip_ids = set(self.running)
        self.listed = [key for key in keys if key.pk not in strip_ids]

    @property
    def is_capped(self) -> bool:
        return len(self.listed) > self.cap

    def by_date(self, rows) -> DatesByIds:
        """The dates in the listing's order, up to the cap; a page reads from ``rows``."""
        return DatesByIds(rows, [key.pk for key in self.listed[: self.cap]])

    def best_first(self, rows, rank_cap) -> tuple[DatesByIds, bool]:
        """The first ``rank_cap`` dates, best match first (then the earlier date, then the
        lower id), and whether there were more. One query reads their ranks."""
        candidates = self.listed[:rank_cap]
        ids = [key.pk for key in candidates]
        ranks = dict(self.windowed.filter(pk__in=ids).values_list("pk", "rank")) if ids else {}
        order = sorted(candidates, key=lambda key: (-ranks.get(key.pk, 0.0), key.start, key.pk))
        return DatesByIds(rows, [key.pk for key in order]), len(self.listed) > rank_cap
