"""The nine municipalities for the header and footer of every page (cached for an hour;
``signals`` forgets them when a municipality changes)."""

from django.core.cache import cache

from core.text import danish_sort_key

from .models import Municipality

NAV_CACHE_KEY = "site-nav-municipalities"
NAV_CACHE_SECONDS = 3600


def navigation(request):
    """``nav_municipalities``: a list of ``{"name", "slug"}`` dicts in Danish alphabetical order."""
    municipalities = cache.get(NAV_CACHE_KEY)
    if municipalities is None:
        municipalities = sorted(
            Municipality.objects.values("name", "slug"), key=lambda m: danish_sort_key(m["name"])
        )
        cache.set(NAV_CACHE_KEY, municipalities, NAV_CACHE_SECONDS)
    return {"nav_municipalities": municipalities}
