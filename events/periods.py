"""Time windows in Copenhagen time: today, this weekend, this week, this month.

An occurrence belongs to a window when it overlaps it (start < window end and
coalesce(end, start) >= window start); see ``OccurrenceQuerySet.between``.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime | None = None  # None: open-ended


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
