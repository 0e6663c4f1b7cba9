"""Sitemaps of every public page, in Danish and English (with hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from municipalities.models import Municipality, Venue

from .models import Event, FocusArea


class LocalizedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Two languages per item: 20,000 items stay under the 50,000 addresses a sitemap may hold.
    limit = 20_000


class EventSitemap(LocalizedSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at


class VenueSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return Venue.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, venue):
        return venue.updated_at


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
