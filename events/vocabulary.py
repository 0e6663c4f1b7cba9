"""The filter choices — municipalities, venues, focus areas, audiences, accessibility features —
read once and shared through the cache.

Every listing, feed, embed and API request offers and validates these choices; reading them
from the database each time cost five queries a request. They are cached under the content
version (``core.pagecache``), which any change to an event, venue, municipality
or vocabulary bumps, so a new venue is a choice on the very next request.
"""

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


def vocabularies() -> dict[str, list[Term]]:
    """Every filter's choices, keyed by the filter's name; five queries on a cold cache."""
    key = f"vocabularies:{content_version()}"
    terms = cache.get(key)
    if terms is None:
        terms = _read()
        cache.set(key, terms, 24 * 3600)
    return terms
