"""A venue the secretariat marks inactive stops its staff at once: its events leave their
staff pages (list, edit, copy, a date's status, the preview), the event form no longer offers
it, and a forged POST for it is refused. Their other, active venue keeps working, and making
the venue active again gives the access back."""

import pytest
from django.urls import reverse

from events.models import Event, Occurrence
from municipalities.models import Venue
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(client, settings):
    """A person on the staff of an inactive venue (with a draft and a published event) and
    of an active one (with a draft); logged in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(username="koordinator")
    closed_venue = VenueFactory(name="Lukket Scene")
    open_venue = VenueFactory(name="Åben Scene")
    closed_venue.staff.add(user)
    open_venue.staff.add(user)
    draft = EventFactory(venue=closed_venue, title="Kladde på lukket scene", status="draft")
    date = OccurrenceFactory(event=draft)
    published = EventFactory(venue=closed_venue, title="Offentlig på lukket scene")
    OccurrenceFactory(event=published)
    EventFactory(venue=open_venue, title="Kladde på åben scene", status="draft")
    Venue.objects.filter(pk=closed_venue.pk).update(is_active=False)
    client.force_login(user)
    return {
        "user": user,
        "venue": closed_venue,
        "open_venue": open_venue,
        "draft": draft,
        "date": date,
        "client": client,
    }


def test_the_staff_list_leaves_out_the_events_of_an_inactive_venue(closed):
    html = closed["client"].get(reverse("staff:dashboard")).content.decode()
    assert "Kladde på åben scene" in html
    assert "Kladde på lukket scene" not in html
    assert "Offentlig på lukket scene" not in html


def test_the_events_of_an_inactive_venue_cannot_be_opened_by_its_staff(closed):
    client, draft = closed["client"], closed["draft"]
    for url in [
        reverse("staff:edit", args=[draft.pk]),
        reverse("staff:duplicate", args=[draft.pk]),
        reverse("staff:occurrence", args=[closed["date"].pk]),
        draft.get_absolute_url(),  # the preview of an unpublished event
    ]:
        assert client.get(url).status_code == 404, url


def test_the_event_form_no_longer_offers_an_inactive_venue(closed):
    response = closed["client"].get(reverse("staff:create"))
    venues = list(response.context["form"].fields["venue"].queryset)
    assert venues == [closed["open_venue"]]
    assert "Lukket Scene" not in response.content.decode()


def test_a_forged_post_for_an_inactive_venue_creates_and_changes_nothing(closed):
    client, draft = closed["client"], closed["draft"]
    data = event_data(closed["venue"], dates=[soon()], submit="1")
    assert client.post(reverse("staff:create"), data).status_code == 404
    data = event_data(closed["venue"], existing=[closed["date"]], save="1", title="Ændret")
    assert client.post(reverse("staff:edit", args=[draft.pk]), data).status_code == 404
    url = reverse("staff:occurrence", args=[closed["date"].pk])
    assert client.post(url, {"status": "cancelled"}).status_code == 404
    assert Event.objects.filter(venue=closed["venue"]).count() == 2
    draft.refresh_from_db()
    assert draft.title == "Kladde på lukket scene"
    assert Occurrence.objects.get(pk=closed["date"].pk).status == Occurrence.Status.SCHEDULED


def test_staff_of_only_inactive_venues_may_not_create_events(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(username="alene")
    venue = VenueFactory(name="Lukket", is_active=False)
    venue.staff.add(user)
    client.force_login(user)
    assert client.get(reverse("staff:create")).status_code == 403


def test_making_the_venue_active_again_gives_the_access_back(closed):
    Venue.objects.filter(pk=closed["venue"].pk).update(is_active=True)
    client, draft = closed["client"], closed["draft"]
    assert client.get(reverse("staff:edit", args=[draft.pk])).status_code == 200
    assert "Kladde på lukket scene" in client.get(reverse("staff:dashboard")).content.decode()
