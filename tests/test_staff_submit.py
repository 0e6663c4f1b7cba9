"""Sending an event from the staff pages: once only, with a button that says what it does,
and a preview of what citizens will see first."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("da")
    yield
    translation.deactivate()


def staff_client(*venues):
    user = UserFactory()
    for venue in venues:
        venue.staff.add(user)
    client = Client()
    client.force_login(user)
    return client


def token_of(html):
    return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', html).group(1)


def actions_html(html):
    return html[html.index('class="staff-form__actions"') :]


# --- Once only ------------------------------------------------------------------------------


@pytest.mark.parametrize("trusted", [True, False])
def test_the_same_form_posted_twice_makes_one_event(trusted):
    venue = VenueFactory(is_trusted=trusted)
    client = staff_client(venue)
    token = token_of(client.get(reverse("staff:create")).content.decode())
    data = event_data(venue, dates=[soon()], title="Dobbeltklik", submit="1")
    data["submission_token"] = token
    first = client.post(reverse("staff:create"), data)
    second = client.post(reverse("staff:create"), data, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200  # the first result, not an error page
    assert Event.objects.filter(title="Dobbeltklik").count() == 1
    event = Event.objects.get()
    assert event.occurrences.count() == 1
    html = second.content.decode()
    assert "Dobbeltklik" in html
    assert ("er offentliggjort" if trusted else "er sendt til godkendelse") in html


def test_a_new_form_gets_a_new_token():
    venue = VenueFactory()
    client = staff_client(venue)
    first = token_of(client.get(reverse("staff:create")).content.decode())
    second = token_of(client.get(reverse("staff:create")).content.decode())
    assert first != second


@pytest.mark.parametrize("token", ["", "not-a-token", "1" * 300])
def test_a_create_form_without_a_valid_token_saves_nothing_and_says_so(token):
    venue = VenueFactory()
    client = staff_client(venue)
    data = event_data(venue, dates=[soon()], submit="1", submission_token=token)
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Formularen var forældet" in html
    assert token_of(html)  # a fresh token to send it again with
    assert "Jazz i kælderen" in html  # nothing typed is lost
    assert not Event.objects.exists()


def test_another_accounts_token_is_not_the_first_result():
    venue, other_venue = VenueFactory(), VenueFactory()
    owner, stranger = staff_client(venue), staff_client(other_venue)
    data = event_data(venue, dates=[soon()], title="Hemmelig", submit="1")
    assert owner.post(reverse("staff:create"), data).status_code == 302
    forged = event_data(other_venue, dates=[soon()], title="Min egen", submit="1")
    forged["submission_token"] = data["submission_token"]
    response = stranger.post(reverse("staff:create"), forged, follow=True)
    assert "Hemmelig" not in response.content.decode()
    assert not Event.objects.filter(title="Min egen", venue=venue).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_posts_of_one_form_at_the_same_moment_make_one_event():
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL (SQLite locks the whole table)")
    venue = VenueFactory(is_trusted=True)
    user = UserFactory()
    venue.staff.add(user)
    data = event_data(venue, dates=[soon()], title="Samtidig", submit="1")
    barrier = threading.Barrier(2)
    codes = []

    def post():
        client = Client()
        client.force_login(user)
        barrier.wait()
        codes.append(client.post(reverse("staff:create"), data).status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302, 302]
    assert Event.objects.filter(title="Samtidig").count() == 1


def test_the_form_loads_the_script_that_shows_it_is_working():
    venue = VenueFactory()
    html = staff_client(venue).get(reverse("staff:create")).content.decode()
    assert re.search(r'<script src="/static/js/staff-form[.\w]*\.js" defer>', html)
    assert 'data-busy-label="Arbejder …"' in html
    assert "<script>" not in html  # no inline script (CSP)


# --- The button says what it does --------------------------------------------------------


def test_a_trusted_venues_button_says_publish():
    venue = VenueFactory(is_trusted=True)
    html = actions_html(staff_client(venue).get(reverse("staff:create")).content.decode())
    assert ">Offentliggør</button>" in html
    assert "Send til godkendelse" not in html


def test_an_untrusted_venues_button_says_submit_for_review():
    venue = VenueFactory(is_trusted=False)
    html = actions_html(staff_client(venue).get(reverse("staff:create")).content.decode())
    assert ">Send til godkendelse</button>" in html
    assert ">Offentliggør</button>" not in html


def test_an_account_with_both_kinds_of_venue_is_told_which_publishes():
    client = staff_client(VenueFactory(is_trusted=True), VenueFactory(is_trusted=False))
    html = actions_html(client.get(reverse("staff:create")).content.decode())
    assert ">Offentliggør eller send til godkendelse</button>" in html
    assert "offentliggøres med det samme" in html


def test_edits_at_an_untrusted_venue_say_they_are_sent_for_review():
    venue = VenueFactory(is_trusted=False)
    client = staff_client(venue)
    event = EventFactory(venue=venue, status="published")
    html = client.get(reverse("staff:edit", args=[event.pk])).content.decode()
    assert "Send ændringerne til godkendelse" in actions_html(html)
    trusted = VenueFactory(is_trusted=True)
    other = EventFactory(venue=trusted, status="published")
    html = staff_client(trusted).get(reverse("staff:edit", args=[other.pk])).content.decode()
    assert "Offentliggør ændringerne" in actions_html(html)


def test_edits_need_review_is_the_one_rule():
    untrusted, trusted = VenueFactory(is_trusted=False), VenueFactory(is_trusted=True)
    assert EventFactory(venue=untrusted, status="published").edits_need_review
    assert not EventFactory(venue=trusted, status="published").edits_need_review
    assert not EventFactory(venue=untrusted, status="draft").edits_need_review


# --- The preview --------------------------------------------------------------------------


@pytest.mark.parametrize("trusted", [True, False])
def test_the_preview_shows_the_event_as_citizens_will_and_saves_nothing(trusted):
    venue = VenueFactory(is_trusted=trusted, name="Kulturhuset")
    client = staff_client(venue)
    start, _end = soon(9)
    data = event_data(venue, dates=[(start, None)], title="Forhåndsvist", preview="1")
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    preview = html[html.index('id="preview"') : html.index("<form")]
    assert "Se det, som borgerne vil se det" in preview
    assert "Forhåndsvist" in preview and "Kulturhuset" in preview and "100 kr." in preview
    assert "<p>Første afsnit.</p>" in preview
    assert start.astimezone().isoformat()[:16] in preview
    assert not Event.objects.exists()
    # The form is still there, filled in, with its token, ready to send.
    assert 'value="Forhåndsvist"' in html
    assert token_of(html) == data["submission_token"]
    label = "Offentliggør" if trusted else "Send til godkendelse"
    assert f">{label}</button>" in actions_html(html)


def test_the_preview_of_an_edit_shows_the_unsaved_changes():
    venue = VenueFactory(is_trusted=False)
    client = staff_client(venue)
    event = EventFactory(venue=venue, status="published", title="Gammel")
    occurrence = OccurrenceFactory(event=event)
    data = event_data(venue, existing=[occurrence], title="Ny og ikke gemt", preview="1")
    html = client.post(reverse("staff:edit", args=[event.pk]), data).content.decode()
    assert "Ny og ikke gemt" in html[html.index('id="preview"') :]
    event.refresh_from_db()
    assert event.title == "Gammel"
    assert not EventRevision.objects.exists()


def test_every_form_offers_the_preview():
    venue = VenueFactory()
    client = staff_client(venue)
    event = EventFactory(venue=venue, status="published")
    for url in (reverse("staff:create"), reverse("staff:edit", args=[event.pk])):
        html = actions_html(client.get(url).content.decode())
        assert 'name="preview"' in html and "Se det, som borgerne vil se det" in html
