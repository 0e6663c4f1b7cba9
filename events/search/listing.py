"""A listing's dates in one pass over the matches — a search's, or any filters'.

A text search is the costly filter: every date it passes is checked against its event's
search row. The listing needs, of the same matching dates, the heading's count (up to a
cap), the running strip, a page in date order or the best matches first — each had been a
query of its own over the matches (a count, the strip, two relevance parts), and for a
listing without a search five queries over the dates. Here one query
reads the first dates in the listing's order (running at the window's start, closing
soonest; then the soonest to begin), at most ``cap`` + 1 + ``strip`` of them — on
PostgreSQL as one row: their ids in order, the strip's ids and the counts (:func:`_keys`)
— and everything else is taken from that: the count and its events, the strip, the page's
ids, the candidates to rank. The rank is computed once, for at most ``rank_cap`` dates (one
query by their ids), and a page reads its own rows only when its list's fragment is not
cached (:class:`RowsByIds`).

On PostgreSQL each part is read in its own index's order (the (ends, start) index for the
running part, the start index for the rest) and the part beginning at the window's start
is given only ``start >= start of the window`` — what implies the rest of the window rule —
so that PostgreSQL does not multiply two estimates of one fact and sort every date of the
window instead of walking the start index (docs/search.md).
"""

from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Value

from core.deferred import Deferred

from ..models import Event, Occurrence
from ..querysets import RUNNING_MIN_LENGTH
from ..scopes import among_sql
from .matching import rank_sql


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
        return RowsByIds(self.rows, self.ids[index])


class RowsByIds(Deferred):
    """A page's dates: the rows of ``ids`` from ``rows``, in that order, read when first
    iterated (one query and its prefetches) — not at all when the page's list is a cached
    fragment, which its ``fragment_key`` (``"rows"`` and the ids) names. Its length and
    truth come from the ids, without the query; a row gone since the ids were read is left
    out when the rows are."""

    def __init__(self, rows, ids):
        self.ids = list(ids)
        super().__init__(lambda: self._read(rows), "rows", *self.ids)

    def _read(self, rows):
        by_pk = {row.pk: row for row in rows.filter(pk__in=self.ids)} if self.ids else {}
        return [by_pk[pk] for pk in self.ids if pk in by_pk]

    def __len__(self):
        return len(self.ids)

    def __bool__(self):
        return bool(self.ids)


class Keys(NamedTuple):
    """What the listing takes from a search's first dates in its order: ``ids`` (each
    date's id, in the listing's order), ``running`` (the ids, in that order, of those that
    began before the day the list starts and last a week or more) and, of the first
    ``counted`` ids, the number of dates and of distinct events."""

    ids: list
    running: list
    dates: int
    events: int


def _ids(text: str) -> list[int]:
    return [int(value) for value in text.split(",")] if text else []


#: The keys made by PostgreSQL: the UNION ALL of the two limited parts (running: by
#: (ends, start, pk); from the window's start: by (start, pk)) put in the listing's order,
#: and given back as two texts of ids and two counts — one row, whatever the number of
#: dates (2,000 rows were 7 ms of CPU to read, a tenth of it now).
_KEYS_SQL = """
SELECT count(*) FILTER (WHERE position <= %s),
       count(DISTINCT event_id) FILTER (WHERE position <= %s),
       coalesce(string_agg(id::text, ',' ORDER BY position), ''),
       coalesce(string_agg(id::text, ',' ORDER BY position)
                FILTER (WHERE start < %s AND ends >= start + %s), '')
FROM (
    SELECT keys.*, row_number() OVER (
        ORDER BY part, CASE WHEN part = 0 THEN ends ELSE start END, start, id
    ) AS position
    FROM (({running}) UNION ALL ({beginning})) AS keys (id, event_id, start, ends, part)
) AS ordered
WHERE position <= %s
"""


def _keys(windowed, from_start, window, since, limit, counted) -> Keys:
    """The first ``limit`` dates of the matches in the listing's order (see :class:`Keys`;
    ``counted``: how many of them the counts read), in one query. A search of few events
    comes with their ids as values (:meth:`~events.filters.OccurrenceFilter._by_event_ids`):
    its dates are read through the (event, start) index."""
    at = window.start
    if windowed.query.is_empty():
        return Keys([], [], 0, 0)
    if not connections[windowed.db].features.supports_slicing_ordering_in_compound:
        # SQLite: the querysets' own one-query order (``soonest``), read in Python.
        ordered = windowed.soonest(at, limit, beginning=from_start)
        rows = list(ordered.values_list("pk", "event_id", "start", "ends"))
        return Keys(
            [pk for pk, *_rest in rows],
            [
                pk
                for pk, _event, start, ends in rows
                if start < since and ends >= start + RUNNING_MIN_LENGTH
            ],
            len(rows[:counted]),
            len({event for _pk, event, *_rest in rows[:counted]}),
        )
    # From the window's start on, ``start >= at`` is the whole window rule (a date that
    # begins in the window has not ended before it): ``from_start``.
    try:
        running, beginning = (
            part.annotate(part=Value(n))
            .values_list("pk", "event_id", "start", "ends", "part")[:limit]
            .query.sql_with_params()
            for n, part in enumerate(windowed.running_and_beginning(at, beginning=from_start))
        )
    except EmptyResultSet:  # a condition that can match nothing (``id IN ()``)
        return Keys([], [], 0, 0)
    sql = _KEYS_SQL.format(running=running[0], beginning=beginning[0])
    # (The strip's rule, ``start < since AND ends >= start + 7 days``, is the querysets'
    # running rule: events.querysets.RUNNING_MIN_LENGTH and ``running``.)
    # The parameters in the order of their placeholders: the counts' first, then the parts'.
    params = (counted, counted, since, RUNNING_MIN_LENGTH, *running[1], *beginning[1], limit)
    with connections[windowed.db].cursor() as cursor:
        cursor.execute(sql, params)
        dates, events, ids, running_ids = cursor.fetchone()
    return Keys(_ids(ids), _ids(running_ids), dates, events)


class SearchDates:
    """A listing's dates (see the module): built from the FilterSet's ``qs``
    (``windowed``: the filtered dates — a search, any filters, or the dates of a list of
    event ids — within the window) and its dates that begin in the window (``from_start``:
    :meth:`~events.filters.OccurrenceFilter.from_start`).

    ``running``: the strip's ids (at most ``strip``: dates that began before ``since`` and
    last a week or more); ``totals``: ``{"dates", "events", "capped"}`` as the heading
    shows them; ``listed``: the ids of the other dates in the listing's order."""

    def __init__(self, windowed, from_start, window, since, *, cap, strip=0):
        self.cap = cap
        keys = _keys(windowed, from_start, window, since, cap + 1 + strip, cap + 1)
        self.running = keys.running[:strip]
        self.totals = {
            "dates": min(keys.dates, cap),
            "events": keys.events,
            "capped": keys.dates > cap,
        }
        strip_ids = set(self.running)
        self.listed = [pk for pk in keys.ids if pk not in strip_ids]

    @property
    def is_capped(self) -> bool:
        return len(self.listed) > self.cap

    def by_date(self, rows) -> DatesByIds:
        """The dates in the listing's order, up to the cap; a page reads from ``rows``."""
        return DatesByIds(rows, self.listed[: self.cap])

    def best_first(self, rows, rank_cap, search) -> tuple[DatesByIds, bool]:
        """The first ``rank_cap`` dates, best match first (then the earlier date, then the
        lower id; :func:`ranked_ids`), and whether there were more."""
        ids = ranked_ids(rows.db, self.listed[:rank_cap], search)
        return DatesByIds(rows, ids), len(self.listed) > rank_cap


def ranked_ids(db: str, ids: list[int], search) -> list[int]:
    """``ids`` (dates' ids, at most a few hundred) best match for ``search`` (a
    ``SearchText``; :func:`~events.search.matching.rank_sql`) first, then by start, then by
    id, in one query on database ``db``. It starts by the dates' ids alone: they match
    already, and the search's conditions cost more to write than to test."""
    if not ids:
        return []
    connection = connections[db]
    rank, params = rank_sql(search, connection.vendor == "postgresql", "e")
    among_ids, id_params = among_sql("o.id", ids, db)
    quote = connection.ops.quote_name
    sql = (
        f"SELECT o.id FROM {quote(Occurrence._meta.db_table)} o "
        f"JOIN {quote(Event._meta.db_table)} e ON e.id = o.event_id "
        f"WHERE {among_ids} ORDER BY {rank} DESC, o.start, o.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*id_params, *params])
        return [pk for (pk,) in cursor.fetchall()]
