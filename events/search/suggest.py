"""Suggestions while typing, and a way on when a search finds nothing.

- :func:`suggestions` — ``/arrangementer/forslag.json?q=…``: up to five event titles, venues
  and municipalities whose (folded) names have, for every word typed, a word starting with
  it — a misspelt word read as its corrections too («kocert» suggests «Koncert …»); JSON for
  the search box's combobox (``static/js/search-suggest.js``), cached per query and content
  version.
- :func:`search_help` — for the listing: what the query's filter words became (with the link
  to search them as text), and with no results «Mente du …?» (the closest titles and venues)
  and the same search without its narrowest filter.
"""

import re

from django.core.cache import cache
from django.db.models import Q
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from core.pagecache import content_version

from ..vocabulary import derived, vocabularies
from .filterwords import interpret
from .fold import content_words, fold, words
from .matching import (
    NameWords,
    SearchText,
    alternatives,
    corrections,
    is_typo,
    name_words,
    scored_corrections,
)

#: At most this many suggestions of each kind.
SUGGESTIONS = 5
#: The narrowest filter first: the one a search without results drops first.
NARROWEST_FIRST = (
    "venue",
    "date_to",
    "date_from",
    "period",
    "accessibility",
    "audience",
    "free",
    "focus_area",
    "municipality",
)
#: A venue or municipality is «meant» when a query word is this close to a word of its name.
CLOSE = 0.45
#: Suggestions read at most this many words (the last typed): each is a condition.
MAX_TYPED = 6


def typed_words(text: str) -> str:
    """What the suggestions are asked for: the folded words of ``text`` (its first 100
    characters), space-separated, each once, the last :data:`MAX_TYPED` of them."""
    return " ".join(list(dict.fromkeys(words(text[:100])))[-MAX_TYPED:])


def _typed_groups(typed: str, known: NameWords) -> list[list[str]]:
    """The folded words typed so far, each with what else it may mean: a word of four
    letters or more that is part of no word of ``known`` is a typo, also read as its
    corrections (:func:`~.matching.alternatives`: «kocert» → «koncert»)."""
    return alternatives(typed.split(), known)


def _with_word_starts(places: list[tuple], groups: list[list[str]]) -> list[tuple]:
    """The ``(term, spaced)`` of ``places`` where every group has a word that begins a
    word of ``spaced`` (folded words, each after a space) or, from
    :data:`INSIDE_MIN_LENGTH` letters, is inside one: substring tests in C, one group at a
    time over what is left."""
    for group in groups:
        needles = [start if len(start) >= INSIDE_MIN_LENGTH else f" {start}" for start in group]
        if len(needles) == 1:
            places = [place for place in places if needles[0] in place[1]]
        else:
            places = [place for place in places if any(n in place[1] for n in needles)]
    return places


def _place_words(terms) -> tuple[dict[str, list[tuple]], NameWords, dict[str, list]]:
    """The venues and municipalities as ``(term, spaced)`` (the name's folded words, each
    after a space); the words of all their names for typo corrections; and for each word
    of a venue's name, the venues whose name has it («Mente du»)."""
    places = {
        key: [(term, " " + " ".join(words(term.name))) for term in terms[key]]
        for key in ("venue", "municipality")
    }
    known = NameWords(
        word for rows in places.values() for _term, spaced in rows for word in spaced.split()
    )
    venues = {}
    for term, spaced in places["venue"]:
        for word in set(spaced.split()):
            venues.setdefault(word, []).append(term)
    return places, known, venues


def _places(typed: str, limit: int) -> dict[str, list[dict]]:
    """Venues and municipalities whose folded name has, for each typed word (or one of its
    corrections by the places' own words), a word starting with it; from the cached
    vocabularies (no query), their names folded once per copy of the choices."""
    listing = reverse("events:list")
    places, known, _venues = derived(vocabularies(), "place-words", _place_words)
    groups = _typed_groups(typed, known)
    return {
        key: [
            {"label": term.name, "url": f"{listing}?{key}={term.slug}", "group": term.group}
            for term, _spaced in _with_word_starts(rows, groups)[:limit]
        ]
        for key, rows in places.items()
    }


def _distinct_titles(rows, limit: int) -> list[dict]:
    """``{"label", "url", "place"}`` of the first ``limit`` distinct titles of ``rows``
    (``(title, slug, municipality name)``), in alphabetical order (folded)."""
    seen, result = set(), []
    for title, slug, place in rows:
        if title not in seen and len(result) < limit:
            seen.add(title)
            url = reverse("events:detail", args=[slug])
            result.append({"label": title, "url": url, "place": place})
    return sorted(result, key=lambda row: fold(row["label"]))


#: A typed word this long is also found inside a word («jazz» in «Fredagsjazz»).
INSIDE_MIN_LENGTH = 4


def _starts_a_word(start: str) -> Q:
    """Names with a word that begins with ``start`` or, from :data:`INSIDE_MIN_LENGTH`
    letters, has it inside."""
    if len(start) >= INSIDE_MIN_LENGTH:
        return Q(search_names__contains=start)
    return Q(search_names__startswith=start) | Q(search_names__contains=f" {start}")


def _title_match(title: str, groups: list[list[str]]) -> int:
    """How a title shows what was typed: 0 it begins with the first word, 1 it has every
    word (at a word's start, or inside from :data:`INSIDE_MIN_LENGTH` letters), 2 not (the
    match is in the organizer or the venue)."""
    spaced = " " + " ".join(words(title))
    if groups and any(spaced.startswith(f" {start}") for start in groups[0]):
        return 0
    if all(
        any(
            (start in spaced) if len(start) >= INSIDE_MIN_LENGTH else (f" {start}" in spaced)
            for start in group
        )
        for group in groups
    ):
        return 1
    return 2


def _event_titles(groups: list[list[str]], limit: int) -> list[dict]:
    """Up to ``limit`` distinct titles of published events still to come whose folded names
    have, for each typed word (or one of its corrections), a word starting with it (the
    trigram index on PostgreSQL), in alphabetical order; one query of at most 40 × ``limit``
    rows (titles repeat), unordered so that it stops early."""
    from ..models import Event

    condition = Q()
    for group in groups:
        any_start = Q()
        for start in group:
            any_start |= _starts_a_word(start)
        condition &= any_start
    rows = (
        Event.objects.published()
        .upcoming()
        .filter(condition)
        .order_by()
        .values_list("title", "slug", "venue__municipality__name")[: 40 * limit]
    )
    # Titles that begin with what is typed first, then those that have it, then events
    # found by their organizer or venue (each alphabetical).
    found = _distinct_titles(rows, 4 * limit)
    found.sort(key=lambda row: _title_match(row["label"], groups))
    return found[:limit]


def cache_key(typed: str) -> str:
    """The cache key of the suggestions for ``typed`` (folded words, space-separated) at
    the current content version; no spaces (Django warns of keys a cache such as memcached
    refuses, and the tests make warnings errors)."""
    return f"suggest:{content_version()}:{typed.replace(' ', '+')}"


@require_GET
def suggestions(request):
    """``{"query", "events": [{"label", "url"}], "venues": [...], "municipalities": [...],
    "kinds", "count", "none"}`` (the last three: texts for the list) for the text typed so
    far (``q``, at least two letters; fewer give empty lists). Cached
    under the content version for ten minutes; the response may be cached for five."""
    typed = typed_words(request.GET.get("q", ""))
    key = cache_key(typed)
    data = cache.get(key) if typed else None
    if data is None:
        data = {"query": typed, "events": [], "venues": [], "municipalities": []}
        if len(typed) >= 2:
            from ..models import Event

            known = name_words(Event.objects.published())
            places = _places(typed, SUGGESTIONS)
            data.update(
                events=_event_titles(_typed_groups(typed, known), SUGGESTIONS),
                venues=places["venue"],
                municipalities=places["municipality"],
            )
            cache.set(key, data, 600)
    found = len(data["events"]) + len(data["venues"]) + len(data["municipalities"])
    response = JsonResponse(
        {
            **data,
            # For the box's list and its live region, in the page's language.
            "kinds": {
                "events": _("Event"),
                "venues": _("Venue"),
                "municipalities": _("Municipality"),
            },
            "count": ngettext(
                "%(count)d suggestion. Use the up and down arrow keys to choose.",
                "%(count)d suggestions. Use the up and down arrow keys to choose.",
                found,
            )
            % {"count": found},
            "none": _("No suggestions."),
            "label": _("Suggestions"),
        }
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _any_contains(words_) -> Q:
    condition = Q()
    for word in words_:
        condition |= Q(search_names__contains=word)
    return condition


def _closest_titles(search: SearchText, on_events=(), limit=3) -> list[dict]:
    """Titles of events still to come that come close to the whole query, when a word of
    it is misspelt (part of no known word; with none, the words were right and the filters
    or dates found nothing: no titles). Each word as typed (when it is part of a known
    word) or as a name word close to it (trigram similarity ≥ :data:`CLOSE`, looser than
    the search's typo match; a word with nothing close is left out), every such word in
    the names and within the chosen filters (``on_events``: their conditions on the
    events). When none do, the titles with a word close to a misspelt one, wherever they
    are. One or two queries through the names' trigram index, at most 4 × ``limit`` rows
    each."""
    from ..models import Event

    known = name_words(Event.objects.published())
    groups = [
        ([] if is_typo(word, known) else [word]) + corrections(word, known, CLOSE, limit=2)
        for word in search.words
    ]
    misspelt = {
        c
        for word, group in zip(search.words, groups, strict=True)
        if word not in group
        for c in group
    }
    if not misspelt:  # the words are known: the filters or the dates found nothing
        return []
    every = Q()
    for group in filter(None, groups):
        every &= _any_contains(group)
    upcoming = Event.objects.published().upcoming().order_by()
    queries = [upcoming.filter(every, *on_events), upcoming.filter(_any_contains(misspelt))]
    for rows in queries:
        fields = ("title", "slug", "venue__municipality__name")
        if result := _distinct_titles(rows.values_list(*fields)[: 4 * limit], limit):
            return result
    return []


def _closest_venues(search: SearchText, limit=3) -> list[dict]:
    """Venues (cached vocabulary) with a name word close to a query word, closest first:
    the words found through their trigrams (made once per copy of the choices), not every
    venue compared with every query word."""
    listing = reverse("events:list")
    _places, known, venues = derived(vocabularies(), "place-words", _place_words)
    best = {}
    for typed in search.words:
        for score, word in scored_corrections(typed, known, CLOSE):
            for term in venues.get(word, ()):  # (a municipality's word names no venue)
                best[term] = max(best.get(term, 0.0), score)
    return [
        {"label": term.name, "url": f"{listing}?venue={term.slug}", "place": term.group}
        for _score, _name, term in sorted((-score, t.name, t) for t, score in best.items())[:limit]
    ]


def _without_narrowest(filterset):
    """The applied query without its narrowest filter (:data:`NARROWEST_FIRST`), as
    ``{"label", "url"}``; None when no filter but the text is chosen."""
    from ..views.listing_links import active_filter_chips

    chips = {chip["name"]: chip for chip in active_filter_chips(filterset, filterset.data)}
    for name in NARROWEST_FIRST:
        if name in chips:
            return chips[name]
    return None


def _as_filters(request, filterset) -> dict:
    """For a query searched as text: ``literal_text`` (the words, for the form's hidden
    ``literal`` field: kept while the filters change, void once the text does) and, when its
    words name filters, ``as_filters`` (their labels) and ``as_filters_url`` (the search
    without ``literal``)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("literal", None)
    again = interpret(query, filterset.vocabularies, filterset.now)
    return {
        "literal_text": query.get("q", ""),
        "as_filters": again.labels,
        "as_filters_url": "?" + query.urlencode() if again.labels else "",
    }


def search_help(request, filterset, count: int) -> dict:
    """Context for the listing: ``filter_words`` (labels the query's words became, or
    ``[]``), ``literal_url`` (the same search with every word as text), for a search as
    text the keys of :func:`_as_filters`, and, when ``count`` (the dates found) is 0,
    ``did_you_mean`` (closest titles and venues), ``known_words`` (the search without its
    words that nothing comes close to, ``{"label", "url"}`` or None) and ``widen`` (the
    search without its narrowest filter — and without those words — ``{"label", "url"}``
    or None). ``common_words``:
    the text query when it was only words too common to search for (all events shown)."""
    found = filterset.filter_words
    typed = (filterset.form.cleaned_data.get("q") or "")[:200] if not filterset.errors else ""
    context = {
        "filter_words": [],
        "literal_url": "",
        "literal_text": "",
        "as_filters": [],
        "as_filters_url": "",
        "did_you_mean": [],
        "known_words": None,
        "widen": None,
        # «og»: every event matches; the list says why.
        "common_words": typed if filterset.search is not None and not filterset.search else "",
    }
    if found and found.labels:
        literal = request.GET.copy()
        literal.pop("page", None)
        literal["literal"] = "1"
        context.update(filter_words=found.labels, literal_url="?" + literal.urlencode())
    elif found and found.literal:
        context.update(_as_filters(request, filterset))
    if count or filterset.errors:
        return context
    search = SearchText(typed)
    if search:
        context["did_you_mean"] = _closest_titles(search, filterset.on_events) + _closest_venues(
            search
        )
        context["known_words"] = _without_unknown(request, typed, search)
    widen = _without_narrowest(filterset)
    if widen and context["known_words"]:
        # Without the filter, and without the words nothing comes close to: a search that
        # may find something («sangskrivnig bagefter» in Herlev → «sangskrivnig» anywhere).
        query = QueryDict(widen["url"].removeprefix("?"), mutable=True)
        query["q"] = context["known_words"]["label"]
        widen = {**widen, "url": "?" + query.urlencode()}
    context["widen"] = widen
    return context


def _without_unknown(request, typed: str, search: SearchText):
    """The same search with only the words the names know (``{"label", "url"}``: the words
    as typed), when some word is part of no known name word and nothing comes close to it
    (trigram similarity ≥ :data:`CLOSE`) while others are known: «xyzzy koncert» → search
    «koncert». None otherwise."""
    from ..models import Event

    known = name_words(Event.objects.published())
    unknown = {
        word
        for word in search.words
        if is_typo(word, known) and not corrections(word, known, CLOSE, limit=1)
    }
    if not unknown:
        return None
    # Word by word as typed (punctuation and all: «rock-xqzvwq koncert»), each kept unless
    # it is an unknown word.
    kept = " ".join(token for token in re.findall(r"\w+", typed) if fold(token) not in unknown)
    if not content_words(kept):  # nothing known is left (or stop words only)
        return None
    query = request.GET.copy()
    for name in ("page", "literal"):
        query.pop(name, None)
    query["q"] = kept
    return {"label": kept, "url": "?" + query.urlencode()}
