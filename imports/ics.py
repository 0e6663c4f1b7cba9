"""Reading an RFC 5545 calendar (an ICS feed) into :class:`SourceEvent`\\ s.

The entry points are :func:`read_calendar` (the events) and :func:`read_calendar_with_problems`
(the events, what could not be read, and the window the reading covers, which the importer
needs before it cancels anything). Parsing is icalendar's, ``X-WR-TIMEZONE`` is applied by
x-wr-timezone and the recurrences are expanded by recurring-ical-events (``imports.ics_dates``
bounds that work); the other fields are read in ``imports.ics_fields``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from imports import ics_fields
from imports.ics_dates import (
    MAX_DATES,
    MAX_DATES_PER_EVENT,
    Budget,
    EventProblem,
    Window,
    event_dates,
    master_of,
)
from imports.ics_parse import MAX_EVENTS, event_name, parse
from imports.items import SourceEvent

__all__ = [
    "MAX_DATES",
    "MAX_DATES_PER_EVENT",
    "MAX_EVENTS",
    "IcsReading",
    "Window",
    "read_calendar",
    "read_calendar_with_problems",
]


@dataclass
class IcsReading:
    """What :func:`read_calendar_with_problems` read.

    ``events``: one :class:`SourceEvent` per UID with at least one date in the window.
    ``problems``: Danish sentences for staff, one per event skipped or cut, and one per
    unknown time zone; empty when all was read. ``window``: the dates this reading covers.
    ``skipped_uids``: UIDs whose events could not be read (their stored dates must be left
    as they are). ``cut``: UID → the start of the last date kept for an event cut at
    :data:`MAX_DATES_PER_EVENT` (its later dates are unknown).
    """

    events: list[SourceEvent]
    problems: list[str]
    window: Window
    skipped_uids: set[str] = field(default_factory=set)
    cut: dict[str, dt.datetime | dt.date] = field(default_factory=dict)

    def covers(self, uid: str, start, end=None, *, all_day: bool = False) -> bool:
        """Whether this reading speaks for a stored date of ``uid``.

        True when the date lies in the window (see :class:`imports.ics_dates.Window`), its
        event was not skipped, and it is not after the cut of a cut event. Only such a date
        may be cancelled when the reading lacks it; shapes as :class:`SourceDate`.
        """
        if uid in self.skipped_uids or not self.window.contains(start, end, all_day=all_day):
            return False
        if uid not in self.cut:
            return True
        cut = self.cut[uid]
        if all_day or not isinstance(cut, dt.datetime):
            return _day(start) <= _day(cut)
        return self.window.aware(start) <= cut


def read_calendar(
    data: bytes,
    *,
    now: dt.datetime,
    horizon_days: int = 365,
    default_timezone: str = "Europe/Copenhagen",
) -> list[SourceEvent]:
    """The events of an iCalendar document (RFC 5545) with their dates in the window.

    The window: dates not ended at ``now`` and starting before ``now + horizon_days``; the
    importer must cancel only stored dates inside that same window (dates before it have
    passed, dates after it are not read), see :meth:`IcsReading.covers`. Raises
    :class:`SourceError` for a document that is no calendar or is too large to read; what
    could not be read of single events is left out (see :func:`read_calendar_with_problems`,
    which has every rule of the reading).
    """
    return read_calendar_with_problems(
        data, now=now, horizon_days=horizon_days, default_timezone=default_timezone
    ).events


def read_calendar_with_problems(
    data: bytes,
    *,
    now: dt.datetime,
    horizon_days: int = 365,
    default_timezone: str = "Europe/Copenhagen",
) -> IcsReading:
    """Read an iCalendar document (RFC 5545); see docs/imports.md «Reading ICS».

    ``now`` is aware (a naive one is read in ``default_timezone``). Events: one per UID,
    the master and its RECURRENCE-ID overrides together, with ``dates`` the instances inside
    the window (RRULE, RDATE and EXDATE applied; an override with STATUS:CANCELLED, or a
    cancelled master, gives cancelled dates; a moved instance keeps its RECURRENCE-ID key).
    Times: a TZID (IANA, a Windows name as Outlook writes it, or its VTIMEZONE), UTC, or
    floating — then ``X-WR-TIMEZONE``, else ``default_timezone``; returned aware in
    ``default_timezone``. An unknown TZID is read as floating and named in ``problems``.

    Skipped and reported in ``problems`` (their UIDs in ``skipped_uids``): an event with a
    component whose dates cannot be read (or lie outside the years 1900–2200), whose rule
    the library refuses, or whose rule gives over 20,000 instances before the window; and an
    event without SUMMARY (a title is not invented). A VEVENT without UID gets a stable one
    derived from its DTSTART and SUMMARY (``uden-uid-…``). A rule that never gives a date is
    dropped (the event keeps its DTSTART), reported. An event with more than
    :data:`MAX_DATES_PER_EVENT` dates in the window keeps its first ones, reported, and its
    last date read in ``cut``.

    Raises :class:`SourceError` (Danish) when ``data`` is no iCalendar document, is
    truncated, has more than :data:`MAX_EVENTS` VEVENTs or :data:`MAX_DATES` dates in the
    window, or its rules need more than a million instances to expand.
    """
    zone = zoneinfo.ZoneInfo(default_timezone)
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone)
    now = now.astimezone(zone)
    window = Window(now, (now + dt.timedelta(days=horizon_days)).astimezone(zone), zone)
    reading = IcsReading([], [], window)
    calendar = parse(data, reading.problems, reading.skipped_uids)
    budget = Budget()
    untitled = 0
    for uid, components in _groups(calendar, reading).items():
        untitled += not _read_event(uid, components, reading, budget)
    if untitled:
        reading.problems.append(
            f"{untitled} begivenheder uden titel (SUMMARY) er sprunget over."
            if untitled > 1
            else "En begivenhed uden titel (SUMMARY) er sprunget over."
        )
    return reading


def _groups(calendar, reading: IcsReading) -> dict[str, list]:
    """VEVENTs by UID (a missing UID derived, see :func:`ics_fields.derived_uid`)."""
    groups: dict[str, list] = defaultdict(list)
    for component in calendar.walk("VEVENT"):
        uid = " ".join(str(component.get("UID", "")).split())
        if not uid:
            uid = ics_fields.derived_uid(component)
        component["UID"] = uid
        if "SEQUENCE" in component:  # the library compares them: a broken one would fail it
            component["SEQUENCE"] = ics_fields.sequence(component)
        if uid not in reading.skipped_uids:
            groups[uid].append(component)
    return groups


def _read_event(uid: str, components: list, reading: IcsReading, budget: Budget) -> bool:
    """Add the event of ``uid`` to ``reading``; False when it was skipped for lack of title."""
    master = master_of(components)
    head = master or min(components, key=lambda c: str(c.get("RECURRENCE-ID").to_ical()))
    # a VEVENT repeated with the same UID (an older SEQUENCE left in the feed) is no series
    recurring = any(name in c for c in components for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
    try:
        found = event_dates(components, reading.window, budget, recurring=recurring)
    except EventProblem as problem:
        reading.skipped_uids.add(uid)
        reading.problems.append(f"{event_name(head, uid)} er sprunget over: {problem}.")
        return True
    if not found.dates:
        return True
    title = ics_fields.title(head)
    if not title:
        reading.skipped_uids.add(uid)
        return False
    if found.dropped_rule:
        reading.problems.append(
            f"{event_name(head, uid)}: gentagelsesreglen giver aldrig en dato; "
            "kun startdatoen er læst."
        )
    if found.cut is not None:
        reading.cut[uid] = found.cut
        reading.problems.append(
            f"{event_name(head, uid)}: kun de første {len(found.dates)} datoer er læst."
        )
    location_name, location_address = ics_fields.location(head)
    cancelled = (
        ics_fields.status_cancelled(master)
        if master
        else all(date.cancelled for date in found.dates)
    )
    reading.events.append(
        SourceEvent(
            uid=uid,
            title=title,
            dates=found.dates,
            description=ics_fields.description(head),
            url=ics_fields.url(head),
            image_url=ics_fields.image_url(head),
            categories=ics_fields.categories(head),
            location_name=location_name,
            location_address=location_address,
            organizer=ics_fields.organizer(head),
            sequence=max(ics_fields.sequence(c) for c in components),
            cancelled=cancelled,
        )
    )
    return True


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
