"""The page cache's key: scheme, host, language, path and only the known filter parameters.
Junk parameters neither skip the cache nor fill it; a forwarded https request does not hand
its links to plain ones; the API answers in one JSON form whatever ``Accept`` says; pages of
logged-in users are private; the admin is never cached wherever ``ADMIN_URL`` puts it."""

import json

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from core import pagecache
from core.pagecache import AnonymousPageCacheMiddleware, canonical_address, parameters_for
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def cached_pages() -> int:
    return len([key for key in cache._cache if "page-cache:" in key and "content-" not in key])


def test_an_unknown_parameter_is_served_the_canonical_page(client, page_cache):
    OccurrenceFactory()
    first = client.get("/arrangementer/?municipality=koege")
    assert first["X-Page-Cache"] == "miss"
    response = client.get("/arrangementer/?municipality=koege&x=1")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == first.content


def test_unknown_parameters_store_nothing(client, page_cache):
    OccurrenceFactory()
    for n in range(10):
        response = client.get(f"/arrangementer/?x={n}&utm_source=mail")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert cached_pages() == 0
    # So nothing they echo (the listing's links carry the whole query) reaches others.
    response = client.get("/arrangementer/")
    assert response["X-Page-Cache"] == "miss"
    assert "utm_source" not in response.content.decode()


def test_the_known_parameters_key_in_a_fixed_order(client, page_cache):
    OccurrenceFactory()
    client.get("/arrangementer/?municipality=koege&free=true")
    assert client.get("/arrangementer/?free=true&municipality=koege")["X-Page-Cache"] == "hit"
    # An empty form field is no filter.
    client.get("/arrangementer/")
    response = client.get("/arrangementer/?q=&municipality=&date_from=")
    assert response["X-Page-Cache"] == "hit"
    assert cached_pages() == 2


def test_the_value_a_view_reads_decides_the_key(client, page_cache):
    """A repeated single-valued parameter: Django reads the last value, so order matters."""
    OccurrenceFactory()
    client.get("/arrangementer/?period=today&period=week")
    assert client.get("/arrangementer/?period=week&period=today")["X-Page-Cache"] == "miss"


def test_spellings_of_the_same_request_share_one_entry(client, page_cache):
    """White space, letter case and repeated values made a new, uncached render each time
    (the whole calendar feed for ``q=%09``, ``q=+``, ``q=%E2%80%A8``): an endless supply of
    misses for anyone wanting to stall the site."""
    OccurrenceFactory()
    assert client.get("/arrangementer/feed.ics")["X-Page-Cache"] == "miss"
    for variant in ("q=%09", "q=++", "q=%E2%80%A8", "free=+", "q=&q=%20"):
        response = client.get(f"/arrangementer/feed.ics?{variant}")
        assert response["X-Page-Cache"] == "hit", variant
    client.get("/arrangementer/?q=koncert&municipality=koege")
    for variant in (
        "q=Koncert&municipality=koege",
        "q=%20KONCERT%20&municipality=koege&municipality=koege",
    ):
        response = client.get(f"/arrangementer/?{variant}")
        assert response["X-Page-Cache"] == "hit", variant
    assert cached_pages() == 2


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("/arrangementer/?q=koncert&page=LAST", "/arrangementer/?q=koncert&page=last"),
        ("/en/arrangementer/?page=last%20", "/en/arrangementer/?page=last"),
        ("/arrangementer/?q=koncert&sort=DATE", "/arrangementer/?q=koncert&sort=date"),
        ("/api/v1/occurrences/?q=koncert&page=LAST", "/api/v1/occurrences/?q=koncert&page=last"),
        ("/arrangementer/?page=%20", "/arrangementer/"),
        ("/arrangementer/?page=2&page=", "/arrangementer/?page=2"),
        ("/arrangementer/?q=koncert&q=", "/arrangementer/?q=koncert"),
        ("/arrangementer/?q=koncert&q=koncert", "/arrangementer/?q=koncert"),
        ("/arrangementer/feed.ics?q=koncert&q=", "/arrangementer/feed.ics?q=koncert"),
        ("/api/v1/occurrences/?page=%20", "/api/v1/occurrences/"),
        # Case-folding is not what the search does: «ﬁ» (a ligature) and «ſ» (a long s)
        # fold to «fi» and «s», which the search does not read alike.
        ("/arrangementer/?q=%EF%AC%81lm", "/arrangementer/?q=film"),
        ("/arrangementer/?q=koncert+%C5%BFang", "/arrangementer/?q=koncert+sang"),
        ("/api/v1/occurrences/?q=%EF%AC%81lm", "/api/v1/occurrences/?q=film"),
        ("/arrangementer/feed.ics?q=%EF%AC%81lm", "/arrangementer/feed.ics?q=film"),
        # Control characters and other spaces around the words are read away, but would be
        # shown to everyone in the box, the links and the feed's name.
        ("/arrangementer/?q=%1Ffilm", "/arrangementer/?q=film"),
        ("/arrangementer/feed.ics?q=%E3%80%80film%E3%80%80", "/arrangementer/feed.ics?q=film"),
    ],
)
def test_an_odd_spelling_the_view_reads_otherwise_is_not_stored(
    client, page_cache, settings, odd, plain
):
    """``page=LAST`` or ``page=%20`` is no page (a 404), ``sort=DATE`` no sort, and
    ``q=koncert&q=`` no search (Django reads the last value): stored under the key of the
    plain request, it would answer every visitor who asks for that."""
    settings.LISTING_PAGE_SIZE = 2  # a page 2 to ask for
    for n in range(3):
        OccurrenceFactory(event__title=f"Koncert {n}")
    OccurrenceFactory(event__title="Koncert med film og sang")
    client.get(odd)
    expected = client.get(plain)
    assert expected["X-Page-Cache"] == "miss"
    assert expected.status_code == 200
    if "q=film" in plain or "sang" in plain:  # what the plain search finds is shown
        assert "Koncert med film og sang" in expected.content.decode()


def test_a_forwarded_https_request_does_not_poison_plain_requests(client, page_cache):
    """gunicorn sets the scheme from X-Forwarded-Proto (from 127.0.0.1 by default)."""
    occurrence = OccurrenceFactory()
    url = occurrence.event.get_absolute_url()
    secure = client.get(url, secure=True, HTTP_X_FORWARDED_PROTO="https")
    assert 'rel="canonical" href="https://testserver' in secure.content.decode()
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "miss"
    assert 'rel="canonical" href="http://testserver' in plain.content.decode()
    assert "https://testserver" not in plain.content.decode()


def test_the_language_is_part_of_the_key():
    factory = RequestFactory()
    english, _ = canonical_address(factory.get("/en/arrangementer/"))
    danish, _ = canonical_address(factory.get("/arrangementer/", HTTP_ACCEPT_LANGUAGE="en"))
    assert json.loads(english)[2] == "en"
    assert json.loads(danish)[2] == "da"  # unprefixed paths are Danish, whatever the browser


@pytest.mark.parametrize(
    "url", ["/api/v1/municipalities/", "/api/v1/occurrences/?municipality=koege"]
)
def test_the_api_has_one_json_form_whatever_accept_says(client, page_cache, url):
    OccurrenceFactory()
    indented = client.get(url, HTTP_ACCEPT="application/json; indent=8")
    assert indented.status_code == 200
    assert indented["Content-Type"] == "application/json"
    assert b"\n " not in indented.content
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "hit"
    assert plain.content == indented.content
    cache.clear()
    for accept in ["application/json", "text/html", "*/*", "application/json; indent=4"]:
        response = client.get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 200, accept
        assert response.content == indented.content, accept


def test_the_openapi_schema_has_one_form_whatever_accept_says(client, page_cache):
    default = client.get("/api/v1/schema/")
    cache.clear()
    asked_for_json = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert asked_for_json.content == default.content
    assert asked_for_json["Content-Type"] == default["Content-Type"]


def test_pages_of_logged_in_users_are_private_and_not_stored(client, venue_staff):
    OccurrenceFactory()
    _venue, user = venue_staff
    client.force_login(user)
    for url in ["/arrangementer/", "/", "/mine-arrangementer/", "/api/v1/municipalities/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control, url
        assert "public" not in control, url


def test_anonymous_pages_stay_public(client, page_cache):
    OccurrenceFactory()
    control = client.get("/arrangementer/")["Cache-Control"]
    assert "public" in control and "private" not in control


@pytest.mark.parametrize(
    ("path", "cacheable"),
    [
        ("/styring/", False),
        ("/styring/events/event/", False),
        ("/en/styring/", False),
        ("/admin/", True),  # just a path now: not the admin
        ("/konto/login/", False),
        ("/en/mine-arrangementer/", False),
        ("/arrangementer/", True),
    ],
)
def test_the_admin_is_never_cached_where_admin_url_puts_it(settings, path, cacheable):
    settings.ADMIN_URL = "styring/"
    request = RequestFactory().get(path)
    assert AnonymousPageCacheMiddleware._cacheable_request(request) is cacheable


def test_the_declared_prefixes_are_the_pages_addresses():
    assert parameters_for(reverse("events:list"))[-2:] == ("page", "sort")
    for name in ["feeds:ics", "feeds:rss", "feeds:atom"]:
        assert "page" not in parameters_for(reverse(name)), name
        assert "municipality" in parameters_for(reverse(name)), name
    assert {"limit", "title", "q"} <= set(parameters_for(reverse("feeds:embed")))
    assert {"limit", "title"} <= set(parameters_for(reverse("feeds:embed_builder")))
    assert {"page", "q"} <= set(parameters_for(reverse("api:occurrence-list")))
    assert parameters_for(reverse("sitemap_section", args=["events"])) == ("p",)
    assert parameters_for("/en" + reverse("events:list")) == parameters_for(reverse("events:list"))
    assert parameters_for("/kommuner/koege/") == ()
    assert pagecache.excluded_prefixes()[0] == "/admin/"
