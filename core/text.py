"""Text helpers shared by every app: Danish-aware slugs (counted or opaque) and plain-text
paragraphs."""

from django.utils.crypto import get_random_string
from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(value: str) -> str:
    """Slugify with Danish transliteration: «Køge Ådal» → ``koege-aadal``, never ``kge``."""
    return slugify(str(value).translate(_DANISH))


def unique_slug(model, value: str, *, instance_pk=None, max_length: int = 200) -> str:
    """A slug for ``value`` that no other row of ``model`` has (adds -2, -3 … when taken)."""
    base = danish_slugify(value)[: max_length - 6].strip("-") or "x"
    others = (
        model._default_manager.exclude(pk=instance_pk) if instance_pk else model._default_manager
    )
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


#: The suffix alphabet of :func:`opaque_slug`: lower-case letters and digits without the
#: look-alikes 0/o, 1/l/i, so a slug read aloud or retyped survives.
SUFFIX_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def opaque_slug(model, value: str, *, max_length: int = 200, suffix_length: int = 6) -> str:
    """A slug for ``value`` followed by a random suffix, e.g. ``koege-aadal-k7m2qx``, that no
    row of ``model`` has.

    Every new slug gets a suffix, taken or not, so a slug tells nothing about the other rows:
    with a counter (``-2``) or a suffix only on a clash, a public ``…-2`` next to a 404 at
    the bare slug gives away that a row nobody may see (an unpublished event) holds it. Six
    characters of 31 make about 887 million suffixes per title, so a clash is retried, not
    expected; the suffix comes from ``secrets`` (``get_random_string``)."""
    base = danish_slugify(value)[: max_length - suffix_length - 1].strip("-") or "x"
    while True:
        slug = f"{base}-{get_random_string(suffix_length, SUFFIX_ALPHABET)}"
        if not model._default_manager.filter(slug=slug).exists():
            return slug
