"""Every public page issues a constant number of SQL queries, whatever the amount of data.

Each page is requested once to warm up, then measured; the data is then grown from 2 events
to 52 (several dates each, more venues, focus areas, audiences and accessibility features)
and the page is measured again. Both counts must equal the pinned number.

Why the warm-up: the header/footer context processor caches the nine municipalities
(``municipalities.context_processors.navigation``, one query on a cold cache), the filter choices
are cached (``events.vocabulary``, five queries on a cold cache), and the conftest clears the
cache before each test. The pinned numbers are for a warm cache.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import AccessibilityFeature, Audience, Event, FocusArea
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

FILTERS = (
    "?q=koncert&municipality=koege&municipality=roskilde&focus_area=musik"
    "&audience=unge&accessibility=trinfri-adgang"
)

# Queries per page on a warm cache, the same at 2 and at 52 events.
EXPECTED = {
    # featured events, running exhibitions (the strip), upcoming dates, their focus areas,
    # the next 14 days' counts, nine, three
    "front": 7,
    # the first dates' keys in the listing's order (the heading's count, the strip and the
    # page's ids come from it: events.search.listing), the page of dates, their focus
    # areas (and the strip's rows when it has any); the five filter-form choice lists come
    # from the cache (events.vocabulary). It was six: the strip, a capped count, two
    # counts and the page each read the dates
    "listing": 3,
    # with a search (``q``): the matching events' ids (up to 10,001), one query of the
    # matching dates' keys (the heading's count, the strip and the order come from it:
    # events.search.listing), the candidates' ranks, the page of dates, their focus areas —
    # one fewer than before, when the counts, the strip and the two relevance parts each
    # read the matches again; the chosen slugs are checked against the cached choices too.
    # With several filters on the events besides the search, the few matching events' ids
    # come first (events.filters: the filters' events, then the search among them — one
    # query more than a search alone, instead of dates walked through the years)
    "listing_filtered": 6,
    # event + venue + municipality, focus areas, audiences, own and venue features, dates;
    # more at the venue, similar events, the focus areas of both lists
    "event_detail": 9,
    # municipalities annotated with their venue count
    "municipality_index": 1,
    # municipality, its venues, upcoming dates, their focus areas, the next 14 days' counts
    # (the "Musik i Køge" links take the cached focus areas: events.vocabulary)
    "municipality": 5,
    # venue + municipality, its features, upcoming dates, their focus areas, the 14 days
    "venue": 5,
    # focus area, upcoming dates, their focus areas, the three focus areas, the 14 days
    # (the nine "Musik i Køge" links take the header's cached municipalities)
    "focus_area": 5,
    # the page row
    "text_page": 1,
}


class World:
    """A small data set that can grow; every page shows rows in both sizes."""

    def __init__(self):
        self.features = list(AccessibilityFeature.objects.all())
        self.audiences = list(Audience.objects.all())
        self.focus_areas = list(FocusArea.objects.all())
        self.count = 0
        self.venue = VenueFactory(name="Teatret", municipality=municipality("koege"))
        self.venue.accessibility_features.set(self.features[:1])
        self.event = self.add_event(self.venue, featured=True, dates=2)
        self.add_event(self.venue, featured=False, dates=1)

    def add_event(self, venue, *, featured, dates):
        self.count += 1
        event = EventFactory(
            title=f"Koncert for unge {self.count}",
            venue=venue,
            is_featured=featured,
            focus_areas=self.focus_areas[: 1 + self.count % 3],
        )
        event.audiences.set(self.audiences[2 : 3 + self.count % 3])
        event.accessibility_features.set(self.features[: 1 + self.count % 4])
        if self.count % 2 == 0:  # a picture with renditions: its URLs need no query
            Event.objects.filter(pk=event.pk).update(
                image=f"events/2026/01/bild{self.count}.jpg", image_width=1600, image_height=900
            )
        now = timezone.now()
        for n in range(dates):
            OccurrenceFactory(event=event, start=now + timedelta(days=1 + n, hours=self.count))
        return event

    def grow(self):
        """Fifty more events with three dates each, in more venues in both filtered towns."""
        venues = [self.venue]
        for i, slug in enumerate(["koege", "roskilde", "koege", "roskilde"]):
            venue = VenueFactory(name=f"Scene {i}", municipality=municipality(slug))
            venue.accessibility_features.set(self.features[i % 3 : i % 3 + 3])
            venues.append(venue)
        for i in range(50):
            self.add_event(venues[i % len(venues)], featured=i % 5 == 0, dates=3)
        for n in range(5):
            OccurrenceFactory(
                event=self.event, start=timezone.now() + timedelta(days=10 + n, hours=2)
            )
        self.event.audiences.set(self.audiences)
        self.event.accessibility_features.set(self.features)
        self.event.focus_areas.set(self.focus_areas)


@pytest.fixture
def world():
    return World()


def measure(client, path):
    """Queries of one request to ``path`` after a warm-up request (cache filled)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def assert_constant(client, world, name, path, shown):
    """The page's query count at 2 and at 52 events is the pinned number; ``shown(response)``
    returns how many rows the page listed, which must grow (so the test measures real rows)."""
    small, response = measure(client, path)
    rows_small = shown(response)
    world.grow()
    large, response = measure(client, path)
    rows_large = shown(response)
    assert rows_large > rows_small > 0
    assert (small, large) == (EXPECTED[name], EXPECTED[name])


def context_len(key):
    return lambda response: len(response.context[key])


def test_front_page_queries_are_constant(client, world):
    def shown(response):
        return len(response.context["featured"]) + len(response.context["upcoming"])

    assert_constant(client, world, "front", "/", shown)


def pictures(response):
    """Cards showing a picture with renditions (srcset): they must cost no query."""
    return response.content.decode().count('<source type="image/webp" srcset=')


def test_listing_queries_are_constant(client, world):
    assert_constant(client, world, "listing", "/arrangementer/", context_len("occurrences"))


def test_listing_queries_are_constant_with_pictures_on_the_cards(client, world):
    assert_constant(client, world, "listing", "/arrangementer/", pictures)


def test_front_page_queries_are_constant_with_pictures_on_the_cards(client, world):
    assert_constant(client, world, "front", "/", pictures)


def test_filtered_listing_queries_are_constant(client, world):
    path = "/arrangementer/" + FILTERS
    assert_constant(client, world, "listing_filtered", path, context_len("occurrences"))


def test_event_detail_queries_are_constant(client, world):
    def shown(response):
        context = response.context
        return sum(
            len(context[key])
            for key in ("upcoming_dates", "accessibility", "more_at_venue", "similar")
        )

    path = f"/arrangementer/{world.event.slug}/"
    assert_constant(client, world, "event_detail", path, shown)


def test_municipality_index_queries_are_constant(client, world):
    def shown(response):
        return sum(m.venue_count for m in response.context["municipalities"])

    assert_constant(client, world, "municipality_index", "/kommuner/", shown)


def test_municipality_page_queries_are_constant(client, world):
    def shown(response):
        municipality = response.context["municipality"]
        return len(response.context["upcoming"]) + len(municipality.venues.all())

    assert_constant(client, world, "municipality", "/kommuner/koege/", shown)


def test_venue_page_queries_are_constant(client, world):
    path = f"/steder/{world.venue.slug}/"
    assert_constant(client, world, "venue", path, context_len("upcoming"))


def test_focus_area_page_queries_are_constant(client, world):
    assert_constant(client, world, "focus_area", "/indsatser/musik/", context_len("upcoming"))


def test_text_page_queries_are_constant(client, world):
    # The page has no rows that grow; it is measured with the same growing data all the same.
    small, _ = measure(client, "/om/")
    world.grow()
    large, _ = measure(client, "/om/")
    assert (small, large) == (EXPECTED["text_page"], EXPECTED["text_page"])
