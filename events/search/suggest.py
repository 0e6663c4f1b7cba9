"""Suggestions while typing: ``/arrangementer/forslag.json?q=…`` (:func:`suggestions`).

Up to five event titles, venues and municipalities whose (folded) names have, for every
word typed, a word starting with it (or, from four letters, having it inside) — a misspelt
word read as its corrections too («kocert» suggests «Koncert …»); JSON for the search box's
combobox (``static/js/search-suggest.js``), cached per query and content version. The way
on from a search that finds nothing is :mod:`.help`'s.
"""

from django.core.cache import cache
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from core.pagecache import content_version

from ..vocabulary import derived, vocabularies
from .fold import fold, words
from .matching import NameWords, alternatives, name_words

#: At most this many suggestions of each kind.
SUGGESTIONS = 5
#: Suggestions read at most this many words (the last typed): each is a condition.
MAX_TYPED = 6
#: A typed word this long is also found inside a word («jazz» in «Fredagsjazz»).
INSIDE_MIN_LENGTH = 4


def _needle(start: str) -> str:
    """What a typed word (or a correction) is looked for as in a name's folded words, each
    after a space: itself from :data:`INSIDE_MIN_LENGTH` letters, else a word's start."""
    return start if len(start) >= INSIDE_MIN_LENGTH else f" {start}"


def typed_words(text: str) -> str:
    """What the suggestions are asked for: the folded words of ``text`` (its first 100
    characters), space-separated, each once, the last :data:`MAX_TYPED` of them."""
    return " ".join(list(dict.fromkeys(words(text[:100])))[-MAX_TYPED:])


def _with_word_starts(places: list[tuple], groups: list[list[str]]) -> list[tuple]:
    """The ``(term, spaced)`` of ``places`` where every group has a word that begins a
    word of ``spaced`` (folded words, each after a space) or, from
    :data:`INSIDE_MIN_LENGTH` letters, is inside one: substring tests in C, one group at a
    time over what is left."""
    for group in groups:
        needles = [_needle(start) for start in group]
        if len(needles) == 1:
            places = [place for place in places if needles[0] in place[1]]
        else:
            places = [place for place in places if any(n in place[1] for n in needles)]
    return places


def place_words(terms) -> tuple[dict[str, list[tuple]], NameWords, dict[str, list]]:
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
    places, known, _venues = derived(vocabularies(), "place-words", place_words)
    groups = alternatives(typed.split(), known)
    return {
        key: [
            {"label": term.name, "url": f"{listing}?{key}={term.slug}", "group": term.group}
            for term, _spaced in _with_word_starts(rows, groups)[:limit]
        ]
        for key, rows in places.items()
    }


def distinct_titles(rows, limit: int) -> list[dict]:
    """``{"label", "slug", "place"}`` of the first ``limit`` distinct titles of ``rows``
    (``(title, slug, municipality name)``), in alphabetical order (folded); :func:`linked`
    gives those shown their URL."""
    seen, result = set(), []
    for title, slug, place in rows:
        if title not in seen and len(result) < limit:
            seen.add(title)
            result.append({"label": title, "slug": slug, "place": place})
    return sorted(result, key=lambda row: fold(row["label"]))


def linked(titles: list[dict]) -> list[dict]:
    """``titles`` (:func:`distinct_titles`) as ``{"label", "url", "place"}``: the URL made
    only for those shown (``reverse`` is not free)."""
    return [
        {
            "label": row["label"],
            "url": reverse("events:detail", args=[row["slug"]]),
            "place": row["place"],
        }
        for row in titles
    ]


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
    if all(any(_needle(start) in spaced for start in group) for group in groups):
        return 1
    return 2


def _event_titles(groups: list[list[str]], limit: int) -> list[dict]:
    """Up to ``limit`` distinct titles of published events still to come whose folded names
    have, for each typed word (or one of its corrections), a word starting with it (the
    trigram index on PostgreSQL), in alphabetical order; one query of at most 20 × ``limit``
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
        .values_list("title", "slug", "venue__municipality__name")[: 20 * limit]
    )
    # Titles that begin with what is typed first, then those that have it, then events
    # found by their organizer or venue (each alphabetical).
    found = distinct_titles(rows, 4 * limit)
    found.sort(key=lambda row: _title_match(row["label"], groups))
    return linked(found[:limit])


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
                events=_event_titles(alternatives(typed.split(), known), SUGGESTIONS),
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
