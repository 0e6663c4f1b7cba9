"""A way on from a search: what its filter words became, and when it finds nothing.

:func:`search_help` gives the listing what the query's filter words became (with the link
to search them as text), and with no results «Mente du …?» (the closest titles and venues,
each with its municipality), the search with only the words the names know, and the same
search without its narrowest filter (docs/search.md).
"""

import re

from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse

from ..vocabulary import derived, vocabularies
from .filterwords import interpret
from .fold import content_words, fold
from .matching import SearchText, corrections, is_typo, name_words, scored_corrections
from .suggest import distinct_titles, linked, place_words

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


def _any_contains(words_) -> Q:
    condition = Q()
    for word in words_:
        condition |= Q(search_names__contains=word)
    return condition


def _close_words(search: SearchText) -> list[list[str]]:
    """Per word of ``search``: the word (when it is part of a known word of the names) and
    the name words close to it (trigram similarity ≥ :data:`CLOSE`, looser than the
    search's typo match); ``[]`` for a word nothing comes close to."""
    from ..models import Event

    known = name_words(Event.objects.published())
    return [
        ([] if is_typo(word, known) else [word]) + corrections(word, known, CLOSE, limit=2)
        for word in search.words
    ]


def _closest_titles(search: SearchText, groups, on_events=(), limit=3) -> list[dict]:
    """Titles of events still to come that come close to the whole query, when a word of
    it is misspelt (part of no known word; with none, the words were right and the filters
    or dates found nothing: no titles). Each word as typed (when it is part of a known
    word) or as a name word close to it (trigram similarity ≥ :data:`CLOSE`, looser than
    the search's typo match; a word with nothing close is left out), every such word in
    the names and within the chosen filters (``on_events``: their conditions on the
    events). When none do, the titles with a word close to a misspelt one, wherever they
    are. ``groups``: :func:`_close_words`. One or two queries through the names' trigram
    index, at most 4 × ``limit`` rows each."""
    from ..models import Event

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
    fields = ("title", "slug", "venue__municipality__name")
    for rows in queries:
        if result := distinct_titles(rows.values_list(*fields)[: 4 * limit], limit):
            return linked(result)
    return []


def _closest_venues(search: SearchText, limit=3) -> list[dict]:
    """Venues (cached vocabulary) with a name word close to a query word, closest first:
    the words found through their trigrams (made once per copy of the choices), not every
    venue compared with every query word."""
    listing = reverse("events:list")
    _places, known, venues = derived(vocabularies(), "place-words", place_words)
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
        groups = _close_words(search)
        context["did_you_mean"] = _closest_titles(
            search, groups, filterset.on_events
        ) + _closest_venues(search)
        unknown = {word for word, group in zip(search.words, groups, strict=True) if not group}
        context["known_words"] = _without_unknown(request, typed, unknown)
    widen = _without_narrowest(filterset)
    if widen and context["known_words"]:
        # Without the filter, and without the words nothing comes close to: a search that
        # may find something («sangskrivnig bagefter» in Herlev → «sangskrivnig» anywhere).
        query = QueryDict(widen["url"].removeprefix("?"), mutable=True)
        query["q"] = context["known_words"]["label"]
        widen = {**widen, "url": "?" + query.urlencode()}
    context["widen"] = widen
    return context


def _without_unknown(request, typed: str, unknown: set[str]):
    """The same search with only the words the names know (``{"label", "url"}``: the words
    as typed), when some words are ``unknown`` (folded: part of no known name word, and
    nothing comes close to them, :func:`_close_words`) while others are known: «xyzzy
    koncert» → search «koncert». None otherwise."""
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
