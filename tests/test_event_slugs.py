"""An event's address tells nothing about events the public cannot see.

With counted slugs a new «Jazz i parken» got ``jazz-i-parken-2`` while ``jazz-i-parken/``
answered 404: anyone could tell that an unpublished event with that title existed. Every new
event's slug now ends in a random suffix (``core.text.opaque_slug``), clash or not; slugs
given before keep working.
"""

import re

import pytest

from events.models import Event
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

SUFFIXED = r"jazz-i-parken-[a-z2-9]{6}"


def published(**kwargs):
    event = EventFactory(status=Event.Status.PUBLISHED, **kwargs)
    OccurrenceFactory(event=event)
    return event


def test_a_slug_does_not_reveal_an_unpublished_event_with_the_same_title(client):
    EventFactory(title="Jazz i parken", status=Event.Status.DRAFT)
    EventFactory(title="Jazz i parken", status=Event.Status.SUBMITTED)
    after_hidden = published(title="Jazz i parken")
    # The same title on another day with no hidden namesake: the same shape of address.
    Event.objects.exclude(pk=after_hidden.pk).delete()
    alone = published(title="Jazz i parken")
    for event in (after_hidden, alone):
        assert re.fullmatch(SUFFIXED, event.slug), event.slug
        assert not event.slug.endswith(("-2", "-3"))
    assert client.get("/arrangementer/jazz-i-parken/").status_code == 404
    assert client.get(after_hidden.get_absolute_url()).status_code == 200


def test_slugs_of_namesakes_differ_and_follow_no_count():
    slugs = [EventFactory(title="Jazz i parken").slug for _ in range(5)]
    assert len(set(slugs)) == 5
    assert all(re.fullmatch(SUFFIXED, slug) for slug in slugs)


def test_a_copy_gets_a_slug_of_its_own(django_user_model):
    event = published(title="Jazz i parken")
    copy = event.copy_as_draft(django_user_model.objects.create(username="kopist"))
    assert copy.slug != event.slug
    assert re.fullmatch(SUFFIXED, copy.slug)


def test_slugs_given_before_keep_working(client):
    # Events made before the change have counted slugs; saving keeps them.
    old = published(title="Jazz i parken", slug="jazz-i-parken-2")
    old.title = "Jazz i parken (rettet)"
    old.save()
    old.refresh_from_db()
    assert old.slug == "jazz-i-parken-2"
    assert client.get("/arrangementer/jazz-i-parken-2/").status_code == 200


def test_a_long_title_still_fits_the_slug_field():
    # 200 letters that each become two: the slug's base is cut to leave room for the suffix.
    event = EventFactory(title="Æ" * 200)
    assert len(event.slug) == Event._meta.get_field("slug").max_length
    assert re.fullmatch(r"(ae)+a?-[a-z2-9]{6}", event.slug)
