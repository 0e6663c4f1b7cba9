"""The filter choices — municipalities, venues, focus areas, audiences, accessibility features —
read once and shared through the cache.

Every listing, feed, embed and API request offers and validates these choices; reading them
from the database each time cost five queries a request. They are cached under the content
version (``core.pagecache``), which any change to an event, venue, municipality
or vocabulary bumps, so a new venue is a choice on the very next request.
"""

from typing import NamedTuple

from core.pagecache import content_version
from core.processcopy import process_copy
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


#: This process's copy of the shared choices (core.processcopy).
_LOCAL: dict[str, dict[str, list[Term]]] = {}


def vocabularies() -> dict[str, list[Term]]:
    """Every filter's choices, keyed by the filter's name; five queries on a cold cache.

    Kept per content version in the shared cache, and in each process under the token of
    the shared copy (:func:`core.processcopy.process_copy`): a request reads two small
    values from the cache (the content version and the token), not every venue. The same
    object is returned until the token changes — callers must not change it."""
    return process_copy(f"vocabularies:{content_version()}", _read, 24 * 3600, _LOCAL)


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
