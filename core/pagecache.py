"""A shared cache of whole public pages for anonymous visitors.

A page is cached under its full path (the language is part of the path), the host, a
*content version* and a five-minute time bucket. Any change to the content — an event, a
date, a venue, a municipality, a vocabulary row, a text page — bumps the content version
(each domain app connects its models with :func:`watch` in its ``signals.py``), so the next
request renders afresh on every app server that shares the cache. The time bucket bounds how
stale time-relative text ("today", "from now on") can get.

Only anonymous requests without a session cookie are served from or stored in the cache,
and only 200 responses that set no cookie and do not forbid caching: logged-in staff never
get a cached page, and a page that hands out a CSRF token (it sets a cookie) is never shared.
``Vary: Cookie`` is ignored on purpose: the key only ever serves cookieless requests.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control

VERSION_KEY = "page-cache:content-version"
CHANGED_KEY = "page-cache:content-changed-at"
EXCLUDED_PREFIXES = ("/admin/", "/mine-arrangementer/", "/konto/", "/i18n/", "/healthz", "/livez")
BUCKET_SECONDS = 300


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs) -> None:
    """Forget every cached page (cheaply: cached pages are keyed by the version).

    An atomic increment, so that two app servers bumping at once both count, and a change
    is seen even when the clock stands still."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more): start a new series
        cache.set(VERSION_KEY, time.time_ns(), None)
    cache.set(CHANGED_KEY, time.time(), None)


def watch(*models) -> None:
    """Bump the content version whenever a row of one of ``models`` is saved or deleted, or,
    for a many-to-many ``through`` model, whenever its links change.

    Called by each domain app for the models its public pages show (in its ``signals.py``),
    so that this module needs to know none of them."""
    for model in models:
        name = f"{model._meta.app_label}.{model.__name__}"
        if model._meta.auto_created:  # a many-to-many relation's through model
            m2m_changed.connect(
                bump_content_version, sender=model, dispatch_uid=f"pagecache_m2m_{name}"
            )
            continue
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"pagecache_save_{name}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"pagecache_delete_{name}"
        )


def content_changed_at() -> float | None:
    """When public content last changed (a Unix time), if the cache still knows."""
    return cache.get(CHANGED_KEY)


def _path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        address = hashlib.sha256(
            f"{request.get_host()} {request.get_full_path()}".encode()
        ).hexdigest()
        bucket = int(time.time() // BUCKET_SECONDS)
        key = f"page-cache:{content_version()}:{bucket}:{address}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        # A page that rendered a CSRF token is never shared, whatever cookies came along.
        if self._cacheable_response(response) and not request.META.get("CSRF_COOKIE_USED"):
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not _path_without_language(request.path).startswith(EXCLUDED_PREFIXES)
            and not request.path.startswith(EXCLUDED_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-cache" not in control
            and "no-store" not in control
            and "max-age=0" not in control
        )
