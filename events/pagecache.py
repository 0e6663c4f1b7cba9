"""What the shared page cache (:mod:`core.pagecache`) needs to know of the events app's
pages: the query parameters that change each of them. Any other parameter is left out of
the cache key (such a request is served the canonical page, or rendered without storing)."""

from core.pagecache import known_parameters

from .querystring import FEED_PARAMETERS

#: The embed's own options besides the filters (see :mod:`events.views.embed`).
EMBED_OPTIONS = ("limit", "title")
#: The page number of Django's sitemap view.
SITEMAP_PAGE = "p"
#: The query parameters a DRF pagination class may read, by attribute name.
_PAGINATION_ATTRIBUTES = (
    "page_query_param",
    "page_size_query_param",
    "cursor_query_param",
    "limit_query_param",
    "offset_query_param",
)


def api_paging_parameters() -> tuple[str, ...]:
    """The query parameters of the API's pagination class (``page`` and ``page_size``, or
    ``cursor``, …), read from the class so that they follow a change of paging."""
    from .api.views import PublicReadOnly

    paginator = PublicReadOnly.pagination_class
    return tuple(
        value for attr in _PAGINATION_ATTRIBUTES if (value := getattr(paginator, attr, None))
    )


def declare() -> None:
    """Declare the known parameters of the listing, its feeds, the embeds, the API and the
    sitemaps (called once, from ``EventsConfig.ready``). The prefixes are the paths of
    ``events/urls*.py`` without the language; ``tests/test_page_cache_key.py`` checks them."""
    from .views.public import OccurrenceListView

    listing = (*FEED_PARAMETERS, OccurrenceListView.page_kwarg, "sort")
    known_parameters("/arrangementer/", listing)
    known_parameters("/arrangementer/forslag.json", ("q",))  # search suggestions
    known_parameters("/arrangementer/feed.", FEED_PARAMETERS)  # feed.ics, feed.rss, feed.atom
    known_parameters("/embed/", (*FEED_PARAMETERS, *EMBED_OPTIONS))
    known_parameters("/api/v1/", (*FEED_PARAMETERS, *api_paging_parameters()))
    known_parameters("/sitemap", (SITEMAP_PAGE,))
