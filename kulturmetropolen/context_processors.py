"""Values every template needs: the nine municipalities for the header and footer."""

from django.conf import settings
from django.core.cache import cache

from municipalities.models import Municipality

NAV_CACHE_KEY = "site-nav-municipalities"


def site(request):
    municipalities = cache.get(NAV_CACHE_KEY)
    if municipalities is None:
        municipalities = list(Municipality.objects.values("name", "slug"))
        cache.set(NAV_CACHE_KEY, municipalities, 3600)
    return {"nav_municipalities": municipalities, "SITE_URL": settings.SITE_URL}
