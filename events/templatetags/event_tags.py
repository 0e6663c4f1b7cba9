"""Presentation of dates in Danish style («lørdag 12. december kl. 20.00») and English."""

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
    },
    "en": {
        "day": "l j F",
        "day_year": "l j F Y",
        "short_day": "j F",
        "short_day_year": "j F Y",
        "time": "H:i",
        "at": r"\a\t ",
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


@register.filter
def when(occurrence):
    """The date and time of an occurrence in words, with its end when it has one.

    «lørdag 12. december kl. 20.00–22.00»; an exhibition «12. december – 31. januar».
    """
    start = timezone.localtime(occurrence.start)
    if not occurrence.end:
        return long_datetime(start)
    end = timezone.localtime(occurrence.end)
    if start.date() == end.date():
        return f"{long_datetime(start)}–{clock(end)}"
    return f"{_day(start, short=True)} – {_day(end, short=True)}"


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
