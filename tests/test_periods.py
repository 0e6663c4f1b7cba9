"""Time windows in Copenhagen time, including the two daylight-saving switches of 2026.

In 2026 summer time starts on Sunday 29 March (02:00 → 03:00) and ends on Sunday
25 October (03:00 → 02:00), so those weekends are 71 and 73 hours long.
"""

import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.periods import Window, local_midnight, period_window
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")


def cph(*args):
    """A Copenhagen wall-clock time as a UTC instant, like ``timezone.now()`` gives.

    Aware datetimes sharing one tzinfo compare by wall clock; in UTC they compare as instants.
    """
    return datetime(*args, tzinfo=CPH).astimezone(UTC)


def offset(moment):
    return moment.astimezone(CPH).utcoffset()


def length(window):
    """Elapsed time; subtracting datetimes that share a tzinfo would give wall-clock time."""
    return window.end.astimezone(UTC) - window.start.astimezone(UTC)


# -- weekend -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [cph(2026, 3, 23, 0, 0), cph(2026, 3, 23, 10), cph(2026, 3, 26, 10), cph(2026, 3, 26, 23, 59)],
    ids=["monday-midnight", "monday", "thursday", "thursday-late"],
)
def test_weekend_seen_from_monday_to_thursday_is_the_coming_friday_to_monday(now):
    window = period_window("weekend", now)
    assert window == Window(cph(2026, 3, 27), cph(2026, 3, 30))


def test_weekend_seen_from_friday_starts_now():
    now = cph(2026, 3, 27, 16, 30)
    assert period_window("weekend", now) == Window(now, cph(2026, 3, 30))


def test_weekend_seen_from_saturday_runs_from_now_to_monday_midnight():
    now = cph(2026, 3, 28, 14)
    assert period_window("weekend", now) == Window(now, cph(2026, 3, 30))


def test_weekend_seen_from_sunday_evening_ends_at_monday_midnight():
    now = cph(2026, 3, 29, 21)
    assert period_window("weekend", now) == Window(now, cph(2026, 3, 30))


def test_weekend_is_computed_in_copenhagen_time_not_utc():
    # Thursday 23:30 UTC is already Friday 00:30 in Copenhagen: the weekend has begun.
    now = datetime(2026, 3, 26, 23, 30, tzinfo=UTC)
    window = period_window("weekend", now)
    assert window.start == now
    assert window.end == cph(2026, 3, 30)


def test_the_weekend_when_summer_time_starts_is_71_hours_long():
    window = period_window("weekend", cph(2026, 3, 23, 10))
    assert length(window) == timedelta(hours=71)
    assert offset(window.start) == timedelta(hours=1)
    assert offset(window.end) == timedelta(hours=2)


def test_the_weekend_when_summer_time_ends_is_73_hours_long():
    window = period_window("weekend", cph(2026, 10, 19, 10))
    assert window == Window(cph(2026, 10, 23), cph(2026, 10, 26))
    assert length(window) == timedelta(hours=73)
    assert offset(window.end) == timedelta(hours=1)


def test_sunday_evening_after_the_switch_to_summer_time_is_inside_the_weekend():
    window = period_window("weekend", cph(2026, 3, 26, 10))
    sunday_evening = cph(2026, 3, 29, 20)
    assert window.start <= sunday_evening < window.end
    assert window.end.isoformat() == "2026-03-30T00:00:00+02:00"


def test_monday_half_past_midnight_after_the_switch_is_outside_the_weekend():
    # 00:30+02:00 is 23:30+01:00 on Sunday: a window ending at Monday 00:00 in winter
    # time would wrongly include it.
    window = period_window("weekend", cph(2026, 3, 26, 10))
    assert not cph(2026, 3, 30, 0, 30) < window.end


# -- today, week, month --------------------------------------------------------------------


def test_today_runs_from_now_to_the_next_local_midnight():
    now = cph(2026, 3, 26, 10)
    assert period_window("today", now) == Window(now, cph(2026, 3, 27))


def test_today_late_in_the_evening_ends_at_midnight_copenhagen_time():
    now = datetime(2026, 3, 26, 22, 30, tzinfo=UTC)  # 23:30 in Copenhagen
    assert period_window("today", now).end == cph(2026, 3, 27)


def test_today_on_the_day_summer_time_starts_is_23_hours_long():
    window = period_window("today", cph(2026, 3, 29, 0, 0))
    assert window.end == cph(2026, 3, 30)
    assert length(window) == timedelta(hours=23)


@pytest.mark.parametrize(
    ("now", "end"),
    [
        (cph(2026, 3, 23, 9), cph(2026, 3, 30)),  # Monday: the whole week
        (cph(2026, 3, 26, 10), cph(2026, 3, 30)),  # Thursday
        (cph(2026, 3, 29, 20), cph(2026, 3, 30)),  # Sunday evening
    ],
    ids=["monday", "thursday", "sunday"],
)
def test_week_ends_at_the_coming_monday_midnight(now, end):
    assert period_window("week", now) == Window(now, end)


@pytest.mark.parametrize(
    ("now", "end"),
    [
        (cph(2026, 3, 26, 10), cph(2026, 4, 1)),
        (cph(2026, 2, 28, 23), cph(2026, 3, 1)),
        (cph(2026, 12, 31, 12), cph(2027, 1, 1)),
        (cph(2026, 1, 31, 12), cph(2026, 2, 1)),
    ],
    ids=["march", "february", "december", "january-31"],
)
def test_month_ends_on_the_first_of_the_next_month(now, end):
    assert period_window("month", now) == Window(now, end)


@pytest.mark.parametrize("period", ["today", "weekend", "week", "month"])
def test_no_window_starts_before_now_or_ends_before_it_starts(period):
    now = cph(2026, 3, 28, 14)
    window = period_window(period, now)
    assert window.start >= now
    assert window.end > window.start


def test_an_unknown_period_is_refused():
    with pytest.raises(ValueError):
        period_window("someday", cph(2026, 3, 26, 10))


def test_period_window_defaults_to_the_current_time():
    now = cph(2026, 3, 26, 10)
    with time_machine.travel(now, tick=False):
        assert period_window("today") == Window(now, cph(2026, 3, 27))


def test_local_midnight_is_in_copenhagen_time():
    assert local_midnight(date(2026, 7, 1)).isoformat() == "2026-07-01T00:00:00+02:00"
    assert local_midnight(date(2026, 1, 1)).isoformat() == "2026-01-01T00:00:00+01:00"


# -- the listing at a fixed clock ----------------------------------------------------------


def listed_titles(response):
    html = response.content.decode()
    return [
        unescape(t) for t in re.findall(r'href="(?:/en)?/arrangementer/[\w-]+/">([^<]+)<', html)
    ]


@pytest.fixture
def dst_weekend_dates():
    """Dates around the weekend of 27–29 March 2026, when summer time starts."""
    dates = {
        "Torsdagskoncert": cph(2026, 3, 26, 20),
        "Fredagsbar": cph(2026, 3, 27, 17),
        "Lørdagskoncert": cph(2026, 3, 28, 20),
        "Søndagsjazz": cph(2026, 3, 29, 20),
        "Sen søndag": cph(2026, 3, 29, 23, 30),
        "Mandag over midnat": cph(2026, 3, 30, 0, 30),
        "Mandagsforedrag": cph(2026, 3, 30, 19),
    }
    for title, start in dates.items():
        OccurrenceFactory(event__title=title, start=start, end=None)
    return dates


@pytest.mark.parametrize(
    "now",
    [cph(2026, 3, 23, 9), cph(2026, 3, 26, 10)],
    ids=["from-monday", "from-thursday"],
)
def test_weekend_listing_shows_friday_to_sunday_across_the_dst_switch(
    client, dst_weekend_dates, now
):
    with time_machine.travel(now, tick=False):
        response = client.get("/arrangementer/?period=weekend")

    assert response.status_code == 200
    assert listed_titles(response) == ["Fredagsbar", "Lørdagskoncert", "Søndagsjazz", "Sen søndag"]


def test_weekend_listing_on_saturday_afternoon_shows_the_rest_of_the_weekend(
    client, dst_weekend_dates
):
    with time_machine.travel(cph(2026, 3, 28, 14), tick=False):
        response = client.get("/arrangementer/?period=weekend")

    assert response.status_code == 200
    assert listed_titles(response) == ["Lørdagskoncert", "Søndagsjazz", "Sen søndag"]


def test_weekend_listing_when_summer_time_ends(client):
    OccurrenceFactory(event__title="Lørdag i oktober", start=cph(2026, 10, 24, 20))
    OccurrenceFactory(event__title="Søndag sent", start=cph(2026, 10, 25, 23, 30), end=None)
    OccurrenceFactory(event__title="Mandag i oktober", start=cph(2026, 10, 26, 10))

    with time_machine.travel(cph(2026, 10, 22, 10), tick=False):
        response = client.get("/arrangementer/?period=weekend")

    assert listed_titles(response) == ["Lørdag i oktober", "Søndag sent"]
