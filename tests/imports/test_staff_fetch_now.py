"""«Hent nu» says when it can be used, and waits only after a run that succeeded: right after
a failed run, or after the address was changed, it fetches at once."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, FocusArea
from events.templatetags.event_tags import clock
from imports.models import EventSource
from imports.views import trying
from tests.imports import staff_feeds

pytestmark = pytest.mark.django_db

ADD = reverse("imports_staff:add")


@pytest.fixture
def coordinator(venue_staff, client):
    venue, user = venue_staff
    client.force_login(user)
    return venue


@pytest.fixture
def feed(web_server, allow_loopback):
    return web_server.route(
        "/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar"
    )


def data(venue, url, **extra):
    return {
        "venue": venue.pk,
        "url": url,
        "kind": "",
        "name": "",
        "focus_areas": [FocusArea.objects.get(slug="musik").pk],
        **extra,
    }


def fetch_button(html):
    return re.search(r'<form method="post" action="[^"]*/hent/">.*?</form>', html, re.S).group(0)


def test_right_after_saving_the_page_says_when_fetch_now_can_be_used(client, coordinator, feed):
    response = client.post(ADD, {**data(coordinator, feed), "action": "save"}, follow=True)
    source = EventSource.objects.get()
    again = clock(source.last_run_at + timedelta(minutes=trying.FETCH_AGAIN_MINUTES))
    button = fetch_button(response.content.decode())
    assert "disabled" in button and f"Kan bruges igen kl. {again}" in button
    # A page opened before the wait still gets the time with the refusal.
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    html = response.content.decode()
    assert f"«Hent nu» kan bruges igen kl. {again}." in html
    assert EventSource.objects.get().last_run_at == source.last_run_at


def test_after_the_wait_the_button_is_plain(client, coordinator, feed):
    client.post(ADD, {**data(coordinator, feed), "action": "save"})
    source = EventSource.objects.get()
    ran = timezone.now() - timedelta(minutes=trying.FETCH_AGAIN_MINUTES, seconds=1)
    EventSource.objects.filter(pk=source.pk).update(last_run_at=ran)
    html = client.get(reverse("imports_staff:edit", args=[source.pk])).content.decode()
    assert "disabled" not in fetch_button(html) and "Kan bruges igen" not in html


def test_after_a_failed_run_fetch_now_works_at_once(client, coordinator, feed, web_server):
    client.post(ADD, {**data(coordinator, feed), "action": "save"})
    source = EventSource.objects.get()
    # The last run, a minute ago, failed (the calendar answered with an error).
    ran = timezone.now() - timedelta(minutes=1)
    EventSource.objects.filter(pk=source.pk).update(last_run_at=ran, last_outcome="failed")
    html = client.get(reverse("imports_staff:edit", args=[source.pk])).content.decode()
    assert "disabled" not in fetch_button(html)
    # The calendar is fixed: «Hent nu» fetches it at once.
    web_server.route("/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    assert "Hentet: 0 nye" in response.content.decode()
    source.refresh_from_db()
    assert source.last_outcome == "ok" and len(web_server.paths_requested()) == 2


def test_after_the_address_was_changed_fetch_now_works_at_once(
    client, coordinator, feed, web_server
):
    client.post(ADD, {**data(coordinator, feed), "action": "save"})
    source = EventSource.objects.get()
    new = web_server.route("/ny.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    edit = reverse("imports_staff:edit", args=[source.pk])
    form = data(coordinator, new, kind="ics", name=source.name, action="save")
    assert client.post(edit, form).status_code == 302
    html = client.get(edit).content.decode()
    assert "disabled" not in fetch_button(html)
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    assert "Hentet: 0 nye, 0 ændrede, 0 aflyste, 2 uændrede." in response.content.decode()
    assert web_server.paths_requested().count("/ny.ics") == 2
    # Once fetched, the usual wait applies again.
    assert "disabled" in fetch_button(client.get(edit).content.decode())
    assert Event.objects.count() == 2
