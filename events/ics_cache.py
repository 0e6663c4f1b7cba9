"""Subscription feeds from cached VEVENTs: each date's serialised VEVENT is made once and
reused by every feed that holds it, until anything it is made from changes.

Serialising a VEVENT with icalendar costs about 2 ms; a feed of 1,000 dates rebuilt them
all on every request. :func:`feed_calendar` gives the same bytes as
:func:`events.ics.build_calendar` (tested), with each VEVENT read from the cache.

The cache key is a digest of everything a VEVENT is made from: every loaded field of the
date, its event and its venue (so an edit, a new status or a new time gives a new key, also
an edit that bypasses ``save()``), the event's focus areas, the site address the links are
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


def _loaded_fields(obj) -> list:
    """``obj``'s loaded concrete field values (deferred fields are not read: no query)."""
    deferred = obj.get_deferred_fields()
    return [
        getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in deferred
    ]


def vevent_key(occurrence, *, site: str, brief: bool) -> str:
    """The cache key of ``occurrence``'s VEVENT (its event, venue and focus areas loaded, as
    :meth:`~events.querysets.OccurrenceQuerySet.for_listing` gives them) for links made on
    ``site`` (scheme and host), in the active language."""
    event = occurrence.event
    parts = (
        _code_version(),
        site,
        translation.get_language(),
        settings.SITE_URL,
        settings.TIME_ZONE,
        brief,
        _loaded_fields(occurrence),
        _loaded_fields(event),
        _loaded_fields(event.venue),
        [(area.pk, area.name) for area in event.focus_areas.all()],
    )
    return KEY_PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def serialised_vevents(occurrences, *, absolute_url, stamp, brief) -> list[bytes]:
    """Each of ``occurrences`` as the bytes of its VEVENT (RFC 5545 §3.6.1) with DTSTAMP
    ``stamp`` (an aware datetime): from the cache, or made by :func:`events.ics.build_vevent`
    and stored (one read and at most one write of the cache for the whole list)."""
    site = absolute_url("/")
    keys = [vevent_key(occurrence, site=site, brief=brief) for occurrence in occurrences]
    found = cache.get_many(keys)
    made = {}
    for key, occurrence in zip(keys, occurrences, strict=True):
        if key not in found:
            vevent = ics.build_vevent(
                occurrence, absolute_url=absolute_url, stamp=_PLACEHOLDER, brief=brief
            )
            made[key] = found[key] = vevent.to_ical()
    if made:
        cache.set_many(made, TIMEOUT_SECONDS)
    stamp_line = b"\r\nDTSTAMP:" + stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    return [found[key].replace(_PLACEHOLDER_LINE, stamp_line + b"\r\n", 1) for key in keys]


def feed_calendar(occurrences, *, absolute_url, name, now, max_bytes=None) -> bytes:
    """What :func:`events.ics.build_calendar` gives for a subscription feed (``name`` set:
    brief descriptions), byte for byte, with each VEVENT from :func:`serialised_vevents`.
    ``max_bytes`` stops adding dates before the file would grow beyond it, as there."""
    stamp = now.astimezone(UTC)
    empty = ics.build_calendar([], absolute_url=absolute_url, name=name, now=now)
    occurrences = list(occurrences)
    vevents = serialised_vevents(occurrences, absolute_url=absolute_url, stamp=stamp, brief=True)
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
