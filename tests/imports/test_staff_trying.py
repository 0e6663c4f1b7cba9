"""Trying and saving a calendar address on the staff pages, through the real fetcher and
readers against a local HTTP server: the preview saves nothing, saving creates the source and
its events, hostile and broken addresses get the fetcher's Danish reason (a 400, never a 500
or a hang), and «Hent nu» follows the calendar's changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, FocusArea, Occurrence
from imports.forms import https_address
from imports.models import EventSource, SourceItem
from tests.imports import staff_feeds

pytest.importorskip("imports.fetch")
pytest.importorskip("imports.ics")

pytestmark = pytest.mark.django_db

ADD = reverse("imports_staff:add")


def counts():
    return [m.objects.count() for m in (EventSource, SourceItem, Event, Occurrence)]


def data(venue, url, **extra):
    return {
        "venue": venue.pk,
        "url": url,
        "kind": "",
        "name": "",
        "focus_areas": [FocusArea.objects.get(slug="musik").pk],
        **extra,
    }


@pytest.fixture
def coordinator(venue_staff, client):
    venue, user = venue_staff
    client.force_login(user)
    return venue, user


@pytest.fixture
def feed(web_server, allow_loopback):
    return web_server.route(
        "/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar"
    )


def test_webcal_and_bare_addresses_become_https():
    assert https_address(" webcal://p07-caldav.icloud.com/published/2/x ") == (
        "https://p07-caldav.icloud.com/published/2/x"
    )
    assert https_address("fjordscenen.dk/kalender.ics") == "https://fjordscenen.dk/kalender.ics"


def test_try_shows_the_preview_and_saves_nothing(client, coordinator, feed):
    venue, _user = coordinator
    before = counts()
    response = client.post(ADD, {**data(venue, feed), "action": "try"})
    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == before
    assert 'id="preview"' in html and "Det ville siden hente" in html
    assert "Jazz på fjorden" in html and "Solokoncert med Ida" in html
    assert "2 nye, 0 ændrede, 0 aflyste, 0 uændrede" in html
    assert "Adressen er en kalender (ICS)." in html
    # Dates in the site's wording (events.templatetags.event_tags.when).
    assert "kl. 20.00–22.00" in html and "kl. 19.30–21.30" in html
    assert "Gem og følg kalenderen" in html and 'form="source-form"' in html
    # The form keeps what was typed.
    assert f'value="{feed}"' in html
    assert "Sekretariatet gennemser nye arrangementer" in html  # an untrusted venue


def test_save_creates_the_source_and_its_events(client, coordinator, feed, web_server):
    venue, user = coordinator
    response = client.post(ADD, {**data(venue, feed), "action": "save"})
    assert response.status_code == 302
    source = EventSource.objects.get()
    assert response["Location"] == reverse("imports_staff:edit", args=[source.pk])
    assert source.venue == venue and source.url == feed and source.kind == "ics"
    assert source.created_by == user and source.is_active
    assert source.trusted is False and source.name == "Stedets Scenes kalender"
    assert source.last_outcome == "ok" and source.last_created == 2
    events = Event.objects.filter(source_items__source=source)
    titles = sorted(events.values_list("title", flat=True))
    assert titles == ["Jazz på fjorden", "Solokoncert med Ida"]
    assert {e.status for e in events} == {Event.Status.SUBMITTED}  # reviewed venue
    assert Occurrence.objects.filter(event__in=events).count() == 5
    assert web_server.paths_requested() == ["/kalender.ics"]  # fetched once, not twice
    page = client.get(response["Location"]).content.decode()
    assert "Siden følger nu kalenderen." in page
    assert "2 arrangementer fra kalenderen" in page and "Jazz på fjorden" in page


def test_a_trusted_venue_publishes_at_once(client, coordinator, feed):
    venue, _user = coordinator
    venue.is_trusted = True
    venue.save()
    client.post(ADD, {**data(venue, feed), "action": "save", "trusted": ""})
    source = EventSource.objects.get()
    assert source.trusted
    assert set(Event.objects.values_list("status", flat=True)) == {Event.Status.PUBLISHED}


def test_the_kind_is_guessed_from_a_web_page(client, coordinator, web_server, allow_loopback):
    venue, _user = coordinator
    url = web_server.route("/program/", staff_feeds.jsonld_page())
    response = client.post(ADD, {**data(venue, url), "action": "try"})
    html = response.content.decode()
    assert response.status_code == 200, html[html.find("field__error") :][:300]
    assert "Adressen er en webside med arrangementer (schema.org)." in html
    assert "Korkoncert i salen" in html


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:9/kalender.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/kalender.ics",
        "http://[::1]/kalender.ics",
    ],
)
def test_internal_addresses_get_the_fetchers_refusal(client, coordinator, address):
    venue, _user = coordinator
    response = client.post(ADD, {**data(venue, address), "action": "try"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and 'href="#id_url"' in html
    assert 'id="preview"' not in html
    assert not EventSource.objects.exists()
    response = client.post(ADD, {**data(venue, address), "action": "save"})
    assert response.status_code == 400 and not EventSource.objects.exists()


def test_huge_and_slow_answers_are_refused_in_time(client, coordinator, web_server, settings):
    venue, _user = coordinator
    settings.IMPORTS_ALLOW_LOOPBACK = True
    settings.IMPORTS_MAX_BYTES = {**settings.IMPORTS_MAX_BYTES, "ics": 1000}
    settings.IMPORTS_TOTAL_SECONDS = 1
    ics = "text/calendar"
    big = web_server.route("/stor.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * 5000, content_type=ics)
    slow = web_server.route("/langsom.ics", staff_feeds.fjordscenen(), content_type=ics, delay=3)
    for url in (big, slow):
        response = client.post(ADD, {**data(venue, url), "action": "try"})
        assert response.status_code == 400
        assert "field__error" in response.content.decode()
    assert not EventSource.objects.exists()


def test_a_page_without_events_says_so(client, coordinator, web_server, allow_loopback):
    venue, _user = coordinator
    url = web_server.route("/om-os/", "<html><body><p>Velkommen</p></body></html>")
    response = client.post(ADD, {**data(venue, url), "action": "try"})
    assert response.status_code == 400
    assert "schema.org" in response.content.decode()


def test_fetch_now_follows_the_calendars_changes(client, coordinator, feed, web_server):
    venue, _user = coordinator
    client.post(ADD, {**data(venue, feed), "action": "save"})
    source = EventSource.objects.get()
    # A while later the concert is gone from the calendar and a new one is added.
    EventSource.objects.filter(pk=source.pk).update(last_run_at=timezone.now() - timedelta(hours=1))
    web_server.route(
        "/kalender.ics",
        staff_feeds.calendar(
            staff_feeds.vevent(
                "jazz@fjordscenen",
                "Jazz på fjorden",
                staff_feeds.day(3),
                extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n",
            ),
            staff_feeds.vevent("kor@fjordscenen", "Korkoncert", staff_feeds.day(12)),
        ),
        content_type="text/calendar",
    )
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    assert "Hentet: 1 nye, 0 ændrede, 1 aflyste, 1 uændrede." in response.content.decode()
    solo = Event.objects.get(title="Solokoncert med Ida")
    assert solo.occurrences.get().status == Occurrence.Status.CANCELLED
    assert Event.objects.filter(title="Korkoncert").exists()


def test_changing_the_address_tries_it_first(client, coordinator, feed, web_server):
    venue, _user = coordinator
    client.post(ADD, {**data(venue, feed), "action": "save"})
    source = EventSource.objects.get()
    edit = reverse("imports_staff:edit", args=[source.pk])
    form = {**data(venue, "http://10.1.2.3/ny.ics"), "kind": "ics", "name": source.name}
    response = client.post(edit, {**form, "action": "save"})
    assert response.status_code == 400
    source.refresh_from_db()
    assert source.url == feed


def test_trying_a_followed_calendar_again_shows_it_unchanged_and_writes_nothing(
    client, coordinator, feed
):
    venue, _user = coordinator
    client.post(ADD, {**data(venue, feed), "action": "save"})
    source = EventSource.objects.get()
    ran_at, before = source.last_run_at, counts()
    edit = reverse("imports_staff:edit", args=[source.pk])
    form = {**data(venue, feed), "kind": "ics", "name": "Et nyt navn", "action": "try"}
    response = client.post(edit, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 nye, 0 ændrede, 0 aflyste, 2 uændrede" in html and "Intet nyt" in html
    source.refresh_from_db()
    assert counts() == before and source.last_run_at == ran_at
    assert source.name == "Stedets Scenes kalender"  # the rolled-back edit is not kept
    assert 'value="Et nyt navn"' in html  # but the form keeps it


def test_another_venues_staff_cannot_try_or_fetch_the_source(client, coordinator, feed):
    venue, _user = coordinator
    client.post(ADD, {**data(venue, feed), "action": "save"})
    source = EventSource.objects.get()
    from tests.factories import UserFactory, VenueFactory

    other = UserFactory(username="andet-steds-koordinator")
    VenueFactory(name="Andet Sted").staff.add(other)
    client.force_login(other)
    edit = reverse("imports_staff:edit", args=[source.pk])
    assert client.post(edit, {**data(venue, feed), "action": "try"}).status_code == 404
    assert client.post(reverse("imports_staff:fetch", args=[source.pk])).status_code == 404


def test_a_big_new_calendar_is_previewed_by_its_first_events(
    client, coordinator, feed, monkeypatch
):
    from imports.views import trying

    monkeypatch.setattr(trying, "PREVIEW_EVENTS", 1)
    venue, _user = coordinator
    response = client.post(ADD, {**data(venue, feed), "action": "try"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kalenderen har 2 arrangementer; forhåndsvisningen viser, hvad der ville ske" in html
    assert "Jazz på fjorden" in html and "Solokoncert med Ida" not in html  # by first date


def test_a_big_calendar_is_saved_and_left_to_the_cron_run(client, coordinator, feed, monkeypatch):
    from imports.views import trying

    monkeypatch.setattr(trying, "RUN_NOW_EVENTS", 1)
    venue, _user = coordinator
    response = client.post(ADD, {**data(venue, feed), "action": "save"}, follow=True)
    source = EventSource.objects.get()
    assert source.is_active and source.last_run_at is None and source.is_due()
    assert not Event.objects.exists()
    html = response.content.decode()
    assert "Kalenderen er gemt. Den har 2 arrangementer" in html and "Ikke hentet endnu" in html
    # «Hent nu» leaves a big calendar to the cron run too.
    EventSource.objects.filter(pk=source.pk).update(last_unchanged=2)
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    assert "for stor til at hente, mens du venter" in response.content.decode()
    assert not Event.objects.exists()


def test_a_big_followed_calendar_is_read_but_not_compared(client, coordinator, feed, monkeypatch):
    from imports.views import trying

    venue, _user = coordinator
    client.post(ADD, {**data(venue, feed), "action": "save"})
    source = EventSource.objects.get()
    monkeypatch.setattr(trying, "PREVIEW_EVENTS", 1)
    edit = reverse("imports_staff:edit", args=[source.pk])
    form = {**data(venue, feed), "kind": "ics", "name": source.name, "action": "try"}
    html = client.post(edit, form).content.decode()
    assert "Adressen kan læses og har 2 arrangementer" in html
    assert "uændrede" not in html.split('id="preview"')[1]
