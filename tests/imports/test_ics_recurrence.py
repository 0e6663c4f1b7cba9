"""ICS reader: recurring events — RRULE, RDATE, EXDATE, moved and cancelled instances, the
window, and wall times across the daylight-saving changes (imports/ics.py)."""

import datetime as dt

import pytest

from imports.ics import read_calendar, read_calendar_with_problems
from tests.imports.feeds import COPENHAGEN, NOW, calendar, feed

KNITTING = "4k2v0q8c1l3sd7rj5m9oa6e2tb@google.com"
HOMEWORK = (
    "040000008200E00074C5B7101A82E00800000000F0C2A1B3D4E5DA01000000000000000"
    "01000000075F3A8C1E6B24D4A8B3C1D2E3F4A5B6C"
)


def local(value: dt.datetime) -> str:
    """A time as a citizen reads it: Copenhagen wall time."""
    return value.astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M")


def by_uid(events):
    return {event.uid: event for event in events}


def test_series_with_overrides_is_one_event_per_uid():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW)

    assert [event.uid for event in events].count(KNITTING) == 1
    knitting = by_uid(events)[KNITTING]
    assert knitting.title == "Strikkecafé"
    assert knitting.sequence == 3  # the highest of master (1) and overrides (3, 2)


def test_weekly_series_keys_are_recurrence_ids_in_utc_and_exdates_are_absent():
    knitting = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))[KNITTING]

    keys = [date.key for date in knitting.dates]
    # 16 Thursdays from 3 September to 17 December, less the EXDATEs 15 October and
    # 10 December; 19:00 is 17:00 UTC in summer time and 18:00 UTC after 25 October.
    assert keys == [
        "20260903T170000Z",
        "20260910T170000Z",
        "20260917T170000Z",
        "20260924T170000Z",
        "20261001T170000Z",
        "20261008T170000Z",
        "20261022T170000Z",
        "20261029T180000Z",
        "20261105T180000Z",
        "20261112T180000Z",
        "20261119T180000Z",
        "20261126T180000Z",
        "20261203T180000Z",
        "20261217T180000Z",
    ]
    assert "20261015T170000Z" not in keys and "20261210T180000Z" not in keys


def test_weekly_series_stays_at_19_local_across_the_october_change():
    knitting = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))[KNITTING]
    dates = {date.key: date for date in knitting.dates}

    before, after = dates["20261022T170000Z"], dates["20261029T180000Z"]
    assert (local(before.start), local(before.end)) == ("2026-10-22 19:00", "2026-10-22 21:00")
    assert (local(after.start), local(after.end)) == ("2026-10-29 19:00", "2026-10-29 21:00")
    assert before.start.utcoffset() == dt.timedelta(hours=2)
    assert after.start.utcoffset() == dt.timedelta(hours=1)


def test_series_stays_at_19_local_across_the_march_change():
    events = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))
    lectures = events["3c4v5b6n7m8q9w0e1r2t3y4u5i@google.com"]

    assert [local(date.start) for date in lectures.dates] == [
        "2027-03-04 19:00",
        "2027-03-11 19:00",
        "2027-03-18 19:00",
        "2027-03-25 19:00",
        "2027-04-01 19:00",
        "2027-04-08 19:00",
    ]
    assert [date.key[-7:] for date in lectures.dates] == ["180000Z"] * 4 + ["170000Z"] * 2


def test_moved_instance_keeps_its_recurrence_id_with_the_new_time():
    knitting = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))[KNITTING]
    moved = next(date for date in knitting.dates if date.key == "20261112T180000Z")

    assert local(moved.start) == "2026-11-13 20:00"
    assert local(moved.end) == "2026-11-13 22:00"
    assert not moved.cancelled
    assert not any(local(date.start).startswith("2026-11-12") for date in knitting.dates)


def test_cancelled_instance_is_a_cancelled_date_not_a_missing_one():
    knitting = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))[KNITTING]

    cancelled = [date for date in knitting.dates if date.cancelled]
    assert [(date.key, local(date.start)) for date in cancelled] == [
        ("20261126T180000Z", "2026-11-26 19:00")
    ]
    assert not knitting.cancelled


def test_whole_cancelled_event_has_its_date_cancelled():
    events = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))
    theatre = events["7y6t5r4e3w2q1z0x9c8v7b6n5m@google.com"]

    assert theatre.cancelled
    assert [(date.key, local(date.start), date.cancelled) for date in theatre.dates] == [
        ("", "2026-10-17 15:00", True)
    ]


def test_cancelled_series_cancels_every_date():
    data = calendar(
        """
        UID:aflyst-serie
        SUMMARY:Aflyst kursus
        STATUS:CANCELLED
        DTSTART;TZID=Europe/Copenhagen:20261005T100000
        DTEND;TZID=Europe/Copenhagen:20261005T120000
        RRULE:FREQ=WEEKLY;COUNT=3
        """
    )
    (event,) = read_calendar(data, now=NOW)

    assert event.cancelled
    assert [(date.key, date.cancelled) for date in event.dates] == [
        ("20261005T080000Z", True),
        ("20261012T080000Z", True),
        ("20261019T080000Z", True),
    ]


def test_outlook_series_with_windows_time_zone_names():
    events = by_uid(read_calendar(feed("outlook_bibliotek.ics"), now=NOW))
    homework = events[HOMEWORK]

    assert [(date.key, local(date.start), local(date.end)) for date in homework.dates] == [
        ("20261006T130000Z", "2026-10-06 15:00", "2026-10-06 17:00"),
        ("20261013T130000Z", "2026-10-13 15:00", "2026-10-13 17:00"),
        # 20 October is an EXDATE; 27 October is after the change to winter time
        ("20261027T140000Z", "2026-10-27 15:00", "2026-10-27 17:00"),
        ("20261103T140000Z", "2026-11-03 15:00", "2026-11-03 17:00"),
        ("20261110T140000Z", "2026-11-11 16:00", "2026-11-11 18:00"),  # moved a day on
        ("20261117T140000Z", "2026-11-17 15:00", "2026-11-17 17:00"),
        ("20261124T140000Z", "2026-11-24 15:00", "2026-11-24 17:00"),
    ]


def test_romance_standard_time_single_event():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)
    (meeting,) = [event for event in events if event.title == "Forfattermøde: Ida Jessen"]

    (date,) = meeting.dates
    assert date.key == ""
    assert (local(date.start), local(date.end)) == ("2026-10-21 19:00", "2026-10-21 21:00")
    assert date.start.utcoffset() == dt.timedelta(hours=2)


def test_rdate_adds_dates_to_the_rule():
    data = calendar(
        """
        UID:rdate
        SUMMARY:Omvisning
        DTSTART;TZID=Europe/Copenhagen:20261001T140000
        DTEND;TZID=Europe/Copenhagen:20261001T150000
        RRULE:FREQ=MONTHLY;COUNT=2
        RDATE;TZID=Europe/Copenhagen:20261015T140000,20261224T110000
        """
    )
    (event,) = read_calendar(data, now=NOW)

    assert [(date.key, local(date.start), local(date.end)) for date in event.dates] == [
        ("20261001T120000Z", "2026-10-01 14:00", "2026-10-01 15:00"),
        ("20261015T120000Z", "2026-10-15 14:00", "2026-10-15 15:00"),
        ("20261101T130000Z", "2026-11-01 14:00", "2026-11-01 15:00"),
        ("20261224T100000Z", "2026-12-24 11:00", "2026-12-24 12:00"),
    ]


def test_all_day_series_keys_are_dates():
    data = calendar(
        """
        UID:marked
        SUMMARY:Loppemarked
        DTSTART;VALUE=DATE:20261003
        DTEND;VALUE=DATE:20261004
        RRULE:FREQ=WEEKLY;COUNT=3
        EXDATE;VALUE=DATE:20261010
        """
    )
    (event,) = read_calendar(data, now=NOW)

    assert [(date.key, date.start, date.end, date.all_day) for date in event.dates] == [
        ("20261003", dt.date(2026, 10, 3), dt.date(2026, 10, 3), True),
        ("20261017", dt.date(2026, 10, 17), dt.date(2026, 10, 17), True),
    ]


def test_repeated_vevent_is_one_date_of_its_highest_sequence():
    older = (
        "UID:gentaget\nSUMMARY:Koncert\nSEQUENCE:1\nDTSTART;TZID=Europe/Copenhagen:20261010T190000"
    )
    newer = (
        "UID:gentaget\nSUMMARY:Koncert\nSEQUENCE:2\nDTSTART;TZID=Europe/Copenhagen:20261010T200000"
    )
    (event,) = read_calendar(calendar(older, newer), now=NOW)

    assert [(date.key, local(date.start)) for date in event.dates] == [("", "2026-10-10 20:00")]
    assert (event.title, event.sequence) == ("Koncert", 2)


def test_override_without_master_keeps_its_recurrence_id():
    # Google exports a single instance one is invited to without its series
    data = calendar(
        """
        UID:kun-en-gang
        RECURRENCE-ID;TZID=Europe/Copenhagen:20261008T190000
        SUMMARY:Gæsteoptræden
        DTSTART;TZID=Europe/Copenhagen:20261009T190000
        DTEND;TZID=Europe/Copenhagen:20261009T200000
        """
    )
    (event,) = read_calendar(data, now=NOW)

    assert [(date.key, local(date.start)) for date in event.dates] == [
        ("20261008T170000Z", "2026-10-09 19:00")
    ]


def test_dates_that_have_ended_are_left_out():
    later = dt.datetime(2026, 10, 22, 20, 0, tzinfo=COPENHAGEN)  # during the 22 October date
    knitting = by_uid(read_calendar(feed("google_kulturhus.ics"), now=later))[KNITTING]

    assert knitting.dates[0].key == "20261022T170000Z"  # running at 20:00, not ended
    assert len(knitting.dates) == 8


def test_dates_after_the_horizon_are_left_out():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW, horizon_days=60)
    knitting = by_uid(events)[KNITTING]

    assert [local(date.start)[:10] for date in knitting.dates][-1] == "2026-10-29"
    assert "3c4v5b6n7m8q9w0e1r2t3y4u5i@google.com" not in by_uid(events)  # March 2027


def test_events_wholly_in_the_past_are_left_out():
    events = by_uid(read_calendar(feed("google_kulturhus.ics"), now=NOW))

    assert "9a8s7d6f5g4h3j2k1l0p9o8i7u@google.com" not in events


@pytest.mark.parametrize(
    ("start", "end", "all_day", "covered"),
    [
        (dt.datetime(2026, 9, 1, 7, tzinfo=COPENHAGEN), None, False, False),  # began before
        (dt.datetime(2026, 9, 1, 7, tzinfo=COPENHAGEN), NOW + dt.timedelta(hours=1), False, True),
        (NOW + dt.timedelta(days=364), None, False, True),
        (NOW + dt.timedelta(days=366), None, False, False),  # after the horizon
        (dt.date(2026, 9, 1), dt.date(2026, 9, 1), True, True),  # today, all day
        (dt.date(2026, 8, 30), dt.date(2026, 8, 31), True, False),
    ],
)
def test_covers_is_the_window_the_importer_may_cancel_in(start, end, all_day, covered):
    reading = read_calendar_with_problems(feed("google_kulturhus.ics"), now=NOW)

    assert reading.covers(KNITTING, start, end, all_day=all_day) is covered
