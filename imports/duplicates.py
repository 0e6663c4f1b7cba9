"""An imported event that is already here: found when it is first imported, held back as a
draft and flagged on its ``SourceItem`` until the secretariat merges it or says it is not a
duplicate (the admin's actions call :func:`merge` and :func:`not_duplicate`).

A match is an event of the same venue or another venue in the same municipality, published
or awaiting review, not from the same source, with a date starting within
:data:`WINDOW` of one of the new event's dates and a similar title: on PostgreSQL pg_trgm's
``similarity`` of the folded titles ≥ :data:`TRIGRAM_THRESHOLD`
(https://www.postgresql.org/docs/current/pgtrgm.html), on SQLite the ratio of
``difflib.SequenceMatcher`` of the folded titles ≥ :data:`RATIO_THRESHOLD`.
"""

from collections import defaultdict
from datetime import timedelta
from difflib import SequenceMatcher

from django.db import connection, transaction
from django.db.models import Q

from events import moderation
from events.models import Event, Occurrence
from events.search.fold import fold

from .models import SourceItem, SourceItemDate
from .sync_values import date_values

WINDOW = timedelta(minutes=15)
TRIGRAM_THRESHOLD = 0.5
RATIO_THRESHOLD = 0.75


def find(source, source_events, now) -> dict:
    """``{uid: event pk}`` for those of the new ``source_events`` (``imports.items.
    SourceEvent``) that match an event already here. Two queries, whatever the number."""
    starts = {
        e.uid: [date_values(d)["start"] for d in e.dates if date_values(d)["start"] >= now - WINDOW]
        for e in source_events
    }
    every = [s for dates in starts.values() for s in dates]
    if not every:
        return {}
    venue = source.venue
    candidates = (
        Occurrence.objects.filter(
            start__gte=min(every) - WINDOW,
            start__lte=max(every) + WINDOW,
            event__status__in=[Event.Status.PUBLISHED, Event.Status.SUBMITTED],
        )
        .filter(Q(event__venue=venue) | Q(event__venue__municipality_id=venue.municipality_id))
        .exclude(event__source_items__source=source)
        .values_list("event_id", "event__title", "start")
    )
    buckets = defaultdict(list)
    for event_pk, title, start in candidates:
        buckets[_bucket(start)].append((event_pk, title, start))
    pairs = []
    titles = {e.uid: e.title for e in source_events}
    for uid, dates in starts.items():
        near = {
            (event_pk, title)
            for start in dates
            for b in (_bucket(start) - 1, _bucket(start), _bucket(start) + 1)
            for event_pk, title, other in buckets.get(b, ())
            if abs(other - start) <= WINDOW
        }
        pairs += [(uid, event_pk, titles[uid], title) for event_pk, title in sorted(near)]
    found = {}
    for (uid, event_pk, *_), score in zip(pairs, _similar(pairs), strict=True):
        if score and uid not in found:
            found[uid] = event_pk
    return found


def _bucket(moment) -> int:
    return int(moment.timestamp() // WINDOW.total_seconds())


def _similar(pairs) -> list[bool]:
    """Whether each pair's two titles (``pair[2]``, ``pair[3]``) are alike, as above."""
    if not pairs:
        return []
    folded = [(fold(a), fold(b)) for *_, a, b in pairs]
    if connection.vendor == "postgresql":
        rows = ", ".join(["(%s, %s, %s)"] * len(folded))
        params = [v for i, (a, b) in enumerate(folded) for v in (i, a, b)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT i, similarity(a, b) FROM (VALUES {rows}) AS t(i, a, b) ORDER BY i",
                params,
            )
            return [score >= TRIGRAM_THRESHOLD for _i, score in cursor.fetchall()]
    return [SequenceMatcher(None, a, b).ratio() >= RATIO_THRESHOLD for a, b in folded]


@transaction.atomic
def merge(item):
    """The flagged ``item`` follows the event it duplicates from now on: that event gets the
    dates it lacks (the duplicate's, moved over), the duplicate draft is deleted, and later
    runs update the existing event (its fields as they are here count as edited here while
    they differ from the source; the dates follow the source). Returns the existing event."""
    item = SourceItem.objects.select_for_update().get(pk=item.pk)
    target = Event.objects.get(pk=item.duplicate_of_id)
    duplicate = item.event
    starts = set(target.occurrences.values_list("start", flat=True))
    for row in SourceItemDate.objects.filter(item=item).select_related("occurrence"):
        occurrence = row.occurrence
        if occurrence is None:
            continue
        if occurrence.start in starts:
            row.occurrence = target.occurrences.get(start=occurrence.start)
        else:
            occurrence.event = target
            occurrence.save(update_fields=["event"])
            starts.add(occurrence.start)
        row.save(update_fields=["occurrence"])
    item.event, item.duplicate = target, SourceItem.Duplicate.MERGED
    item.save(update_fields=["event", "duplicate", "updated_at"])
    if duplicate is not None and duplicate.pk != target.pk:
        duplicate.delete()
    return target


@transaction.atomic
def not_duplicate(item):
    """The flagged ``item``'s event is a different event: it is admitted as any imported
    event (``events.moderation.admit_imported``: published from a trusted source, else sent
    for review)."""
    item = (
        SourceItem.objects.select_for_update(of=("self",))
        .select_related("source", "event")
        .get(pk=item.pk)
    )
    item.duplicate = SourceItem.Duplicate.DISTINCT
    item.save(update_fields=["duplicate", "updated_at"])
    event = item.event
    if event is not None and event.status == Event.Status.DRAFT:
        moderation.admit_imported([event], trusted=item.source.publishes_at_once)
        event.save(update_fields=["status", "submitted_at"])
        moderation.record_imported([event], source=item.source.name)
    return event
