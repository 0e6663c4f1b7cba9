"""A small calendar and a schema.org page for the staff page tests, dated from today (the
staff pages read a source at the real current time)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

CPH = ZoneInfo("Europe/Copenhagen")


def day(days, hour=19, minute=30):
    """``days`` from today at ``hour``:``minute`` in Copenhagen."""
    date = datetime.now(CPH).date() + timedelta(days=days)
    return datetime(date.year, date.month, date.day, hour, minute, tzinfo=CPH)


def _stamp(moment):
    return moment.strftime("%Y%m%dT%H%M%S")


def vevent(uid, title, start, hours=2, extra=""):
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{title}\r\n"
        f"DTSTART;TZID=Europe/Copenhagen:{_stamp(start)}\r\n"
        f"DTEND;TZID=Europe/Copenhagen:{_stamp(start + timedelta(hours=hours))}\r\n"
        f"{extra}END:VEVENT\r\n"
    )


def calendar(*events):
    """An ICS document (RFC 5545) of VEVENT blocks, as Google writes it."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        "X-WR-CALNAME:Fjordscenen\r\nX-WR-TIMEZONE:Europe/Copenhagen\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    ).encode()


WEEKLY = "RRULE:FREQ=WEEKLY;COUNT=4\r\n"


def fjordscenen():
    """Weekly jazz (four Thursdays) and one concert."""
    return calendar(
        vevent("jazz@fjordscenen", "Jazz på fjorden", day(3), extra=WEEKLY),
        vevent("solo@fjordscenen", "Solokoncert med Ida", day(10, 20, 0)),
    )


def jsonld_page():
    """A web page with one schema.org MusicEvent."""
    start = day(5, 20).isoformat()
    return f"""<!doctype html><html><head><title>Program</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "MusicEvent",
"@id": "https://fjordscenen.example/program/kor", "name": "Korkoncert i salen",
"startDate": "{start}", "url": "https://fjordscenen.example/program/kor",
"location": {{"@type": "Place", "name": "Fjordscenen"}}}}</script></head>
<body><h1>Program</h1></body></html>"""
