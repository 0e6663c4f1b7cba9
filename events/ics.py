"""iCalendar (RFC 5545) for one event, one date, or any filtered listing.

Each occurrence is one VEVENT with a UID that never changes (``occurrence-<pk>@<host>``) and
SEQUENCE = ``Occurrence.sequence``, which rises when the date's time or status changes, so a
subscribed calendar replaces its copy. Times carry TZID=Europe/Copenhagen with a VTIMEZONE;
a wall-clock time that occurs twice (the hour before the autumn switch) is written in UTC.
An all-day date is a DATE value (DTEND the day after the last, exclusive: RFC 5545 §3.6.1);
a date whose end is not known gets DTEND = start + ``OPEN_END_DURATION`` and says so in its
DESCRIPTION (docs/dates.md).
"""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText
from icalendar import Event as VEvent

from .models import Occurrence
from .models.occurrence import OPEN_END_DURATION

PRODID = "-//Kulturmetropolen//Arrangementer//DA"
# How often a subscribed calendar should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=6)
# Room kept for the VTIMEZONE added at the end.
VTIMEZONE_ALLOWANCE = 1_000

ICS_STATUS = {
    Occurrence.Status.SCHEDULED: "CONFIRMED",
    Occurrence.Status.SOLD_OUT: "CONFIRMED",
    Occurrence.Status.POSTPONED: "TENTATIVE",
    Occurrence.Status.CANCELLED: "CANCELLED",
}


# RFC 5545 §3.3.11: a TEXT value holds no control character but HTAB; line breaks are
# written escaped (``\n``) by icalendar's vText. Every other control character is dropped.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ics_text(value) -> vText:
    """``value`` (any object; its ``str``) as an iCalendar TEXT value (RFC 5545 §3.3.11):
    control characters other than tab and line breaks removed, and ``\\``, ``;``, ``,``
    and line breaks escaped by icalendar's ``vText`` when written.

    Every text property of the site's calendars goes through here, also those that
    icalendar itself does not know as text (``NAME``, ``X-WR-CALNAME``): icalendar writes a
    plain string given to those unescaped, so a CR or a ``;`` from a feed's query string
    would start a property of its own."""
    return vText(_CONTROL.sub("", str(value)))


def site_vtimezone():
    """VTIMEZONE for Europe/Copenhagen as yearly rules (the EU rules since 1996).

    Rules rather than a list of transitions cut to the feed's dates: some parsers keep the
    first VTIMEZONE they see per TZID, and a cut-down one then gives wrong offsets later.
    """
    vtimezone = Timezone()
    vtimezone.add("tzid", settings.TIME_ZONE)
    for kind, name, offset_from, offset_to, start, month in (
        (TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3), 10),
    ):
        observance = kind()
        observance.add("tzname", name)
        observance.add("tzoffsetfrom", timedelta(hours=offset_from))
        observance.add("tzoffsetto", timedelta(hours=offset_to))
        observance.add("dtstart", start)
        observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        vtimezone.add_component(observance)
    return vtimezone


def uid_host() -> str:
    """The host part of every UID: from SITE_URL, so that it stays the same whatever host
    name a request came in on."""
    return urlsplit(settings.SITE_URL).hostname or "kulturmetropolen"


def occurrence_uid(occurrence) -> str:
    return f"occurrence-{occurrence.pk}@{uid_host()}"


def _description(event, *, brief=False) -> str:
    # A subscription feed carries the teaser only (the URL leads to the rest), which keeps a
    # thousand dates small.
    parts = [event.teaser] if brief else [event.teaser, event.description]
    if event.is_free:
        parts.append(_("Free admission") + (f" – {event.price_text}" if event.price_text else ""))
    elif event.price_text:
        parts.append(_("Price") + f": {event.price_text}")
    if event.ticket_url and not brief:
        parts.append(_("Tickets") + f": {event.ticket_url}")
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def ics_datetime(value: datetime) -> datetime:
    """An aware ``value`` as written to DTSTART/DTEND: in the site's time zone (written with
    its TZID), or in UTC (``…Z``) when that local wall-clock time occurs twice — the hour
    before the autumn switch, 02.00–03.00 on the last Sunday of October — since a TZID time
    cannot say which of the two is meant (RFC 5545 §3.3.5 takes the first)."""
    local = timezone.localtime(value)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return value.astimezone(UTC)
    return local


def add_times(vevent, occurrence) -> None:
    """DTSTART and DTEND of ``occurrence`` on ``vevent``: DATE values for an all-day date
    (DTEND exclusive: the day after the last), :data:`OPEN_END_DURATION` after the start
    for an open end, else its start and end (:func:`ics_datetime`)."""
    if occurrence.all_day:
        vevent.add("dtstart", occurrence.first_day)
        vevent.add("dtend", occurrence.last_day + timedelta(days=1))
        return
    vevent.add("dtstart", ics_datetime(occurrence.start))
    end = occurrence.end or occurrence.start + OPEN_END_DURATION
    vevent.add("dtend", ics_datetime(end))


def build_vevent(occurrence, *, absolute_url, stamp, brief=False):
    event, venue = occurrence.event, occurrence.event.venue
    summary = event.title
    if occurrence.has_notice:
        summary = f"{occurrence.get_status_display()}: {summary}"
    vevent = VEvent()
    vevent.add("uid", occurrence_uid(occurrence))
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", max(occurrence.updated_at, event.updated_at))
    vevent.add("sequence", occurrence.sequence)
    add_times(vevent, occurrence)
    vevent.add("summary", ics_text(summary))
    description = _description(event, brief=brief)
    if occurrence.open_end:
        description = "\n\n".join(filter(None, [_("End time not given."), description]))
    if description:
        vevent.add("description", ics_text(description))
    vevent.add("location", ics_text(f"{venue.name}, {venue.address_line}"))
    if venue.latitude is not None and venue.longitude is not None:
        vevent.add("geo", (float(venue.latitude), float(venue.longitude)))
    vevent.add("url", absolute_url(event.get_absolute_url()))
    vevent.add("status", ICS_STATUS.get(occurrence.status, "CONFIRMED"))
    # The focus areas come prefetched by OccurrenceQuerySet.for_listing().
    categories = [_CONTROL.sub("", area.name) for area in event.focus_areas.all()]
    if categories:
        vevent.add("categories", categories)
    return vevent


def build_calendar(occurrences, *, absolute_url, name=None, now=None, max_bytes=None) -> bytes:
    """The calendar of ``occurrences`` as bytes.

    Holds the VTIMEZONE even without an occurrence, so that an empty calendar is still
    valid by RFC 5545's grammar. ``name`` makes it a subscription feed (NAME, X-WR-CALNAME,
    REFRESH-INTERVAL, brief descriptions); ``max_bytes`` stops adding dates before the file
    would grow beyond it.
    """
    stamp = (now or timezone.now()).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", ics_text(name))
        calendar.add("x-wr-calname", ics_text(name))
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    included, size = [], len(calendar.to_ical()) + VTIMEZONE_ALLOWANCE
    for occurrence in occurrences:
        vevent = build_vevent(occurrence, absolute_url=absolute_url, stamp=stamp, brief=bool(name))
        if max_bytes is not None:
            size += len(vevent.to_ical())
            if size > max_bytes:
                break
        calendar.add_component(vevent)
        included.append(occurrence)
    # Always, also without a date: RFC 5545 §3.6 requires one component at least
    # ("icalbody = calprops component"), and a VTIMEZONE is one.
    calendar.add_component(site_vtimezone())
    return calendar.to_ical()
