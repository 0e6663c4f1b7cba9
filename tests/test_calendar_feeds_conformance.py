"""Calendars and feeds as their clients read them: a subscribed calendar keeps recent dates,
an empty calendar is still a calendar, feed readers get a 304 when they send back the
Last-Modified they got, and a feed item tells a cancelled or sold-out date."""

from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.utils import translation

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 15, 10, 0, tzinfo=COPENHAGEN)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
    translation.activate("da")


def uids(response):
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    vobject.readOne(response.content.decode())  # the other parser reads it too
    return {str(v["UID"]) for v in calendar.walk("VEVENT")}


def uid(occurrence):
    return f"occurrence-{occurrence.pk}@127.0.0.1"


def test_subscribed_calendar_keeps_yesterdays_concert_and_drops_last_summers(client):
    event = EventFactory()
    yesterday = OccurrenceFactory(
        event=event, start=NOW - timedelta(days=1), end=NOW - timedelta(days=1, hours=-2)
    )
    four_weeks = OccurrenceFactory(event=event, start=NOW - timedelta(days=29))
    long_ago = OccurrenceFactory(
        event=event, start=NOW - timedelta(days=40), end=NOW - timedelta(days=40, hours=-2)
    )
    tomorrow = OccurrenceFactory(event=event, start=NOW + timedelta(days=1))

    for path in ("/arrangementer/feed.ics", f"/arrangementer/{event.slug}.ics"):
        found = uids(client.get(path))
        assert {uid(yesterday), uid(four_weeks), uid(tomorrow)} <= found, path
        assert uid(long_ago) not in found, path


def test_a_chosen_period_or_start_date_is_not_widened(client):
    event = EventFactory()
    yesterday = OccurrenceFactory(event=event, start=NOW - timedelta(days=1))
    tomorrow = OccurrenceFactory(event=event, start=NOW + timedelta(days=1))
    assert uids(client.get("/arrangementer/feed.ics?period=week")) == {uid(tomorrow)}
    found = uids(client.get("/arrangementer/feed.ics?date_from=2026-10-15"))
    assert found == {uid(tomorrow)}
    # The listing, the RSS feed and the API still begin now.
    assert uid(yesterday) not in uids(client.get("/arrangementer/feed.ics?period=month"))
    api = client.get("/api/v1/occurrences/").json()
    assert [row["id"] for row in api["results"]] == [tomorrow.pk]


@pytest.mark.parametrize(
    "path", ["/arrangementer/feed.ics", "/arrangementer/feed.ics?q=findes-ikke-xyz"]
)
def test_a_calendar_without_dates_is_still_valid_by_rfc_5545(client, path):
    # RFC 5545 §3.6: icalbody = calprops component, and component = 1*(… / timezonec / …).
    response = client.get(path)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    parsed = vobject.readOne(response.content.decode())
    assert "vtimezone" in parsed.contents
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert response.content.endswith(b"END:VCALENDAR\r\n")


CONDITIONAL_PATHS = [
    "/arrangementer/feed.rss",
    "/arrangementer/feed.atom",
    "/arrangementer/feed.ics",
    "/api/v1/occurrences/",
]


@pytest.mark.parametrize("path", CONDITIONAL_PATHS)
def test_if_modified_since_with_the_last_modified_sent_gives_304(client, _clock, path):
    OccurrenceFactory(event=EventFactory(), start=NOW + timedelta(days=3))
    # An hour later: the newest item is older than the time the data was last looked at.
    _clock.shift(timedelta(hours=1))
    first = client.get(path)
    assert first.status_code == 200
    again = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("path", CONDITIONAL_PATHS)
def test_if_modified_since_after_a_change_gives_the_new_feed(client, _clock, path):
    occurrence = OccurrenceFactory(event=EventFactory(), start=NOW + timedelta(days=3))
    first = client.get(path)
    _clock.shift(timedelta(minutes=1))
    occurrence.status = Occurrence.Status.CANCELLED
    occurrence.save()
    again = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert again["Last-Modified"] != first["Last-Modified"]


def rss_titles(client, path="/arrangementer/feed.rss"):
    root = ElementTree.fromstring(client.get(path).content)
    return [item.findtext("title") for item in root.findall("channel/item")]


def atom_titles(client):
    root = ElementTree.fromstring(client.get("/arrangementer/feed.atom").content)
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_feed_item_says_when_its_next_date_is_cancelled_or_sold_out(client):
    statuses = {
        "Aflyst koncert": (Occurrence.Status.CANCELLED, "Aflyst: Aflyst koncert – "),
        "Udsolgt koncert": (Occurrence.Status.SOLD_OUT, "Udsolgt: Udsolgt koncert – "),
        "Udsat koncert": (Occurrence.Status.POSTPONED, "Udsat: Udsat koncert – "),
        "Planlagt koncert": (Occurrence.Status.SCHEDULED, "Planlagt koncert – "),
    }
    for day, (title, (status, _)) in enumerate(statuses.items(), start=1):
        OccurrenceFactory(
            event=EventFactory(title=title), start=NOW + timedelta(days=day), status=status
        )
    for titles in (rss_titles(client), atom_titles(client)):
        assert len(titles) == 4
        for title, (_, expected) in zip(statuses, statuses.values(), strict=True):
            assert any(t.startswith(expected) for t in titles), (title, titles)


def test_feed_item_title_is_plain_when_only_a_later_date_is_cancelled(client):
    event = EventFactory(title="Koncert")
    OccurrenceFactory(event=event, start=NOW + timedelta(days=1))
    OccurrenceFactory(
        event=event, start=NOW + timedelta(days=2), status=Occurrence.Status.CANCELLED
    )
    (title,) = rss_titles(client)
    assert title.startswith("Koncert – ")
