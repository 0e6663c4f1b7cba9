"""Who may open which staff page, and forged ids: every staff URL × every kind of person.

Staff of another venue get 404 for this venue's event and dates (it does not exist for them),
the secretariat works in the admin and has no venues here, anonymous people are asked to log in.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    venue = VenueFactory(name="Eget sted")
    other_venue = VenueFactory(name="Fremmed sted")
    own = UserFactory(username="egen")
    other = UserFactory(username="fremmed")
    venue.staff.add(own)
    other_venue.staff.add(other)
    secretary = UserFactory(username="sekretaer", is_staff=True)
    secretary.groups.add(Group.objects.get(name="Sekretariat"))
    event = EventFactory(venue=venue, status="draft", title="Eget arrangement")
    occurrence = OccurrenceFactory(event=event)
    return {
        "venue": venue,
        "other_venue": other_venue,
        "event": event,
        "occurrence": occurrence,
        "users": {"anonymous": None, "other": other, "own": own, "secretariat": secretary},
    }


EXPECTED = {
    # url name: (anonymous, staff of another venue, staff of this venue, secretariat)
    "dashboard": (302, 200, 200, 200),
    "create": (302, 200, 200, 403),
    "edit": (302, 404, 200, 404),
    "duplicate": (302, 404, 200, 404),
    "occurrence": (302, 404, 200, 404),
}


def url_for(name, world):
    if name in {"dashboard", "create"}:
        return reverse(f"staff:{name}")
    obj = world["occurrence"] if name == "occurrence" else world["event"]
    return reverse(f"staff:{name}", args=[obj.pk])


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("who", ["anonymous", "other", "own", "secretariat"])
def test_permission_matrix_get(client, world, name, who):
    user = world["users"][who]
    if user:
        client.force_login(user)
    expected = EXPECTED[name][["anonymous", "other", "own", "secretariat"].index(who)]
    response = client.get(url_for(name, world))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["anonymous", "other", "secretariat"])
def test_nobody_else_can_change_the_event_or_its_dates(client, world, who):
    user = world["users"][who]
    if user:
        client.force_login(user)
    event, occurrence = world["event"], world["occurrence"]
    data = event_data(world["venue"], existing=[occurrence], submit="1", title="Kapret")
    assert client.post(url_for("edit", world), data).status_code in {302, 404}
    assert client.post(url_for("duplicate", world)).status_code in {302, 404}
    assert client.post(url_for("occurrence", world), {"status": "cancelled"}).status_code in {
        302,
        404,
    }
    event.refresh_from_db()
    occurrence.refresh_from_db()
    assert event.title == "Eget arrangement"
    assert event.status == Event.Status.DRAFT
    assert occurrence.status == Occurrence.Status.SCHEDULED
    assert Event.objects.count() == 1


def test_unknown_ids_are_404(client, world):
    client.force_login(world["users"]["own"])
    for name in ("edit", "duplicate", "occurrence"):
        assert client.get(reverse(f"staff:{name}", args=[999_999])).status_code == 404


def test_forged_venue_in_create_post_is_404(client, world):
    client.force_login(world["users"]["own"])
    data = event_data(world["venue"], dates=[soon()], submit="1")
    data["venue"] = str(world["other_venue"].pk)
    assert client.post(reverse("staff:create"), data).status_code == 404
    data["venue"] = "not-a-number"
    assert client.post(reverse("staff:create"), data).status_code == 404
    assert Event.objects.count() == 1


def test_forged_venue_in_edit_post_is_404(client, world):
    client.force_login(world["users"]["own"])
    data = event_data(world["venue"], existing=[world["occurrence"]], save="1")
    data["venue"] = str(world["other_venue"].pk)
    assert client.post(url_for("edit", world), data).status_code == 404
    world["event"].refresh_from_db()
    assert world["event"].venue == world["venue"]


def test_forged_date_id_of_another_event_in_edit_post_is_404(client, world):
    client.force_login(world["users"]["own"])
    foreign = OccurrenceFactory(event=EventFactory(venue=world["other_venue"]))
    data = event_data(world["venue"], existing=[world["occurrence"]], save="1")
    data["dates-0-id"] = str(foreign.pk)
    assert client.post(url_for("edit", world), data).status_code == 404
    data["dates-0-id"] = "x"
    assert client.post(url_for("edit", world), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.event.venue == world["other_venue"]


def test_forged_date_id_in_create_post_is_404(client, world):
    client.force_login(world["users"]["own"])
    data = event_data(world["venue"], existing=[world["occurrence"]], submit="1")
    assert client.post(reverse("staff:create"), data).status_code == 404
    assert Event.objects.count() == 1


def test_a_venue_not_offered_is_not_in_the_form(client, world):
    client.force_login(world["users"]["own"])
    html = client.get(reverse("staff:create")).content.decode()
    assert "Eget sted" in html
    assert "Fremmed sted" not in html
