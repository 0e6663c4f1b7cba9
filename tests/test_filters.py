"""The listing's filters, seen through the page a citizen gets at /arrangementer/."""

import re
from datetime import datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import AccessibilityFeature, Audience, Event
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 18, 12, tzinfo=CPH)  # Wednesday
TOMORROW_EVENING = datetime(2026, 3, 19, 19, tzinfo=CPH)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def dated(title, start=TOMORROW_EVENING, end=None, **event_fields):
    """A published event with one date (or more dates for an existing event)."""
    event = EventFactory(title=title, **event_fields)
    OccurrenceFactory(event=event, start=start, end=end)
    return event


def venue_in(slug, **fields):
    return VenueFactory(municipality=municipality(slug), **fields)


def listing(client, query=""):
    return client.get(f"/arrangementer/?{query}")


def titles(response):
    """Event titles as listed, in order, one per date shown."""
    html = response.content.decode()
    return [
        unescape(t) for t in re.findall(r'href="(?:/en)?/arrangementer/[\w-]+/">([^<]+)<', html)
    ]


def result_count(response):
    match = re.search(r"<h2[^>]*results[^>]*>\s*(\d+)", response.content.decode())
    assert match, "the result count is shown"
    return int(match.group(1))


def error_summary(response):
    match = re.search(r'<div[^>]*role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert match, "an error summary is shown"
    return unescape(match.group(1))


# -- no filter -----------------------------------------------------------------------------


def test_listing_shows_upcoming_dates_of_published_events_only(client):
    dated("Kommende koncert")
    dated("Forbi koncert", start=NOW - timedelta(days=1))
    dated("Kladde", status=Event.Status.DRAFT)
    dated("Afvist", status=Event.Status.REJECTED)

    response = listing(client)

    assert response.status_code == 200
    assert titles(response) == ["Kommende koncert"]
    assert result_count(response) == 1


def test_submitting_the_empty_form_shows_all_upcoming_dates(client):
    dated("Kommende koncert")
    dated("Forbi koncert", start=NOW - timedelta(days=1))
    response = listing(client, "q=&period=&date_from=&date_to=&venue=")
    assert response.status_code == 200
    assert titles(response) == ["Kommende koncert"]


# -- each filter alone ---------------------------------------------------------------------


def test_q_finds_events_by_words_in_the_title(client):
    dated("Trommeværksted for begyndere")
    dated("Strikkecafé")
    response = listing(client, "q=trommeværksted")
    assert titles(response) == ["Trommeværksted for begyndere"]
    assert result_count(response) == 1


def test_municipality_shows_only_events_at_venues_in_it(client):
    dated("I Køge", venue=venue_in("koege"))
    dated("I Herlev", venue=venue_in("herlev"))
    assert titles(listing(client, "municipality=koege")) == ["I Køge"]


def test_municipality_can_be_repeated_to_show_several(client):
    dated("I Køge", venue=venue_in("koege"))
    dated("I Roskilde", venue=venue_in("roskilde"), start=TOMORROW_EVENING + timedelta(hours=1))
    dated("I Herlev", venue=venue_in("herlev"))
    response = listing(client, "municipality=koege&municipality=roskilde")
    assert titles(response) == ["I Køge", "I Roskilde"]
    assert result_count(response) == 2


def test_focus_area_shows_only_events_in_it(client):
    dated("Ungdomsscenen", focus_areas=[focus_area("ungekultur")])
    dated("Koncerten", focus_areas=[focus_area("musik")])
    assert titles(listing(client, "focus_area=ungekultur")) == ["Ungdomsscenen"]


def test_venue_shows_only_events_at_that_venue(client):
    venue = VenueFactory(name="Kulturværftet")
    dated("På værftet", venue=venue)
    dated("Et andet sted")
    assert titles(listing(client, f"venue={venue.slug}")) == ["På værftet"]


def test_audience_shows_only_events_for_that_audience(client):
    dated("Børneteater").audiences.set([Audience.objects.get(slug="boern")])
    dated("Seniordans").audiences.set([Audience.objects.get(slug="seniorer")])
    dated("For alle")
    assert titles(listing(client, "audience=boern")) == ["Børneteater"]


def feature(slug):
    return AccessibilityFeature.objects.get(slug=slug)


def test_accessibility_matches_a_feature_of_the_venue(client):
    venue = VenueFactory()
    venue.accessibility_features.set([feature("teleslynge")])
    dated("Salen med teleslynge", venue=venue)
    dated("Uden teleslynge")
    assert titles(listing(client, "accessibility=teleslynge")) == ["Salen med teleslynge"]


def test_accessibility_matches_a_feature_of_the_event_itself(client):
    dated("Tolket forestilling").accessibility_features.set([feature("tegnsprogstolkning")])
    dated("Utolket forestilling")
    assert titles(listing(client, "accessibility=tegnsprogstolkning")) == ["Tolket forestilling"]


def test_two_accessibility_features_require_both(client):
    venue = VenueFactory()
    venue.accessibility_features.set([feature("trinfri-adgang")])
    dated("Begge dele", venue=venue).accessibility_features.set([feature("teleslynge")])
    dated("Kun trinfri", venue=venue)
    dated("Kun teleslynge").accessibility_features.set([feature("teleslynge")])

    response = listing(client, "accessibility=trinfri-adgang&accessibility=teleslynge")

    assert titles(response) == ["Begge dele"]


def test_free_shows_only_events_with_free_admission(client):
    dated("Gratis koncert", is_free=True)
    dated("Koncert med billet", is_free=False)
    assert titles(listing(client, "free=on")) == ["Gratis koncert"]


def test_date_from_starts_the_listing_on_that_day(client):
    dated("Før", start=datetime(2026, 3, 24, 23, 30, tzinfo=CPH))
    dated("Samme dag", start=datetime(2026, 3, 25, 0, 15, tzinfo=CPH))
    dated("Senere", start=datetime(2026, 4, 2, 19, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-03-25")) == ["Samme dag", "Senere"]


def test_date_from_in_the_past_shows_what_was_on(client):
    dated("Sidste uge", start=datetime(2026, 3, 11, 19, tzinfo=CPH))
    dated("Forrige måned", start=datetime(2026, 2, 11, 19, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-03-10")) == ["Sidste uge"]


def test_date_to_ends_the_listing_after_that_day(client):
    dated("Sidst på dagen", start=datetime(2026, 3, 20, 23, 30, tzinfo=CPH))
    dated("Dagen efter", start=datetime(2026, 3, 21, 0, 15, tzinfo=CPH))
    assert titles(listing(client, "date_to=2026-03-20")) == ["Sidst på dagen"]


def test_date_from_and_date_to_give_a_range(client):
    dated("Inden", start=datetime(2026, 4, 30, 20, tzinfo=CPH))
    dated("Maj", start=datetime(2026, 5, 10, 20, tzinfo=CPH))
    dated("Efter", start=datetime(2026, 6, 1, 20, tzinfo=CPH))
    assert titles(listing(client, "date_from=2026-05-01&date_to=2026-05-31")) == ["Maj"]


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("today", ["I aften"]),
        ("weekend", ["Lørdag", "Søndag"]),
        ("week", ["I aften", "Lørdag", "Søndag"]),
        ("month", ["I aften", "Lørdag", "Søndag", "Mandag", "Sidst i marts"]),
    ],
)
def test_period_shows_the_dates_in_that_window(client, period, shown):
    dated("I morges", start=datetime(2026, 3, 18, 9, tzinfo=CPH))  # over before noon
    dated("I aften", start=datetime(2026, 3, 18, 20, tzinfo=CPH))
    dated("Lørdag", start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    dated("Søndag", start=datetime(2026, 3, 22, 23, tzinfo=CPH))
    dated("Mandag", start=datetime(2026, 3, 23, 10, tzinfo=CPH))
    dated("Sidst i marts", start=datetime(2026, 3, 31, 20, tzinfo=CPH))
    dated("April", start=datetime(2026, 4, 1, 10, tzinfo=CPH))

    response = listing(client, f"period={period}")

    assert response.status_code == 200
    assert titles(response) == shown
    assert result_count(response) == len(shown)


# -- combinations --------------------------------------------------------------------------


def test_filters_combine_so_every_condition_must_hold(client):
    koege, roskilde = venue_in("koege"), venue_in("roskilde")
    dated("Gratis musik i Køge", venue=koege, is_free=True)
    dated("Betalt musik i Køge", venue=koege)
    dated("Gratis musik i Roskilde", venue=roskilde, is_free=True)
    dated(
        "Gratis sundhed i Køge",
        venue=koege,
        is_free=True,
        focus_areas=[focus_area("kultur-og-sundhed")],
    )

    response = listing(client, "municipality=koege&focus_area=musik&free=on")

    assert titles(response) == ["Gratis musik i Køge"]


def test_search_combines_with_municipality_and_period(client):
    dated("Jazz i Køge", venue=venue_in("koege"), start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    dated("Jazz i Herlev", venue=venue_in("herlev"), start=datetime(2026, 3, 21, 20, tzinfo=CPH))
    dated("Jazz i Køge igen", venue=venue_in("koege"), start=datetime(2026, 4, 4, 20, tzinfo=CPH))
    response = listing(client, "q=jazz&municipality=koege&period=weekend")
    assert titles(response) == ["Jazz i Køge"]


def test_an_event_in_two_focus_areas_filtered_by_both_appears_once_per_date(client):
    event = dated("Ung musik", focus_areas=[focus_area("musik"), focus_area("ungekultur")])
    OccurrenceFactory(event=event, start=TOMORROW_EVENING + timedelta(days=1))

    response = listing(client, "focus_area=musik&focus_area=ungekultur")

    assert titles(response) == ["Ung musik", "Ung musik"]
    assert result_count(response) == 2


def test_an_event_matching_through_venue_and_event_features_appears_once(client):
    venue = VenueFactory()
    venue.accessibility_features.set([feature("teleslynge")])
    dated("Dobbelt teleslynge", venue=venue).accessibility_features.set([feature("teleslynge")])
    response = listing(client, "accessibility=teleslynge")
    assert titles(response) == ["Dobbelt teleslynge"]


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("municipality=atlantis", "municipality"),
        ("municipality=koege&municipality=atlantis", "municipality"),
        ("focus_area=ballet", "focus_area"),
        ("venue=findes-ikke", "venue"),
        ("audience=katte", "audience"),
        ("accessibility=rulletrappe", "accessibility"),
        ("date_from=2026-13-45", "date_from"),
        ("date_to=i-morgen", "date_to"),
        ("date_from=2026-05-10&date_to=2026-05-01", "date_to"),
        ("date_from=0001-01-01", "date_from"),  # beyond time zone arithmetic
        ("date_to=9999-12-31", "date_to"),
        ("period=someday", "period"),
        ("q=" + "a" * 5000, "q"),
    ],
    ids=lambda value: value[:40],
)
def test_invalid_filter_values_give_400_with_a_message_at_the_field(client, query, field):
    response = listing(client, query)
    assert response.status_code == 400
    assert f'href="#id_{field}' in error_summary(response)


def test_an_unknown_municipality_is_named_in_the_message(client):
    response = client.get("/en/arrangementer/?municipality=atlantis")
    assert response.status_code == 400
    assert "atlantis" in error_summary(response)


def test_the_valid_filters_still_apply_beside_an_invalid_one(client):
    dated("I Køge", venue=venue_in("koege"))
    dated("I Herlev", venue=venue_in("herlev"))
    response = listing(client, "municipality=koege&period=someday")
    assert response.status_code == 400
    assert titles(response) == ["I Køge"]


@pytest.mark.parametrize("page", ["abc", "9999", "0", "-1"])
def test_a_page_that_does_not_exist_is_404_with_the_not_found_page(client, page):
    dated("En koncert")
    response = listing(client, f"municipality=koege&page={page}")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert response.content.decode().count("<h1") == 1
    assert "En koncert" not in titles(response)


# -- day grouping --------------------------------------------------------------------------


def day_sections(response):
    html = response.content.decode()
    return re.split(r"<section[^>]*class=\"day\"", html)[1:]


def test_a_running_exhibition_is_shown_once_before_the_days(client):
    dated(
        "Udstillingen",
        start=NOW - timedelta(days=10),
        end=NOW + timedelta(days=10),
        focus_areas=[focus_area("kultur-og-sundhed")],
    )
    dated("Torsdagskoncert", start=TOMORROW_EVENING)
    dated("Fredagskoncert", start=TOMORROW_EVENING + timedelta(days=1))

    response = listing(client)
    sections = day_sections(response)

    assert titles(response) == ["Udstillingen", "Torsdagskoncert", "Fredagskoncert"]
    assert response.content.decode().count(">Udstillingen<") == 1
    assert len(sections) == 3
    assert [">Udstillingen<" in s for s in sections] == [True, False, False]


def test_dates_are_grouped_under_one_heading_per_day(client):
    dated("Formiddag", start=datetime(2026, 3, 19, 10, tzinfo=CPH))
    dated("Aften", start=datetime(2026, 3, 19, 20, tzinfo=CPH))
    dated("Næste dag", start=datetime(2026, 3, 20, 20, tzinfo=CPH))

    sections = day_sections(listing(client))

    assert len(sections) == 2
    assert ">Formiddag<" in sections[0] and ">Aften<" in sections[0]
    assert ">Næste dag<" in sections[1]


# -- pagination ----------------------------------------------------------------------------


@pytest.fixture
def twenty_five_dates():
    venue = venue_in("koege")
    for n in range(25):
        dated(f"Dato {n + 1:02d}", start=TOMORROW_EVENING + timedelta(days=n), venue=venue)
    dated("I Herlev", venue=venue_in("herlev"))


def next_link(response):
    match = re.search(r'<a[^>]*rel="next"[^>]*href="([^"]+)"', response.content.decode())
    assert match, "a link to the next page is shown"
    return unescape(match.group(1))


def test_pagination_shows_twenty_dates_on_the_first_page(client, twenty_five_dates):
    response = listing(client, "municipality=koege")
    assert titles(response) == [f"Dato {n:02d}" for n in range(1, 21)]
    assert result_count(response) == 25


def test_pagination_shows_the_rest_on_the_second_page(client, twenty_five_dates):
    response = listing(client, "municipality=koege&page=2")
    assert response.status_code == 200
    assert titles(response) == [f"Dato {n:02d}" for n in range(21, 26)]
    assert result_count(response) == 25


def test_the_next_page_link_keeps_the_filters(client, twenty_five_dates):
    link = next_link(listing(client, "municipality=koege"))
    query = parse_qs(urlsplit(link).query)
    assert query["municipality"] == ["koege"]
    assert query["page"] == ["2"]


def test_following_the_next_page_link_keeps_the_filters(client, twenty_five_dates):
    link = next_link(listing(client, "municipality=koege"))
    response = client.get("/arrangementer/" + link)
    assert "I Herlev" not in titles(response)
    assert titles(response) == [f"Dato {n:02d}" for n in range(21, 26)]


def test_listing_pages_run_across_running_and_upcoming_dates(client):
    """Running exhibitions come first, then dates from now on; pages slice across both."""
    from django.utils import timezone

    from tests.factories import OccurrenceFactory

    now = timezone.now()
    for n in range(3):
        OccurrenceFactory(
            event__title=f"Igangværende udstilling {n}",
            start=now - timedelta(days=10 + n),
            end=now + timedelta(days=30),
        )
    for n in range(20):
        OccurrenceFactory(
            event__title=f"Kommende koncert {n:02d}", start=now + timedelta(days=n + 1)
        )
    first = client.get("/arrangementer/").context["occurrences"]
    second = client.get("/arrangementer/?page=2").context["occurrences"]
    titles = [o.event.title for o in first] + [o.event.title for o in second]
    assert len(first) == 20 and len(second) == 3
    assert titles[:3] == [f"Igangværende udstilling {n}" for n in (2, 1, 0)]
    assert titles[3:] == [f"Kommende koncert {n:02d}" for n in range(20)]


def test_result_count_stops_at_the_cap(client, monkeypatch):
    from django.utils import timezone

    from events.views.public import OccurrenceListView
    from tests.factories import OccurrenceFactory

    monkeypatch.setattr(OccurrenceListView, "count_cap", 5)
    now = timezone.now()
    for n in range(8):
        OccurrenceFactory(start=now + timedelta(days=n + 1))
    response = client.get("/en/arrangementer/")
    assert response.context["result_count"] == 5
    assert response.context["result_count_capped"] is True
    assert "More than 5 event dates" in response.content.decode()
    assert len(response.context["occurrences"]) == 5


def test_a_new_venue_is_a_choice_on_the_next_request_despite_the_cached_choices(client):
    before = listing(client, "")
    assert "Nyt Spillested" not in before.content.decode()  # the choices are now cached
    venue = VenueFactory(name="Nyt Spillested")
    dated("Premiere", venue=venue)
    after = listing(client, f"venue={venue.slug}")
    assert after.status_code == 200, after.context["filter"].form.errors
    assert f'<option value="{venue.slug}" selected>Nyt Spillested</option>' in (
        after.content.decode()
    )
    assert titles(after) == ["Premiere"]
    venue.is_active = False
    venue.save()
    gone = listing(client, f"venue={venue.slug}")
    assert gone.status_code == 400
    assert f'<option value="{venue.slug}"' not in gone.content.decode()
