"""The chainable QuerySets: who sees which events, and which dates belong to a time window."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Event, Occurrence
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 18, 12, tzinfo=CPH)  # a Wednesday


def titles(queryset):
    return sorted(e.title for e in queryset)


@pytest.fixture
def by_status():
    """One event of each status, all at the same venue."""
    venue = VenueFactory()
    return {
        status: EventFactory(title=f"Status {status}", venue=venue, status=status)
        for status in Event.Status.values
    }


# -- Event.objects -------------------------------------------------------------------------


def test_published_returns_only_published_events(by_status):
    assert titles(Event.objects.published()) == ["Status published"]


def test_anonymous_visitors_see_only_published_events(by_status):
    assert titles(Event.objects.visible_to(AnonymousUser())) == ["Status published"]


def test_venue_staff_also_see_their_own_venues_unpublished_events(by_status):
    venue = by_status["draft"].venue
    staff = UserFactory()
    venue.staff.add(staff)
    elsewhere = EventFactory(title="Andet steds kladde", status=Event.Status.DRAFT)

    visible = titles(Event.objects.visible_to(staff))

    assert visible == sorted(e.title for e in by_status.values())
    assert elsewhere.title not in visible


def test_venue_staff_see_each_event_once_when_the_venue_has_several_staff(by_status):
    venue = by_status["draft"].venue
    staff = UserFactory()
    venue.staff.add(staff, UserFactory(), UserFactory())
    visible = list(Event.objects.visible_to(staff))
    assert len(visible) == len({e.pk for e in visible}) == len(by_status)


def test_a_user_without_a_venue_sees_only_published_events(by_status):
    by_status["draft"].venue.staff.add(UserFactory())
    assert titles(Event.objects.visible_to(UserFactory())) == ["Status published"]


def test_the_secretariat_sees_every_event(by_status):
    secretariat = UserFactory(is_staff=True)
    assert titles(Event.objects.visible_to(secretariat)) == sorted(
        e.title for e in by_status.values()
    )


def test_next_date_is_the_first_date_that_has_not_ended():
    event = EventFactory()
    OccurrenceFactory(event=event, start=NOW - timedelta(days=3))
    OccurrenceFactory(event=event, start=NOW + timedelta(days=5))
    OccurrenceFactory(event=event, start=NOW + timedelta(days=2))

    annotated = Event.objects.with_next_date(NOW).get(pk=event.pk)

    assert annotated.next_start == NOW + timedelta(days=2)


def test_next_date_of_a_running_exhibition_is_its_opening():
    event = EventFactory()
    OccurrenceFactory(event=event, start=NOW - timedelta(days=10), end=NOW + timedelta(days=10))
    assert Event.objects.with_next_date(NOW).get(pk=event.pk).next_start == NOW - timedelta(days=10)


def test_next_date_of_a_past_event_is_empty():
    event = EventFactory()
    OccurrenceFactory(event=event, start=NOW - timedelta(days=3))
    assert Event.objects.with_next_date(NOW).get(pk=event.pk).next_start is None


def test_upcoming_events_have_a_date_that_has_not_ended():
    future = OccurrenceFactory(event__title="Fremtid", start=NOW + timedelta(days=1)).event
    running = OccurrenceFactory(
        event__title="Udstilling", start=NOW - timedelta(days=10), end=NOW + timedelta(days=10)
    ).event
    OccurrenceFactory(event__title="Forbi", start=NOW - timedelta(days=1))
    EventFactory(title="Uden datoer")

    assert titles(Event.objects.upcoming(NOW)) == titles([future, running])


def test_upcoming_lists_an_event_with_many_dates_once():
    event = EventFactory()
    for days in (1, 2, 3):
        OccurrenceFactory(event=event, start=NOW + timedelta(days=days))
    assert list(Event.objects.upcoming(NOW)) == [event]


def test_published_upcoming_and_next_date_chain():
    published = OccurrenceFactory(start=NOW + timedelta(days=1)).event
    OccurrenceFactory(start=NOW + timedelta(days=1), event__status=Event.Status.SUBMITTED)

    events = list(Event.objects.published().upcoming(NOW).with_next_date(NOW))

    assert events == [published]
    assert events[0].next_start == NOW + timedelta(days=1)


# -- Occurrence.objects --------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.SUBMITTED, Event.Status.REJECTED]
)
def test_public_dates_exclude_unpublished_events(status):
    hidden = OccurrenceFactory(event__status=status)
    shown = OccurrenceFactory(event__status=Event.Status.PUBLISHED)
    public = list(Occurrence.objects.public())
    assert shown in public
    assert hidden not in public


def test_public_dates_include_cancelled_dates_of_published_events():
    cancelled = OccurrenceFactory(status=Occurrence.Status.CANCELLED)
    assert list(Occurrence.objects.public()) == [cancelled]


def test_upcoming_dates_exclude_ended_dates():
    ended = OccurrenceFactory(start=NOW - timedelta(hours=3), end=NOW - timedelta(hours=1))
    ended_without_end = OccurrenceFactory(start=NOW - timedelta(minutes=1), end=None)
    later = OccurrenceFactory(start=NOW + timedelta(hours=1))

    upcoming = list(Occurrence.objects.upcoming(NOW))

    assert upcoming == [later]
    assert ended not in upcoming
    assert ended_without_end not in upcoming


def test_upcoming_dates_include_a_running_exhibition():
    exhibition = OccurrenceFactory(start=NOW - timedelta(days=10), end=NOW + timedelta(days=10))
    assert list(Occurrence.objects.upcoming(NOW)) == [exhibition]


def test_upcoming_dates_include_a_concert_that_is_playing_now():
    playing = OccurrenceFactory(start=NOW - timedelta(hours=1), end=NOW + timedelta(hours=1))
    assert list(Occurrence.objects.upcoming(NOW)) == [playing]


# -- Occurrence.objects.between: overlap semantics -----------------------------------------

FRIDAY = datetime(2026, 3, 20, tzinfo=CPH)
MONDAY = datetime(2026, 3, 23, tzinfo=CPH)


def weekend_dates():
    return list(Occurrence.objects.between(FRIDAY, MONDAY))


def test_a_date_inside_the_window_belongs_to_it():
    saturday = OccurrenceFactory(start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    assert weekend_dates() == [saturday]


def test_an_exhibition_spanning_the_weekend_shows_in_the_weekend():
    exhibition = OccurrenceFactory(
        start=datetime(2026, 3, 1, 10, tzinfo=CPH), end=datetime(2026, 4, 30, 17, tzinfo=CPH)
    )
    assert weekend_dates() == [exhibition]


def test_an_exhibition_that_closes_during_the_weekend_shows_in_the_weekend():
    exhibition = OccurrenceFactory(
        start=datetime(2026, 3, 1, 10, tzinfo=CPH), end=datetime(2026, 3, 21, 17, tzinfo=CPH)
    )
    assert weekend_dates() == [exhibition]


def test_a_date_ending_exactly_at_the_window_start_is_excluded():
    # Half-open windows: a Thursday concert 22.00–24.00 is over when the weekend begins.
    OccurrenceFactory(start=FRIDAY - timedelta(hours=2), end=FRIDAY)
    assert weekend_dates() == []


def test_a_date_ending_a_moment_after_the_window_start_is_included():
    late = OccurrenceFactory(start=FRIDAY - timedelta(hours=2), end=FRIDAY + timedelta(minutes=1))
    assert weekend_dates() == [late]


def test_a_date_without_end_starting_exactly_at_the_window_start_is_included():
    midnight = OccurrenceFactory(start=FRIDAY, end=None)
    assert weekend_dates() == [midnight]


def test_a_date_starting_exactly_at_the_window_end_is_excluded():
    OccurrenceFactory(start=MONDAY, end=MONDAY + timedelta(hours=2))
    assert weekend_dates() == []


def test_a_date_ending_before_the_window_is_excluded():
    OccurrenceFactory(start=FRIDAY - timedelta(hours=3), end=FRIDAY - timedelta(seconds=1))
    assert weekend_dates() == []


def test_between_without_an_end_is_open_ended():
    much_later = OccurrenceFactory(start=datetime(2027, 1, 1, 20, tzinfo=CPH))
    OccurrenceFactory(start=FRIDAY - timedelta(days=1))
    assert list(Occurrence.objects.between(FRIDAY)) == [much_later]


def test_public_and_between_chain():
    shown = OccurrenceFactory(start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    OccurrenceFactory(start=datetime(2026, 3, 21, 21, tzinfo=CPH), event__status=Event.Status.DRAFT)
    assert list(Occurrence.objects.public().between(FRIDAY, MONDAY)) == [shown]
