"""Sitemaps of every public page, in Danish and English (with hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from municipalities.models import Municipality, Venue

from .models import Event, FocusArea


class ItemsInLanguages:
    """The (item, language) pairs of an i18n sitemap as a sequence Django's paginator can
    count and slice without loading every item: ``count()`` is one COUNT query (or ``len`` of
    a list), a slice one query for just the items it covers.

    Django's ``Sitemap._items`` builds the whole list of pairs for every page and for the
    sitemap index (100,000 events: every row read for each file); this reads one page.
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            items = self.items
            size = items.count() if isinstance(items, QuerySet) else len(items)
            self._count = size * len(self.languages)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("ItemsInLanguages supports slices only")
        per_item = len(self.languages)
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        first = start // per_item
        items = self.items[first : -(-stop // per_item)]
        pairs = [(item, language) for item in items for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class LocalizedSitemap(Sitemap):
    """Every item in Danish and English (hreflang alternates), paged by ``limit``.

    ``limit`` counts (item, language) pairs: 1,000 pairs (500 items) per file keep a file
    under 2 MB even with 220-character slugs and a long host name (tests/test_sitemap.py), far
    below the sitemap protocol's 50,000 addresses and 50 MB (sitemaps.org). The sitemap
    index (``/sitemap.xml``) lists each file: ``sitemap-events.xml?p=2`` and so on.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 1_000

    def _items(self):
        return ItemsInLanguages(self.items(), self._languages())


class EventSitemap(LocalizedSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not every row (Django's default)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class VenueSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return Venue.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, venue):
        return venue.updated_at

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not every row (Django's default)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class MunicipalitySitemap(LocalizedSitemap):
    changefreq = "daily"

    def items(self):
        return Municipality.objects.only("slug").order_by("pk")


class FocusAreaSitemap(LocalizedSitemap):
    changefreq = "daily"

    def items(self):
        return FocusArea.objects.only("slug").order_by("pk")


class PageSitemap(LocalizedSitemap):
    """The front page, the listing, the municipality index and the text pages."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "events:list",
            "municipalities:list",
            "page_om",
            "page_tilgaengelighed",
            "page_privatliv",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "events": EventSitemap,
    "venues": VenueSitemap,
    "municipalities": MunicipalitySitemap,
    "focus-areas": FocusAreaSitemap,
}
