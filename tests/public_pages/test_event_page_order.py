"""The event page answers the phone user's questions first: the next date, «Tilføj til
kalender», the place and the price/tickets come before the picture, the text and the list of
dates; a long list of dates collapses; «Mere på <sted>» and «Lignende arrangementer» suggest
what else to see; the share control works without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Occurrence
from events.related import RELATED_ON_PAGE
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality
from tests.public_pages.support import page_of, text, upcoming_event

pytestmark = pytest.mark.django_db


def soon(days, hours=19):
    return timezone.now().replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
        days=days, hours=hours
    )


def main_part(html):
    """The page's own content: from the <main> to the related lists."""
    return html[html.index("<main") : html.index("</main>")]


def test_next_date_calendar_place_and_price_come_before_the_description_and_dates(client):
    venue = VenueFactory(name="Musikhuset Bølgen", street_address="Havnegade 3")
    event = EventFactory(
        venue=venue,
        description="Den lange tekst om koncerten.",
        price_text="150 kr.",
        ticket_url="https://billet.example.dk/koncert",
    )
    first = OccurrenceFactory(event=event, start=soon(3))
    OccurrenceFactory(event=event, start=soon(10))
    html = main_part(text(page_of(client, event)))

    description = html.index("Den lange tekst om koncerten.")
    dates_list = html.index('id="dates-heading"')
    start = timezone.localtime(first.start).isoformat()
    for essential in [
        f'<time datetime="{start}">',  # the next date
        f'href="/arrangementer/{event.slug}/{first.pk}.ics"',  # «Tilføj til kalender» for it
        "Tilføj til kalender",
        f">{venue.name}</a>, Havnegade 3",
        "150 kr.",
        'href="https://billet.example.dk/koncert"',
    ]:
        assert html.index(essential) < description < dates_list, essential


def test_the_next_date_is_the_first_that_is_not_cancelled(client):
    event = EventFactory()
    OccurrenceFactory(event=event, start=soon(2), status=Occurrence.Status.CANCELLED)
    going_ahead = OccurrenceFactory(event=event, start=soon(5))
    html = text(page_of(client, event))

    key = html[html.index('class="event-detail__key') : html.index('class="event-detail__main')]
    assert f'datetime="{timezone.localtime(going_ahead.start).isoformat()}"' in key
    assert "Aflyst" not in key


def test_a_single_date_event_adds_the_event_to_the_calendar(client):
    event = upcoming_event()
    html = text(page_of(client, event))
    key = html[html.index('class="event-detail__key') : html.index('class="event-detail__main')]
    assert f'href="/arrangementer/{event.slug}.ics"' in key
    assert "Tilføj til kalender" in key


def test_a_past_event_says_so_in_the_key_facts_and_offers_no_calendar(client):
    event = EventFactory()
    OccurrenceFactory(event=event, start=timezone.now() - timedelta(days=3))
    html = text(page_of(client, event))
    key = html[html.index('class="event-detail__key') : html.index('class="event-detail__main')]
    assert "Ingen kommende datoer." in key
    assert ".ics" not in key


def dates_markup(html):
    return html[html.index('id="dates-heading"') : html.index('id="access-heading"')]


def test_more_than_five_dates_collapse_behind_show_all(client):
    event = EventFactory()
    for day in range(24):
        OccurrenceFactory(event=event, start=soon(day + 1))
    dates = dates_markup(text(page_of(client, event)))

    before, details = dates.split("<details", 1)
    assert before.count('class="dates__item') == 5
    assert "<summary>Vis alle 24 datoer</summary>" in details
    assert details.count('class="dates__item') == 19


@pytest.mark.parametrize("count", [1, 5])
def test_five_dates_or_fewer_are_all_shown(client, count):
    event = EventFactory()
    for day in range(count):
        OccurrenceFactory(event=event, start=soon(day + 1))
    dates = dates_markup(text(page_of(client, event)))

    assert "<details" not in dates
    assert dates.count('class="dates__item') == count


def titles_under(html, heading_id):
    if f'id="{heading_id}"' not in html:
        return []
    part = html[html.index(f'id="{heading_id}"') :]
    part = part[: part.index("</section>")]
    return re.findall(r"<a [^>]*href=\"/arrangementer/[\w-]+/\"[^>]*>([^<]+)</a>", part)


def test_more_at_the_venue_lists_its_other_upcoming_events(client):
    venue = VenueFactory(name="Kulturværftet")
    event = upcoming_event(venue=venue)
    OccurrenceFactory(event__title="Næste koncert på værftet", event__venue=venue, start=soon(4))
    OccurrenceFactory(event__title="Et andet sted", start=soon(4))
    OccurrenceFactory(
        event__title="Aflyst på værftet",
        event__venue=venue,
        start=soon(2),
        status=Occurrence.Status.CANCELLED,
    )
    html = text(page_of(client, event))

    assert "Mere på Kulturværftet" in html
    assert titles_under(html, "more-heading") == ["Næste koncert på værftet"]


def test_similar_events_share_a_focus_area_in_any_municipality_and_are_bounded(client):
    event = upcoming_event(focus_areas=[focus_area("musik"), focus_area("ungekultur")])
    roskilde = VenueFactory(municipality=municipality("roskilde"))
    helsingoer = VenueFactory(municipality=municipality("helsingoer"))
    OccurrenceFactory(event__title="Rock i Roskilde", event__venue=roskilde, start=soon(2))
    OccurrenceFactory(
        event__title="Ungt teater i Helsingør",
        event__venue=helsingoer,
        event__focus_areas=[focus_area("ungekultur")],
        start=soon(3),
    )
    OccurrenceFactory(
        event__title="Motion og maleri",
        event__focus_areas=[focus_area("kultur-og-sundhed")],
        start=soon(1),
    )
    for n in range(RELATED_ON_PAGE):
        OccurrenceFactory(event__title=f"Senere koncert {n}", event__venue=roskilde, start=soon(20))
    html = text(page_of(client, event))

    similar = titles_under(html, "similar-heading")
    assert "Lignende arrangementer" in html
    assert similar[:2] == ["Rock i Roskilde", "Ungt teater i Helsingør"]
    assert len(similar) == RELATED_ON_PAGE
    assert event.title not in similar
    assert "Motion og maleri" not in similar


def test_share_control_shows_the_address_without_javascript_and_loads_its_script(client):
    event = upcoming_event()
    html = text(page_of(client, event))

    assert re.search(
        r'<input id="share-url" class="share__url" type="url" readonly '
        rf'value="http[^"]+/arrangementer/{event.slug}/">',
        html,
    )
    assert re.search(r"<button [^>]*data-share-copy hidden>Kopiér link</button>", html)
    assert re.search(r"<button [^>]*data-share-native hidden>Del</button>", html)
    assert re.search(r'<script src="/static/js/share\.js" defer></script>', html)
    # No inline script but the structured data (the CSP allows same-origin files only).
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/ld+json"']
