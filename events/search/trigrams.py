"""Trigram similarity of words, as PostgreSQL's ``pg_trgm`` measures it, in Python.

Typo matching compares a query word with the few thousand distinct words of the titles,
organizers and venue names (:func:`events.search.matching.name_words`), so it needs no
per-row SQL and works the same on SQLite (``make run``) and PostgreSQL.
Source of the measure: https://www.postgresql.org/docs/current/pgtrgm.html
"""

from functools import lru_cache

#: As PostgreSQL's default ``pg_trgm.strict_word_similarity_threshold``.
THRESHOLD = 0.5


@lru_cache(maxsize=16384)
def trigrams(word: str) -> frozenset[str]:
    """The trigrams of one folded ``word``, padded with two spaces before and one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """Shared trigrams of words ``a`` and ``b`` over all their trigrams (0–1)."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0
