"""What coordinators see when they type dates, and how the dashboard, the admin and the
listing show them: the repeated autumn hour, overnight ends, dates typed without a time,
the shared date help, all-day spans with weekdays, and the next date in lists.

The clock is fixed on Sunday 29 November 2026; 5 December 2026 is a Saturday.
"""

import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event, Occurrence
from events.models.occurrence import all_day_span
from tests.factories import OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


@pytest.fixture
def venue(client):
    venue = VenueFactory(is_trusted=True)
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    return venue


def whole_days(first, last=None, **kwargs):
    start, end = all_day_span(first, last)
    return OccurrenceFactory(start=start, end=end, all_day=True, **kwargs)


def new_date(client, venue, **row):
    data = event_data(venue, save="1")
    data.update({"dates-TOTAL_FORMS": "1"})
    data.update({f"dates-0-{key}": value for key, value in row.items()})
    return client.post(reverse("staff:create"), data)


def text(response):
    return unescape(response.content.decode())


# -- 1. an end in the repeated autumn hour -----------------------------------------------


def test_an_end_in_the_repeated_hour_gets_only_the_clock_change_message(client, venue):
    with time_machine.travel(datetime(2027, 10, 1, tzinfo=CPH), tick=False):
        client.force_login(venue.staff.get())  # a session of that day
        response = new_date(client, venue, start="2027-10-30T22:00", end="2027-10-31T02:30")
    html = text(response)
    assert response.status_code == 400
    assert "31. oktober 2027 02.30 findes to gange" in html
    assert "Skriv hvornår det slutter" not in html
    assert not Event.objects.filter(venue=venue).exists()


# -- 2. the next date on the dashboard and in the admin ----------------------------------


def test_the_dashboard_shows_a_whole_day_as_a_day_and_a_running_date_until(client, venue):
    whole_days(date(2026, 12, 5), event__venue=venue, event__title="Julemarked")
    OccurrenceFactory(
        event__venue=venue,
        event__title="Udstillingen",
        start=datetime(2026, 11, 1, 10, tzinfo=CPH),
        end=datetime(2027, 1, 31, 16, tzinfo=CPH),
    )
    html = text(client.get(reverse("staff:dashboard")))
    assert "lørdag 5. december, hele dagen" in html
    assert "kl. 00.00" not in html
    assert "til 31. januar 2027" in html
    assert "1. november" not in html  # the running date's past start is not «next»


def test_the_dashboards_next_dates_take_no_query_per_event(client, venue):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("staff:dashboard")).status_code == 200
        return len(queries)

    whole_days(date(2026, 12, 5), event__venue=venue)
    count()  # the first page of a session also writes the session
    one = count()
    for day in (6, 7, 8, 9):
        whole_days(date(2026, 12, day), event__venue=venue)
        OccurrenceFactory(event__venue=venue, start=datetime(2026, 12, day, 20, tzinfo=CPH))
    assert count() == one


def test_the_admins_next_date_of_a_whole_day_is_the_date_only(admin_client):
    day = whole_days(date(2026, 12, 5), event__title="Julemarked")
    timed = OccurrenceFactory(
        event__title="Koncerten",
        start=datetime(2026, 12, 6, 20, tzinfo=CPH),
        end=datetime(2026, 12, 6, 22, tzinfo=CPH),
    )
    html = text(admin_client.get(reverse("admin:events_event_changelist")))
    assert day.event.title in html and timed.event.title in html
    assert "05.12.2026 00.00" not in html
    assert re.search(r"05\.12\.2026\s*<", html)
    assert "06.12.2026 20.00" in html


# -- 3. the period chips with a date range -----------------------------------------------


def test_a_date_range_selects_no_period_chip(client):
    html = text(client.get("/arrangementer/?date_from=2026-12-05&date_to=2026-12-05"))
    chips = re.search(r'aria-label="Periode">(.*?)</ul>', html, re.S).group(1)
    assert "aria-current" not in chips
    assert re.search(r'<option value="" selected>Valgte datoer</option>', html)


def test_without_dates_any_time_is_the_chosen_period(client):
    html = text(client.get("/arrangementer/"))
    assert 'aria-current="true">Alle datoer</a>' in html


# -- 4. whole days typed as dates ---------------------------------------------------------


def test_whole_days_can_be_typed_as_dates_only(client, venue):
    response = new_date(client, venue, start="2026-12-05", end="2026-12-07", all_day="on")
    assert response.status_code == 302, text(response)[:2000]
    occurrence = Occurrence.objects.get(event__venue=venue)
    assert occurrence.all_day
    assert (occurrence.start, occurrence.end) == all_day_span(date(2026, 12, 5), date(2026, 12, 7))


def test_a_date_without_time_and_without_all_day_says_what_to_do_and_keeps_it(client, venue):
    response = new_date(client, venue, start="2026-12-05", end="2026-12-05")
    html = text(response)
    assert response.status_code == 400
    assert "Skriv også klokkeslættet, eller sæt kryds ved «Hele dagen»." in html
    assert re.search(r'type="date" name="dates-0-start" value="2026-12-05"', html)
    assert not Event.objects.filter(venue=venue).exists()


def test_a_whole_days_rows_are_date_inputs_and_a_script_switches_them(client, venue):
    days = whole_days(date(2026, 12, 5), date(2026, 12, 7), event__venue=venue)
    html = client.get(reverse("staff:edit", args=[days.event_id])).content.decode()
    assert re.search(r'type="date" name="dates-0-start" value="2026-12-05"', html)
    assert re.search(r'type="date" name="dates-0-end" value="2026-12-07"', html)
    assert re.search(r'type="datetime-local" name="dates-1-start"', html)  # an empty row
    assert re.search(r'<script src="/static/js/date-rows\.js[^"]*" defer>', html)


# -- 5. an overnight end typed on the start's date ----------------------------------------


def test_an_overnight_end_on_the_starts_date_suggests_the_next_day(client, venue):
    response = new_date(client, venue, start="2026-12-04T22:00", end="2026-12-04T02:00")
    html = text(response)
    assert response.status_code == 400
    assert "Mente du 5. december kl. 02.00? Skriv slutdatoen som den næste dag." in html
    assert 'value="2026-12-04T02:00"' in html  # not changed for them
    assert not Event.objects.filter(venue=venue).exists()


def test_an_end_days_before_the_start_keeps_the_plain_message(client, venue):
    response = new_date(client, venue, start="2026-12-04T22:00", end="2026-12-02T23:00")
    html = text(response)
    assert "Slutningen kan ikke ligge før starten." in html
    assert "Mente du" not in html


# -- 6. the date help once ----------------------------------------------------------------


def test_the_date_help_is_shown_once_and_described_by_every_input(client, venue):
    html = text(client.get(reverse("staff:create")))
    assert html.count("En aften, der slutter efter midnat") == 1
    assert html.count("Hele dage: kun datoerne tæller") == 1
    assert "En eller flere hele dage" not in html  # the model's help, per row
    for i in range(3):
        for name in ("start", "end", "all_day"):
            field = re.search(rf'<input[^>]*name="dates-{i}-{name}"[^>]*>', html).group(0)
            assert 'aria-describedby="dates-help' in field, field
    assert "«Slet»" not in html  # a new event's rows have no such box


def test_the_remove_box_is_explained_where_rows_have_one(client, venue):
    occurrence = OccurrenceFactory(event__venue=venue, start=datetime(2026, 12, 5, 20, tzinfo=CPH))
    html = text(client.get(reverse("staff:edit", args=[occurrence.event_id])))
    assert "«Slet»" in html and 'name="dates-0-DELETE"' in html


# -- 7. the repeat confirmation next to the dates ----------------------------------------


def test_the_repeat_confirmation_is_next_to_the_dates(client, venue):
    data = event_data(venue, repeat="1")
    data.update(
        {
            "repeat-weekdays": ["1", "3"],
            "repeat-start_time": "10:00",
            "repeat-end_time": "12:00",
            "repeat-date_from": "2026-12-01",
            "repeat-date_to": "2026-12-20",
        }
    )
    html = text(client.post(reverse("staff:create"), data))
    message = html.index("6 datoer er tilføjet nedenfor")
    assert html.index('id="dates"') < message < html.index('name="dates-0-start"')


# -- 8. whole-day spans with weekdays ------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "language", "url", "expected"),
    [
        (
            date(2026, 12, 5),
            date(2026, 12, 7),
            "da",
            "",
            "lørdag 5. – mandag 7. december, hele dagen",
        ),
        (
            date(2026, 11, 30),
            date(2026, 12, 2),
            "da",
            "",
            "mandag 30. november – onsdag 2. december, hele dagen",
        ),
        (
            date(2026, 12, 30),
            date(2027, 1, 1),
            "da",
            "",
            "onsdag 30. december – fredag 1. januar 2027, hele dagen",
        ),
        (
            date(2026, 12, 5),
            date(2026, 12, 7),
            "en",
            "/en",
            "Saturday 5 – Monday 7 December, all day",
        ),
    ],
)
def test_whole_day_spans_name_their_weekdays(client, first, last, language, url, expected):
    days = whole_days(first, last)
    path = days.event.get_absolute_url()
    if url:
        path = url + path
    html = text(client.get(path))
    assert expected in html
