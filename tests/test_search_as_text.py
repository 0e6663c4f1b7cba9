"""A search «as text» that holds while the filters change, and sort links only when there is
something to sort."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

WORDS = "roskilde musik weekend"


@pytest.fixture
def venues():
    return {
        "roskilde": VenueFactory(
            name="Musicon", city="Roskilde", municipality=municipality("roskilde")
        ),
        "koege": VenueFactory(
            name="Kulturværftet", city="Køge", municipality=municipality("koege")
        ),
    }


def dated(title, venue, days=1, length=timedelta(hours=2)):
    event = EventFactory(title=title, venue=venue)
    start = timezone.now() + timedelta(days=days)
    OccurrenceFactory(event=event, start=start, end=start + length)
    return event


def html_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def form_fields(html):
    """The filter form's hidden fields, as a browser would send them."""
    form = html.split('class="filters__form"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))


def results(html):
    html = html.split('id="results-heading"', 1)[1].split('<div class="empty">', 1)[0]
    return re.findall(r'href="/arrangementer/[\w-]+/">([^<]+)<', html)


# -- as text, while the filters change ----------------------------------------------------


def test_the_form_carries_the_words_searched_as_text(client, venues):
    html = html_of(client.get("/arrangementer/", {"q": WORDS, "literal": "1"}))
    assert form_fields(html) == {"literal": WORDS}
    assert f"Søger efter «{WORDS}» som tekst." in html
    link = re.search(r'<a href="([^"]+)">Brug ordene som filtre: <span>([^<]+)</span>', html)
    assert link and link.group(2) == "Roskilde · Musik · Denne weekend"
    assert "literal" not in link.group(1) and "q=roskilde+musik+weekend" in link.group(1)


def test_choosing_a_filter_keeps_the_words_as_text(client, venues):
    dated(f"Foredrag: {WORDS}", venues["koege"])
    dated("Jazz i Roskilde", venues["roskilde"])
    first = html_of(client.get("/arrangementer/", {"q": WORDS, "literal": "1"}))
    # The form sent again, with Køge ticked: the hidden field goes along.
    data = {"q": WORDS, "municipality": "koege", **form_fields(first)}
    html = html_of(client.get("/arrangementer/", data))
    assert results(html) == [f"Foredrag: {WORDS}"]
    assert "Viser:" not in html  # the words did not become filters again
    assert f"Søger efter «{WORDS}» som tekst." in html
    assert form_fields(html) == {"literal": WORDS}


def test_new_words_are_read_as_filters_again(client, venues):
    dated("Jazz i Roskilde", venues["roskilde"])
    first = html_of(client.get("/arrangementer/", {"q": WORDS, "literal": "1"}))
    html = html_of(client.get("/arrangementer/", {"q": "jazz roskilde", **form_fields(first)}))
    assert re.search(r"Viser: <span>Roskilde</span>\.", html)
    assert results(html) == ["Jazz i Roskilde"]
    assert form_fields(html) == {}


def test_the_same_words_typed_otherwise_stay_text(client, venues):
    html = html_of(
        client.get("/arrangementer/", {"q": "Roskilde  MUSIK weekend", "literal": WORDS})
    )
    assert "Viser:" not in html and "som tekst." in html


def test_removing_the_words_ends_the_text_search(client, venues):
    html = html_of(
        client.get("/arrangementer/", {"q": WORDS, "literal": "1", "municipality": "koege"})
    )
    chip = re.search(r'<a class="chip chip--remove" href="([^"]+)">[^«]*«' + WORDS, html)
    assert chip and chip.group(1) == "/arrangementer/?municipality=koege"


def test_a_query_without_filter_words_gets_no_note(client, venues):
    html = html_of(client.get("/arrangementer/", {"q": "jazz", "literal": "1"}))
    assert "som tekst." not in html and form_fields(html) == {"literal": "jazz"}


# -- sort links ------------------------------------------------------------------------


def sort_links(html):
    return "Sortér efter:" in html


def test_no_sort_links_without_results(client, venues):
    dated("Jazz i Roskilde", venues["roskilde"])
    html = html_of(client.get("/arrangementer/", {"q": "harpe"}))
    assert "Ingen arrangementer matcher" in html
    assert not sort_links(html)


def test_no_sort_links_for_the_running_strip_alone(client, venues):
    exhibition = EventFactory(title="Udstilling: Harpens historie", venue=venues["koege"])
    start = timezone.now() - timedelta(days=10)
    OccurrenceFactory(event=exhibition, start=start, end=start + timedelta(days=40))
    html = html_of(client.get("/arrangementer/", {"q": "harpens"}))
    strip = html.split('class="running"', 1)[1].split("</section>", 1)[0]
    assert "Udstilling: Harpens historie" in strip
    assert "1 arrangement · 1 dato" in html
    assert '<section class="day"' not in html  # no dated rows
    assert not sort_links(html)


def test_no_sort_links_for_one_date(client, venues):
    dated("Harpekoncert", venues["koege"])
    html = html_of(client.get("/arrangementer/", {"q": "harpekoncert"}))
    assert results(html) == ["Harpekoncert"]
    assert not sort_links(html)


def test_sort_links_for_two_dates_or_more(client, venues):
    dated("Harpekoncert", venues["koege"])
    dated("Harpe og fløjte", venues["roskilde"], days=2)
    html = html_of(client.get("/arrangementer/", {"q": "harpe"}))
    assert len(results(html)) == 2
    assert sort_links(html)
