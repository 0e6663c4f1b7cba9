"""The page cache is kept when nothing public changes: venue staff saving a draft, editing
it, sending it for review; a submission waiting; a rejected one. It is dropped when a change
reaches the public: an approval, a published event edited or withdrawn, a date of a
published event added or cancelled."""

import pytest
from django.test import Client
from django.urls import reverse

from events import moderation
from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, focus_area
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

LISTING = "/arrangementer/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def visitor(page_cache):
    """An anonymous visitor and a published event; ``visitor.prime()`` caches the listing,
    ``visitor.cache()`` says how the next request for it was served."""
    client = Client()
    client.event = OccurrenceFactory(event__title="Offentlig koncert").event

    def prime():
        assert client.get(LISTING)["X-Page-Cache"] == "miss"
        assert client.get(LISTING)["X-Page-Cache"] == "hit"

    def cache():
        return client.get(LISTING)["X-Page-Cache"]

    client.prime, client.cache = prime, cache
    return client


@pytest.fixture
def staff(venue_staff):
    venue, user = venue_staff
    client = Client()
    client.force_login(user)
    return client, venue, user


def test_venue_staff_saving_and_submitting_a_draft_keeps_the_cache(visitor, staff):
    client, venue, _user = staff
    visitor.prime()
    response = client.post(reverse("staff:create"), event_data(venue, dates=[soon()], save="1"))
    assert response.status_code == 302
    event = Event.objects.get(venue=venue)
    assert event.status == Event.Status.DRAFT
    assert visitor.cache() == "hit"

    edit = reverse("staff:edit", args=[event.pk])
    dates = list(event.occurrences.all())
    data = event_data(venue, existing=dates, dates=[soon(9)], title="Ny titel", submit="1")
    assert client.post(edit, data).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED
    assert event.occurrences.count() == 2
    assert visitor.cache() == "hit"


def test_changes_to_unpublished_events_keep_the_cache(visitor):
    venue = visitor.event.venue
    visitor.prime()
    draft = EventFactory(title="Kladde", status=Event.Status.DRAFT, venue=venue)
    occurrence = OccurrenceFactory(event=draft)
    draft.focus_areas.add(focus_area("ungekultur"))
    draft.title = "Kladde, rettet"
    draft.save()
    occurrence.status = Occurrence.Status.CANCELLED
    occurrence.save()
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.SUBMITTED)  # sent for review
    submitted = Event.objects.get(pk=draft.pk)
    moderation.reject(submitted, UserFactory(is_staff=True), "For kort", version=submitted.version)
    Event.objects.get(pk=draft.pk).delete()
    assert visitor.cache() == "hit"


def test_an_approval_reaches_the_listing_at_once(visitor):
    visitor.prime()
    waiting = EventFactory(
        title="Ventende koncert", status=Event.Status.SUBMITTED, venue=visitor.event.venue
    )
    OccurrenceFactory(event=waiting)
    assert visitor.cache() == "hit"
    waiting = Event.objects.get(pk=waiting.pk)
    moderation.approve(waiting, UserFactory(is_staff=True), version=waiting.version)
    response = visitor.get(LISTING)
    assert response["X-Page-Cache"] == "miss"
    assert "Ventende koncert" in response.content.decode()


def test_a_withdrawn_event_leaves_the_listing_at_once(visitor):
    visitor.prime()
    event = Event.objects.get(title="Offentlig koncert")
    event.status = Event.Status.DRAFT
    event.save()
    response = visitor.get(LISTING)
    assert response["X-Page-Cache"] == "miss"
    assert "Offentlig koncert" not in response.content.decode()


def test_a_published_event_s_new_date_and_focus_area_reach_the_listing(visitor):
    visitor.prime()
    event = Event.objects.get(title="Offentlig koncert")
    OccurrenceFactory(event=event, start=soon(3)[0])
    assert visitor.cache() == "miss"
    assert visitor.cache() == "hit"
    event.focus_areas.add(focus_area("ungekultur"))
    assert visitor.cache() == "miss"
    Event.objects.get(pk=event.pk).occurrences.first().delete()
    assert visitor.cache() == "miss"
