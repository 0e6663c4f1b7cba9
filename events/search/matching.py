"""Which events match a text query, and how well — on PostgreSQL and on SQLite.

A query is folded (:mod:`.fold`) and split into words; stop words are dropped, and a query of
only stop words («og») matches everything. Every remaining word must match the event in one
of three ways:

- **full text with stems and prefixes** — PostgreSQL: ``search_vector @@ 'koncert':*``
  (Danish stems: «koncerter» finds «Koncert»; prefixes: «jazz» finds «Jazzkoncert»);
  SQLite: the Snowball stem as a substring of the folded text;
- **word part** — the word inside a title, organizer or venue name: ``search_names LIKE
  '%koncert%'`` finds «Jazzkoncert» (PostgreSQL: a trigram GIN index);
- **typo** — a word that is part of no word of the titles, organizers and venue names
  (:func:`name_words`, cached) is also matched by the known words within trigram distance
  (pg_trgm's similarity ≥ 0.5, computed in Python over the cached words: «kocert» is
  searched as «koncert» too), or, when no whole word is that close, by the beginnings of
  known words one or two edits away (:mod:`.prefixes`: «gospl» as «gospel», the start of
  «gospelkoncert»). The same on both engines, and the SQL stays index-backed.

:func:`rank_sql` orders the matches: exact phrase (in a name, then in the text) > all words as
typed > all stems > word parts > typos; within a tier the weighted full-text rank
(PostgreSQL), then the listing sorts by the soonest date.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

from core.processcopy import process_copy

from .fold import content_words, stem, words
from .prefixes import prefix_corrections
from .trigrams import THRESHOLD, trigrams

_NAME_WORD = re.compile(r"\w+")
#: Word parts and typos need this many letters; shorter words match by prefix only.
PART_MIN_LENGTH = 3
TYPO_MIN_LENGTH = 4


class SearchText:
    """A query as the search reads it: ``words`` (folded, without stop words, as
    :func:`searched_words` keeps them; ``[]`` means everything matches), ``phrase`` (every
    folded word, stop words too, space-separated), ``stems`` (each word's Snowball stem)
    and ``alternatives`` (per word: the word, then — when it is a typo for ``known``,
    :func:`name_words` — its :func:`corrections`)."""

    def __init__(self, text: str, known=None):
        self.words = searched_words(content_words(text))
        corrected = {}  # each typo's corrections (:func:`typo_corrections`), read once
        if known:
            corrected = {w: typo_corrections(w, known) for w in self.words if is_typo(w, known)}
            # A typo nothing corrects may be a compound no name has: its known parts.
            self.words = searched_words(
                [
                    part
                    for word in self.words
                    for part in (
                        compound_parts(word, known) if corrected.get(word) == [] else [word]
                    )
                ]
            )
        self.phrase = " ".join(words(text))
        self.stems = [s if len(s := stem(w)) >= PART_MIN_LENGTH else w for w in self.words]
        # As :func:`alternatives` has them (a compound's parts begin known words: no typos).
        self.alternatives = [[word, *corrected.get(word, [])] for word in self.words]
        # The matching events' subquery as SQL, per database (events.querysets).
        self.compiled: dict[str, tuple[str, tuple]] = {}

    def __bool__(self):
        return bool(self.words)


#: A search reads at most this many words (the first): each is a condition on every row.
MAX_WORDS = 8


def searched_words(words_: list[str]) -> list[str]:
    """The words a search conditions on: each once, none that begins another word of the
    query (every match of «kultur» as a word's start or part matches «ku» too), at most
    :data:`MAX_WORDS`. A query of «ku» 66 times had been 66 conditions PostgreSQL checked
    on every row (2 s, then the statement limit's 503)."""
    distinct = list(dict.fromkeys(words_))
    kept = [
        word
        for word in distinct
        if not any(other != word and other.startswith(word) for other in distinct)
    ]
    return kept[:MAX_WORDS]


def prefix_tsquery(alternatives) -> str:
    """``(a:* | a2:*) & (b:*)``: every group of alternative words, each a prefix, as the text
    of a raw tsquery (``to_tsquery``; stemmed by its configuration). The words are letters
    and digits only (:func:`.fold.words`), so they carry no tsquery syntax."""
    return " & ".join(
        "(" + " | ".join(f"{word}:*" for word in group) + ")" for group in alternatives
    )


def _prefix_query(alternatives):
    return SearchQuery(prefix_tsquery(alternatives), config="danish", search_type="raw")


def _part(word: str) -> str | None:
    """What a word part is matched by: the word's stem when it has four letters or more
    («værksteder» finds «Trommeværksted»), else the word; None below three letters."""
    stemmed = stem(word)
    part = stemmed if len(stemmed) >= TYPO_MIN_LENGTH else word
    return part if len(part) >= PART_MIN_LENGTH else None


def _group_condition(group: list[str], prefix: str, postgres: bool) -> Q:
    """Any word of ``group`` (a query word and its typo corrections) by full text (stem or
    prefix, one tsquery for the group), or as a word part of the names."""
    matches = Q()
    for word in group:
        if (part := _part(word)) is not None:
            # First: PostgreSQL tests the OR in this order when it rechecks a trigram match.
            matches |= Q(**{f"{prefix}search_names__contains": part})
    if postgres:
        return matches | Q(**{f"{prefix}search_vector": _prefix_query([group])})
    for word in group:
        stemmed = stem(word)
        matches |= Q(**{f"{prefix}search_text__contains": stemmed if len(stemmed) >= 3 else word})
    return matches


def condition(search: SearchText, postgres: bool, prefix: str = "") -> Q:
    """The events (``prefix=""``) or dates (``prefix="event__"``) that match ``search``:
    every word by full text, word part, or one of its typo corrections the same ways.
    ``Q()`` when the query has no words but stop words."""
    result = Q()
    for group in search.alternatives:
        result &= _group_condition(group, prefix, postgres)
    return result


def alternatives(words_: list[str], known) -> list[list[str]]:
    """Per folded word, the word and — when it is a typo for ``known`` (:class:`NameWords`;
    :func:`is_typo`) — its :func:`typo_corrections`: what the word is searched as."""
    return [
        [word, *(typo_corrections(word, known) if is_typo(word, known) else [])] for word in words_
    ]


def scored_corrections(word: str, known, threshold=THRESHOLD) -> list[tuple[float, str]]:
    """``(similarity, known word)`` for every word of ``known`` at least ``threshold``
    similar to ``word`` by trigrams (pg_trgm's measure: shared trigrams over all), closest
    first, then alphabetical."""
    shared = {}
    for trigram in trigrams(word):
        for other in known.by_trigram.get(trigram, ()):
            shared[other] = shared.get(other, 0) + 1
    mine = len(trigrams(word))
    scored = []
    for other, count in shared.items():
        score = count / (mine + len(trigrams(other)) - count)
        if score >= threshold:
            scored.append((-score, other))
    return [(-score, other) for score, other in sorted(scored)]


def is_typo(word: str, known) -> bool:
    """``word`` is long enough and part of no known word of the names."""
    if len(word) < TYPO_MIN_LENGTH or word in known.words:
        return False
    return not any(word in name for name in known.words)


class NameWords:
    """The distinct folded words of the names (titles, organizers, venues): ``words``, and
    for typo matching an index from each trigram to the words that have it and one from
    each word's first two letters to the words that begin with them."""

    def __init__(self, words):
        self.words = frozenset(words)
        self.by_trigram = {}
        self.by_start = {}
        for word in self.words:
            for trigram in trigrams(word):
                self.by_trigram.setdefault(trigram, []).append(word)
            self.by_start.setdefault(word[:2], []).append(word)


def corrections(word: str, known: NameWords, threshold=THRESHOLD, limit=3) -> list[str]:
    """Up to ``limit`` words of ``known`` at least ``threshold`` similar to ``word`` by
    trigrams (pg_trgm's measure: shared trigrams over all), closest first: «kocert» →
    «koncert», «fallesang» → «fallessang»."""
    return [other for _score, other in scored_corrections(word, known, threshold)[:limit]]


def typo_corrections(word: str, known: NameWords, limit=2) -> list[str]:
    """What a typo ``word`` is also searched as: the closest whole known words by trigrams
    (:func:`corrections`), or when there are none, the closest beginnings of known words
    (:func:`.prefixes.prefix_corrections`: «gospl» → «gospel», of «gospelkoncert»)."""
    return corrections(word, known, limit=limit) or prefix_corrections(word, known, limit)


def _begins_a_word(start: str, known: NameWords) -> bool:
    return any(word.startswith(start) for word in known.by_start.get(start[:2], ()))


def compound_parts(word: str, known: NameWords) -> list[str]:
    """The parts of ``word`` — a typo (:func:`is_typo`) that no correction reaches, as the
    caller found — when it is a compound of two known beginnings that no name has:
    «jazzkoncert» → ``["jazz", "koncert"]`` (where the names have «Fredagsjazz» and
    «Koncert», not «Jazzkoncert»), the longest first part that fits; else ``[word]``. Each
    part has :data:`PART_MIN_LENGTH` letters or more and begins a known word, the second or
    its stem («jazzkoncerter»: «koncert»), through the first-two-letters index: no scan of
    every word."""
    if len(word) < 2 * PART_MIN_LENGTH:
        return [word]
    for cut in range(len(word) - PART_MIN_LENGTH, PART_MIN_LENGTH - 1, -1):
        head, tail = word[:cut], word[cut:]
        if _begins_a_word(head, known) and (
            _begins_a_word(tail, known) or _begins_a_word(stem(tail), known)
        ):
            return [head, tail]
    return [word]


#: The shared words' cache key (its token's: ``WORDS_TOKEN_KEY``).
WORDS_KEY = "search:name-words:2"  # 2: with ``by_start``
WORDS_TOKEN_KEY = WORDS_KEY + ":token"
#: This process's copy of the shared words (core.processcopy).
_LOCAL_WORDS: dict[str, NameWords] = {}


def name_words(events) -> NameWords:
    """:class:`NameWords` of ``events``: read once an hour (one query), shared through the
    cache. Stale is harmless: a word not (yet) known is matched by typo distance as well.

    Each process keeps its own copy under the token of the shared one
    (:func:`core.processcopy.process_copy`), so a search reads a few bytes from the cache
    (the token), not every word of the names (megabytes at a real site's vocabulary) —
    unless the words were read anew since."""

    def read():
        names = events.order_by().values_list("search_names", flat=True)
        return NameWords(
            word for text in names.iterator(chunk_size=5000) for word in _NAME_WORD.findall(text)
        )

    return process_copy(WORDS_KEY, read, 3600, _LOCAL_WORDS)


def rank_sql(search: SearchText, postgres: bool, event: str) -> tuple[str, list]:
    """How well a match fits ``search``, higher is better: an SQL expression (a float) over
    the search fields of the event table aliased ``event``, and its parameters — read only
    for the dates a relevance sort ranks (events.search.listing). Tiers: 5 the exact phrase
    in the title, organizer or venue; 4 in the text; 3 every word at a word's start; 2 every
    stem (full text); 1 every word as a word part; 0 a typo. PostgreSQL adds its weighted
    ``ts_rank`` (0–1, normalization 32: ``rank / (rank + 1)``), where a word in a name
    counts more than one in the description.

    Written as SQL, not as Django expressions: the ORM took longer to build and compile
    this than PostgreSQL took to compute it for 200 dates. The text is folded (lower case),
    so a substring test is what ``LIKE '%…%'`` was on either engine."""
    find = "strpos({}, %s) > 0" if postgres else "instr({}, %s) > 0"
    names, text = f"{event}.search_names", f"{event}.search_text"
    spaced = f"(' ' || {text})"

    def every(column, values):
        return " AND ".join([find.format(column)] * len(values)), list(values)

    starts, starts_params = every(spaced, [f" {word}" for word in search.words])
    parts, parts_params = every(text, search.words)
    if postgres:
        stems, stems_params = (
            f"{event}.search_vector @@ to_tsquery('danish'::regconfig, %s)",
            [" & ".join(search.words)],
        )
    else:
        stems, stems_params = every(spaced, [f" {s}" for s in search.stems])
    sql = (
        f"CASE WHEN {find.format(names)} THEN 5.0 WHEN {find.format(text)} THEN 4.0 "
        f"WHEN {starts} THEN 3.0 WHEN {stems} THEN 2.0 WHEN {parts} THEN 1.0 ELSE 0.0 END"
    )
    params = [search.phrase, search.phrase, *starts_params, *stems_params, *parts_params]
    if not postgres:
        return sql, params
    weighted = (
        f"coalesce(ts_rank({event}.search_vector, to_tsquery('danish'::regconfig, %s), 32), 0)"
    )
    return f"({sql} + {weighted})", [*params, prefix_tsquery(search.alternatives)]
