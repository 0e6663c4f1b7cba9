"""Time edges: half-open windows everywhere, and dates past midnight keep their times.

The clock is fixed on Sunday 29 November 2026; 2 December 2026 is a Wednesday, 3 December a
Thursday. A date belongs to the window [from, to) when it starts before the window ends and
ends after it begins; a date without an end belongs to the window it starts in.
"""

from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.utils import translation

from events.models import Event, Occurrence
from events.periods import overlaps
from events.quickways import day_strip
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=CPH)
DEC3 = "date_from=2026-12-03&date_to=2026-12-03"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def at(day, hour, minute=0, month=12):
    return datetime(2026, month, day, hour, minute, tzinfo=CPH)


@pytest.fixture
def evenings():
    """A concert ending at midnight, one ending at 02.00 the night after, both on 2 December."""
    until_midnight = OccurrenceFactory(
        event=EventFactory(title="Midnatskoncerten"), start=at(2, 20), end=at(3, 0)
    )
    past_midnight = OccurrenceFactory(
        event=EventFactory(title="Natkoncerten"), start=at(2, 22), end=at(3, 2)
    )
    return until_midnight, past_midnight


# -- one rule ------------------------------------------------------------------------------


def test_the_rule_in_python_and_in_sql_agree_on_every_edge():
    window = (at(3, 0), at(4, 0))
    shapes = {
        "ends at the window's start": (at(2, 20), at(3, 0)),
        "ends a minute into the window": (at(2, 20), at(3, 0, 1)),
        "no end, starts at the window's start": (at(3, 0), None),
        "no end, starts a minute before": (at(2, 23, 59), None),
        "starts at the window's end": (at(4, 0), at(4, 2)),
        "runs through": (at(1, 10), at(10, 17)),
    }
    expected = {
        "ends a minute into the window",
        "no end, starts at the window's start",
        "runs through",
    }
    made = {
        name: OccurrenceFactory(event__title=name, start=start, end=end)
        for name, (start, end) in shapes.items()
    }
    in_sql = {o.event.title for o in Occurrence.objects.between(*window)}
    in_python = {name for name, o in made.items() if o.overlaps(*window)}
    assert in_sql == in_python == expected
    assert overlaps(at(2, 20), at(3, 0), *window) is False


# -- the listing, the API, the calendar feed and the embed: a day -------------------------


def test_a_concert_ending_at_midnight_is_not_on_the_next_days_listing(client, evenings):
    html = client.get(f"/arrangementer/?{DEC3}").content.decode()
    assert "Midnatskoncerten" not in html
    assert "Natkoncerten" in html  # it plays until 02.00 on 3 December


def test_a_concert_ending_at_midnight_is_on_its_own_days_listing(client, evenings):
    html = client.get("/arrangementer/?date_from=2026-12-02&date_to=2026-12-02").content.decode()
    assert "Midnatskoncerten" in html and "Natkoncerten" in html


def test_the_api_leaves_out_a_date_ending_at_the_days_start(client, evenings):
    results = client.get(f"/api/v1/occurrences/?{DEC3}").json()["results"]
    assert [row["event"]["title"] for row in results] == ["Natkoncerten"]


def test_the_calendar_feed_leaves_out_a_date_ending_at_the_days_start(client, evenings):
    calendar = icalendar.Calendar.from_ical(client.get(f"/arrangementer/feed.ics?{DEC3}").content)
    assert [str(v["summary"]) for v in calendar.walk("VEVENT")] == ["Natkoncerten"]


def test_the_embed_leaves_out_a_date_ending_at_the_days_start(client, evenings):
    html = client.get(f"/embed/?{DEC3}").content.decode()
    assert "Midnatskoncerten" not in html and "Natkoncerten" in html


def test_the_day_strip_counts_a_date_on_the_days_it_overlaps_only(evenings):
    counts = {day["day"].day: day["count"] for day in day_strip(now=at(1, 12))}
    assert counts[2] == 2
    assert counts[3] == 1  # only the concert that plays past midnight


def test_a_thursday_concert_until_midnight_is_not_this_weekend(client):
    OccurrenceFactory(event__title="Torsdagskoncert", start=at(3, 20), end=at(4, 0))
    OccurrenceFactory(event__title="Fredagskoncert", start=at(4, 20), end=at(4, 22))
    with time_machine.travel(at(30, 12, month=11), tick=False):
        html = client.get("/arrangementer/?period=weekend").content.decode()
        api = client.get("/api/v1/occurrences/?period=weekend").json()["results"]
    assert "Torsdagskoncert" not in html and "Fredagskoncert" in html
    assert [row["event"]["title"] for row in api] == ["Fredagskoncert"]


def test_a_date_that_ended_this_moment_is_no_longer_upcoming():
    over = OccurrenceFactory(start=NOW - timedelta(hours=2), end=NOW)
    assert list(Occurrence.objects.upcoming(NOW)) == []
    assert not Event.objects.upcoming(NOW).filter(pk=over.event_id).exists()
    assert Event.objects.with_next_date(NOW).get(pk=over.event_id).next_start is None
    assert over.has_ended(NOW)


def test_the_front_page_leaves_out_a_date_that_ended_this_moment(client):
    OccurrenceFactory(event__title="Formiddagskoncert", start=NOW - timedelta(hours=2), end=NOW)
    OccurrenceFactory(event__title="Aftenkoncert", start=NOW + timedelta(hours=6))
    html = client.get("/").content.decode()
    assert "Formiddagskoncert" not in html and "Aftenkoncert" in html


# -- dates past midnight keep their times ----------------------------------------------------


def test_an_evening_past_midnight_reads_as_one_evening_on_the_event_page(client, evenings):
    _until_midnight, past_midnight = evenings
    html = unescape(client.get(past_midnight.event.get_absolute_url()).content.decode())
    assert "onsdag 2. december kl. 22.00–02.00" in html
    assert "2. december – 3. december" not in html


def test_an_evening_until_midnight_ends_at_24(client, evenings):
    until_midnight, _past_midnight = evenings
    html = unescape(client.get(until_midnight.event.get_absolute_url()).content.decode())
    assert "onsdag 2. december kl. 20.00–24.00" in html


def test_the_list_row_under_its_days_heading_keeps_both_times(client, evenings):
    html = unescape(
        client.get("/arrangementer/?date_from=2026-12-02&date_to=2026-12-02").content.decode()
    )
    assert "kl. 22.00–02.00" in html
    assert "kl. 20.00–24.00" in html


def test_the_rss_title_keeps_both_times(client, evenings):
    body = client.get("/arrangementer/feed.rss").content.decode()
    assert "Natkoncerten – onsdag 2. december kl. 22.00–02.00" in body


def test_the_add_to_calendar_label_keeps_both_times(client, evenings):
    _until_midnight, past_midnight = evenings
    html = unescape(client.get(past_midnight.event.get_absolute_url()).content.decode())
    assert (
        'Tilføj til kalender<span class="visually-hidden">: onsdag 2. december kl. 22.00–02.00'
        in html
    )


def test_a_date_over_several_days_keeps_its_times(client):
    course = OccurrenceFactory(start=at(5, 10), end=at(7, 16))
    html = unescape(client.get(course.event.get_absolute_url()).content.decode())
    assert "5. december kl. 10.00 – 7. december kl. 16.00" in html
