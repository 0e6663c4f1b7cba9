"""What the listing's filters select: no filter, each filter but the dates alone (words,
municipality, focus area, venue, audience, accessibility, free admission), the filters
combined, and a new or retired venue among the venue filter's cached choices."""

from datetime import datetime, timedelta

import pytest

from events.models import Audience, Event
from tests.factories import OccurrenceFactory, VenueFactory, focus_area
from tests.listing_filters.support import (
    CPH,
    NOW,
    TOMORROW_EVENING,
    dated,
    feature,
    listing,
    result_count,
    titles,
    venue_in,
)

pytestmark = pytest.mark.django_db


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


# -- the venue choices ---------------------------------------------------------------------


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
