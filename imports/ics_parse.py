"""Parsing an ICS document: from bytes to an icalendar Calendar whose VEVENTs can be expanded.

Refuses what is no calendar, too large or cut short (:class:`SourceError`); takes out the
VEVENTs whose dates cannot be read (noting their UIDs, so that the importer leaves their
stored dates alone); names unknown time zones; applies ``X-WR-TIMEZONE`` (x-wr-timezone).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import icalendar
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from imports import ics_fields
from imports.errors import SourceError

MAX_EVENTS = 10_000
"""VEVENT components a calendar may hold; more is a :class:`SourceError` before parsing."""
MAX_BYTES = 15 * 1024 * 1024
NOT_ICS = "Filen er ikke en kalender i iCalendar-format (ICS)."
BROKEN = "Kalenderen kunne ikke læses: filen er ufuldstændig eller ikke gyldig iCalendar (ICS)."
_BEGIN_VEVENT = re.compile(rb"^BEGIN:VEVENT\r?$", re.IGNORECASE | re.MULTILINE)
_DATE_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE")
_FIRST_YEAR, _LAST_YEAR = 1900, 2200
_ZONEINFO_NAMES = frozenset(zoneinfo.available_timezones())


def parse(data: bytes, problems: list[str], skipped_uids: set[str]) -> icalendar.Calendar:
    """The calendar with X-WR-TIMEZONE applied and unreadable VEVENTs taken out.

    Adds Danish sentences to ``problems`` and the UIDs of events taken out to
    ``skipped_uids``. Raises :class:`SourceError`.
    """
    if len(data) > MAX_BYTES:
        raise SourceError("Kalenderfilen er for stor (over 15 MB).")
    if len(_BEGIN_VEVENT.findall(data)) > MAX_EVENTS:
        raise SourceError(
            f"Kalenderen har over {MAX_EVENTS:_} begivenheder; del den op i flere "
            "kalendere.".replace("_", ".")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older Outlook exports
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise SourceError(NOT_ICS)
    text = _without_known_vtimezones(text)
    # icalendar keeps the zones of VTIMEZONEs in one cache for the process, by TZID: forget
    # the last calendar's, so that no feed's "Customized Time Zone" is read with another's
    # rules (and the cache cannot grow). Zones are resolved while parsing, so a calendar
    # parsed before keeps its own.
    icalendar.use_zoneinfo()
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # any failure of the parser on hostile bytes is the file's
        raise SourceError(BROKEN) from error
    if not calendars:  # BEGIN:VCALENDAR without its END: a download cut short
        raise SourceError(BROKEN)
    calendar = calendars[0]
    for other in calendars[1:]:
        for component in other.subcomponents:
            calendar.add_component(component)
    _check_x_wr_timezone(calendar, problems)
    _remove_unreadable(calendar, problems, skipped_uids)
    try:
        return x_wr_timezone.to_standard(calendar)
    except Exception as error:  # the zone was checked; anything else is the file's
        raise SourceError("Kalenderens tidszone (X-WR-TIMEZONE) kunne ikke bruges.") from error


def _without_known_vtimezones(text: str) -> str:
    """``text`` without the VTIMEZONE blocks of zones that zoneinfo knows by their TZID.

    An IANA name, or a Windows name as Outlook writes it ("Romance Standard Time"), which
    icalendar maps to IANA: zoneinfo has the same rules, while a zone icalendar builds from a
    VTIMEZONE walks its transitions from their DTSTART (1601 in Outlook's) at every lookup,
    ten times slower. A block of any other TZID stays. One pass over the lines.
    """
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    block: list[str] | None = None
    for line in lines:
        word = line.strip().upper()
        if word == "BEGIN:VTIMEZONE":
            if block is not None:
                kept += block  # a VTIMEZONE inside a VTIMEZONE: leave it all to the parser
            block = [line]
        elif block is not None:
            block.append(line)
            if word == "END:VTIMEZONE":
                if not _zoneinfo_knows(_tzid_of(block)):
                    kept += block
                block = None
        else:
            kept.append(line)
    if block is not None:
        kept += block
    return "".join(kept)


def _tzid_of(block: list[str]) -> str:
    unfolded = "".join(block).replace("\r\n ", "").replace("\n ", "").replace("\r\n\t", "")
    for line in unfolded.splitlines():
        if line.upper().startswith("TZID:"):
            return line[5:].strip().strip('"').strip("/")
    return ""


def _zoneinfo_knows(tzid: str) -> bool:
    return bool(tzid) and WINDOWS_TO_OLSON.get(tzid, tzid) in _ZONEINFO_NAMES


def _check_x_wr_timezone(calendar: icalendar.Calendar, problems: list[str]) -> None:
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        calendar.pop("X-WR-TIMEZONE", None)
        return
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        calendar.pop("X-WR-TIMEZONE")
        problems.append(
            f"Kalenderens tidszone «{name}» er ukendt; tider uden tidszone er læst som dansk tid."
        )


def _remove_unreadable(
    calendar: icalendar.Calendar, problems: list[str], skipped_uids: set[str]
) -> None:
    """Take VEVENTs whose dates cannot be read out of the calendar, and note their UIDs."""
    unknown_zones: set[str] = set()
    keep = []
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            reason = _unreadable(component, unknown_zones)
            if reason:
                uid = str(component.get("UID", "")).strip()
                if uid:
                    skipped_uids.add(uid)
                problems.append(f"{event_name(component, uid)} er sprunget over: {reason}.")
                continue
        keep.append(component)
    calendar.subcomponents[:] = keep
    for name in sorted(unknown_zones):
        problems.append(f"Tidszonen «{name}» er ukendt; dens tider er læst som dansk tid.")


def _unreadable(component, unknown_zones: set[str]) -> str:
    """Why a VEVENT's dates cannot be read, or ``""``; collects unknown TZIDs."""
    if "DTSTART" not in component:
        return "den har ingen startdato (DTSTART)"
    broken = {name for name, _ in component.errors if name in _DATE_PROPERTIES}
    if broken:
        return f"{', '.join(sorted(broken))} kunne ikke læses"
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = component.get(name)
        if prop is None:
            continue
        try:
            value = prop.dt
        except (ValueError, TypeError, AttributeError):
            return f"{name} kunne ikke læses"
        if isinstance(value, dt.date) and not _FIRST_YEAR <= value.year <= _LAST_YEAR:
            return f"{name} ligger uden for årene {_FIRST_YEAR}–{_LAST_YEAR}"
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
            unknown_zones.add(str(tzid))
    return ""


def event_name(component, uid: str) -> str:
    """How a problem names an event: its title, else its UID."""
    title = ics_fields.title(component)
    if title:
        return f"Begivenheden «{title[:80]}»"
    return f"Begivenheden med UID «{uid[:80]}»" if uid else "En begivenhed uden UID"
