"""The repeat helper on the event form: weekly dates generated, shown for checking, capped."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from events.forms.repeat import MAX_REPEATS
from events.models import Event
from tests.factories import UserFactory, VenueFactory
from tests.staff_helpers import event_data

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(datetime(2026, 1, 2, 12, 0, tzinfo=CPH), tick=False):
        yield


@pytest.fixture
def venue(client):
    venue = VenueFactory()
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    return venue


def repeat(venue, **overrides):
    data = event_data(venue, repeat="1")
    data.update(
        {
            "repeat-weekdays": ["1", "3"],  # Tuesday, Thursday
            "repeat-start_time": "10:00",
            "repeat-end_time": "12:00",
            "repeat-date_from": "2026-01-05",
            "repeat-date_to": "2026-04-30",
        }
    )
    data.update(overrides)
    return data


def test_every_tuesday_and_thursday_fills_the_rows_for_checking(client, venue):
    response = client.post(reverse("staff:create"), repeat(venue))
    assert response.status_code == 200
    assert not Event.objects.exists()  # nothing is saved before the person saves
    rows = [f for f in response.context["formset"].forms if f["start"].value()]
    assert len(rows) == 34  # 17 weeks × 2
    assert rows[0]["start"].value() == "2026-01-06T10:00"
    assert rows[0]["end"].value() == "2026-01-06T12:00"
    assert rows[-1]["start"].value() == "2026-04-30T10:00"
    html = response.content.decode()
    assert 'value="2026-03-31T10:00"' in html  # after the switch to summer time, still 10.00
    assert "34 datoer er tilføjet" in html


def test_generated_dates_are_saved_with_the_event(client, venue):
    data = client.post(reverse("staff:create"), repeat(venue)).context["formset"].data.copy()
    data.pop("repeat")
    data["save"] = "1"
    assert client.post(reverse("staff:create"), data).status_code == 302
    event = Event.objects.get()
    starts = [o.start.astimezone(CPH) for o in event.occurrences.all()]
    assert len(starts) == 34
    assert {s.hour for s in starts} == {10}
    assert {s.weekday() for s in starts} == {1, 3}


def test_too_many_dates_are_refused_with_the_count(client, venue):
    data = repeat(venue, **{"repeat-weekdays": [str(d) for d in range(7)]})
    data["repeat-date_to"] = "2026-12-31"
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 400
    errors = response.context["repeat"].errors["date_to"][0]
    assert errors == f"Det giver 361 datoer. Du kan højst lægge {MAX_REPEATS} ind ad gangen."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("repeat-date_to", "2026-01-01", "før den første dag"),
        ("repeat-end_time", "10:00", "det samme som starttidspunktet"),
        ("repeat-date_from", "2025-12-01", "allerede passeret"),
        ("repeat-weekdays", [], "mindst én ugedag"),
        ("repeat-date_to", "2099-01-01", "højst strække sig over et år"),
        ("repeat-start_time", "kl. ti", "Indtast en gyldig tid"),
    ],
)
def test_bad_repeat_input_gets_a_clear_message(client, venue, field, value, message):
    response = client.post(reverse("staff:create"), repeat(venue, **{field: value}))
    assert response.status_code == 400
    text = " ".join(" ".join(e) for e in response.context["repeat"].errors.values())
    assert message in text
    assert not Event.objects.exists()


def test_repeat_form_dates_keep_local_time_across_daylight_saving():
    from events.forms import RepeatForm

    form = RepeatForm(
        {
            "weekdays": ["6"],
            "start_time": "20:00",
            "end_time": "",
            "date_from": "2026-03-22",
            "date_to": str(date(2026, 3, 22) + timedelta(days=7)),
        }
    )
    assert form.is_valid(), form.errors
    assert [s.astimezone(CPH).hour for s, _e in form.dates()] == [20, 20]


def test_repeating_dates_fill_the_empty_rows_first(client, venue):
    data = repeat(venue, **{"repeat-date_to": "2026-01-15"})  # 4 dates
    data.update(
        {
            "dates-TOTAL_FORMS": "3",
            "dates-0-start": "2026-02-01T19:00",  # typed by hand, kept first
            "dates-1-start": "",
            "dates-2-start": "",
        }
    )
    response = client.post(reverse("staff:create"), data)
    forms = response.context["formset"].forms
    starts = [f["start"].value() for f in forms]
    assert starts == [
        "2026-02-01T19:00",
        "2026-01-06T10:00",
        "2026-01-08T10:00",
        "2026-01-13T10:00",
        "2026-01-15T10:00",
    ]
    assert "4 datoer er tilføjet" in response.content.decode()
