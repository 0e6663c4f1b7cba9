"""Model behaviour: slugs, validation, database constraints, derived values and seeded data."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import AccessibilityFeature, Event, FocusArea, Occurrence
from municipalities.models import Municipality
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def feature(slug):
    return AccessibilityFeature.objects.get(slug=slug)


# -- slugs ---------------------------------------------------------------------------------


def test_event_slug_transliterates_danish_letters():
    event = EventFactory(title="Køge Ådal")
    assert re.fullmatch(r"koege-aadal-[a-z2-9]{6}", event.slug)


def test_event_slug_transliterates_capital_danish_letters():
    event = EventFactory(title="ÆBLEKAGE I ØRESUNDSHALLEN")
    assert re.fullmatch(r"aeblekage-i-oeresundshallen-[a-z2-9]{6}", event.slug)


def test_event_slug_is_kept_when_the_event_is_saved_again():
    event = EventFactory(title="Køge Ådal")
    slug = event.slug
    event.title = "Køge Ådal, anden udgave"
    event.save()
    event.refresh_from_db()
    assert event.slug == slug


def test_venue_slug_transliterates_danish_letters_and_gets_suffixes():
    first = VenueFactory(name="Rødovre Søhus")
    second = VenueFactory(name="Rødovre Søhus")
    assert (first.slug, second.slug) == ("roedovre-soehus", "roedovre-soehus-2")


# -- validation ----------------------------------------------------------------------------


def test_an_image_without_alt_text_is_invalid():
    event = EventFactory(image_alt="   ")
    event.image = "events/2026/03/plakat.jpg"
    with pytest.raises(ValidationError) as excinfo:
        event.clean()
    assert "image_alt" in excinfo.value.message_dict


def test_an_image_with_alt_text_is_valid():
    event = EventFactory(image_alt="Et orkester på en scene i blåt lys")
    event.image = "events/2026/03/plakat.jpg"
    event.clean()  # does not raise


def test_highest_price_below_lowest_price_is_invalid():
    event = EventFactory.build(price_min=Decimal("150"), price_max=Decimal("100"))
    with pytest.raises(ValidationError) as excinfo:
        event.clean()
    assert "price_max" in excinfo.value.message_dict


def test_equal_lowest_and_highest_price_is_valid():
    event = EventFactory.build(price_min=Decimal("100"), price_max=Decimal("100"))
    event.clean()  # does not raise


def test_database_refuses_highest_price_below_lowest_price():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(price_min=Decimal("150"), price_max=Decimal("100"))


def test_occurrence_clean_refuses_end_before_start():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    occurrence = Occurrence(event=EventFactory(), start=start, end=start - timedelta(hours=1))
    with pytest.raises(ValidationError) as excinfo:
        occurrence.clean()
    assert "end" in excinfo.value.message_dict


def test_database_refuses_an_occurrence_that_ends_before_it_starts():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    with pytest.raises(IntegrityError), transaction.atomic():
        OccurrenceFactory(start=start, end=start - timedelta(minutes=1))


def test_database_refuses_two_dates_of_one_event_with_the_same_start():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    first = OccurrenceFactory(start=start)
    with pytest.raises(IntegrityError), transaction.atomic():
        OccurrenceFactory(event=first.event, start=start)


def test_two_events_may_start_at_the_same_time():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    OccurrenceFactory(start=start)
    OccurrenceFactory(start=start)
    assert Occurrence.objects.filter(start=start).count() == 2


# -- derived values ------------------------------------------------------------------------


def test_ends_is_the_end_when_there_is_one():
    start = datetime(2026, 5, 1, 10, tzinfo=CPH)
    occurrence = OccurrenceFactory(start=start, end=start + timedelta(days=30))
    assert Occurrence.objects.get(pk=occurrence.pk).ends == start + timedelta(days=30)


def test_ends_is_the_start_when_there_is_no_end():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    occurrence = OccurrenceFactory(start=start, end=None)
    assert Occurrence.objects.get(pk=occurrence.pk).ends == start


def test_ends_follows_a_changed_end():
    start = datetime(2026, 5, 1, 20, tzinfo=CPH)
    occurrence = OccurrenceFactory(start=start, end=None)
    occurrence.end = start + timedelta(hours=3)
    occurrence.save()
    assert Occurrence.objects.get(pk=occurrence.pk).ends == start + timedelta(hours=3)


def test_organizer_name_falls_back_to_the_venue():
    event = EventFactory(venue=VenueFactory(name="Kulturværftet"), organizer="")
    assert event.organizer_name == "Kulturværftet"


def test_organizer_name_is_the_organizer_when_given():
    event = EventFactory(venue=VenueFactory(name="Kulturværftet"), organizer="Helsingør Jazzklub")
    assert event.organizer_name == "Helsingør Jazzklub"


def test_effective_accessibility_joins_venue_and_event_features_without_duplicates():
    venue = VenueFactory()
    venue.accessibility_features.set([feature("trinfri-adgang"), feature("teleslynge")])
    event = EventFactory(venue=venue)
    event.accessibility_features.set([feature("teleslynge"), feature("tegnsprogstolkning")])

    slugs = [f.slug for f in Event.objects.get(pk=event.pk).effective_accessibility()]

    assert slugs == ["trinfri-adgang", "teleslynge", "tegnsprogstolkning"]


def test_effective_accessibility_of_a_venue_without_features_is_the_events_own():
    event = EventFactory()
    event.accessibility_features.set([feature("siddepladser")])
    assert [f.slug for f in event.effective_accessibility()] == ["siddepladser"]


def test_search_text_holds_title_teaser_description_organizer_and_venue_folded():
    event = EventFactory(
        title="Æblekage",
        teaser="Bagedyst",
        description="Opskrifter",
        organizer="Ølstykke Husflid",
        venue=VenueFactory(name="Søhuset", city="Ishøj"),
    )
    # Folded for search (events.search.fold): æ → a, ø → o, lower case.
    for word in ["ablekage", "bagedyst", "opskrifter", "olstykke husflid", "sohuset", "ishoj"]:
        assert word in event.search_text
    assert event.search_names == "ablekage olstykke husflid sohuset"


def test_search_text_follows_a_renamed_venue():
    venue = VenueFactory(name="Gamle Bio")
    event = EventFactory(venue=venue)
    venue.name = "Nye Ørnesal"
    venue.save()
    event.refresh_from_db()
    assert "nye ornesal" in event.search_text and "nye ornesal" in event.search_names
    assert "gamle bio" not in event.search_text + event.search_names


def test_search_text_follows_an_edited_title():
    event = EventFactory(title="Forårskoncert")
    event.title = "Sommerkoncert"
    event.save(update_fields=["title"])
    event.refresh_from_db()
    assert "sommerkoncert" in event.search_text
    assert "forarskoncert" not in event.search_text


def test_a_draft_has_no_publication_time():
    assert EventFactory(status=Event.Status.DRAFT).published_at is None


def test_publishing_stamps_the_publication_time():
    moment = datetime(2026, 3, 26, 10, 15, tzinfo=CPH)
    event = EventFactory(status=Event.Status.SUBMITTED)
    with time_machine.travel(moment, tick=False):
        event.status = Event.Status.PUBLISHED
        event.save()
    event.refresh_from_db()
    assert event.published_at == moment


def test_publishing_with_update_fields_stamps_the_publication_time():
    moment = datetime(2026, 3, 26, 10, 15, tzinfo=CPH)
    event = EventFactory(status=Event.Status.SUBMITTED)
    with time_machine.travel(moment, tick=False):
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status"])
    event.refresh_from_db()
    assert event.published_at == moment


def test_saving_a_published_event_again_keeps_its_publication_time():
    first = datetime(2026, 3, 26, 10, tzinfo=CPH)
    with time_machine.travel(first, tick=False):
        event = EventFactory(status=Event.Status.PUBLISHED)
    with time_machine.travel(first + timedelta(days=2), tick=False):
        event.title = "Rettet titel"
        event.save()
    event.refresh_from_db()
    assert event.published_at == first


# -- seeded data ---------------------------------------------------------------------------

NINE = {
    "albertslund": "165",
    "furesoe": "190",
    "halsnaes": "260",
    "herlev": "163",
    "helsingoer": "217",
    "ishoej": "183",
    "koege": "259",
    "roskilde": "265",
    "roedovre": "175",
}


def test_the_nine_municipalities_are_created_with_their_official_codes():
    assert dict(Municipality.objects.values_list("slug", "code")) == NINE


def test_municipality_names_keep_their_danish_letters():
    names = set(Municipality.objects.values_list("name", flat=True))
    assert {"Furesø", "Halsnæs", "Helsingør", "Ishøj", "Køge", "Rødovre"} <= names


def test_the_three_focus_areas_are_created_in_order():
    slugs = list(FocusArea.objects.order_by("position").values_list("slug", flat=True))
    assert slugs == ["musik", "ungekultur", "kultur-og-sundhed"]


def test_the_secretariat_group_may_change_events():
    group = Group.objects.get(name="Sekretariat")
    assert group.permissions.filter(
        content_type__app_label="events", codename="change_event"
    ).exists()


def test_occurrence_sequence_rises_when_the_date_or_status_changes():
    from events.models import Occurrence
    from tests.factories import OccurrenceFactory

    occurrence = Occurrence.objects.get(pk=OccurrenceFactory().pk)
    assert occurrence.sequence == 0
    occurrence.save()
    assert Occurrence.objects.get(pk=occurrence.pk).sequence == 0
    occurrence.status = Occurrence.Status.CANCELLED
    occurrence.save()
    occurrence = Occurrence.objects.get(pk=occurrence.pk)
    assert occurrence.sequence == 1
    occurrence.start = occurrence.start + timedelta(hours=1)
    occurrence.end = occurrence.end + timedelta(hours=1)
    occurrence.save()
    assert Occurrence.objects.get(pk=occurrence.pk).sequence == 2
