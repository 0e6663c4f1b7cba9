"""Fuzzing the page cache's key with the listing's, feeds', embeds' and API's parameters and
names nobody expects: a request with an unknown parameter never adds a cached page, and one
with only known parameters adds at most one."""

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from core.pagecache import parameters_for
from tests.fuzz.support import LISTING_PARAMETERS, encode, fetch, fuzz, query

pytestmark = pytest.mark.django_db

URLS = [
    "/arrangementer/",
    "/en/arrangementer/",
    "/arrangementer/feed.ics",
    "/arrangementer/feed.rss",
    "/embed/",
    "/api/v1/occurrences/",
    "/kommuner/koege/",
]


def cached_pages() -> int:
    return len([key for key in cache._cache if "page-cache:" in key and "content-" not in key])


@fuzz
@given(
    url=st.sampled_from(URLS),
    pairs=query(LISTING_PARAMETERS, extra=["limit", "title", "page_size", "format", "x"]),
)
@example(url="/arrangementer/", pairs=[("q", "koncert"), ("x", "1")])
@example(url="/api/v1/occurrences/", pairs=[("format", "json")])
def test_only_known_parameters_make_cache_entries(client, world, settings, url, pairs):
    settings.PAGE_CACHE_SECONDS = 300
    response = fetch(client, "get", f"{url}?{encode(pairs)}")  # fetch() empties the cache
    known = parameters_for(url)
    if any(name not in known for name, _value in pairs):
        assert cached_pages() == 0, pairs
        assert "X-Page-Cache" not in response
    else:
        assert cached_pages() <= 1, pairs
