"""The dates of one RFC 5545 event (a UID: its master and its RECURRENCE-ID overrides).

The expansion is recurring-ical-events' (``Series``: RRULE, RDATE, EXDATE, overrides by
RECURRENCE-ID and SEQUENCE, on dateutil's rules); this module bounds its work, so that a
hostile rule cannot stall a run, and turns its occurrences into :class:`SourceDate`.

Two traps of dateutil are closed before the library iterates a rule:

- a rule that never matches (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``) makes dateutil walk
  day by day to the year 9999 (seconds of work). Each rule is first tried from the year 9996
  (four years to dateutil's end, a few thousand steps); a rule with no date there is dropped,
  the event keeps its DTSTART;
- a dense rule (``FREQ=SECONDLY``) or an old DTSTART gives millions of instances. The rule's
  instances are counted lazily (dateutil caches them, so the library does not compute them
  again) up to the window's end; more than :data:`MAX_STEPS_PER_EVENT` before the window
  skips the event, and the :data:`MAX_DATES_PER_EVENT`-th instance inside it ends the query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule
from icalendar import Component
from recurring_ical_events import EventAdapter, Series
from recurring_ical_events.util import to_recurrence_ids

from imports import ics_fields
from imports.errors import SourceError
from imports.items import SourceDate

MAX_DATES_PER_EVENT = 1_000
"""Dates kept per event inside the window; the first ones are kept, the event is marked cut."""
MAX_DATES = 20_000
"""Dates in the whole calendar inside the window; more is a :class:`SourceError`."""
MAX_STEPS_PER_EVENT = 20_000
"""Rule instances one event may produce from its DTSTART to the window; more skips it."""
MAX_STEPS = 1_000_000
"""Rule instances (and rule tries, :data:`TRY_COST` each) for the whole calendar."""
TRY_COST = 5_000
_TRY_YEAR = 9996  # a leap year four years before dateutil's last (datetime.MAXYEAR)
_MARGIN = dt.timedelta(hours=1)  # the library computes the overlap itself; a little more
_UTC = dt.UTC


class EventProblem(Exception):
    """One event cannot be read; ``str(error)`` completes a Danish sentence about it."""


@dataclass(frozen=True)
class Window:
    """The dates a reading covers: not ended at ``start``, starting before ``end``.

    Timed dates span [start, end); a date without an end counts from its start alone (it is
    in the window when it starts at or after ``start``). All-day dates span their whole days
    in ``zone``, from the first day's midnight to the midnight after the last day.
    """

    start: dt.datetime
    end: dt.datetime
    zone: ZoneInfo

    def contains(self, start, end=None, *, all_day: bool = False) -> bool:
        """Whether a date (shapes as :class:`SourceDate`) lies in the window."""
        if all_day:
            first = dt.datetime.combine(_as_date(start), dt.time(), self.zone)
            after = dt.datetime.combine(_as_date(end or start), dt.time(), self.zone)
            return first < self.end and after + dt.timedelta(days=1) > self.start
        start = self.aware(start)
        if end is None:
            return self.start <= start < self.end
        return start < self.end and self.aware(end) > self.start

    def aware(self, value: dt.datetime) -> dt.datetime:
        """``value`` in the window's zone; a floating (naive) time is read as that zone's."""
        if value.tzinfo is None:
            return value.replace(tzinfo=self.zone)
        return value.astimezone(self.zone)


class Budget:
    """The work and dates one calendar may still cost (see the module's docstring)."""

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.dates = MAX_DATES

    def spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise SourceError(
                "Kalenderens gentagelser giver for mange datoer til at blive læst "
                f"(over {MAX_STEPS:_} gentagelser i alt).".replace("_", ".")
            )

    def take_dates(self, count: int) -> None:
        self.dates -= count
        if self.dates < 0:
            raise SourceError(
                f"Kalenderen har over {MAX_DATES:_} datoer inden for importens tidsrum; "
                "del den op i flere kalendere.".replace("_", ".")
            )


@dataclass
class EventDates:
    """What :func:`event_dates` found: the dates, where they were cut, and notes for staff."""

    dates: list[SourceDate]
    cut: dt.datetime | dt.date | None = None
    dropped_rule: bool = False


def event_dates(
    components: list[Component], window: Window, budget: Budget, *, recurring: bool
) -> EventDates:
    """The dates of one UID's components inside ``window``, sorted by start.

    ``recurring`` (the master has RRULE or RDATE, or there are overrides) gives each date its
    RECURRENCE-ID key; otherwise the one date's key is ``""``. Raises :class:`EventProblem`
    when the library cannot read the event or its rule is too dense, and :class:`SourceError`
    when the calendar's budget is spent.
    """
    series = _series(components)
    dropped_rule = False
    if series.recurrence.has_core and not _rules_give_dates(series, budget):
        master = master_of(components).copy()
        master.pop("RRULE", None)
        dropped_rule = True
        series = _series([master, *(c for c in components if "RECURRENCE-ID" in c)])
    query_end = _query_end(series, window, budget)
    overrides = {
        to_recurrence_ids(c["RECURRENCE-ID"].dt)[0]: c for c in components if "RECURRENCE-ID" in c
    }
    master = master_of(components)
    found: dict[str, SourceDate] = {}
    try:
        span_end = query_end + (_MARGIN if query_end == window.end else dt.timedelta(0))
        occurrences = list(series.between(window.start - _MARGIN, span_end))
    except Exception as error:  # the library on hostile data: one event lost, not the feed
        raise EventProblem("datoerne kunne ikke beregnes") from error
    for occurrence in occurrences:
        date = _source_date(occurrence, overrides, master, window, recurring=recurring)
        if date is not None and window.contains(date.start, date.end, all_day=date.all_day):
            found.setdefault(date.key, date)
    dates = sorted(found.values(), key=lambda date: _sort_key(date, window))
    cut = None
    if query_end < window.end or len(dates) > MAX_DATES_PER_EVENT:
        dates = dates[:MAX_DATES_PER_EVENT]
        cut = dates[-1].start if dates else None
    budget.take_dates(len(dates))
    return EventDates(dates, cut, dropped_rule)


def master_of(components: list[Component]) -> Component | None:
    """The master VEVENT (no RECURRENCE-ID) of the highest SEQUENCE, as the library takes it."""
    masters = [c for c in components if "RECURRENCE-ID" not in c]
    return max(masters, key=ics_fields.sequence, default=None)


def _series(components: list[Component]) -> Series:
    try:
        return Series([EventAdapter(component) for component in components])
    except Exception as error:  # the library on hostile data: one event lost, not the feed
        raise EventProblem("gentagelsesreglen kunne ikke læses") from error


def _rules_give_dates(series: Series, budget: Budget) -> bool:
    """Whether every RRULE gives a date in the four years before dateutil's end."""
    for rule in series.recurrence.rrules:
        if not isinstance(rule, rrule):
            continue  # the rruleset of DTSTART and RDATEs: a finite list
        start = series.recurrence.start
        try:
            # naive: a zone built from a VTIMEZONE would walk its transitions up to 9996
            trial_start = start.replace(year=_TRY_YEAR, tzinfo=None)
            trial = rule.replace(dtstart=trial_start, count=None, until=None)
            found = next(iter(trial), None)
        except Exception as error:  # dateutil on hostile rules (BYHOUR=25 fails late)
            raise EventProblem("gentagelsesreglen kunne ikke beregnes") from error
        if found is None:
            budget.spend(TRY_COST)
            return False
    return True


def _query_end(series: Series, window: Window, budget: Budget) -> dt.datetime:
    """Count the rules' instances lazily; the window's end, or the start of the instance at
    the per-event cap. Raises :class:`EventProblem` for a rule too dense before the window."""
    if not series.recurrence.has_core:
        return window.end
    recurrence = series.recurrence
    floating = recurrence.tzinfo is None

    def comparable(value: dt.datetime) -> dt.datetime:
        return value.astimezone(window.zone).replace(tzinfo=None) if floating else value

    duration = max(recurrence.core.duration, dt.timedelta(0))
    lower = comparable(window.start - _MARGIN - duration)
    upper = comparable(window.end + _MARGIN)
    query_end = window.end
    for rule in recurrence.rrules:
        steps = inside = 0
        previous = None
        try:
            for instance in rule:
                steps += 1
                if instance > upper:
                    break
                if previous is not None and instance <= previous:
                    # dateutil repeats DTSTART for ever with INTERVAL=0; the library's
                    # between() would collect it until memory runs out
                    budget.spend(steps)
                    raise EventProblem("gentagelsesreglen kommer ikke videre fra sin start")
                previous = instance
                if instance >= lower:
                    inside += 1
                    if inside > MAX_DATES_PER_EVENT:
                        query_end = min(query_end, window.aware(instance))
                        break
                elif steps > MAX_STEPS_PER_EVENT:
                    budget.spend(steps)
                    raise EventProblem(
                        f"gentagelsesreglen giver over {MAX_STEPS_PER_EVENT:_} datoer "
                        "før i dag".replace("_", ".")
                    )
        except (ValueError, TypeError, OverflowError, ArithmeticError) as error:
            raise EventProblem("gentagelsesreglen kunne ikke beregnes") from error
        budget.spend(steps)
    return query_end


def _source_date(occurrence, overrides, master, window: Window, *, recurring: bool):
    """One occurrence as a :class:`SourceDate` (``None`` if its times cannot be read)."""
    recurrence_ids = occurrence.recurrence_ids
    source = overrides.get(recurrence_ids[0]) if recurrence_ids else master
    if source is None:
        source = master
    start, end = occurrence.start, occurrence.end
    # An override's own date keeps its RECURRENCE-ID; a date the library derives from an
    # override with RANGE=THISANDFUTURE is keyed by its own start, as the master's are.
    if source is not master and source["DTSTART"].dt == start:
        key_time = source["RECURRENCE-ID"].dt
    else:
        key_time = start
    key = recurrence_key(key_time, window.zone) if recurring else ""
    cancelled = source is not None and ics_fields.status_cancelled(source)
    if _is_date(start):
        last = _as_date(end) - dt.timedelta(days=1) if _is_date(end) else _as_date(end)
        return SourceDate(key, start, max(start, last), all_day=True, cancelled=cancelled)
    has_end = source is not None and ("DTEND" in source or "DURATION" in source)
    start = window.aware(start)
    end = window.aware(end) if has_end and isinstance(end, dt.datetime) else None
    return SourceDate(key, start, end, cancelled=cancelled)


def recurrence_key(value: dt.datetime | dt.date, zone: ZoneInfo) -> str:
    """A RECURRENCE-ID as :class:`SourceDate` keys it: UTC ``YYYYMMDDTHHMMSSZ`` (a floating
    time read in ``zone``), or ``YYYYMMDD`` for a date."""
    if _is_date(value):
        return value.strftime("%Y%m%d")
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(_UTC).strftime("%Y%m%dT%H%M%SZ")


def _is_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _sort_key(date: SourceDate, window: Window) -> dt.datetime:
    if date.all_day:
        return dt.datetime.combine(date.start, dt.time(), window.zone)
    return date.start
