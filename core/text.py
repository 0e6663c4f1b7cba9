"""Text helpers shared by every app: Danish-aware slugs and plain-text paragraphs."""

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
