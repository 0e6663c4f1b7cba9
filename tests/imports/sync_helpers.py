"""Sources and source events for the engine's tests (``imports.sync``)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from events.models import FocusArea
from imports.items import SourceDate, SourceEvent
from imports.models import EventSource
from tests.factories import VenueFactory

CPH = ZoneInfo("Europe/Copenhagen")
#: The moment the tests' runs count from.
NOW = datetime(2030, 3, 2, 12, 0, tzinfo=CPH)


def make_source(*, trusted=True, venue=None, **kwargs):
    venue = venue or VenueFactory(name="Fjordscenen", is_trusted=trusted)
    kwargs.setdefault("url", "https://fjordscenen.example/cal.ics")
    kwargs.setdefault("name", "Fjordscenens kalender")
    source = EventSource.objects.create(venue=venue, trusted=trusted, **kwargs)
    source.focus_areas.set([FocusArea.objects.get(slug="musik")])
    return source


def at(days, hour=20, minute=0):
    """A moment ``days`` after NOW's date, at ``hour``:``minute`` in Copenhagen."""
    day = NOW.date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH)


def weekly(uid="jazz@fjordscenen", title="Jazz på fjorden", weeks=4, **kwargs):
    """A weekly series: its instances keyed by RECURRENCE-ID in UTC."""
    dates = [
        SourceDate(
            key=at(7 * n).astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ"),
            start=at(7 * n),
            end=at(7 * n) + timedelta(hours=2),
        )
        for n in range(1, weeks + 1)
    ]
    return SourceEvent(uid=uid, title=title, dates=dates, **kwargs)


def single(uid="solo@fjordscenen", title="Solokoncert", days=3, **kwargs):
    return SourceEvent(
        uid=uid,
        title=title,
        dates=[SourceDate(key="", start=at(days), end=at(days, 22))],
        **kwargs,
    )
