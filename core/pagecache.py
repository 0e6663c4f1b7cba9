"""A shared cache of whole public pages for anonymous visitors.

A page is cached under its *canonical address* — scheme, host, language, path and only the
query parameters known to change it, in a fixed order — a *content version* and a
five-minute time bucket. Any change to the content — an event, a date, a venue, a
municipality, a vocabulary row, a text page — bumps the content version (each domain app
connects its models with :func:`watch` in its ``signals.py``), so the next request renders
afresh on every app server that shares the cache. The time bucket bounds how stale
time-relative text ("today", "from now on") can get.

The known parameters are declared by the apps, per path prefix (:func:`known_parameters`);
core knows no page. A request with any other parameter (``&x=1``, ``utm_source``) is
served the canonical page when it is cached, and otherwise rendered but not stored: junk
parameters neither skip the cache nor fill it, and a page that echoes them is never shared.
So is a request whose values the view reads otherwise than the key (``page=LAST``,
``page=%20``, ``page=2&page=``: no such page, or no page 2): it cannot answer for the
plain request.
The scheme is part of the key, so a request that says ``X-Forwarded-Proto: https`` cannot
hand its https links to plain requests.

Only anonymous requests without a session cookie are served from or stored in the cache,
and only 200 and 404 responses that set no cookie and do not forbid caching (a 404 too: a
page beyond a search's last one costs the whole search to find it missing): logged-in staff never
get a cached page (and their pages say ``Cache-Control: private, no-store``), and a page that
hands out a CSRF token (it sets a cookie) is never shared. ``Vary: Cookie`` and ``Vary:
Accept`` are ignored on purpose: the key only ever serves cookieless requests, and each page
has one form whatever the request accepts (the API renders one JSON).
"""

import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

VERSION_KEY = "page-cache:content-version"
CHANGED_KEY = "page-cache:content-changed-at"
#: Never cached, besides the admin (``settings.ADMIN_URL``, see :func:`excluded_prefixes`).
EXCLUDED_PREFIXES = ("/mine-arrangementer/", "/konto/", "/i18n/", "/healthz", "/livez")
BUCKET_SECONDS = 300

# Path prefix (without the language) → the query parameters that change its pages.
_KNOWN_PARAMETERS: dict[str, tuple[str, ...]] = {}


def _new_series() -> int:
    """Where a content version series starts (none yet, or the cache cleared): the clock in
    nanoseconds plus a random part, so that it does not repeat an earlier series even when
    the clock stands still — a process's own copies keyed by the version (the fragments',
    core.templatetags.fragments) would be taken for current."""
    return time.time_ns() + secrets.randbelow(1 << 30)


def content_version() -> int:
    """The content version: a number that every public change bumps (an atomic increment,
    :func:`bump_content_version`); what cached pages, fragments and choices are keyed by."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _new_series()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs) -> None:
    """Forget every cached page (cheaply: cached pages are keyed by the version), now and
    again when the current transaction commits.

    An atomic increment, so that two app servers bumping at once both count, and a change
    is seen even when the clock stands still. Bumped at once, so that this request's own
    next read sees the change; and after the commit, so that a page another request
    rendered in between — from the rows as they were before the commit (an event being
    published: a 404) — was stored under a version no request reads any more."""
    _bump()
    connection = transaction.get_connection()
    # Once per transaction, however many rows it saves (``run_on_commit``: Django's list
    # of ``(savepoints, function, robust)``).
    if connection.in_atomic_block and not any(
        entry[1] is _bump for entry in connection.run_on_commit
    ):
        transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more): start a new series
        cache.set(VERSION_KEY, _new_series(), None)
    cache.set(CHANGED_KEY, time.time(), None)


def watch(*models, when: Callable[..., bool] | None = None) -> None:
    """Bump the content version whenever a row of one of ``models`` is saved or deleted, or,
    for a many-to-many ``through`` model, whenever its links change.

    ``when(instance, created=bool)``, if given, says whether such a change can alter a
    public page: a change for which it is False keeps every cached page (a draft saved, a
    submission waiting for review). For a through model ``instance`` is the object whose
    links changed from the forward side; a change from the reverse side always bumps.

    Called by each domain app for the models its public pages show (in its ``signals.py``),
    so that this module needs to know none of them."""

    def bump_if_public(sender, instance=None, created=False, reverse=False, **kwargs):
        if instance is None or reverse or when(instance, created=created):
            bump_content_version()

    handler = bump_content_version if when is None else bump_if_public
    for model in models:
        name = f"{model._meta.app_label}.{model.__name__}"
        if model._meta.auto_created:  # a many-to-many relation's through model
            m2m_changed.connect(
                handler, sender=model, dispatch_uid=f"pagecache_m2m_{name}", weak=False
            )
            continue
        post_save.connect(handler, sender=model, dispatch_uid=f"pagecache_save_{name}", weak=False)
        post_delete.connect(
            handler, sender=model, dispatch_uid=f"pagecache_delete_{name}", weak=False
        )


def content_changed_at() -> float | None:
    """When public content last changed (a Unix time), if the cache still knows."""
    return cache.get(CHANGED_KEY)


def known_parameters(prefix: str, names: Iterable[str]) -> None:
    """Declare that the pages under ``prefix`` (a path without the language prefix, such as
    ``"/arrangementer/"``) change with the query parameters ``names`` and no others. The
    longest declared prefix of a path applies; a path under none has no parameters. Called
    by each app for its own pages (in its ``AppConfig.ready``), in the order the parameters
    appear in the cache key."""
    _KNOWN_PARAMETERS[prefix] = tuple(dict.fromkeys(names))


def parameters_for(path: str) -> tuple[str, ...]:
    """The known query parameters of the page at ``path`` (with or without the language)."""
    path = _path_without_language(path)
    best = ""
    for prefix in _KNOWN_PARAMETERS:
        if path.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return _KNOWN_PARAMETERS.get(best, ())


def excluded_prefixes() -> tuple[str, ...]:
    """Paths (without the language) never cached: the admin where ``ADMIN_URL`` puts it, the
    staff pages, the accounts, the language switch and the health checks."""
    return (f"/{settings.ADMIN_URL.strip('/')}/", *EXCLUDED_PREFIXES)


def _path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def _language(request) -> str:
    """The language ``LocaleMiddleware`` will choose for ``request`` (it runs later)."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    if (
        i18n_patterns_used
        and not prefixed_default_language
        and not translation.get_language_from_path(request.path_info)
    ):
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=i18n_patterns_used)


def _normalised(values: list[str]) -> list[str]:
    """A parameter's values as the views read them, so that spellings of the same request
    share one cache entry: trimmed (Unicode white space too), case-folded, blank ones
    dropped, and a repeated value kept once, at its last place (Django reads the last value
    of a single-valued parameter). Without this, ``q=%20``, ``q=Koncert`` or a repeated
    ``municipality`` each rendered an uncached page: an endless supply of misses."""
    kept = []
    for value in reversed([value.strip().casefold() for value in values]):
        if value and value not in kept:
            kept.append(value)
    return kept[::-1]


def _as_read(name: str, values: list[str]) -> bool:
    """The view reads ``values`` as the key does: each value as normalised — no blank, no
    repeat (Django reads a single-valued parameter's last value: ``page=2&page=`` is no
    page 2, ``page=%20`` no page at all), no other case or spacing — except that ``q`` may
    differ in case and outer spaces (the search lower-cases and trims them).

    Case-folding does more than lower-casing: «ﬁlm» (a ligature), «ſang» (a long s) fold to
    «film», «sang», which the search (``str.lower``) does not read alike. Such a ``q`` was
    stored under the plain word's key, and every visitor asking for «film» got the «ﬁlm»
    search (nothing found) for five minutes. A ``q`` is stored only when folding its case
    is lowering it, and when nothing but plain spaces surrounds it (a control character or
    an ideographic space around «film» would be shown to every visitor of «film»: in the
    box, the links and a feed's name). Spellings that differ only in letter case («KONCERT»,
    «Koncert», a Kelvin sign for K) do share an entry: the same search, found alike, and
    the first one's spelling shown in the box until the entry expires (docs/operations.md)."""
    normal = _normalised(values)
    if name == "q":
        return [value.strip().casefold() for value in values] == normal and all(
            value.casefold() == value.lower() and value.strip(" ") == value.strip()
            for value in values
        )
    return values == normal


def canonical_address(request) -> tuple[str, bool]:
    """``(address, exact)``: the page's canonical address — a JSON list of scheme, host,
    language, path and its known parameters (:func:`known_parameters`) in their declared
    order, each with its values normalised (:func:`_normalised`); a parameter whose values
    are all blank counts as absent — and whether the request is exactly that (``False``
    when it has any other parameter, or values the view reads otherwise than the key
    (:func:`_as_read`): ``page=LAST``, ``page=%20`` or ``page=2&page=`` read as no such
    page, ``sort=DATE`` as no sort. Such a request is served the canonical page when it is
    cached, and never stored: it cannot answer for the plain one)."""
    names = parameters_for(request.path)
    query = [(name, _normalised(request.GET.getlist(name))) for name in names]
    query = [(name, values) for name, values in query if values]
    exact = all(name in names for name in request.GET) and all(
        _as_read(name, request.GET.getlist(name)) for name in names if name in request.GET
    )
    # JSON: no path or value can pass for another field.
    address = json.dumps(
        [
            request.scheme,
            request.get_host(),
            _language(request),
            request.path,
            urlencode(query, doseq=True),
        ]
    )
    return address, exact


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors' public pages from the shared cache (see the module), and
    marks the pages of logged-in users ``Cache-Control: private, no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._cacheable_request(request):
            return self._private_for_users(request, self.get_response(request))
        address, exact = canonical_address(request)
        digest = hashlib.sha256(address.encode("utf-8", "backslashreplace")).hexdigest()
        bucket = int(time.time() // BUCKET_SECONDS)
        key = f"page-cache:{content_version()}:{bucket}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        # A page that rendered a CSRF token is never shared, whatever cookies came along.
        if (
            exact
            and self._cacheable_response(response)
            and not request.META.get("CSRF_COOKIE_USED")
        ):
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _private_for_users(request, response):
        # Only a request with a session cookie can be logged in: no session lookup for the
        # others. The session, not request.user, which DRF replaces in its views.
        session = getattr(request, "session", None)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and session is not None
            and session.get(SESSION_KEY) is not None
        ):
            add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        excluded = excluded_prefixes()
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not _path_without_language(request.path).startswith(excluded)
            and not request.path.startswith(excluded)
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code in (200, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-cache" not in control
            and "no-store" not in control
            and "max-age=0" not in control
        )
