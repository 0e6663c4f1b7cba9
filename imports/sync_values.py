"""What a source event becomes here: the ``Event`` field values, the dates' values, the focus
areas and audiences its categories map to, and a fingerprint to recognise it unchanged."""

import hashlib
import unicodedata
from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal

from django.utils import timezone

from events.models import Event, Occurrence
from events.models.occurrence import all_day_span

from .items import SourceDate, SourceEvent

#: The ``Event`` fields a source fills, and which follow the source until edited here.
FIELDS = (
    "title",
    "description",
    "info_url",
    "ticket_url",
    "organizer",
    "performer",
    "is_free",
    "price_min",
    "price_max",
)
#: The many-to-many fields a source fills (as sorted lists of ids in ``imported``).
M2M = ("focus_areas", "audiences")


def fingerprint(item: SourceEvent) -> str:
    """A SHA-256 of everything the source says about ``item`` (its dates included): equal
    fingerprints mean nothing changed at the source. Moments count in UTC, so a reader's
    choice of time-zone object does not matter; the rest is plain values (their repr)."""
    plain = [(f.name, getattr(item, f.name)) for f in fields(item) if f.name != "dates"]
    dates = [(d.key, _moment(d.start), _moment(d.end), d.all_day, d.cancelled) for d in item.dates]
    return hashlib.sha256(repr((plain, dates)).encode()).hexdigest()


def _moment(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    return value.isoformat() if value is not None else None


def _fit(value: str, name: str) -> str:
    return (value or "")[: Event._meta.get_field(name).max_length]


def event_values(item: SourceEvent) -> dict:
    """The :data:`FIELDS` values for ``item``, cut to the fields' lengths (a longer
    description is cut at the model's 20,000 characters)."""
    low, high = item.price_min, item.price_max
    if low is not None and high is not None and high < low:
        low, high = high, low
    return {
        "title": _fit(item.title.strip(), "title") or item.uid[:200],
        "description": item.description[:20_000],
        "info_url": _fit(item.url, "info_url"),
        "ticket_url": _fit(item.ticket_url, "ticket_url"),
        "organizer": _fit(item.organizer, "organizer"),
        "performer": _fit(item.performer, "performer"),
        "is_free": bool(item.is_free),
        "price_min": low,
        "price_max": high,
    }


def as_json(value):
    """A field value as kept in ``SourceItem.imported`` (a Decimal as its string)."""
    return str(value) if isinstance(value, Decimal) else value


def normal(value):
    """``value`` as compared when telling a hand edit from a source change: text with its
    line breaks as ``\n`` (a browser's textarea sends ``\r\n``, RFC 5545 §3.3.11 text has
    ``\n``), in Unicode NFC and without surrounding whitespace; other values as they are."""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return unicodedata.normalize("NFC", text).strip()
    return value


def same_value(a, b) -> bool:
    """Whether two field values (as :func:`as_json` gives them) say the same (:func:`normal`)."""
    return normal(a) == normal(b)


def classify(item: SourceEvent, source, vocabulary) -> tuple[list[int], list[int]]:
    """The focus area and audience ids for ``item``: those its categories map to through
    ``source.category_map`` (case ignored), else the source's defaults for each.
    ``vocabulary`` maps a slug to ``("focus_areas" | "audiences", id)``; the defaults are
    ``source.default_ids`` (set by the importer)."""
    mapping = {str(k).casefold(): v for k, v in (source.category_map or {}).items()}
    found = {"focus_areas": set(), "audiences": set()}
    for word in item.categories:
        slugs = mapping.get(word.strip().casefold(), [])
        for slug in [slugs] if isinstance(slugs, str) else slugs:
            if slug in vocabulary:
                name, pk = vocabulary[slug]
                found[name].add(pk)
    focus = sorted(found["focus_areas"]) or source.default_ids["focus_areas"]
    audiences = sorted(found["audiences"]) or source.default_ids["audiences"]
    return focus, audiences


def date_values(date: SourceDate) -> dict:
    """The ``Occurrence`` values of a source date: start, end, all_day (an all-day date as
    the local midnights around its days, ``events.models.occurrence.all_day_span``)."""
    if date.all_day:
        first = date.start.date() if isinstance(date.start, datetime) else date.start
        last = date.end.date() if isinstance(date.end, datetime) else date.end
        start, end = all_day_span(first, last if last and last >= first else None)
        return {"start": start, "end": end, "all_day": True}
    start, end = date.start, date.end
    if not isinstance(start, datetime):  # a date given for a timed slot: its midnight
        start = all_day_span(start)[0]
    if end is not None and (not isinstance(end, datetime) or end < start):
        end = None
    return {"start": start, "end": end, "all_day": False}


def date_status(cancelled: bool) -> str:
    return Occurrence.Status.CANCELLED if cancelled else Occurrence.Status.SCHEDULED


def same_moment(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return timezone.localtime(a) == timezone.localtime(b)
