"""All-day dates, open ends, overnight repeats and the autumn clock change: how each is typed
on the staff form, stored, shown, and written to iCalendar, JSON-LD and the API.

The clock is fixed on Sunday 29 November 2026; 5 December 2026 is a Saturday.
"""

import json
import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import translation

from events.models import Event, Occurrence
from events.models.occurrence import OPEN_END_DURATION, all_day_span
from tests.factories import OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")
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


def market(first=date(2026, 12, 5), last=None, **kwargs):
    start, end = all_day_span(first, last)
    return OccurrenceFactory(start=start, end=end, all_day=True, **kwargs)


def vevents(client, url):
    return icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")


def ics_url(occurrence):
    return reverse("feeds:event_ics", kwargs={"slug": occurrence.event.slug})


def structured_data(client, occurrence):
    html = client.get(occurrence.event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    return data if isinstance(data, list) else [data]


def new_date(client, venue, **row):
    """POST the staff form with one new date row ``row`` (start, end, all_day, open_end as
    typed); the response."""
    data = event_data(venue, save="1")
    data.update({"dates-TOTAL_FORMS": "1"})
    data.update({f"dates-0-{key}": value for key, value in row.items()})
    return client.post(reverse("staff:create"), data)


# -- all-day -------------------------------------------------------------------------------


def test_one_whole_day_reads_hele_dagen_on_the_page(client):
    day = market()
    html = unescape(client.get(day.event.get_absolute_url()).content.decode())
    assert "lørdag 5. december, hele dagen" in html
    assert '<time datetime="2026-12-05">' in html


def test_several_whole_days_read_as_a_span(client):
    days = market(last=date(2026, 12, 7))
    html = unescape(client.get(days.event.get_absolute_url()).content.decode())
    assert "lørdag 5. – mandag 7. december, hele dagen" in html


def test_whole_days_are_date_values_in_ics_with_the_day_after_as_end(client):
    days = market(last=date(2026, 12, 7))
    (vevent,) = vevents(client, ics_url(days))
    assert vevent["dtstart"].params.get("VALUE") == "DATE"
    assert vevent["dtstart"].dt == date(2026, 12, 5)
    assert vevent["dtend"].dt == date(2026, 12, 8)  # exclusive, RFC 5545 §3.6.1
    parsed = vobject.readOne(client.get(ics_url(days)).content.decode())
    assert parsed.vevent.dtstart.value == date(2026, 12, 5)


def test_whole_days_are_dates_in_json_ld_and_the_api(client):
    days = market(last=date(2026, 12, 7))
    (item,) = structured_data(client, days)
    assert (item["startDate"], item["endDate"]) == ("2026-12-05", "2026-12-07")
    row = client.get("/api/v1/occurrences/").json()["results"][0]
    assert (row["start"], row["end"], row["all_day"], row["open_end"]) == (
        "2026-12-05",
        "2026-12-07",
        True,
        False,
    )
    dates = client.get(f"/api/v1/events/{days.event.slug}/").json()["dates"]
    assert (dates[0]["start"], dates[0]["end"]) == ("2026-12-05", "2026-12-07")


def test_a_whole_day_is_on_its_days_listing_and_not_the_next(client):
    market(event__title="Julemarked")
    on_day = client.get("/arrangementer/?date_from=2026-12-05&date_to=2026-12-05")
    next_day = client.get("/arrangementer/?date_from=2026-12-06&date_to=2026-12-06")
    assert "Julemarked" in on_day.content.decode()
    assert "Julemarked" not in next_day.content.decode()


def test_staff_type_whole_days_by_their_dates(client, venue):
    response = new_date(
        client, venue, start="2026-12-05T00:00", end="2026-12-07T00:00", all_day="on"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    occurrence = Occurrence.objects.get(event__venue=venue)
    assert occurrence.all_day
    assert (occurrence.start, occurrence.end) == all_day_span(date(2026, 12, 5), date(2026, 12, 7))


def test_staff_whole_day_without_an_end_is_one_day(client, venue):
    response = new_date(client, venue, start="2026-12-05T10:00", all_day="on")
    assert response.status_code == 302
    occurrence = Occurrence.objects.get(event__venue=venue)
    assert (occurrence.start, occurrence.end) == all_day_span(date(2026, 12, 5))


def test_the_staff_form_shows_a_whole_days_last_day_as_typed(client, venue):
    days = market(last=date(2026, 12, 7), event__venue=venue)
    html = client.get(reverse("staff:edit", args=[days.event_id])).content.decode()
    assert 'type="date" name="dates-0-end" value="2026-12-07"' in html
    assert re.search(r'name="dates-0-all_day"[^>]*checked', html)


def test_the_admin_inline_offers_all_day_and_open_end(admin_client):
    day = market()
    html = admin_client.get(
        reverse("admin:events_event_change", args=[day.event_id])
    ).content.decode()
    assert 'name="occurrences-0-all_day"' in html
    assert 'name="occurrences-0-open_end"' in html


# -- open end ------------------------------------------------------------------------------


def test_a_new_date_needs_an_end_unless_all_day_or_open_end(client, venue):
    response = new_date(client, venue, start="2026-12-05T20:00")
    assert response.status_code == 400
    assert "tick «All day»" in unescape(response.content.decode()) or "«Hele dagen»" in unescape(
        response.content.decode()
    )
    assert not Event.objects.filter(venue=venue).exists()


def test_an_open_end_is_saved_without_an_end(client, venue):
    response = new_date(client, venue, start="2026-12-05T20:00", open_end="on")
    assert response.status_code == 302
    occurrence = Occurrence.objects.get(event__venue=venue)
    assert occurrence.end is None and occurrence.open_end


def test_an_open_end_is_shown_as_such(client):
    open_end = OccurrenceFactory(start=datetime(2026, 12, 5, 20, tzinfo=CPH), end=None)
    html = unescape(client.get(open_end.event.get_absolute_url()).content.decode())
    assert "lørdag 5. december kl. 20.00, sluttid ikke oplyst" in html


def test_an_open_end_gets_the_default_duration_and_a_note_in_ics(client):
    start = datetime(2026, 12, 5, 20, tzinfo=CPH)
    open_end = OccurrenceFactory(start=start, end=None)
    (vevent,) = vevents(client, ics_url(open_end))
    assert vevent["dtend"].dt == start + OPEN_END_DURATION == start + timedelta(hours=2)
    assert "sluttid ikke oplyst" in str(vevent["description"]).lower()


def test_an_open_end_has_no_end_in_json_ld_and_says_so_in_the_api(client):
    open_end = OccurrenceFactory(start=datetime(2026, 12, 5, 20, tzinfo=CPH), end=None)
    (item,) = structured_data(client, open_end)
    assert "endDate" not in item
    row = client.get("/api/v1/occurrences/").json()["results"][0]
    assert (row["end"], row["open_end"], row["all_day"]) == (None, True, False)


# -- overnight repeats ---------------------------------------------------------------------


def repeat(client, venue, **overrides):
    data = event_data(venue, repeat="1")
    data.update(
        {
            "repeat-weekdays": ["4"],  # Friday
            "repeat-start_time": "22:00",
            "repeat-end_time": "02:00",
            "repeat-date_from": "2026-12-01",
            "repeat-date_to": "2026-12-14",
        }
    )
    data.update(overrides)
    return client.post(reverse("staff:create"), data)


def test_every_friday_22_to_02_ends_on_the_saturday(client, venue):
    response = repeat(client, venue)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-12-04T22:00"' in html and 'value="2026-12-05T02:00"' in html
    assert 'value="2026-12-11T22:00"' in html and 'value="2026-12-12T02:00"' in html
    assert "Et sluttidspunkt før starten er dagen efter" in unescape(html)


def test_a_repeat_without_an_end_time_makes_open_ends(client, venue):
    html = repeat(client, venue, **{"repeat-end_time": ""}).content.decode()
    assert re.search(r'name="dates-0-open_end"[^>]*checked', html)


# -- the autumn clock change ---------------------------------------------------------------


def test_a_time_that_occurs_twice_is_written_in_utc(client):
    # 02.30 after the clocks went back (CET, +01:00): 01.30 UTC.
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=CPH), tick=False):
        night = OccurrenceFactory(start=second, end=second + timedelta(hours=2))
        body = client.get(ics_url(night)).content.decode()
    assert "DTSTART:20261025T013000Z" in body
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert vevent["dtstart"].dt == second
    assert vevent["dtend"].dt.astimezone(UTC) == second + timedelta(hours=2)


def test_the_staff_form_refuses_a_time_that_occurs_twice_with_a_clear_message(client, venue):
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=CPH), tick=False):
        response = new_date(client, venue, start="2026-10-25T02:30", end="2026-10-25T04:00")
    assert response.status_code == 400
    assert "occurs twice" in response.content.decode() or "findes to gange" in unescape(
        response.content.decode()
    )


def test_the_staff_form_refuses_a_time_that_does_not_exist(client, venue):
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=CPH), tick=False):
        response = new_date(client, venue, start="2026-03-29T02:30", end="2026-03-29T04:00")
    assert response.status_code == 400
    assert "findes ikke" in unescape(response.content.decode())


def test_the_repeat_helper_refuses_a_time_that_occurs_twice(client, venue):
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=CPH), tick=False):
        response = repeat(
            client,
            venue,
            **{
                "repeat-weekdays": ["6"],
                "repeat-start_time": "01:00",
                "repeat-end_time": "02:30",
                "repeat-date_from": "2026-10-18",
                "repeat-date_to": "2026-10-31",
            },
        )
    html = unescape(response.content.decode())
    assert "25. oktober 2026 02.30 findes to gange" in html
    assert 'value="2026-10-18T01:00"' not in html  # nothing added
