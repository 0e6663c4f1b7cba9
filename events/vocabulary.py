"""The filter choices — municipalities, venues, focus areas, audiences, accessibility features —
read once and shared through the cache.

Every listing, feed, embed and API request offers and validates these choices; reading them
from the database each time cost five queries a request. They are cached under the content
version (``core.pagecache``), which any change to an event, venue, municipality
or vocabulary bumps, so a new venue is a choice on the very next request.
"""

import secrets
from typing import NamedTuple

from django.core.cache import cache

from core.pagecache import content_version
from core.text import danish_sort_key
from municipalities.models import Municipality, Venue

from .models import AccessibilityFeature, Audience, FocusArea


class Term(NamedTuple):
    """One choice: enough to offer it, validate it and filter by it."""

    pk: int
    slug: str
    name: str
    group: str = ""  # a venue's municipality, for the grouped select

    def __str__(self):
        return self.name


MODELS = {
    "municipality": Municipality,
    "focus_area": FocusArea,
    "audience": Audience,
    "accessibility": AccessibilityFeature,
}


def _read() -> dict[str, list[Term]]:
    terms = {
        key: [Term(*row) for row in model.objects.values_list("pk", "slug", "name")]
        for key, model in MODELS.items()
    }
    venues = (
        Venue.objects.active()
        .order_by("municipality__name", "name")
        .values_list("pk", "slug", "name", "municipality__name")
    )
    terms["venue"] = [Term(*row) for row in venues]
    # Places in Danish alphabetical order (Rødovre after Roskilde), whatever the collation.
    terms["municipality"].sort(key=lambda term: danish_sort_key(term.name))
    terms["venue"].sort(key=lambda term: (danish_sort_key(term.group), danish_sort_key(term.name)))
    return terms


#: This process's copy of the shared choices, under the token of the cached copy.
_LOCAL: dict[str, dict[str, list[Term]]] = {}


def vocabularies() -> dict[str, list[Term]]:
    """Every filter's choices, keyed by the filter's name; five queries on a cold cache.

    Each process keeps its own copy under the token of the shared one (a random name, set
    with it), so a request reads two small values from the cache (the content version and
    the token), not every venue; the same object is returned until the token changes —
    callers must not change it. The token, not the version alone, names the copy: a
    cleared cache starts the version anew and may repeat an old one."""
    key = f"vocabularies:{content_version()}"
    token = cache.get(f"{key}:token")
    if token is not None and (terms := _LOCAL.get(token)) is not None:
        return terms
    terms = cache.get(key) if token is not None else None
    if terms is None:
        terms, token = _read(), secrets.token_hex(8)
        cache.set(key, terms, 24 * 3600)
        cache.set(f"{key}:token", token, 24 * 3600)  # after the terms it names
    _LOCAL.clear()
    _LOCAL[token] = terms
    return terms


#: What was made from this process's copy of the choices: ``{name: (terms, value)}``.
_DERIVED: dict[str, tuple] = {}


def derived(terms: dict[str, list[Term]], name: str, build):
    """``build(terms)`` made once per copy of the choices (``terms``, as
    :func:`vocabularies` returns it) and kept under ``name`` until the copy changes: e.g.
    the folded words of every venue's name, which a request would otherwise fold anew."""
    made = _DERIVED.get(name)
    if made is None or made[0] is not terms:
        made = _DERIVED[name] = (terms, build(terms))
    return made[1]
