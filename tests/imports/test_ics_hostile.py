"""ICS reader: hostile and broken input is bounded and raises nothing but SourceError; what
cannot be read of one event is skipped and reported (imports/ics.py, imports/ics_dates.py)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports import ics_dates
from imports.errors import SourceError
from imports.ics import MAX_EVENTS, read_calendar, read_calendar_with_problems
from tests.imports.feeds import COPENHAGEN, NOW, calendar, feed

NOT_ICS = "Filen er ikke en kalender i iCalendar-format (ICS)."
IN_WINDOW = "DTSTART:20261001T100000Z"


def read(data: bytes):
    return read_calendar_with_problems(data, now=NOW)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n",
        b"<!DOCTYPE html><html><body>Log ind</body></html>",
        b'{"events": []}',
        b"\x00\xff\xfe\x89PNG\r\n",
        b"BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n",
    ],
)
def test_what_is_no_calendar_is_a_danish_source_error(data):
    with pytest.raises(SourceError) as raised:
        read_calendar(data, now=NOW)

    assert str(raised.value) == NOT_ICS


def test_truncated_calendar_is_a_source_error():
    data = feed("google_kulturhus.ics")

    with pytest.raises(SourceError, match="ufuldstændig"):
        read_calendar(data[: len(data) // 2], now=NOW)


def test_too_many_vevents_are_refused_before_parsing():
    body = b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n" * (MAX_EVENTS + 1)
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + b"END:VCALENDAR\r\n"

    with pytest.raises(SourceError, match=r"over 10\.000 begivenheder"):
        read_calendar(data, now=NOW)


def test_secondly_rule_from_long_ago_is_skipped_at_the_step_cap():
    reading = read(
        calendar(
            "UID:sekund\nSUMMARY:Hvert sekund\nDTSTART:20000101T000000Z\nRRULE:FREQ=SECONDLY",
            f"UID:ok\nSUMMARY:Koncert\n{IN_WINDOW}",
        )
    )

    assert [event.uid for event in reading.events] == ["ok"]
    assert reading.skipped_uids == {"sekund"}
    assert reading.problems == [
        "Begivenheden «Hvert sekund» er sprunget over: gentagelsesreglen giver over "
        "20.000 datoer før i dag."
    ]


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_dense_rule_in_the_window_is_cut_at_the_per_event_cap(freq):
    reading = read(calendar(f"UID:tæt\nSUMMARY:Tæt\n{IN_WINDOW}\nRRULE:FREQ={freq}"))

    (event,) = reading.events
    assert len(event.dates) == ics_dates.MAX_DATES_PER_EVENT
    assert event.dates[0].key == "20261001T100000Z"
    assert reading.cut == {"tæt": event.dates[-1].start}
    assert reading.problems == ["Begivenheden «Tæt»: kun de første 1000 datoer er læst."]
    last = event.dates[-1].start
    assert reading.covers("tæt", last)
    assert not reading.covers("tæt", last + dt.timedelta(seconds=1))


@pytest.mark.parametrize("freq", ["SECONDLY", "HOURLY", "DAILY", "MONTHLY", "YEARLY"])
def test_interval_zero_is_skipped_not_repeated_for_ever(freq):
    reading = read(
        calendar(
            f"UID:nul\nSUMMARY:Nul\n{IN_WINDOW}\nRRULE:FREQ={freq};INTERVAL=0",
            f"UID:ok\nSUMMARY:Koncert\n{IN_WINDOW}",
        )
    )

    assert [event.uid for event in reading.events] == ["ok"]
    assert reading.skipped_uids == {"nul"}
    assert len(reading.problems) == 1
    assert reading.problems[0].startswith("Begivenheden «Nul» er sprunget over: ")


def test_count_of_a_billion_stops_at_the_horizon():
    reading = read(
        calendar(f"UID:milliard\nSUMMARY:Ugentlig\n{IN_WINDOW}\nRRULE:FREQ=WEEKLY;COUNT=1000000000")
    )

    (event,) = reading.events
    assert len(event.dates) == 48  # 1 October 2026 to 1 September 2027
    assert reading.problems == [] and reading.cut == {}


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=SECONDLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYWEEKNO=54",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30",
    ],
)
def test_rule_that_never_gives_a_date_is_dropped_and_dtstart_kept(rule):
    reading = read(calendar(f"UID:aldrig\nSUMMARY:Aldrig\n{IN_WINDOW}\nRRULE:{rule}"))

    (event,) = reading.events
    assert [(date.key, date.start) for date in event.dates] == [
        ("20261001T100000Z", dt.datetime(2026, 10, 1, 12, tzinfo=COPENHAGEN))
    ]
    assert reading.problems == [
        "Begivenheden «Aldrig»: gentagelsesreglen giver aldrig en dato; kun startdatoen er læst."
    ]


def test_leap_day_rule_is_not_taken_for_one_that_never_gives_a_date():
    reading = read_calendar_with_problems(
        calendar(
            "UID:skud\nSUMMARY:Skuddag\nDTSTART;VALUE=DATE:20240229\n"
            "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
        ),
        now=dt.datetime(2027, 6, 1, tzinfo=COPENHAGEN),
    )

    assert [date.start for date in reading.events[0].dates] == [dt.date(2028, 2, 29)]
    assert reading.problems == []


def test_many_rules_that_never_give_a_date_spend_the_calendars_budget():
    count = ics_dates.MAX_STEPS // ics_dates.TRY_COST + 1
    bodies = [
        f"UID:aldrig-{i}\nSUMMARY:Aldrig\n{IN_WINDOW}\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
        for i in range(count)
    ]

    with pytest.raises(SourceError, match="for mange datoer"):
        read_calendar(calendar(*bodies), now=NOW)


def test_dates_over_the_calendar_cap_are_a_source_error():
    count = ics_dates.MAX_DATES // ics_dates.MAX_DATES_PER_EVENT + 1
    bodies = [
        f"UID:minut-{i}\nSUMMARY:Hvert minut\n{IN_WINDOW}\nRRULE:FREQ=MINUTELY"
        for i in range(count)
    ]

    with pytest.raises(SourceError, match=r"over 20\.000 datoer"):
        read_calendar(calendar(*bodies), now=NOW)


def test_broken_lines_inside_an_event_leave_the_rest_readable():
    reading = read(
        calendar(
            f"UID:brudt\nSUMMARY:Koncert\n{IN_WINDOW}\nthis is no content line\nX-;;:\n"
            "DESCRIPTION:Stadig læsbar"
        )
    )

    (event,) = reading.events
    assert (event.title, event.description) == ("Koncert", "Stadig læsbar")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("DTSTART:garbage", "DTSTART kunne ikke læses"),
        ("DTSTART:20261399T250000", "DTSTART kunne ikke læses"),
        ("DTSTART:00010101T000000", "DTSTART ligger uden for årene 1900–2200"),
        ("DTSTART;VALUE=DATE:99991231", "DTSTART ligger uden for årene 1900–2200"),
        (f"{IN_WINDOW}\nDTEND:20261301", "DTEND kunne ikke læses"),
        (f"{IN_WINDOW}\nRRULE:FREQ=WEEKLY;BYDAY=XX", "RRULE kunne ikke læses"),
        (f"{IN_WINDOW}\nRRULE:FREQ=FORTNIGHTLY", "RRULE kunne ikke læses"),
        (f"{IN_WINDOW}\nEXDATE:nej", "EXDATE kunne ikke læses"),
        ("DTSTAMP:20260101T000000Z", "den har ingen startdato (DTSTART)"),
    ],
)
def test_unreadable_event_is_skipped_and_reported(line, reason):
    reading = read(
        calendar(f"UID:ulæselig\nSUMMARY:Ulæselig\n{line}", f"UID:ok\nSUMMARY:Læsbar\n{IN_WINDOW}")
    )

    assert [event.uid for event in reading.events] == ["ok"]
    assert reading.skipped_uids == {"ulæselig"}
    assert reading.problems == [f"Begivenheden «Ulæselig» er sprunget over: {reason}."]


def test_unreadable_override_skips_its_whole_event():
    reading = read(
        calendar(
            f"UID:serie\nSUMMARY:Serie\n{IN_WINDOW}\nRRULE:FREQ=WEEKLY;COUNT=3",
            "UID:serie\nSUMMARY:Serie\nRECURRENCE-ID:20261008T100000Z\nDTSTART:nej",
        )
    )

    assert reading.events == []
    assert reading.skipped_uids == {"serie"}
    assert not reading.covers("serie", dt.datetime(2026, 10, 15, 12, tzinfo=COPENHAGEN))


def test_windows_1252_file_is_read():
    data = calendar(f"UID:cp\nSUMMARY:Kør på Ølstykke Å\n{IN_WINDOW}")
    data = data.decode().encode("cp1252")

    (event,) = read_calendar(data, now=NOW)
    assert event.title == "Kør på Ølstykke Å"


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    cut=st.integers(min_value=0, max_value=4000),
    noise=st.binary(min_size=0, max_size=40),
    where=st.integers(min_value=0, max_value=4000),
)
def test_damaged_feeds_read_or_raise_source_error_only(cut, noise, where):
    data = feed("google_kulturhus.ics")
    damaged = data[:where] + noise + data[where:cut] if cut > where else data[:where] + noise

    try:
        events = read_calendar(damaged, now=NOW)
    except SourceError as error:
        assert str(error).endswith(".")
    else:
        assert all(event.uid and event.title for event in events)
