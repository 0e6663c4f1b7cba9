"""What the filter tests share: the fixed moment and the time zone, events with one date,
venues in a municipality, accessibility features by slug, and reading the listing page (the
titles shown, the result count, the error summary)."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

from events.models import AccessibilityFeature
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 18, 12, tzinfo=CPH)  # Wednesday
TOMORROW_EVENING = datetime(2026, 3, 19, 19, tzinfo=CPH)


def dated(title, start=TOMORROW_EVENING, end=None, **event_fields):
    """A published event with one date (or more dates for an existing event)."""
    event = EventFactory(title=title, **event_fields)
    OccurrenceFactory(event=event, start=start, end=end)
    return event


def venue_in(slug, **fields):
    return VenueFactory(municipality=municipality(slug), **fields)


def listing(client, query=""):
    return client.get(f"/arrangementer/?{query}")


def titles(response):
    """Event titles as listed, in order, one per date shown."""
    html = response.content.decode()
    return [
        unescape(t) for t in re.findall(r'href="(?:/en)?/arrangementer/[\w-]+/">([^<]+)<', html)
    ]


def result_count(response):
    """The number of dates in the heading («12 arrangementer · 18 datoer»: 18)."""
    match = re.search(
        r"<h2[^>]*results[^>]*>[^<]*?(\d+) (?:datoer|dato|dates|date)\b", response.content.decode()
    )
    assert match, "the result count is shown"
    return int(match.group(1))


def event_count(response):
    """The number of events in the heading («12 arrangementer · 18 datoer»: 12)."""
    html = response.content.decode()
    match = re.search(r"<h2[^>]*results[^>]*>\s*(\d+) (?:arrangement|event)", html)
    assert match, "the event count is shown"
    return int(match.group(1))


def error_summary(response):
    match = re.search(r'<div[^>]*role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert match, "an error summary is shown"
    return unescape(match.group(1))


def feature(slug):
    return AccessibilityFeature.objects.get(slug=slug)
