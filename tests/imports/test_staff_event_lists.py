"""The staff lists of imported events («N arrangementer fra kalenderen» on a source's page,
and «Mine arrangementer») say «Aflyst» for a date the calendar cancelled and for an event gone
from the calendar, as the public pages do."""

import dataclasses
import re

import pytest
from django.urls import reverse

from events.models import Event, Occurrence
from imports.sync import run
from tests.imports.sync_helpers import NOW, make_source, single, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(venue_staff, client):
    """A calendar run twice: the weekly jazz's first date cancelled in the calendar, the
    solo concert gone from it."""
    venue, user = venue_staff
    source = make_source(venue=venue)
    run(source, events=[weekly(), single()], now=NOW)
    jazz = weekly()
    jazz.dates[0] = dataclasses.replace(jazz.dates[0], cancelled=True)
    run(source, events=[jazz], now=NOW)
    client.force_login(user)
    return source


def row(html, title):
    return re.search(rf'<li class="staff-list__item">(?:(?!</li>).)*?{title}.*?</li>', html, re.S)


def test_the_sources_page_says_cancelled(client, followed):
    solo = Event.objects.get(title="Solokoncert")
    assert set(solo.occurrences.values_list("status", flat=True)) == {"cancelled"}
    html = client.get(reverse("imports_staff:edit", args=[followed.pk])).content.decode()
    assert "2 arrangementer fra kalenderen" in html
    assert "Aflyst" in row(html, "Solokoncert").group(0)
    assert "Aflyst" in row(html, "Jazz på fjorden").group(0)


def test_my_events_says_cancelled_and_not_for_a_date_that_is_on(client, followed):
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert re.search(r"Solokoncert.*?Næste dato:.*?Aflyst", html, re.S)
    assert re.search(r"Jazz på fjorden.*?Næste dato:.*?Aflyst", row(html, "Jazz").group(0), re.S)
    # The calendar brings the jazz back: its next date is on again.
    jazz = Event.objects.get(title="Jazz på fjorden")
    jazz.occurrences.update(status=Occurrence.Status.SCHEDULED)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "Aflyst" not in row(html, "Jazz på fjorden").group(0)


def test_my_events_reads_the_status_in_the_same_query(
    client, followed, django_assert_max_num_queries
):
    client.get(reverse("staff:dashboard"))
    with django_assert_max_num_queries(12) as queries:
        client.get(reverse("staff:dashboard"))
    assert sum("next_status" in q["sql"] for q in queries.captured_queries) == 1


def test_my_events_marks_the_events_from_a_calendar(client, followed, venue_staff):
    venue, _user = venue_staff
    own = Event.objects.create(title="Egen koncert", venue=venue, description="Af os selv.")
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "Fra Fjordscenens kalender" in row(html, "Jazz på fjorden").group(0)
    assert "Fra " not in row(html, own.title).group(0)


def test_the_edit_page_says_what_follows_the_calendar(client, followed, venue_staff):
    jazz = Event.objects.get(title="Jazz på fjorden")
    html = client.get(reverse("staff:edit", args=[jazz.pk])).content.decode()
    note = re.search(r'<div class="notice notice--preview" role="note">.*?</div>', html, re.S)
    text = note.group(0)
    assert "Arrangementet kommer fra Fjordscenens kalender." in text
    assert "Ændringer i kalenderen kommer med her" in text
    assert "følger ikke længere kalenderen" in text
    assert "en dato, I aflyser eller sletter dér, bliver aflyst her" in text
    # The note comes before the form, and an event entered here has none.
    assert html.index("kommer fra Fjordscenens kalender") < html.index('class="form staff-form"')
    venue, _user = venue_staff
    own = Event.objects.create(title="Egen koncert", venue=venue, description="Af os selv.")
    own_html = client.get(reverse("staff:edit", args=[own.pk])).content.decode()
    assert "kommer fra" not in own_html and "Fra Fjordscenens" not in own_html
