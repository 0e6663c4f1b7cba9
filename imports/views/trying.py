"""Trying a calendar address before it is followed: fetch it (guessing its kind when asked),
read it, and run it dry in a transaction that is rolled back, so the preview shows what
would be created, changed and cancelled while nothing is saved. Also the limits on how
often a person may make the server fetch an address.

Every fetch goes through ``imports.fetch`` (public addresses only, time and size limits):
a hostile or broken address raises ``SourceError`` with the fetcher's Danish sentence.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from accounts import limits
from events.models import FocusArea, Occurrence

from ..errors import SourceError
from ..sync import RunReport, run
from ..sync_read import FETCH_KIND, read
from ..sync_values import classify, date_status, date_values

#: Address parts that say «calendar» (Google, Outlook, iCloud and any ``….ics``): such an
#: address is fetched as ICS first; anything else as a web page first.
CALENDAR_HINTS = (".ics", "/ical/", "ical.", "calendar.google.com", "/owa/calendar/", "icloud.com")

#: How many events of each kind (new, changed, gone) the preview lists.
ROWS_SHOWN = 30

#: A new source's preview runs the first this many events of the calendar (by first date).
PREVIEW_EVENTS = 100

#: A calendar of more events than this is imported by ``import_events`` (cron), not within
#: the request that saves it or presses «Hent nu» (``core.ceiling`` limits venue staff's SQL).
RUN_NOW_EVENTS = 300

#: How many addresses one person may try or save per hour (each makes the server fetch).
TRIES_PER_HOUR = 20

#: How soon a source may be fetched again with «Hent nu» (minutes since its last run).
FETCH_AGAIN_MINUTES = 5


@dataclass
class Trial:
    """What trying an address gave: its ``kind`` («ics» or «jsonld»), the fetched ``body``
    (bytes), the source events read from it (``events``, ``imports.items.SourceEvent``) and
    the reader's Danish ``problems``."""

    kind: str
    body: bytes
    events: list
    problems: list


def looks_like_calendar(url: str) -> bool:
    lower = url.lower().split("?", 1)[0]
    return any(hint in lower for hint in CALENDAR_HINTS)


def fetch_document(url: str, kind: str = "") -> tuple[str, bytes]:
    """``(kind, body)`` of ``url``: fetched as ``kind`` («ics» or «jsonld»), or, when
    ``kind`` is empty, as what the address suggests and, when the answer is of the other
    kind (``WrongContentType``), as the other. Raises ``SourceError`` (the fetcher's)."""
    from .. import fetch

    if kind:
        return kind, fetch.fetch(url, kind=FETCH_KIND[kind]).body
    first, second = ("ics", "jsonld") if looks_like_calendar(url) else ("jsonld", "ics")
    try:
        return first, fetch.fetch(url, kind=FETCH_KIND[first]).body
    except fetch.WrongContentType:
        return second, fetch.fetch(url, kind=FETCH_KIND[second]).body


def trial(source, kind: str = "", *, now=None) -> Trial:
    """Fetch and read ``source``'s address (an unsaved ``EventSource`` will do) as
    ``kind`` (empty: guess); sets ``source.kind``. Raises ``SourceError``."""
    kind, body = fetch_document(source.url, kind)
    source.kind = kind
    reading = read(source, body, now=now or timezone.now())
    return Trial(kind=kind, body=body, events=reading.events, problems=reading.problems)


def preview(form, found: Trial, *, now=None):
    """The ``RunReport`` of a dry run of the valid ``SourceForm``'s source with the events
    ``found``: the source (new or edited) is saved, run and rolled back, so nothing is
    kept; the form's instance is left as it was (unsaved when new). A new source is tried
    with its first ``PREVIEW_EVENTS`` events; the report's ``events_read`` and
    ``events_tried`` say how many were read and tried."""
    source = form.instance
    adding = source.pk is None
    now = now or timezone.now()
    events = found.events
    if not adding and len(events) > PREVIEW_EVENTS:
        # A followed calendar is compared whole or not at all (what is gone depends on
        # all of it); a big one is not run within a staff request's database budget.
        report = RunReport(source=source, dry_run=True, errors=list(found.problems))
        report.events_read, report.events_tried = len(events), 0
        return report
    if adding and len(events) > PREVIEW_EVENTS:
        # All would be new: the first ones tell enough, and a dry run of thousands of
        # events would hold the request for many seconds.
        events = sorted(events, key=_first_start)[:PREVIEW_EVENTS]
    with transaction.atomic():
        form.save()
        if adding:
            report = run(source, dry_run=True, events=events, now=now)
            report.errors[:0] = found.problems
        else:
            # Read again by the run itself: which stored dates the reading speaks for
            # (``Reading.covers``, ``skipped``) decides what counts as gone.
            report = run(source, dry_run=True, document=found.body, now=now)
        _attach_focus_areas(report.created[:ROWS_SHOWN], found, source)
        transaction.set_rollback(True)
    report.events_read, report.events_tried = len(found.events), len(events)
    _attach_dates(report.created[:ROWS_SHOWN], found, now)
    if adding:
        source.pk = None
        source._state.adding = True
    return report


def _first_start(source_event):
    starts = [date_values(date)["start"] for date in source_event.dates]
    return min(starts) if starts else timezone.now()


def _attach_dates(changes, found: Trial, now):
    """Give each new event's ``Change`` its coming dates as unsaved ``Occurrence``s (what
    the run creates, from the source events read): the preview shows them in the site's
    wording. No query."""
    by_uid = {event.uid: event for event in found.events}
    for change in changes:
        source_event = by_uid.get(change.uid)
        if change.dates or source_event is None:
            continue
        for date in source_event.dates:
            values = date_values(date)
            if (values["end"] or values["start"]) >= now:
                cancelled = date.cancelled or source_event.cancelled
                change.dates.append(Occurrence(status=date_status(cancelled), **values))
        change.dates.sort(key=lambda occurrence: occurrence.start)


def _attach_focus_areas(changes, found: Trial, source):
    """Give each new event's ``Change`` the ``focus_areas`` (``FocusArea``s, in the site's
    order) the run gives it: those its categories map to, else the source's defaults
    (``sync_values.classify``). One query."""
    areas = list(FocusArea.objects.order_by("position", "pk"))
    vocabulary = {area.slug: ("focus_areas", area.pk) for area in areas}
    by_uid = {event.uid: event for event in found.events}
    for change in changes:
        source_event = by_uid.get(change.uid)
        if source_event is None or not hasattr(source, "default_ids"):
            continue
        ids = set(classify(source_event, source, vocabulary)[0])
        change.focus_areas = [area for area in areas if area.pk in ids]


def first_run(source, found: Trial, *, now=None):
    """Run the saved ``source`` on the document already fetched (no second fetch of the
    address): its events are created and its status recorded. Returns the ``RunReport``,
    or None for a calendar of more than ``RUN_NOW_EVENTS`` events: a venue-staff request
    has a small database budget (``core.ceiling``), so ``import_events`` (cron) imports it
    — a source that never ran is due at once."""
    if len(found.events) > RUN_NOW_EVENTS:
        return None
    return run(source, document=found.body, now=now)


def is_big(source) -> bool:
    """Whether ``source``'s last run saw more than ``RUN_NOW_EVENTS`` events: «Hent nu»
    then leaves it to ``import_events``, as ``first_run`` does."""
    seen = source.last_created + source.last_updated + source.last_unchanged
    return seen > RUN_NOW_EVENTS


def tries_left(user) -> bool:
    """Whether ``user`` may make the server fetch another address this hour."""
    return not limits.reached(f"imports:tries:{user.pk}", TRIES_PER_HOUR)


def count_try(user) -> None:
    limits.count(f"imports:tries:{user.pk}")


def take_try(user) -> bool:
    """Count one fetch for ``user`` («Hent nu» as well as trying an address) when the hourly
    ``TRIES_PER_HOUR`` allows it: True when it did, False when the limit is reached."""
    if not tries_left(user):
        return False
    count_try(user)
    return True


def _address_key(source) -> str:
    return f"imports:address-changed:{source.pk}"


def address_changed(source) -> None:
    """Remember that ``source``'s address was just changed: «Hent nu» may fetch it at once
    (for ``FETCH_AGAIN_MINUTES``, in the cache)."""
    cache.set(_address_key(source), True, FETCH_AGAIN_MINUTES * 60)


def fetch_again_at(source, now=None):
    """When «Hent nu» may fetch ``source`` again (an aware datetime), or None for at once.
    A calendar whose last run succeeded waits ``FETCH_AGAIN_MINUTES`` after it; one whose
    last run failed, or whose address was changed since (``address_changed``), need not:
    the person has most likely just fixed what was wrong."""
    now = now or timezone.now()
    if not source.last_run_at or source.last_outcome != source.Outcome.OK:
        return None
    again = source.last_run_at + timedelta(minutes=FETCH_AGAIN_MINUTES)
    if again <= now or cache.get(_address_key(source)):
        return None
    return again


def fetched(source) -> None:
    """«Hent nu» ran ``source``: the address is no longer new."""
    cache.delete(_address_key(source))


__all__ = ["SourceError", "Trial", "fetch_document", "first_run", "preview", "trial"]
