"""The secretariat's source pages: the list with each source's last run, the add form,
«Prøv uden at gemme» (nothing saved), «Hent nu», and the imported events with merge."""

import pytest
from django.urls import reverse

from events.models import Event
from imports.models import EventSource, SourceItem
from imports.sync import run
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory
from tests.imports.sync_helpers import NOW, at, make_source, single, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def ran_source():
    source = make_source()
    run(source, events=[weekly(), single()], now=NOW)
    return source


def test_secretariat_sees_every_source_with_its_last_run(client, secretary, ran_source):
    other = make_source(venue=VenueFactory(name="Herlev Bibliotek"))
    client.force_login(secretary)
    response = client.get(reverse("admin:imports_eventsource_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fjordscenens kalender" in html and str(other.venue) in html
    row = html[html.index("Fjordscenens kalender") :]
    assert '<span class="source-counts">2 nye</span>' in row


def test_venue_staff_do_not_get_the_admin(client, venue_staff, ran_source):
    _venue, user = venue_staff
    client.force_login(user)
    for url in (
        reverse("admin:imports_eventsource_changelist"),
        reverse("admin:imports_eventsource_change", args=[ran_source.pk]),
        reverse("admin:imports_preview", args=[ran_source.pk]),
        reverse("admin:imports_sourceitem_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(reverse("admin:imports_fetch", args=[ran_source.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_add_form_follows_the_venue_and_stamps_the_user(client, secretary):
    venue = VenueFactory(name="Tårnet", is_trusted=True)
    client.force_login(secretary)
    response = client.post(
        reverse("admin:imports_eventsource_add"),
        {
            "venue": venue.pk,
            "name": "Tårnets kalender",
            "kind": "ics",
            "url": "https://taarnet.example/kalender.ics",
            "publishing": "venue",
            "category_map": '{"Koncert": ["musik"]}',
            "is_active": "on",
            "fetch_interval_hours": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    source = EventSource.objects.get(name="Tårnets kalender")
    assert source.trusted and source.created_by == secretary
    assert source.category_map == {"Koncert": ["musik"]}


def test_unknown_category_slugs_are_refused_with_a_message(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("admin:imports_eventsource_add"),
        {
            "venue": VenueFactory().pk,
            "name": "X",
            "kind": "ics",
            "url": "https://x.example/x.ics",
            "publishing": "venue",
            "category_map": '{"Koncert": ["rock"]}',
            "is_active": "on",
            "fetch_interval_hours": 6,
        },
    )
    assert response.status_code == 200
    assert "Ukendte indsatser eller målgrupper: rock" in response.content.decode()
    assert not EventSource.objects.exists()


def test_preview_of_a_failing_source_shows_why_and_saves_nothing(client, secretary):
    source = make_source(url="")
    client.force_login(secretary)
    response = client.post(reverse("admin:imports_preview", args=[source.pk]))
    assert response.status_code == 200
    assert "Kilden har ingen adresse." in response.content.decode()
    source.refresh_from_db()
    assert source.last_run_at is None


def test_preview_is_a_post_a_link_or_prefetch_cannot_make_the_server_fetch(
    client, secretary, web_server, allow_loopback
):
    url = web_server.route("/kalender.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    source = make_source(url=url)
    client.force_login(secretary)
    response = client.get(reverse("admin:imports_preview", args=[source.pk]))
    assert response.status_code == 405
    assert web_server.requests == []
    page = client.get(reverse("admin:imports_eventsource_change", args=[source.pk]))
    preview = reverse("admin:imports_preview", args=[source.pk])
    assert f'<form method="post" action="{preview}"' in page.content.decode()


def test_fetch_now_stores_the_failure_on_the_source(client, secretary):
    source = make_source(url="")
    client.force_login(secretary)
    response = client.post(reverse("admin:imports_fetch", args=[source.pk]), follow=True)
    assert "Kilden har ingen adresse." in response.content.decode()
    source.refresh_from_db()
    assert source.last_outcome == "failed"


def test_fetch_now_is_a_post(client, secretary, ran_source):
    client.force_login(secretary)
    assert client.get(reverse("admin:imports_fetch", args=[ran_source.pk])).status_code == 405


def test_imported_event_page_shows_hand_edits(client, secretary, ran_source):
    Event.objects.filter(title="Solokoncert").update(title="Solokoncert (rettet)")
    item = SourceItem.objects.get(uid="solo@fjordscenen")
    client.force_login(secretary)
    response = client.get(reverse("admin:imports_sourceitem_change", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Rettet her — følger ikke længere kilden") == 1


def test_duplicates_are_listed_and_merged_by_the_action(client, secretary):
    venue = VenueFactory(name="Fjordscenen", is_trusted=True)
    existing = EventFactory(title="Jazz på fjorden", venue=venue)
    OccurrenceFactory(event=existing, start=at(7), end=at(7, 22))
    source = make_source(venue=venue)
    run(source, events=[weekly()], now=NOW)
    item = SourceItem.objects.get()
    client.force_login(secretary)
    url = reverse("admin:imports_sourceitem_changelist")
    listing = client.get(url, {"duplicate": "suspected"}).content.decode()
    assert "Mulig dublet" in listing and "Jazz på fjorden" in listing
    client.post(url, {"action": "merge", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.duplicate == "merged" and item.event == existing
    assert Event.objects.count() == 1


def test_list_shows_compact_counts_and_a_short_first_error(client, secretary, ran_source):
    long_error = "Adressen gav ikke en kalender (ICS), men «text/html». " * 4
    EventSource.objects.filter(pk=ran_source.pk).update(
        last_updated=1, last_unchanged=1, last_errors=f"{long_error}\nAnden fejl\nTredje fejl"
    )
    client.force_login(secretary)
    html = client.get(reverse("admin:imports_eventsource_changelist")).content.decode()
    assert '<span class="source-counts">2 nye<br>1 ændrede<br>1 uændrede</span>' in html
    cell = html[html.index('<td class="field-last_run_in_short">') :]
    cell = cell[: cell.index("</td>")]
    assert "(+2 til)" in cell and "Anden fejl" not in cell
    shown = cell[cell.index('"source-error">') + len('"source-error">') :]
    assert len(shown.split(" (+2")[0]) <= 80
    page = client.get(reverse("admin:imports_eventsource_change", args=[ran_source.pk]))
    assert "Tredje fejl" in page.content.decode()  # the whole list on the source's page


def test_imported_event_page_says_in_words_what_became_of_each_date(client, secretary):
    source = make_source()
    run(source, events=[single()], now=NOW)
    run(source, events=[], now=NOW)  # gone from the calendar: its date cancelled here
    item = SourceItem.objects.get(uid="solo@fjordscenen")
    client.force_login(secretary)
    html = client.get(reverse("admin:imports_sourceitem_change", args=[item.pk])).content.decode()
    assert "Væk fra kalenderen – aflyst her" in html
    assert "tirsdag 5. marts 2030 kl. 20.00–22.00" in html
    assert "2030-03-05" not in html
