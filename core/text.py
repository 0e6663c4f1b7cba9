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


# Danish alphabetical order (Retskrivningsordbogen §§ 7–8): … x, y, z, æ, ø, å; ä sorts as æ,
# ö as ø, ü as y; other accented letters as their base letter.
# "{", "|" and "}" are the three characters after "z" in code point order.
_DANISH_ORDER = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"})


def danish_sort_key(value: str) -> tuple[str, str]:
    """A key that sorts strings in Danish alphabetical order, the same on every database:
    Æ, Ø, Å after Z (``sorted(names, key=danish_sort_key)`` puts Rødovre after Roskilde and
    Ærø last). Case is ignored, then breaks ties. The double-a spelling of Å (Aabenraa) is
    sorted as two a's."""
    import unicodedata

    folded = unicodedata.normalize("NFC", value).casefold().translate(_DANISH_ORDER)
    # Strip other accents (é → e) after the Danish letters have been placed.
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return base, value
