"""Values every template needs: the site's address and the link to the other language."""

from django.conf import settings
from django.utils import translation

from .paths import local_path, translated_path

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def other_language(request):
    """This page in the other language (the language is part of the path). Always a path on
    this site: a request for ``//evil.example/…`` does not link to another host."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    code = "da" if current.startswith("en") else "en"
    path = local_path(request.get_full_path())
    url = translated_path(request, path, code)
    if url == path or local_path(url) != url:  # a path that does not resolve: the front page
        url = "/en/" if code == "en" else "/"
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url}


def site(request):
    """``SITE_URL`` and ``other_language`` (``{"code", "name", "url"}``)."""
    return {"SITE_URL": settings.SITE_URL, "other_language": other_language(request)}
