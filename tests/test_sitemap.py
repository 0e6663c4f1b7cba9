"""/sitemap.xml (an index of sections, in both languages) and /robots.txt."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return root, [loc.text for loc in root.findall(".//s:loc", NS)]


def section(client, name):
    _, sections = locations(client, "/sitemap.xml")
    (url,) = [s for s in sections if s.endswith(f"/sitemap-{name}.xml")]
    return locations(client, url.removeprefix("http://testserver"))


def test_sitemap_index_lists_every_section(client):
    _, sections = locations(client, "/sitemap.xml")
    names = {s.rsplit("/", 1)[1] for s in sections}
    assert names == {
        "sitemap-pages.xml",
        "sitemap-events.xml",
        "sitemap-venues.xml",
        "sitemap-municipalities.xml",
        "sitemap-focus-areas.xml",
    }


def test_events_sitemap_lists_published_events_in_both_languages(client):
    published = OccurrenceFactory().event
    draft = OccurrenceFactory(event=EventFactory(status=Event.Status.DRAFT)).event
    root, locs = section(client, "events")
    assert f"http://testserver/arrangementer/{published.slug}/" in locs
    assert f"http://testserver/en/arrangementer/{published.slug}/" in locs
    assert not [loc for loc in locs if draft.slug in loc]
    links = root.findall(".//x:link", NS)
    assert {link.get("hreflang") for link in links} == {"da", "en", "x-default"}


def test_place_and_page_sitemaps(client):
    venue = VenueFactory()
    inactive = VenueFactory(is_active=False)
    _, venues = section(client, "venues")
    assert f"http://testserver/steder/{venue.slug}/" in venues
    assert not [loc for loc in venues if inactive.slug in loc]
    _, municipalities = section(client, "municipalities")
    assert len(municipalities) == 18  # nine, in two languages
    _, areas = section(client, "focus-areas")
    assert "http://testserver/en/indsatser/musik/" in areas
    _, pages = section(client, "pages")
    assert {
        "http://testserver/",
        "http://testserver/om/",
        "http://testserver/en/privatliv/",
    } <= set(pages)


def test_events_sitemap_queries_are_constant(client):
    def count():
        client.get("/sitemap-events.xml")  # warm-up
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/sitemap-events.xml")
        return len(ctx.captured_queries), response.content.count(b"<url>")

    OccurrenceFactory()
    small, rows_small = count()
    for _ in range(20):
        OccurrenceFactory()
    large, rows_large = count()
    assert rows_large > rows_small
    # their number, and the page's events (never every event: events.sitemaps.ItemsInLanguages)
    assert (small, large) == (2, 2)


@pytest.fixture
def small_files(monkeypatch):
    """Sitemap files of four addresses: two events in two languages."""
    from events.sitemaps import LocalizedSitemap

    monkeypatch.setattr(LocalizedSitemap, "limit", 4)


def test_the_events_sitemap_is_split_into_files_the_index_lists(client, small_files):
    events = [OccurrenceFactory().event for _ in range(5)]
    _, sections = locations(client, "/sitemap.xml")
    files = [s for s in sections if "/sitemap-events.xml" in s]
    assert files == [
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-events.xml?p=2",
        "http://testserver/sitemap-events.xml?p=3",
    ]
    listed = []
    for url in files:
        root, locs = locations(client, url.removeprefix("http://testserver"))
        assert len(locs) <= 4 * 4  # four addresses, each with three alternates
        listed += [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    assert listed == [
        f"http://testserver{prefix}/arrangementer/{event.slug}/"
        for event in sorted(events, key=lambda event: event.pk)
        for prefix in ("", "/en")
    ]
    assert client.get("/sitemap-events.xml?p=4").status_code == 404


def test_the_sitemap_index_and_each_file_take_constant_queries(client, small_files):
    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    OccurrenceFactory()
    small = count("/sitemap.xml"), count("/sitemap-events.xml")
    for _ in range(9):
        OccurrenceFactory()
    assert (count("/sitemap.xml"), count("/sitemap-events.xml?p=5")) == small


def test_a_full_sitemap_file_stays_under_two_megabytes(client, settings):
    """The longest slugs (220 characters) on a long host name: the limit keeps a file of
    events.sitemaps.LocalizedSitemap.limit addresses under 2 MB."""
    from events.sitemaps import LocalizedSitemap

    host = "kalender." + "k" * 50 + ".kulturmetropolen.dk"
    settings.ALLOWED_HOSTS = [host]
    for n in range(3):
        OccurrenceFactory(event=EventFactory(slug=f"{n}-" + "x" * 218))
    response = client.get("/sitemap-events.xml", HTTP_HOST=host)
    body = response.content
    per_address = (len(body) - len(body.split(b"<url>", 1)[0])) / body.count(b"<url>")
    assert per_address * LocalizedSitemap.limit + len(body) < 2 * 1024 * 1024


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_private_parts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /mine-arrangementer/" in body


def test_a_sitemap_file_says_what_djangos_sitemap_template_says(rf):
    """The file is written without the template engine (events.sitemaps.urlset_xml): the
    same elements, attributes and text as django.contrib.sitemaps' sitemap.xml."""
    from django.contrib.sites.requests import RequestSite
    from django.template import loader

    from events.sitemaps import EventSitemap, urlset_xml

    for _ in range(3):
        OccurrenceFactory()
    urls = EventSitemap().get_urls(site=RequestSite(rf.get("/")), protocol="https")
    expected = loader.get_template("sitemap.xml").render({"urlset": urls})
    written = urlset_xml(urls).decode()
    assert ElementTree.canonicalize(written, strip_text=True) == ElementTree.canonicalize(
        expected, strip_text=True
    )
    assert written.count("<url>") == 6


def event_lastmod(client, event):
    root, _ = section(client, "events")
    for url in root.findall("s:url", NS):
        if url.findtext("s:loc", namespaces=NS).endswith(f"/arrangementer/{event.slug}/"):
            return url.findtext("s:lastmod", namespaces=NS)
    raise AssertionError("the event is not in the sitemap")


@pytest.mark.parametrize("change", ["cancel", "move", "add", "remove"])
def test_lastmod_moves_when_a_date_of_the_event_changes(client, change):
    import time_machine
    from django.utils import timezone

    from events.models import Occurrence

    with time_machine.travel("2026-10-01 10:00 +02:00", tick=False):
        occurrence = OccurrenceFactory(start=timezone.now() + timezone.timedelta(days=20))
        OccurrenceFactory(
            event=occurrence.event, start=occurrence.start + timezone.timedelta(days=1)
        )
        before = event_lastmod(client, occurrence.event)
    with time_machine.travel("2026-10-05 10:00 +02:00", tick=False):
        if change == "cancel":
            occurrence.status = Occurrence.Status.CANCELLED
            occurrence.save()
        elif change == "move":
            occurrence.start += timezone.timedelta(hours=1)
            occurrence.save()
        elif change == "add":
            OccurrenceFactory(
                event=occurrence.event, start=occurrence.start + timezone.timedelta(days=7)
            )
        else:
            occurrence.delete()
        after = event_lastmod(client, occurrence.event)
    assert (before, after) == ("2026-10-01", "2026-10-05")
