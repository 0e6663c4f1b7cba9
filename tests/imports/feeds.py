"""ICS fixtures for the import tests and benchmarks: files shaped like real exports, and a
deterministic generator of a large feed.

The files in ``tests/imports/feeds/`` (dates between September 2026 and April 2027; read them
with ``now=NOW``):

- ``google_kulturhus.ics`` — Google Calendar: X-WR-CALNAME, X-WR-TIMEZONE and a VTIMEZONE;
  a weekly series with two EXDATEs, one moved and one cancelled instance, across the October
  DST change; a single event in UTC with an HTML description; a three-day festival (all-day);
  a whole cancelled event; a series across the March DST change; a past event.
- ``outlook_bibliotek.ics`` — Exchange/Outlook: Windows TZIDs ("Romance Standard Time",
  "W. Europe Standard Time") with their VTIMEZONE blocks; a weekly series with an EXDATE and
  a moved instance; DESCRIPTION beside X-ALT-DESC HTML; a multi-line LOCATION; a one-day
  all-day event.
- ``wordpress_musikhus.ics`` — WordPress "The Events Calendar": a VTIMEZONE with explicit
  transitions; an overnight concert across the October DST change; DURATION instead of
  DTEND; no DTEND (a time, and a date); ATTACH and RFC 7986 IMAGE; a ``javascript:`` URL.
- ``floating_forening.ics`` — hand-written: floating times, no time zone anywhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

FEEDS = Path(__file__).parent / "feeds"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 9, 1, 8, 0, tzinfo=COPENHAGEN)
"""The moment the fixture files are read at: before all their coming dates."""


def feed(name: str) -> bytes:
    """The bytes of ``tests/imports/feeds/<name>``."""
    return (FEEDS / name).read_bytes()


def calendar(*vevents: str, header: str = "") -> bytes:
    """A VCALENDAR around VEVENT bodies (the lines between BEGIN:VEVENT and END:VEVENT).

    ``header`` adds calendar properties (e.g. ``"X-WR-TIMEZONE:Europe/London"``). Lines are
    joined with CRLF, as RFC 5545 writes them.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kulturmetropolen tests//DA"]
    lines += [line for line in header.strip().splitlines() if line.strip()]
    for body in vevents:
        lines.append("BEGIN:VEVENT")
        lines += [line.strip() for line in body.strip().splitlines() if line.strip()]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


BIG_FEED_FIRST_DAY = dt.date(2026, 9, 1)


def big_feed(events: int = 5_000, *, first_day: dt.date = BIG_FEED_FIRST_DAY) -> bytes:
    """A Google-style ICS feed with ``events`` VEVENTs, the same bytes on every call.

    Event ``i`` (UID ``bench-<i>@kulturmetropolen.example``) is by ``i % 3``: 0 a single
    evening (Europe/Copenhagen TZID, 2 hours, HTML description), 1 a weekly series of
    ``2 + i % 7`` evenings (RRULE COUNT), 2 an all-day event of ``1 + i % 3`` days. The first
    dates lie on the ``i % 300``-th day after ``first_day`` and every date lies before
    ``first_day + 350 days``: read with ``now`` at ``first_day``'s midnight, every date is
    in the window. ``big_feed_dates(events)`` is the number of dates it holds.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Stort program",
        "X-WR-TIMEZONE:Europe/Copenhagen",
    ]
    for i in range(events):
        day = first_day + dt.timedelta(days=i % 300)
        kind = i % 3
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{i:05d}@kulturmetropolen.example",
            "DTSTAMP:20260801T120000Z",
            f"SEQUENCE:{i % 4}",
            f"SUMMARY:{('Koncert', 'Strikkecafé', 'Udstilling')[kind]} nr. {i}",
            "DESCRIPTION:<p>Et arrangement med <b>musik</b> og fællesskab.</p><p>Gratis ad",
            " gang – alle er velkomne.</p>",
            f"LOCATION:Sted {i % 40}\\, Vej {i % 97}\\, 4600 Køge",
            f"CATEGORIES:{('Musik', 'Fællesskab', 'Kunst')[kind]},Kategori {i % 11}",
            f"URL:https://sted.example.dk/arrangementer/{i}",
        ]
        if kind == 2:
            end = day + dt.timedelta(days=1 + i % 3)
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
        else:
            hour = 17 + i % 4
            lines += [
                f"DTSTART;TZID=Europe/Copenhagen:{day:%Y%m%d}T{hour:02d}0000",
                f"DTEND;TZID=Europe/Copenhagen:{day:%Y%m%d}T{hour + 2:02d}0000",
            ]
            if kind == 1:
                lines.append(f"RRULE:FREQ=WEEKLY;COUNT={2 + i % 7}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def big_feed_dates(events: int = 5_000) -> int:
    """How many dates :func:`big_feed` with ``events`` VEVENTs holds."""
    return sum(2 + i % 7 if i % 3 == 1 else 1 for i in range(events))
