"""Presentation of dates in Danish style («lørdag 12. december kl. 20.00») and English."""

from datetime import time

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Django's date format strings; \k\l escapes the letters of «kl.».
FORMATS = {
    "da": {
        "day": "l j. F",
        "day_year": "l j. F Y",
        "short_day": "j. F",
        "short_day_year": "j. F Y",
        "time": "H.i",
        "at": r"\k\l. ",
        "day_number": "j.",
        "weekday_number": "l j.",
        "midnight": "24.00",
    },
    "en": {
        "day": "l j F",
        "day_year": "l j F Y",
        "short_day": "j F",
        "short_day_year": "j F Y",
        "time": "H:i",
        "at": r"\a\t ",
        "day_number": "j",
        "weekday_number": "l j",
        "midnight": "24:00",
    },
}


def _formats():
    return FORMATS["en"] if (get_language() or "da").startswith("en") else FORMATS["da"]


def _day(value, *, short=False):
    f = _formats()
    local = (
        timezone.localtime(value) if hasattr(value, "tzinfo") and hasattr(value, "hour") else value
    )
    this_year = timezone.localdate().year
    key = ("short_day" if short else "day") + ("" if local.year == this_year else "_year")
    return date_format(local, f[key])


@register.filter
def long_date(value):
    """«lørdag 12. december» (with the year when it is not this year)."""
    if not value:
        return ""
    return _day(value)


@register.filter
def short_date(value):
    """«12. december» (with the year when it is not this year): a date without its weekday."""
    if not value:
        return ""
    return _day(value, short=True)


@register.filter
def long_datetime(value):
    """«lørdag 12. december kl. 20.00»."""
    if not value:
        return ""
    f = _formats()
    local = timezone.localtime(value)
    return f"{_day(local)} {date_format(local, f['at'] + f['time'])}"


@register.filter
def clock(value):
    if not value:
        return ""
    return date_format(timezone.localtime(value), _formats()["time"])


def _end_clock(start, end):
    """The end's time of day; a timed date ending at the midnight after its start day
    ends at «24.00» (not «00.00», which reads as the start of that day)."""
    if end.time() == time.min and end.date() > start.date():
        return _formats()["midnight"]
    return clock(end)


def _day_span(first, last):
    """Whole days with their weekdays: «lørdag 5. – mandag 7. december», «mandag 30. november
    – onsdag 2. december», «onsdag 30. december – fredag 1. januar 2027» (a year when not this
    year); one day: «lørdag 5. december»."""
    if first == last:
        return _day(first)
    f = _formats()
    if (first.year, first.month) == (last.year, last.month):
        return f"{date_format(first, f['weekday_number'])} – {_day(last)}"
    if first.year == last.year:
        return f"{date_format(first, f['day'])} – {_day(last)}"
    return f"{_day(first)} – {_day(last)}"


def _all_day(occurrence):
    return _("%(days)s, all day") % {"days": _day_span(occurrence.first_day, occurrence.last_day)}


@register.filter
def when(occurrence):
    """The date and time of an occurrence in words (``Occurrence``; a string).

    - «lørdag 12. december kl. 20.00–22.00»; past midnight, less than a day long, still one
      evening: «onsdag 2. december kl. 22.00–02.00», «… kl. 20.00–24.00»;
    - longer: «5. december kl. 10.00 – 7. december kl. 16.00»;
    - all-day: «lørdag 5. december, hele dagen», «lørdag 5. – mandag 7. december, hele dagen»;
    - open end: «lørdag 12. december kl. 20.00, sluttid ikke oplyst».
    """
    if occurrence.all_day:
        return _all_day(occurrence)
    start = timezone.localtime(occurrence.start)
    if not occurrence.end:
        return _("%(start)s, end time not given") % {"start": long_datetime(start)}
    end = timezone.localtime(occurrence.end)
    if start.date() == end.date() or occurrence.is_overnight:
        return f"{long_datetime(start)}–{_end_clock(start, end)}"
    f = _formats()
    return (
        f"{_day(start, short=True)} {date_format(start, f['at'] + f['time'])} – "
        f"{_day(end, short=True)} {date_format(end, f['at'] + f['time'])}"
    )


@register.filter
def next_date(event):
    """The next (or current) date of ``event`` annotated by ``with_next_date``, as public
    pages write it (:func:`when`): «lørdag 5. december, hele dagen»; a date that has begun
    and not ended: «i gang til 31. januar». An empty string when it has none."""
    from ..models import Occurrence

    if getattr(event, "next_start", None) is None:
        return ""
    occurrence = Occurrence(
        start=event.next_start, end=event.next_end, all_day=bool(event.next_all_day)
    )
    if occurrence.end and occurrence.start < timezone.now():
        return _("on now, until %(day)s") % {"day": short_date(occurrence.last_day)}
    return when(occurrence)


@register.filter
def time_of_day(occurrence):
    """What a list row under its day's heading says of the time (a string): «kl.
    20.00–22.00», «kl. 22.00–02.00», «kl. 20.00, sluttid ikke oplyst», «Hele dagen»; a date
    over several days in full (:func:`when`)."""
    if occurrence.all_day:
        return _("All day") if not occurrence.is_multi_day else _all_day(occurrence)
    start = timezone.localtime(occurrence.start)
    at = date_format(start, _formats()["at"] + _formats()["time"])
    if not occurrence.end:
        return _("%(start)s, end time not given") % {"start": at}
    end = timezone.localtime(occurrence.end)
    if start.date() == end.date() or occurrence.is_overnight:
        return f"{at}–{_end_clock(start, end)}"
    return when(occurrence)


@register.filter
def day_heading(day):
    """«I dag, fredag 27. november» / «I morgen, …» / «lørdag 28. november»."""
    today = timezone.localdate()
    text = _day(day)
    if day == today:
        return _("Today, %(day)s") % {"day": text}
    if (day - today).days == 1:
        return _("Tomorrow, %(day)s") % {"day": text}
    return text[:1].upper() + text[1:]


@register.simple_tag
def page_url(querystring, number):
    """A pagination link that keeps every filter."""
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"


@register.filter
def start_iso(occurrence):
    """The start of ``occurrence`` for a ``<time datetime>``: the date (``2026-12-05``) of an
    all-day date, else the local date and time with its offset."""
    if occurrence.all_day:
        return occurrence.first_day.isoformat()
    return iso(occurrence.start)


@register.filter
def iso(value):
    return timezone.localtime(value).isoformat() if value else ""


#: The pages that show events' own texts (titles, teasers, descriptions), which are written in
#: Danish: on the English site they say so once, at the top.
EVENT_TEXT_PAGES = {
    "home",
    "events:list",
    "events:detail",
    "focus_areas:detail",
    "municipalities:detail",
    "municipalities:venue",
}


@register.filter
def shows_event_texts(request) -> bool:
    """Whether the page of ``request`` shows event texts (:data:`EVENT_TEXT_PAGES`)."""
    match = getattr(request, "resolver_match", None)
    return bool(match) and match.view_name in EVENT_TEXT_PAGES
