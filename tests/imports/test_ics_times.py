"""ICS reader: the shapes of a date — all-day and multi-day, DURATION, a missing DTEND,
floating times, X-WR-TIMEZONE, TZIDs known and unknown (imports/ics.py)."""

import datetime as dt

from imports.ics import read_calendar, read_calendar_with_problems
from tests.imports.feeds import COPENHAGEN, NOW, calendar, feed


def local(value: dt.datetime) -> str:
    return value.astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M")


def only_date(data: bytes, **kwargs):
    (event,) = read_calendar(data, now=NOW, **kwargs)
    (date,) = event.dates
    return date


def titled(events, title):
    (event,) = [event for event in events if event.title == title]
    return event


def test_three_day_festival_ends_on_its_last_day_inclusive():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW)
    (date,) = titled(events, "Havnefestival").dates

    # DTEND;VALUE=DATE:20261012 is exclusive: the festival runs 9, 10 and 11 October
    assert (date.start, date.end, date.all_day) == (
        dt.date(2026, 10, 9),
        dt.date(2026, 10, 11),
        True,
    )
    assert date.key == ""


def test_one_day_all_day_event_ends_the_same_day():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)
    (date,) = titled(events, "Bogudsalg").dates

    assert (date.start, date.end, date.all_day) == (dt.date(2026, 11, 7),) * 2 + (True,)


def test_all_day_without_dtend_is_one_day():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)
    (date,) = titled(events, "Julemarked").dates

    assert (date.start, date.end, date.all_day) == (dt.date(2026, 12, 5),) * 2 + (True,)


def test_timed_event_without_dtend_has_no_end():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)
    (date,) = titled(events, "Åbent værksted").dates

    assert local(date.start) == "2026-11-10 17:00"
    assert date.end is None
    assert not date.all_day


def test_duration_instead_of_dtend():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)
    (date,) = titled(events, "Yoga for seniorer").dates

    assert (local(date.start), local(date.end)) == ("2026-11-03 10:00", "2026-11-03 11:30")


def test_all_day_duration_of_days():
    date = only_date(
        calendar("UID:udstilling\nSUMMARY:Udstilling\nDTSTART;VALUE=DATE:20261101\nDURATION:P14D")
    )

    assert (date.start, date.end, date.all_day) == (
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 14),
        True,
    )


def test_overnight_concert_across_the_october_change_lasts_its_real_hours():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)
    (date,) = titled(events, "Natkoncert: Kvartet Syd").dates

    assert (local(date.start), local(date.end)) == ("2026-10-24 22:00", "2026-10-25 03:00")
    # the clock goes back at 03:00; elapsed time is measured in UTC (Python subtracts wall
    # times of one zone)
    assert date.end.astimezone(dt.UTC) - date.start.astimezone(dt.UTC) == dt.timedelta(hours=6)


def test_utc_times_are_returned_in_copenhagen_time():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW)
    (date,) = titled(events, "Koncert: Trio Nord").dates

    # DTSTART:20261003T180000Z
    assert (local(date.start), local(date.end)) == ("2026-10-03 20:00", "2026-10-03 22:00")
    assert date.start.tzinfo == COPENHAGEN


def test_floating_times_are_copenhagen_wall_times_across_the_change():
    (event,) = read_calendar(feed("floating_forening.ics"), now=NOW)

    assert [(date.key, local(date.start), local(date.end)) for date in event.dates] == [
        ("20261015T173000Z", "2026-10-15 19:30", "2026-10-15 21:30"),
        ("20261022T173000Z", "2026-10-22 19:30", "2026-10-22 21:30"),
        ("20261029T183000Z", "2026-10-29 19:30", "2026-10-29 21:30"),
    ]
    assert all(date.start.tzinfo is not None for date in event.dates)


def test_floating_times_follow_another_default_time_zone():
    (event,) = read_calendar(
        feed("floating_forening.ics"), now=NOW, default_timezone="Europe/London"
    )

    assert local(event.dates[0].start) == "2026-10-15 20:30"


def test_x_wr_timezone_places_floating_times():
    data = calendar(
        "UID:london\nSUMMARY:Gæstespil\nDTSTART:20261015T190000\nDTEND:20261015T210000",
        header="X-WR-TIMEZONE:Europe/London",
    )

    date = only_date(data)
    assert (local(date.start), local(date.end)) == ("2026-10-15 20:00", "2026-10-15 22:00")


def test_iana_tzid_without_vtimezone():
    date = only_date(
        calendar(
            "UID:helsinki\nSUMMARY:Koncert\n"
            "DTSTART;TZID=Europe/Helsinki:20261015T200000\n"
            "DTEND;TZID=Europe/Helsinki:20261015T220000"
        )
    )

    assert (local(date.start), local(date.end)) == ("2026-10-15 19:00", "2026-10-15 21:00")


def test_windows_tzid_without_vtimezone():
    date = only_date(
        calendar(
            "UID:outlook\nSUMMARY:Møde\n"
            "DTSTART;TZID=Romance Standard Time:20261215T100000\n"
            "DTEND;TZID=Romance Standard Time:20261215T110000"
        )
    )

    assert (local(date.start), local(date.end)) == ("2026-12-15 10:00", "2026-12-15 11:00")


def test_unknown_tzid_is_read_as_copenhagen_time_and_named():
    reading = read_calendar_with_problems(
        calendar(
            "UID:mars\nSUMMARY:Koncert\nDTSTART;TZID=Mars/Olympus:20261015T200000\n"
            "DTEND;TZID=Mars/Olympus:20261015T220000"
        ),
        now=NOW,
    )

    (event,) = reading.events
    assert local(event.dates[0].start) == "2026-10-15 20:00"
    assert reading.problems == [
        "Tidszonen «Mars/Olympus» er ukendt; dens tider er læst som dansk tid."
    ]


def test_unknown_x_wr_timezone_is_named():
    reading = read_calendar_with_problems(
        calendar(
            "UID:x\nSUMMARY:Koncert\nDTSTART:20261015T200000", header="X-WR-TIMEZONE:Jorden/Midt"
        ),
        now=NOW,
    )

    assert local(reading.events[0].dates[0].start) == "2026-10-15 20:00"
    assert reading.problems == [
        "Kalenderens tidszone «Jorden/Midt» er ukendt; tider uden tidszone er læst som dansk tid."
    ]


def test_naive_now_is_read_in_the_default_time_zone():
    events = read_calendar(feed("google_kulturhus.ics"), now=dt.datetime(2026, 10, 3, 21, 0))

    assert "Koncert: Trio Nord" in {event.title for event in events}  # ends 22:00 that day


def custom_zone(offset: str) -> str:
    return f"""BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:{offset}
TZOFFSETTO:{offset}
END:STANDARD
END:VTIMEZONE"""


def test_custom_vtimezone_is_read_by_its_own_rules_in_each_calendar():
    body = (
        "UID:custom\nSUMMARY:Koncert\nDTSTART;TZID=Customized Time Zone:20261015T200000\n"
        "DTEND;TZID=Customized Time Zone:20261015T220000"
    )
    plus_five = only_date(calendar(body, header=custom_zone("+0500")))
    plus_one = only_date(calendar(body, header=custom_zone("+0100")))

    # Outlook names every modified zone so; one feed's definition must not leak into another's
    assert local(plus_five.start) == "2026-10-15 17:00"
    assert local(plus_one.start) == "2026-10-15 21:00"


def test_vtimezone_of_a_known_name_gives_way_to_the_zone_database():
    wrong = custom_zone("+0500").replace("Customized Time Zone", "Romance Standard Time")
    date = only_date(
        calendar(
            "UID:w\nSUMMARY:Møde\nDTSTART;TZID=Romance Standard Time:20261015T200000",
            header=wrong,
        )
    )

    assert local(date.start) == "2026-10-15 20:00"
