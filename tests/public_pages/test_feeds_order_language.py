"""What every page says about itself beyond its content: the feeds a feed reader finds in its
<head> (with the page's filters), the nine municipalities in Danish alphabetical order, and on
the English site a note, once, that event texts are in Danish."""

import re
from html import unescape

import pytest

from core.text import danish_slugify, danish_sort_key
from municipalities.models import Municipality
from tests.factories import VenueFactory, focus_area, municipality
from tests.public_pages.support import text, upcoming_event, url

pytestmark = pytest.mark.django_db

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "text/calendar")


def feed_links(response) -> dict:
    """The head's feed links: {type: href}."""
    head = text(response).split("</head>", 1)[0]
    found = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head)
    return {kind: unescape(href) for kind, href in found}


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/", ""),
        ("/arrangementer/", ""),
        (
            "/arrangementer/?municipality=koege&focus_area=musik&page=1",
            "municipality=koege&focus_area=musik",
        ),
    ],
)
def test_the_front_page_and_the_listing_link_their_feeds_with_their_filters(client, path, query):
    upcoming_event()
    links = feed_links(client.get(path))
    assert set(links) == set(FEED_TYPES)
    suffix = f"?{query}" if query else ""
    assert links["application/rss+xml"] == "/arrangementer/feed.rss" + suffix
    assert links["application/atom+xml"] == "/arrangementer/feed.atom" + suffix
    assert links["text/calendar"] == "http://testserver/arrangementer/feed.ics" + suffix


def test_place_and_focus_area_pages_link_their_own_feeds(client):
    venue = VenueFactory(municipality=municipality("roskilde"))
    pages = {
        url(municipality("roskilde")): "municipality=roskilde",
        url(venue): f"venue={venue.slug}",
        url(focus_area("musik")): "focus_area=musik",
    }
    for path, query in pages.items():
        links = feed_links(client.get(path))
        assert links["application/rss+xml"] == f"/arrangementer/feed.rss?{query}", path
        assert links["text/calendar"].endswith(f"/feed.ics?{query}"), path


def test_the_listing_with_invalid_filters_links_no_feed(client):
    response = client.get("/arrangementer/?municipality=atlantis")
    assert response.status_code == 400
    assert feed_links(response) == {}


def test_the_municipalities_are_in_danish_alphabetical_order(client):
    names = [m.name for m in client.get("/kommuner/").context["municipalities"]]
    assert names == [
        "Albertslund",
        "Furesø",
        "Halsnæs",
        "Helsingør",
        "Herlev",
        "Ishøj",
        "Køge",
        "Roskilde",
        "Rødovre",
    ]
    page = text(client.get("/kommuner/"))
    assert page.index(">Roskilde<") < page.index(">Rødovre<")


def test_ae_oe_and_aa_come_after_z_in_that_order_whatever_the_collation(client):
    # Byte order (PostgreSQL's C collation, SQLite) would put Å before Æ and Ø.
    for code, name in [("400", "Åbenrå"), ("401", "Ærø"), ("402", "Østerbro"), ("403", "Zeeland")]:
        Municipality.objects.create(name=name, slug=danish_slugify(name), code=code)
    names = [m.name for m in client.get("/kommuner/").context["municipalities"]]
    assert names[-5:] == ["Rødovre", "Zeeland", "Ærø", "Østerbro", "Åbenrå"]


def test_the_front_page_and_the_filter_choices_list_the_municipalities_in_danish_order(client):
    front = [m.name for m in client.get("/").context["municipalities"]]
    assert front[-2:] == ["Roskilde", "Rødovre"]
    listing = text(client.get("/arrangementer/"))
    assert listing.index(">Roskilde<") < listing.index(">Rødovre<") or (
        listing.index("Roskilde</label>") < listing.index("Rødovre</label>")
    )


def test_the_danish_sort_key_puts_ae_oe_aa_after_z():
    names = ["Åbenrå", "Ærø", "Zealand", "Rødovre", "Roskilde", "Østerbro", "Aarhus", "éclair"]
    assert sorted(names, key=danish_sort_key) == [
        "Aarhus",
        "éclair",
        "Roskilde",
        "Rødovre",
        "Zealand",
        "Ærø",
        "Østerbro",
        "Åbenrå",
    ]


NOTE = "Event descriptions are in Danish, as the venues write them."


def test_english_pages_with_event_texts_say_once_that_they_are_in_danish(client):
    event = upcoming_event()
    for path in ("/en/", "/en/arrangementer/", f"/en{url(event)}", f"/en{url(event.venue)}"):
        assert text(client.get(path)).count(NOTE) == 1, path


def test_danish_pages_and_english_pages_without_event_texts_have_no_note(client):
    upcoming_event()
    assert "på dansk, sådan som" not in text(client.get("/arrangementer/"))
    assert NOTE not in text(client.get("/en/kommuner/"))
    assert NOTE not in text(client.get("/en/om/"))
