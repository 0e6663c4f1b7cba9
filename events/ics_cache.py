"""Subscription feeds from cached VEVENTs: each date's serialised VEVENT is made once and
reused by every feed that holds it, until anything it is made from changes.

Serialising a VEVENT with icalendar costs about 2 ms; a feed of 1,000 dates rebuilt them
all on every request. :func:`feed_calendar` gives the same bytes as
:func:`events.ics.build_calendar` (tested), with each VEVENT read from the cache.

A feed reads only the values its keys are made of (:func:`key_values`: no model rows; on
PostgreSQL one digest of them per date, made in SQL), finds the VEVENTs in the cache, and
reads full rows only for those not there. The cache key is a digest of everything a VEVENT
is made from: every field of the date, its event and its
venue but long texts it does not show (:data:`UNSHOWN`; so an edit, a new status or a new
time gives a new key, also an edit that bypasses ``save()``), the event's focus areas, the
site address the links are
made from, the language, whether it is the brief (feed) form, and the source of
:mod:`events.ics` (a new release of the code makes new keys). DTSTAMP, the only part that
changes with the time of the request, is written into the cached bytes as they are read.
"""

import hashlib
from datetime import UTC, datetime
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import CharField, F, Func
from django.utils import translation

from . import ics

# The stamp the cached VEVENTs are made with; replaced by the request's own DTSTAMP.
_PLACEHOLDER = datetime(1970, 1, 1, tzinfo=UTC)
_PLACEHOLDER_LINE = b"\r\nDTSTAMP:19700101T000000Z\r\n"
# Entries are addressed by their content: an old one is never served, only left to expire.
TIMEOUT_SECONDS = 24 * 60 * 60
KEY_PREFIX = "vevent:"


@once
def _code_version() -> str:
    """A digest of events/ics.py: VEVENTs made by another version of the code never match."""
    return hashlib.blake2b(Path(ics.__file__).read_bytes(), digest_size=8).hexdigest()


#: Long texts a brief (feed) VEVENT does not show, left out of its key: the event's search
#: fields, the venue's description, and the event's description (shown only in the full
#: form, whose key has it). Every other field of the date, its event and its venue is in.
UNSHOWN = {
    "event": {"search_text", "search_names", "image"},
    "venue": {"description"},
}


def key_fields(*, brief: bool) -> tuple[str, ...]:
    """The ``values_list`` paths (from an ``Occurrence``) a VEVENT's key is made of: every
    concrete field of the date, its event and its venue but :data:`UNSHOWN` (and, for the
    brief form, the event's description)."""
    from .models import Event, Occurrence

    Venue = Event._meta.get_field("venue").related_model
    event_skip = UNSHOWN["event"] | ({"description"} if brief else set())
    return (
        *(f.attname for f in Occurrence._meta.concrete_fields),
        *(f"event__{f.attname}" for f in Event._meta.concrete_fields if f.name not in event_skip),
        *(
            f"event__venue__{f.attname}"
            for f in Venue._meta.concrete_fields
            if f.name not in UNSHOWN["venue"]
        ),
    )


class RowDigest(Func):
    """PostgreSQL's ``md5`` of its expressions as one row's text (``ROW(…)::text``: a NULL
    and an empty text differ, each value quoted as needed), 32 hex digits."""

    template = "md5(ROW(%(expressions)s)::text)"
    output_field = CharField()


#: The one value a VEVENT's key is read as on PostgreSQL (:func:`key_values`).
DIGEST = "vevent_digest"


def key_values(dates, *, brief: bool):
    """``dates`` (a queryset of ``Occurrence``) as rows of the values a VEVENT's key is made
    of, for :func:`serialised_vevents`: on PostgreSQL ``(id, event id, digest, start)``, the digest
    of every value at :func:`key_fields` made in SQL (:class:`RowDigest`: one short value a
    row instead of ~60); elsewhere the values themselves. Filters nothing; no model rows."""
    fields = key_fields(brief=brief)
    dates = dates.prefetch_related(None)
    if connections[dates.db].vendor != "postgresql":
        return dates.values_list(*fields)
    digest = RowDigest(*(F(path) for path in fields))
    # ``start``: the feed's order is made of it (querysets.soonest).
    return dates.annotate(**{DIGEST: digest}).values_list("id", "event_id", DIGEST, "start")


def _values_of(occurrence, fields) -> tuple:
    """``occurrence``'s values at ``fields`` (:func:`key_fields`), as ``values_list`` reads
    them."""
    values = []
    for path in fields:
        obj, *names = [occurrence, *path.split("__")]
        for name in names[:-1]:
            obj = getattr(obj, name)
        values.append(getattr(obj, names[-1]))
    return tuple(values)


def _common(*, site: str, brief: bool) -> tuple:
    """What every VEVENT's key of one feed shares: the code, the site, the language…"""
    return (
        _code_version(),
        site,
        translation.get_language(),
        settings.SITE_URL,
        settings.TIME_ZONE,
        brief,
    )


def _key(values, focus_areas, common: tuple) -> str:
    parts = (*common, values, focus_areas)
    return KEY_PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def vevent_key(occurrence, *, site: str, brief: bool) -> str:
    """The cache key of ``occurrence``'s VEVENT (its event, venue and focus areas loaded, as
    :meth:`~events.querysets.OccurrenceQuerySet.for_listing` gives them) for links made on
    ``site`` (scheme and host), in the active language: the same key
    :func:`feed_calendar` makes from :func:`key_values` (on PostgreSQL, one query reads its
    digest)."""
    from .models import Occurrence

    if connections[occurrence._state.db or "default"].vendor == "postgresql":
        dates = Occurrence.objects.using(occurrence._state.db).filter(pk=occurrence.pk)
        values = key_values(dates, brief=brief).get()[:3]
    else:
        values = _values_of(occurrence, key_fields(brief=brief))
    areas = tuple((area.pk, area.name) for area in occurrence.event.focus_areas.all())
    return _key(values, areas, _common(site=site, brief=brief))


def _focus_areas(event_ids) -> dict:
    """``{event id: ((focus area id, name), …)}`` in the areas' order (one query)."""
    from .models import Event

    through = Event.focus_areas.through
    rows = (
        through.objects.filter(event_id__in=event_ids)
        .order_by("focusarea__position", "focusarea_id")
        .values_list("event_id", "focusarea_id", "focusarea__name")
    )
    areas = {}
    for event_id, pk, name in rows:
        areas.setdefault(event_id, []).append((pk, name))
    return {event_id: tuple(pairs) for event_id, pairs in areas.items()}


def serialised_vevents(dates, rows, *, absolute_url, stamp, brief) -> list[bytes]:
    """The VEVENTs (RFC 5545 §3.6.1) of ``dates`` as bytes with DTSTAMP ``stamp`` (an aware
    datetime), in that order. ``dates``: rows whose first items are those of
    :func:`key_values` (more columns may follow).

    Reads the dates' focus areas (one query); each VEVENT then comes from the cache, and
    only those not there are
    made by :func:`events.ics.build_vevent` from full rows read from ``rows`` (a queryset
    as :meth:`~events.querysets.OccurrenceQuerySet.for_listing` gives; one query and its
    prefetch) and stored (one read and at most one write of the cache for the whole list).
    """
    digested = connections[rows.db].vendor == "postgresql"
    fields = ("id", "event_id", DIGEST) if digested else key_fields(brief=brief)
    keyed = [tuple(row[: len(fields)]) for row in dates]
    event_at = fields.index("event_id")
    areas = _focus_areas({values[event_at] for values in keyed}) if keyed else {}
    common = _common(site=absolute_url("/"), brief=brief)
    keys = [_key(values, areas.get(values[event_at], ()), common) for values in keyed]
    found = cache.get_many(keys)
    missing = {values[0]: key for values, key in zip(keyed, keys, strict=True) if key not in found}
    if missing:
        made = {}
        for occurrence in rows.filter(pk__in=list(missing)):
            vevent = ics.build_vevent(
                occurrence, absolute_url=absolute_url, stamp=_PLACEHOLDER, brief=brief
            )
            made[missing[occurrence.pk]] = vevent.to_ical()
        found.update(made)
        cache.set_many(made, TIMEOUT_SECONDS)
    stamp_line = b"\r\nDTSTAMP:" + stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    return [
        found[key].replace(_PLACEHOLDER_LINE, stamp_line + b"\r\n", 1)
        for key in keys
        if key in found
    ]


def feed_calendar(dates, rows, *, absolute_url, name, now, max_bytes=None) -> bytes:
    """What :func:`events.ics.build_calendar` gives for a subscription feed (``name`` set:
    brief descriptions) of ``dates`` (rows of :func:`key_values`, in the feed's order), byte
    for byte, with
    each VEVENT from :func:`serialised_vevents` (``rows``: where a VEVENT not yet cached is
    made from). ``max_bytes`` stops adding dates before the file would grow beyond it, as
    there."""
    stamp = now.astimezone(UTC)
    empty = ics.build_calendar([], absolute_url=absolute_url, name=name, now=now)
    vevents = serialised_vevents(dates, rows, absolute_url=absolute_url, stamp=stamp, brief=True)
    # The empty calendar ends with its VTIMEZONE; the dates go before it, as there.
    head, zone, tail = empty.partition(b"BEGIN:VTIMEZONE")
    included, size = [], len(head) + ics.VTIMEZONE_ALLOWANCE
    for vevent in vevents:
        if max_bytes is not None:
            size += len(vevent)
            if size > max_bytes:
                break
        included.append(vevent)
    if not included:
        return empty
    return b"".join([head, *included, zone, tail])
