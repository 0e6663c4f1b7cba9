"""Values every template needs: the nine municipalities for the header and footer."""

from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation

from municipalities.models import Municipality

NAV_CACHE_KEY = "site-nav-municipalities"


LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def other_language(request):
    """This page in the other language (the language is part of the path)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    code = "da" if current.startswith("en") else "en"
    url = translate_url(request.get_full_path(), code)
    if url == request.get_full_path():  # a path that does not resolve: the front page
        url = "/en/" if code == "en" else "/"
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url}


def site(request):
    municipalities = cache.get(NAV_CACHE_KEY)
    if municipalities is None:
        municipalities = list(Municipality.objects.values("name", "slug"))
        cache.set(NAV_CACHE_KEY, municipalities, 3600)
    return {
        "nav_municipalities": municipalities,
        "SITE_URL": settings.SITE_URL,
        "other_language": other_language(request),
    }
