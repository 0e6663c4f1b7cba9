"""Quick ways into the listing from the front page and the place and focus-area pages: the
date chips (today, tomorrow, this weekend, the next 7 days) and the strip of the next 14 days
with the number of events on each.

Every link opens the listing (``/arrangementer/``) with the page's scope (a municipality, a
venue or a focus area) and the listing's own date parameters, so what a chip or a day
promises is what the listing shows: a day is the listing's ``date_from=D&date_to=D`` window
[local midnight of D, local midnight of D + 1) in Copenhagen time (``events.periods``), and
today is ``period=today``, from now to midnight.
"""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Event, Occurrence
from .periods import local_midnight, overlap

STRIP_DAYS = 14
# At most this many dates (of any event, any place) are read for the strip: about 1,200 touch
# the 14 days of the 100,000-event benchmark; the nine municipalities publish a few hundred.
STRIP_CAP = 5000


def listing_url(scope=(), **params) -> str:
    """The listing's address with ``scope`` (a sequence of ``(name, value)`` pairs, e.g.
    ``[("municipality", "roskilde")]``) and ``params`` (dates as ``date`` objects, written
    ISO ``YYYY-MM-DD``) as its query string."""
    pairs = [*scope, *((name, _iso(value)) for name, value in params.items())]
    url = reverse("events:list")
    return f"{url}?{urlencode(pairs)}" if pairs else url


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def date_chips(scope=(), now: datetime | None = None) -> list[dict]:
    """The four date chips, each ``{"label", "url"}``: today, tomorrow, this weekend (Friday
    to Sunday, ``period=weekend``) and the next 7 days (from now to the end of the seventh
    day, today counted)."""
    today = timezone.localdate(now or timezone.now())
    tomorrow = today + timedelta(days=1)
    return [
        {"label": _("Today"), "url": listing_url(scope, period="today")},
        {"label": _("Tomorrow"), "url": listing_url(scope, date_from=tomorrow, date_to=tomorrow)},
        {"label": _("This weekend"), "url": listing_url(scope, period="weekend")},
        {
            "label": _("Next 7 days"),
            "url": listing_url(scope, date_to=today + timedelta(days=6)),
        },
    ]


def day_windows(now: datetime, days: int = STRIP_DAYS) -> list[tuple[date, datetime, datetime]]:
    """``(day, start, end)`` of today and the ``days - 1`` days after it, in Copenhagen time:
    today from ``now``, every other day from its local midnight to the next (23 or 25 hours
    long on the days the clocks change)."""
    today = timezone.localdate(now)
    windows = []
    for n in range(days):
        day = today + timedelta(days=n)
        start = now if n == 0 else local_midnight(day)
        windows.append((day, start, local_midnight(day + timedelta(days=1))))
    return windows


def day_strip(events=None, scope=(), now: datetime | None = None) -> list[dict]:
    """The next :data:`STRIP_DAYS` days, each ``{"day", "count", "url", "is_today"}``:
    ``count`` is the number of public events (not dates) on the listing of that day —
    those with a date overlapping the day, as ``Occurrence.objects.between`` counts, a running
    exhibition included — among ``events`` (the page's scope as an ``Event`` queryset, e.g.
    ``Event.objects.filter(venue=venue)``; every event when None); ``url`` opens that
    listing with ``scope`` (the same scope as query parameters).

    One query: a conditional count per day over the dates that overlap the 14 days (at most
    :data:`STRIP_CAP` of them), whatever the years of data around them."""
    now = now or timezone.now()
    windows = day_windows(now)
    events = (events if events is not None else Event.objects.all()).published()
    # The dates touching the 14 days are read in the (ends, start) index's order, capped, and
    # each looks up its event by primary key: a scalar subquery, which PostgreSQL runs per row
    # (an EXISTS or a join would hash every published event: a sequential scan of the events
    # table, 0.5–1 s at 100,000 events; docs/explain.md). NULL when out of scope, so not
    # counted.
    dates = (
        Occurrence.objects.between(now, windows[-1][2])
        .annotate(
            scoped_event=Subquery(
                events.filter(pk=OuterRef("event_id")).order_by().values("pk")[:1]
            )
        )
        .order_by("ends", "start", "pk")[:STRIP_CAP]
    )
    counts = dates.aggregate(
        **{
            f"day{n}": Count("scoped_event", distinct=True, filter=overlap(start, end))
            for n, (_day, start, end) in enumerate(windows)
        }
    )
    return [
        {
            "day": day,
            "count": counts[f"day{n}"],
            "is_today": n == 0,
            "url": listing_url(scope, period="today")
            if n == 0
            else listing_url(scope, date_from=day, date_to=day),
        }
        for n, (day, _start, _end) in enumerate(windows)
    ]
