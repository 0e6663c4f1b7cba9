"""The venue staff's calendars (/mine-arrangementer/kalendere/) without fetching: the list and
its status words, scoping per role and forged ids, the form's refusals, editing, «Følg ikke
længere», delete, the limits on «Hent nu» and on trying addresses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, Event, FocusArea
from imports.models import EventSource, SourceItem
from imports.sync import run
from imports.views import trying
from tests.factories import UserFactory, VenueFactory
from tests.imports.sync_helpers import NOW, make_source, single, weekly

pytestmark = pytest.mark.django_db

LIST = reverse("imports_staff:list")
ADD = reverse("imports_staff:add")


@pytest.fixture
def staff_a(venue_staff):
    venue, user = venue_staff
    source = make_source(venue=venue, trusted=False)
    return venue, user, source


@pytest.fixture
def source_b():
    venue = VenueFactory(name="Andet Sted")
    return make_source(venue=venue, url="https://andet.example/cal.ics", name="Andet kalender")


def form_data(venue=None, **extra):
    data = {
        "url": "https://fjordscenen.example/ny.ics",
        "kind": "",
        "name": "",
        "focus_areas": [FocusArea.objects.get(slug="musik").pk],
    }
    if venue is not None:
        data["venue"] = venue.pk
    data.update(extra)
    return data


def test_anonymous_is_sent_to_the_login(client, staff_a):
    _venue, _user, source = staff_a
    for url in (LIST, ADD, reverse("imports_staff:edit", args=[source.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(reverse("imports_staff:delete", args=[source.pk]))
    assert response.status_code == 302 and EventSource.objects.filter(pk=source.pk).exists()


def test_list_shows_own_sources_with_status_in_danish(client, staff_a, source_b):
    venue, user, source = staff_a
    run(source, events=[weekly(), single()], now=NOW)
    failed = make_source(venue=venue, url="https://fjordscenen.example/x.ics", name="Gammel")
    failed.last_run_at, failed.last_outcome = NOW, "failed"
    failed.last_errors = "Adressen svarede ikke inden for 20 sekunder."
    failed.save()
    client.force_login(user)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fjordscenens kalender" in html and "Gammel" in html
    assert "Andet kalender" not in html  # venue B's
    assert "Hentet sidst" in html and "2 nye, 0 ændrede, 0 aflyste, 0 uændrede" in html
    assert "Fejlede" in html and "Adressen svarede ikke inden for 20 sekunder." in html
    assert "2 arrangementer" in html
    assert "Sekretariatet gennemser nye arrangementer" in html
    assert reverse("imports_staff:edit", args=[source.pk]) in html


def test_list_queries_do_not_grow_with_sources(client, staff_a, django_assert_max_num_queries):
    venue, user, _source = staff_a
    client.force_login(user)
    # The session, the user, the venues, the sources with their counts (and the header's
    # municipalities when its cache missed).
    with django_assert_max_num_queries(5):
        client.get(LIST)
    for n in range(5):
        make_source(venue=venue, url=f"https://fjordscenen.example/{n}.ics", name=f"K{n}")
    client.get(LIST)  # the header's municipalities, cached again after the change
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert response.content.decode().count("staff-list__item") == 6


def test_forged_source_ids_are_404(client, staff_a, source_b):
    _venue, user, _source = staff_a
    client.force_login(user)
    pk = source_b.pk
    assert client.get(reverse("imports_staff:edit", args=[pk])).status_code == 404
    assert client.post(reverse("imports_staff:edit", args=[pk]), form_data()).status_code == 404
    assert client.post(reverse("imports_staff:fetch", args=[pk])).status_code == 404
    follow = reverse("imports_staff:follow", args=[pk])
    assert client.post(follow, {"follow": "0"}).status_code == 404
    assert client.get(reverse("imports_staff:delete", args=[pk])).status_code == 404
    assert client.post(reverse("imports_staff:delete", args=[pk])).status_code == 404
    source_b.refresh_from_db()
    assert source_b.is_active and source_b.last_run_at is None


def test_secretariat_without_venues_is_pointed_to_the_admin(client, secretary, source_b):
    client.force_login(secretary)
    response = client.get(LIST)
    assert response.status_code == 200
    assert reverse("admin:imports_eventsource_changelist") in response.content.decode()
    assert "Andet kalender" not in response.content.decode()
    assert client.get(reverse("imports_staff:edit", args=[source_b.pk])).status_code == 404


def test_add_form_offers_own_venues_and_guesses_no_focus_area_among_them(
    client, venue_staff, source_b
):
    venue, user = venue_staff
    other = VenueFactory(name="Mit Andet Sted")
    other.staff.add(user)
    client.force_login(user)
    response = client.get(ADD)
    html = response.content.decode()
    assert response.status_code == 200
    assert venue.name in html and other.name in html and ">Andet Sted<" not in html
    # Which venue's usual focus area would be a guess: the person chooses.
    assert "checked" not in html
    assert "«trusted»" not in html and "category" not in html.lower()


def test_a_forged_venue_is_a_form_error_and_fetches_nothing(client, venue_staff, source_b):
    _venue, user = venue_staff
    client.force_login(user)
    before = EventSource.objects.count()
    response = client.post(ADD, {**form_data(source_b.venue), "action": "try"})
    assert response.status_code == 400
    assert "Vælg et af dine egne steder." in response.content.decode()
    assert 'href="#id_venue"' in response.content.decode()
    assert EventSource.objects.count() == before


@pytest.mark.parametrize(
    "address", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/cal.ics", ""]
)
def test_addresses_that_are_not_web_addresses_are_refused(client, venue_staff, address):
    venue, user = venue_staff
    client.force_login(user)
    response = client.post(ADD, {**form_data(venue, url=address), "action": "try"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not EventSource.objects.exists()


def test_the_same_address_twice_for_a_venue_is_refused(client, staff_a):
    venue, user, source = staff_a
    client.force_login(user)
    webcal = source.url.replace("https://", "webcal://")
    response = client.post(ADD, {**form_data(venue, url=webcal), "action": "try"})
    assert response.status_code == 400
    assert "følger allerede denne adresse" in response.content.decode()
    assert EventSource.objects.count() == 1


def test_editing_the_defaults_saves_without_fetching(client, staff_a):
    _venue, user, source = staff_a

    area = FocusArea.objects.exclude(slug="musik").first()
    audience = Audience.objects.first()
    client.force_login(user)
    url = reverse("imports_staff:edit", args=[source.pk])
    data = {
        "url": source.url,
        "kind": "ics",
        "name": "Ny navn",
        "focus_areas": [area.pk],
        "audiences": [audience.pk],
        "trusted": "on",
        "fetch_interval_hours": "1",
        "category_map": '{"x": ["musik"]}',
        "action": "save",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.name == "Ny navn" and list(source.focus_areas.all()) == [area]
    assert list(source.audiences.all()) == [audience]
    # Secretariat-only fields are not the form's.
    assert not source.trusted and source.fetch_interval_hours == 6 and source.category_map == {}
    assert source.last_run_at is None


def test_stop_following_and_follow_again(client, staff_a):
    _venue, user, source = staff_a
    client.force_login(user)
    follow = reverse("imports_staff:follow", args=[source.pk])
    assert client.get(follow).status_code == 405
    response = client.post(follow, {"follow": "0"}, follow=True)
    source.refresh_from_db()
    assert not source.is_active
    html = response.content.decode()
    assert "følger ikke længere kalenderen" in html and "Følges ikke" in html
    client.post(follow, {"follow": "1"})
    source.refresh_from_db()
    assert source.is_active


def test_delete_keeps_the_events(client, staff_a):
    _venue, user, source = staff_a
    run(source, events=[weekly(), single()], now=NOW)
    client.force_login(user)
    url = reverse("imports_staff:delete", args=[source.pk])
    response = client.get(url)
    assert "De 2 arrangementer, der allerede er hentet fra den, bliver på siden" in (
        response.content.decode()
    )
    assert EventSource.objects.filter(pk=source.pk).exists()  # a GET deletes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == LIST
    assert not EventSource.objects.filter(pk=source.pk).exists()
    assert not SourceItem.objects.exists()
    assert Event.objects.count() == 2


def test_csrf_is_required(staff_a):
    from django.test import Client

    _venue, user, source = staff_a
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("imports_staff:delete", args=[source.pk]))
    assert response.status_code == 403
    assert EventSource.objects.filter(pk=source.pk).exists()


def test_fetch_now_waits_a_few_minutes_between_runs(client, staff_a):
    _venue, user, source = staff_a
    ran = timezone.now() - timedelta(minutes=trying.FETCH_AGAIN_MINUTES - 1)
    EventSource.objects.filter(pk=source.pk).update(last_run_at=ran, last_outcome="ok")
    client.force_login(user)
    response = client.post(reverse("imports_staff:fetch", args=[source.pk]), follow=True)
    assert "for mindre end 5 minutter siden" in response.content.decode()
    source.refresh_from_db()
    assert source.last_run_at == ran


def test_trying_addresses_is_limited_per_user(client, venue_staff):
    venue, user = venue_staff
    for _ in range(trying.TRIES_PER_HOUR):
        trying.count_try(user)
    client.force_login(user)
    response = client.post(ADD, {**form_data(venue), "action": "try"})
    assert response.status_code == 429
    assert "Vent lidt" in response.content.decode()
    other = UserFactory(username="en-anden")
    assert trying.tries_left(other)


def test_dashboard_links_to_the_calendars(client, venue_staff):
    _venue, user = venue_staff
    client.force_login(user)
    assert LIST in client.get(reverse("staff:dashboard")).content.decode()


def test_an_edit_without_a_kind_is_a_form_error_not_a_500(client, staff_a):
    _venue, user, source = staff_a
    client.force_login(user)
    musik = FocusArea.objects.get(slug="musik").pk
    data = {"url": source.url, "kind": "", "name": "X", "focus_areas": [musik], "action": "save"}
    response = client.post(reverse("imports_staff:edit", args=[source.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_kind"' in html
    assert "<h1>Fjordscenens kalender</h1>" in html  # the status shows the source as saved
    source.refresh_from_db()
    assert source.kind == "ics" and source.name == "Fjordscenens kalender"


def test_the_pages_speak_english_under_en(client, staff_a):
    _venue, user, source = staff_a
    client.force_login(user)
    edit = reverse("imports_staff:edit", args=[source.pk])
    html = client.get("/en" + LIST).content.decode()
    assert "Calendars" in html and "Not fetched yet" in html
    html = client.get("/en" + edit).content.decode()
    assert "Fetch now" in html and "Stop following" in html
