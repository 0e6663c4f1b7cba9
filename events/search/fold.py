"""One spelling for the ways Danish is typed.

``fold("Køge")``, ``fold("koege")`` and ``fold("KOGE")`` are all ``"koge"``: people type
without ø/æ/å (no Danish keyboard), with the old digraphs oe/ae/aa, or with the Swedish and
German ä/ö. Folding maps each to the plain vowel, strips accents (café = cafe) and case, and
brings the text to one Unicode form (NFC). The same function folds the stored search text
(:meth:`events.models.Event.build_search_text`) and every query, so both sides meet.

PostgreSQL has the same rule as the immutable SQL function ``search_fold(text)`` (migration
``0012_search_folding``, built on the ``unaccent`` extension); a test keeps the two equal.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: Letters that Unicode does not decompose into a base letter and a mark, as the ``unaccent``
#: extension's rules spell them.
_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d"}
)
#: The old Danish digraphs (and æ → ae above) to one vowel: Aabenraa = Åbenrå = abenra.
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("aa", "a"))
_WORD = re.compile(r"\w+")

#: PostgreSQL's Danish stop words (``danish.stop`` of the Snowball project), folded: words
#: that say nothing about an event. A query of only these matches everything.
STOP_WORDS = frozenset(
    [
        "ad",
        "af",
        "alle",
        "alt",
        "anden",
        "at",
        "blev",
        "blive",
        "bliver",
        "da",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "deres",
        "det",
        "dette",
        "dig",
        "din",
        "disse",
        "dog",
        "du",
        "efter",
        "eller",
        "en",
        "end",
        "er",
        "et",
        "for",
        "fra",
        "ham",
        "han",
        "hans",
        "har",
        "havde",
        "have",
        "hende",
        "hendes",
        "her",
        "hos",
        "hun",
        "hvad",
        "hvis",
        "hvor",
        "i",
        "ikke",
        "ind",
        "jeg",
        "jer",
        "jo",
        "kunne",
        "man",
        "mange",
        "med",
        "meget",
        "men",
        "mig",
        "min",
        "mine",
        "mit",
        "mod",
        "ned",
        "noget",
        "nogle",
        "nu",
        "nar",
        "og",
        "ogsa",
        "om",
        "op",
        "os",
        "over",
        "pa",
        "selv",
        "sig",
        "sin",
        "sine",
        "sit",
        "skal",
        "skulle",
        "som",
        "sadan",
        "thi",
        "til",
        "ud",
        "under",
        "var",
        "vi",
        "vil",
        "ville",
        "vor",
    ]
)


def fold(text: str) -> str:
    """``text`` folded for search: NFC, lower case, æ/ä/ae → a, ø/ö/oe → o, å/aa → a, other
    accents dropped (é → e, ü → u). Idempotent: ``fold(fold(x)) == fold(x)``."""
    text = unicodedata.normalize("NFC", text).lower().translate(_LETTERS)
    text = "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )
    text = unicodedata.normalize("NFC", text)
    for digraph, vowel in _DIGRAPHS:
        text = text.replace(digraph, vowel)
    return text


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; punctuation and search syntax such
    as ``"``, ``-``, ``&``, ``:*`` dropped), in order."""
    return _WORD.findall(fold(text).replace("_", " "))


def content_words(text: str) -> list[str]:
    """:func:`words` without the stop words; ``[]`` for a query like «og» (then everything
    matches rather than nothing)."""
    return [word for word in words(text) if word not in STOP_WORDS]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The Danish Snowball stem of a folded ``word`` (koncerter → koncert, varksteder →
    varksted): the algorithm of PostgreSQL's ``danish`` configuration, in Python for SQLite.
    Source: https://snowballstem.org/algorithms/danish/stemmer.html"""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("danish")
