"""Two calendars of one venue with the same name are told apart: the second gets its
address's host in its name, and the admin list shows every source's host."""

import pytest
from django.urls import reverse

from imports.models import EventSource, SourceItem
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db


def add(client, venue, url):
    response = client.post(
        reverse("admin:imports_eventsource_add"),
        {
            "venue": venue.pk,
            "name": "Fjordscenens kalender",
            "kind": "ics",
            "url": url,
            "publishing": "venue",
            "category_map": "{}",
            "is_active": "on",
            "fetch_interval_hours": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_second_calendar_of_the_venue_gets_its_host_in_the_name(client, secretary):
    venue = VenueFactory(name="Fjordscenen", is_trusted=True)
    client.force_login(secretary)
    add(client, venue, "https://fjordscenen.example/cal.ics")
    add(client, venue, "https://calendar.google.com/calendar/ical/fjord/basic.ics")
    names = sorted(EventSource.objects.values_list("name", flat=True))
    assert names == [
        "Fjordscenens kalender",
        "Fjordscenens kalender (calendar.google.com)",
    ]

    html = client.get(reverse("admin:imports_eventsource_changelist")).content.decode()
    assert '<span class="source-host">fjordscenen.example</span>' in html
    assert '<span class="source-host">calendar.google.com</span>' in html

    items = client.get(reverse("admin:imports_sourceitem_changelist")).content.decode()
    assert "Fjordscenens kalender (calendar.google.com)" in items  # the source filter
    assert SourceItem.objects.count() == 0


def test_a_name_of_another_venue_is_left_as_it_is(client, secretary):
    client.force_login(secretary)
    add(client, VenueFactory(name="Fjordscenen"), "https://a.example/cal.ics")
    add(client, VenueFactory(name="Fjordscenen Syd"), "https://b.example/cal.ics")
    assert set(EventSource.objects.values_list("name", flat=True)) == {"Fjordscenens kalender"}
