"""Text is compared as people type it: a Danish letter pasted in decomposed form («a» +
U+030A COMBINING RING ABOVE) is the same letter as the composed «å», in stored text and in
the search query alike (Unicode NFC), on SQLite and PostgreSQL."""

import unicodedata
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from core.migrations_support import normalize_text_to_nfc
from core.text import nfc
from events.models import Event
from events.search.fold import fold
from municipalities.models import Venue
from tests.factories import UserFactory, VenueFactory
from tests.listing_filters.support import NOW, dated, titles, venue_in
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


def test_nfc_composes_and_leaves_other_values_alone():
    assert nfd("på Ærø") != "på Ærø"
    assert nfc(nfd("på Ærø")) == "på Ærø"
    assert nfc("½ pris") == "½ pris"  # NFC, not NFKC: compatibility characters stay
    assert nfc(None) is None


@pytest.mark.parametrize("typed", ["composed", "decomposed"])
@pytest.mark.parametrize("stored", ["composed", "decomposed"])
def test_a_search_finds_the_same_whatever_form_the_letters_came_in(client, stored, typed):
    def form(text, which):
        return nfd(text) if which == "decomposed" else text

    dated(form("Ålekoret synger", stored), venue=venue_in("koege", name=form("Kåre Sal", stored)))
    dated("Foredrag om fugle")
    for query in ("Ålekoret", "Kåre"):
        query = form(query, typed)
        assert titles(client.get("/arrangementer/", {"q": query})) == ["Ålekoret synger"], query
        api = client.get("/api/v1/occurrences/", {"q": query}).json()
        assert [row["event"]["title"] for row in api["results"]] == ["Ålekoret synger"]


def test_text_is_stored_composed_whoever_saved_it():
    venue = venue_in("koege", name=nfd("Kåre Sal"), city=nfd("Køge Ådal"))
    event = dated(nfd("Æble på Ø"), venue=venue, teaser=nfd("Så går det"), performer=nfd("Åse"))
    event = Event.objects.get(pk=event.pk)
    venue = Venue.objects.get(pk=venue.pk)
    for value in (event.title, event.teaser, event.performer, venue.name, venue.city):
        assert unicodedata.is_normalized("NFC", value), ascii(value)
    assert event.title == "Æble på Ø"
    # The search text is folded (events.search.fold): composed and decomposed fold alike.
    assert fold("Åse") in event.search_text and fold("Køge Ådal") in event.search_text
    assert "ase" in event.search_text and "koge adal" in event.search_text


def test_the_staff_form_stores_a_pasted_title_composed(client):
    venue = VenueFactory()
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    data = event_data(venue, dates=[soon()], save="1", title=nfd("Sommer på Havnen"))
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 302
    assert Event.objects.get(venue=venue).title == "Sommer på Havnen"


def test_the_data_migration_composes_rows_stored_before(client):
    event = dated("Koncert")
    venue = event.venue
    # Written past save(), as rows were before text was normalised.
    Event.objects.filter(pk=event.pk).update(title=nfd("Koncert på Ø"), search_text=nfd("på ø"))
    Venue.objects.filter(pk=venue.pk).update(name=nfd("Kåre Sal"))
    editor = SimpleNamespace(connection=connection)
    normalize_text_to_nfc("events", "Event").code(apps, editor)
    normalize_text_to_nfc("municipalities", "Venue").code(apps, editor)
    event.refresh_from_db()
    venue.refresh_from_db()
    assert (event.title, event.search_text, venue.name) == ("Koncert på Ø", "på ø", "Kåre Sal")
