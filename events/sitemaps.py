"""Sitemaps of every public page, in Danish and English (with hreflang alternates)."""

from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

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

    # The detail view of the items' slugs; None: each item's get_absolute_url().
    url_name = None

    def _items(self):
        return ItemsInLanguages(self.items(), self._languages())

    def location(self, item):
        """The item's address in the active language (``get_absolute_url()``, or, with
        ``url_name``, :meth:`_prefix` and the slug)."""
        if self.url_name is None:
            return item.get_absolute_url()
        return f"{self._prefix(translation.get_language())}{item.slug}/"

    def _prefix(self, language) -> str:
        """The address of ``url_name`` in ``language`` up to the slug, reversed once per
        language and sitemap, not once per item and language (4,000 reversals a file)."""
        prefixes = self.__dict__.setdefault("_prefixes", {})
        if language not in prefixes:
            with translation.override(language):
                path = reverse(self.url_name, kwargs={"slug": "slug"})
            if not path.endswith("/slug/"):
                raise ImproperlyConfigured(f"{self.url_name} does not end with its slug")
            prefixes[language] = path.removesuffix("slug/")
        return prefixes[language]

    def _location(self, item, force_lang_code=None):
        """Django's ``Sitemap._location`` (the address of an (item, language) pair) without
        switching the active language for every address when ``url_name`` is set: the
        switches took most of a file's time (3,000 a file)."""
        if self.url_name is None:
            return super()._location(item, force_lang_code)
        obj, language = item
        return f"{self._prefix(force_lang_code or language)}{obj.slug}/"


class EventSitemap(LocalizedSitemap):
    url_name = "events:detail"
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        """When the event's page last changed: ``Event.updated_at``, which also moves when
        a date of the event is added, moved, cancelled or removed (events.signals)."""
        return event.updated_at

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not every row (Django's default)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class VenueSitemap(LocalizedSitemap):
    url_name = "municipalities:venue"
    changefreq = "weekly"

    def items(self):
        return Venue.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, venue):
        return venue.updated_at

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not every row (Django's default)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class MunicipalitySitemap(LocalizedSitemap):
    url_name = "municipalities:detail"
    changefreq = "daily"

    def items(self):
        return Municipality.objects.only("slug").order_by("pk")


class FocusAreaSitemap(LocalizedSitemap):
    url_name = "focus_areas:detail"
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


def urlset_xml(urls) -> bytes:
    """A sitemap file (sitemaps.org protocol 0.9, hreflang alternates as xhtml:link) from
    Django's ``Sitemap.get_urls()`` entries: the XML of Django's ``sitemap.xml`` template,
    written directly (the template engine took 0.25 s of CPU for 1,000 addresses)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        lastmod = url["lastmod"]
        if lastmod:
            if isinstance(lastmod, datetime):
                lastmod = timezone.localtime(lastmod) if timezone.is_aware(lastmod) else lastmod
                lastmod = lastmod.date()
            parts.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(alternate["lang_code"])} '
                f"href={quoteattr(alternate['location'])}/>"
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts).encode()


def sitemap_section(request, section):
    """One sitemap file: Django's view (the page ``?p=``, a 404 for a page or section that
    does not exist, Last-Modified, X-Robots-Tag) with the XML written by :func:`urlset_xml`."""
    response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
    response.content = urlset_xml(response.context_data["urlset"])
    return response
