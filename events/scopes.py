"""Narrow filters on dates that PostgreSQL's planner reads well.

A venue has a few hundred of the site's events. Filtered through a join
(``event__venue=…``), a list of the next dates in start order makes PostgreSQL walk the
start index over every upcoming date of every venue (29,000 at 100,000 events) and look up
each one's event, to find the twenty it wants: 0.35 s. Given the venue's event ids as an
array, it reads just those events' dates by the (event, start) index: 0.04 s
(docs/performance.md).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, F, Lookup, Q
from django.db.models.expressions import RawSQL

from .models import Event


class AnyOf(Lookup):
    """``lhs = ANY(rhs)`` (PostgreSQL): ``rhs`` an array expression."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def at_venue(venue, using="default") -> Q:
    """Dates of the published events at ``venue`` (a Venue or its pk), as a condition on
    occurrences: ``event_id = ANY(ARRAY(SELECT id …))`` on PostgreSQL (the array is made
    once per query), ``event_id IN (SELECT id …)`` elsewhere."""
    events = Event.objects.published().filter(venue=venue).order_by().values("pk")
    if connections[using].vendor != "postgresql":
        return Q(event_id__in=events)
    from django.contrib.postgres.expressions import ArraySubquery

    return Q(AnyOf(F("event_id"), ArraySubquery(events)))


def of_events(ids, using="default") -> Q:
    """Dates of the events whose ids are ``ids`` (a list of ints, or an :class:`IdArray`),
    as a condition on occurrences: :func:`among` on ``event_id``."""
    return among("event_id", ids, using)


class IdArray(str):
    """Ids as the text of a PostgreSQL array (``"{3,5,8}"``), as :func:`few_ids` reads
    them: :func:`among` passes it on as it is. False when it holds no id (``"{}"``), as an
    empty list is."""

    def __bool__(self):
        return self != "{}"


def among(field: str, ids, using="default") -> Q:
    """``field`` is one of ``ids`` (a list of ints, or on PostgreSQL an :class:`IdArray`):
    ``field = ANY(<one array>)`` on PostgreSQL — one value to send, where ``IN (…)`` was one
    per id (3,000 ids cost tens of milliseconds of CPU a query to write and send) — ``field
    IN (…)`` elsewhere. Raises TypeError for an :class:`IdArray` elsewhere or any other
    text."""
    postgres = connections[using].vendor == "postgresql"
    _check_ids(ids, postgres)
    if not postgres:
        return Q(**{f"{field}__in": ids})
    # The list as the driver's own parameter (psycopg makes the array in C): a Value with an
    # ArrayField prepared each id in Python, for each query that repeats the condition.
    value = str(ids) if isinstance(ids, IdArray) else list(ids)
    ids = RawSQL("%s::bigint[]", (value,), output_field=BigIntegerField())
    return Q(AnyOf(F(field), ids))


def _check_ids(ids, postgres: bool) -> None:
    if isinstance(ids, str) and not (postgres and isinstance(ids, IdArray)):
        raise TypeError("ids must be a list of ints (an IdArray only on PostgreSQL)")


def among_sql(column: str, ids, using="default") -> tuple[str, list]:
    """:func:`among` as SQL for a statement written by hand: ``column`` (as it stands in the
    SQL) ``= ANY(%s::bigint[])`` with one parameter on PostgreSQL, ``IN (%s, …)`` with one
    per id elsewhere; ``ids`` not empty. Raises TypeError as :func:`among` does."""
    postgres = connections[using].vendor == "postgresql"
    _check_ids(ids, postgres)
    if postgres:
        return f"{column} = ANY(%s::bigint[])", [
            str(ids) if isinstance(ids, IdArray) else list(ids)
        ]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def few_ids(query, few: int, using: str = "default"):
    """The values of ``query`` (an unsliced ``values()`` query of one integer column, e.g.
    the events' ``pk``; or a ``RawSQL`` subquery of one such column, on database
    ``using``), or ``None`` when it has more than ``few`` rows: one query of at most
    ``few`` + 1 rows.

    A list of ints on other databases. On PostgreSQL an :class:`IdArray`, made by the
    database (``string_agg``) and given back as it is to :func:`among`: 10,000 ids were
    10,000 rows for Python to read (15 ms of CPU a search at 100,000 events), and a list of
    10,000 ints to send back."""
    if isinstance(query, RawSQL):
        connection = connections[using]
        sql, params = f"SELECT * FROM ({query.sql}) AS raw LIMIT %s", (*query.params, few + 1)
    else:
        limited = query.order_by()[: few + 1]
        connection = connections[limited.db]
        try:
            sql, params = limited.query.get_compiler(limited.db).as_sql()
        except EmptyResultSet:  # a condition that can match nothing (``id IN ()``)
            return [] if connection.vendor != "postgresql" else IdArray("{}")
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [value for (value,) in cursor.fetchall()]
        return ids if len(ids) <= few else None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), coalesce(string_agg(found.id::text, ','), '') "
            f"FROM ({sql}) AS found(id)",
            params,
        )
        count, ids = cursor.fetchone()
    return IdArray("{" + ids + "}") if count <= few else None
