"""Text helpers shared by every app: Danish-aware slugs (counted or opaque), Danish
alphabetical order and plain-text paragraphs."""

import re
import unicodedata

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


# Danish alphabetical order (Retskrivningsordbogen §§ 7–8): … x, y, z, æ, ø, å; ä sorts as æ,
# ö as ø, ü as y; other accented letters as their base letter.
# "{", "|" and "}" are the three characters after "z" in code point order.
_DANISH_ORDER = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"})


def danish_sort_key(value: str) -> tuple[str, str]:
    """A key that sorts strings in Danish alphabetical order, the same on every database:
    Æ, Ø, Å after Z (``sorted(names, key=danish_sort_key)`` puts Rødovre after Roskilde and
    Ærø last). Case is ignored, then breaks ties. The double-a spelling of Å (Aabenraa) is
    sorted as two a's."""
    folded = unicodedata.normalize("NFC", value).casefold().translate(_DANISH_ORDER)
    # Strip other accents (é → e) after the Danish letters have been placed.
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return base, value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text) -> str:
    """``text`` as one line: each run of control characters (CR, LF, tab, NUL …, and the
    Unicode line and paragraph separators) becomes one space, runs of spaces one space, and
    the ends are stripped. For names and subjects that must not add lines of their own."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def nfc(value):
    """``value`` in Unicode Normalization Form C (composed: «å» as one code point, U+00E5,
    not «a» + U+030A COMBINING RING ABOVE), so that text pasted in decomposed form compares
    and searches equal to what is typed; non-strings unchanged. The form is defined by
    Unicode Standard Annex #15; NFC (not NFKC) keeps compatibility characters such as «½»."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def nfc_text_fields(sender, instance, raw=False, **kwargs):
    """A ``pre_save`` receiver: every ``CharField``/``TextField`` (and subclasses, e.g.
    ``SlugField``, ``URLField``) of ``instance`` in NFC (:func:`nfc`), so stored text is in
    one form whichever form, admin page, import or shell saved it. Fixture loading
    (``raw``) is left alone."""
    if raw:
        return
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(instance, field.attname, unicodedata.normalize("NFC", value))
