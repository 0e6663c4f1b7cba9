"""Time windows in Copenhagen time: today, this weekend, this week, this month — and the one
rule of which dates belong to a window (:func:`overlap` in SQL, :func:`overlaps` in Python).

Windows are half-open, [start, end): a date belongs to one when it starts before the window
ends and ends after the window starts (``start < window_end and end > window_start``); a date
without an end (or with an end equal to its start) is a moment, and belongs to the window it
starts in (``window_start <= start < window_end``). So a concert 20:00–00:00 on 2 December
is not on 3 December's list, and an exhibition shows while it runs.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIOD_CHOICES = [
    ("today", _("Today")),
    ("weekend", _("This weekend")),
    ("week", _("This week")),
    ("month", _("This month")),
]


def local_midnight(day: date) -> datetime:
    """Midnight at the start of ``day`` in the site's time zone (DST-safe)."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def overlap(window_start: datetime, window_end: datetime | None = None, prefix: str = "") -> Q:
    """The condition "this date belongs to [``window_start``, ``window_end``)" on the
    ``Occurrence`` fields reached through ``prefix`` (``""`` or e.g. ``"occurrences__"``);
    ``window_end`` None is a window without end ("has not ended at ``window_start``").

    ``ends`` is the generated ``coalesce(end, start)``: ``ends >= window_start`` is the
    indexed range on the (ends, start) index, and of the dates ending exactly at
    ``window_start`` only the moments (``ends = start``: no end) are kept. The same rule
    in Python is :func:`overlaps`."""
    condition = Q(**{f"{prefix}ends__gte": window_start}) & (
        Q(**{f"{prefix}ends__gt": window_start}) | Q(**{f"{prefix}ends": F(f"{prefix}start")})
    )
    if window_end is not None:
        condition &= Q(**{f"{prefix}start__lt": window_end})
    return condition


def overlaps(
    start: datetime,
    end: datetime | None,
    window_start: datetime,
    window_end: datetime | None = None,
) -> bool:
    """Whether a date from ``start`` to ``end`` (None: no end) belongs to the half-open
    window [``window_start``, ``window_end``); the rule of :func:`overlap`, in Python."""
    finish = end or start
    if window_end is not None and start >= window_end:
        return False
    return finish > window_start or (finish == start and start >= window_start)


@dataclass(frozen=True)
class Window:
    """A half-open window [start, end) of aware datetimes; ``end`` None: no end."""

    start: datetime
    end: datetime | None = None  # None: open-ended

    def condition(self, prefix: str = "") -> Q:
        """:func:`overlap` of this window."""
        return overlap(self.start, self.end, prefix)


def day_window(first: date, last: date | None = None) -> Window:
    """The days ``first`` to ``last`` (inclusive; ``first`` alone when None) as a window:
    from the local midnight that starts ``first`` to the one that ends ``last`` (23 or 25
    hours a day when the clocks change)."""
    return Window(local_midnight(first), local_midnight((last or first) + timedelta(days=1)))


def period_window(period: str, now: datetime | None = None) -> Window:
    """The window of ``period`` as seen at ``now``, never starting before ``now``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if period == "today":
        end_day = today
    elif period == "weekend":
        # Friday to Sunday; on Monday–Thursday the coming weekend, on Friday–Sunday this one.
        friday = today + timedelta(days=4 - today.weekday())
        return Window(max(now, local_midnight(friday)), local_midnight(friday + timedelta(days=3)))
    elif period == "week":
        end_day = today + timedelta(days=6 - today.weekday())
    elif period == "month":
        first_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        end_day = first_next - timedelta(days=1)
    else:
        raise ValueError(f"unknown period {period!r}")
    return Window(now, local_midnight(end_day + timedelta(days=1)))
