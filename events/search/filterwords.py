"""Words of a query that name a filter become that filter.

«roskilde musik weekend» is not text to find in an event (no event says all three) but three
filters the listing already has: municipality Roskilde, focus area Musik, this weekend. The
words are matched folded (:mod:`.fold`: «rodovre» is Rødovre), longest name first, against
the names of the municipalities, venues, focus areas and audiences, the periods («i dag», «i
morgen», «weekend», «denne uge», «næste uge», «denne måned») and «gratis». The rest of the
query stays the text query. ``literal=1`` in the query string turns this off: the whole query
is searched as text (the listing links to that). So does ``literal`` holding the query's own
words (the listing's form carries them in a hidden field): the choice holds while the filters
change, and ends when the text does.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..periods import PERIOD_CHOICES
from ..vocabulary import derived
from .fold import STOP_WORDS, fold

_TOKEN = re.compile(r"\w+")
_PERIOD_LABELS = dict(PERIOD_CHOICES)

#: Danish ways to name a period (folded words) → the ``period`` value.
PERIOD_WORDS = {
    ("i", "dag"): "today",
    ("idag",): "today",
    ("i", "aften"): "today",
    ("weekend",): "weekend",
    ("weekenden",): "weekend",
    ("i", "weekenden"): "weekend",
    ("denne", "weekend"): "weekend",
    ("denne", "uge"): "week",
    ("i", "denne", "uge"): "week",
    ("denne", "maned"): "month",
}
#: Days ahead of today (as ``date_from`` .. ``date_to``), named by a label.
DAY_WORDS = {
    ("i", "morgen"): "tomorrow",
    ("imorgen",): "tomorrow",
    ("naste", "uge"): "next_week",
    ("i", "naste", "uge"): "next_week",
    ("naste", "weekend"): "next_weekend",
    ("i", "naste", "weekend"): "next_weekend",
}
#: The days of the week (folded, Monday first): alone or after «på», the next such day.
WEEKDAY_WORDS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lordag", "sondag")
for _number, _day in enumerate(WEEKDAY_WORDS):
    DAY_WORDS[(_day,)] = DAY_WORDS[("pa", _day)] = f"weekday-{_number}"
FREE_WORDS = {("gratis",), ("gratis", "adgang"), ("fri", "entre")}


@dataclass
class Interpretation:
    """What the query's words became: ``data`` (the query string to filter by: ``q`` holds
    the remaining words, the filters the named ones), ``labels`` (the filters the words
    became, in the order typed, e.g. ``["Roskilde", "Musik", "Denne weekend"]``) and
    ``original`` (the query as typed; ``""`` when no word named a filter); ``literal``: the
    query is searched as text, as asked (:func:`is_literal`)."""

    data: object
    labels: list = field(default_factory=list)
    original: str = ""
    literal: bool = False


def _day_range(name: str, today: date) -> tuple[date, date, str]:
    """The first and last day a :data:`DAY_WORDS` value names, seen from ``today``, and
    its label: «i morgen»; «næste uge» (Monday to Sunday after this week); «næste
    weekend» (the Saturday and Sunday after this weekend: on a Sunday, the coming ones);
    a weekday (``weekday-5``: the next Saturday, today if it is one), labelled with its
    date."""
    if name == "tomorrow":
        tomorrow = today + timedelta(days=1)
        return tomorrow, tomorrow, _("Tomorrow")
    if name == "next_weekend":
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() != 6:  # on a Sunday this weekend ends today
            saturday += timedelta(days=7)
        return saturday, saturday + timedelta(days=1), _("Next weekend")
    if name.startswith("weekday-"):
        day = today + timedelta(days=(int(name.removeprefix("weekday-")) - today.weekday()) % 7)
        from ..templatetags.event_tags import long_date

        return day, day, capfirst(long_date(day))  # «Lørdag 5. december»
    monday = today + timedelta(days=7 - today.weekday())
    return monday, monday + timedelta(days=6), _("Next week")


def _term_phrases(vocabularies) -> dict[str, list[tuple]]:
    """Per filter name, ``(words, (name, slug), is_slug)`` for each choice's name and slug
    (folded words), in the choices' order: replayed by :func:`_phrases`, a name takes its
    words from any phrase before it, a slug only words no phrase has yet."""
    by_name = {}
    for name in ("venue", "audience", "focus_area", "municipality"):
        by_name[name] = [
            (tuple(_TOKEN.findall(fold(text))), (name, term.slug), is_slug)
            for term in vocabularies[name]
            for text, is_slug in ((term.name, False), (term.slug, True))
        ]
    return by_name


def _phrases(vocabularies, data) -> dict[tuple, tuple[str, str]]:
    """Folded word tuples → (parameter, value); the filters a query may still set."""
    phrases = {}
    single_choice_taken = bool(data.get("venue"))
    # Folded once per copy of the choices, not for each request (1,000 names).
    by_name = derived(vocabularies, "filter-phrases", _term_phrases)
    for name in ("venue", "audience", "focus_area", "municipality"):  # later names win
        if name == "venue" and single_choice_taken:
            continue
        for words, value, is_slug in by_name[name]:
            if is_slug:
                phrases.setdefault(words, value)
            else:
                phrases[words] = value
    if not (data.get("period") or data.get("date_from") or data.get("date_to")):
        phrases.update({words: ("period", value) for words, value in PERIOD_WORDS.items()})
        phrases.update({words: ("days", value) for words, value in DAY_WORDS.items()})
    if not data.get("free"):
        phrases.update(dict.fromkeys(FREE_WORDS, ("free", "true")))
    phrases.pop((), None)
    return phrases


def is_literal(data) -> bool:
    """``data`` asks for its ``q`` as text: ``literal`` is ``1`` (``true``, ``on``), or the
    same words as ``q`` (folded: case, accents and spaces aside)."""
    value = str(data.get("literal") or "")
    if value.lower() in {"1", "true", "on"}:
        return True
    typed = _TOKEN.findall(fold(value))
    return bool(typed) and typed == _TOKEN.findall(fold(data.get("q") or ""))


def interpret(data, vocabularies, now=None) -> Interpretation:
    """``data`` (a ``QueryDict``) with the filter words of its ``q`` applied as filters.

    Unchanged when ``literal`` asks for text (:func:`is_literal`), when ``q`` is empty or
    when no word names a filter.
    A filter that is already chosen keeps its value (a venue, a period or dates, «free»);
    a municipality, focus area or audience is added to those chosen."""
    if not isinstance(data, QueryDict):
        return Interpretation(data)  # a plain dict (a test, a caller of its own): as given
    text = data.get("q") or ""
    if not text.strip() or len(text) > 200:
        return Interpretation(data)
    if is_literal(data):
        return Interpretation(data, literal=True)
    phrases = _phrases(vocabularies, data)
    longest = max(map(len, phrases))
    tokens = list(_TOKEN.finditer(text))
    folded = [fold(token.group()) for token in tokens]
    names = {key: {t.slug: t.name for t in terms} for key, terms in vocabularies.items()}
    found, kept, i = [], [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            match = phrases.get(tuple(folded[i : i + size]))
            if match:
                found.append(match)
                i += size
                break
        else:
            kept.append(tokens[i].group())
            i += 1
    if not found:
        return Interpretation(data)
    result, labels = data.copy(), []
    for name, value in found:
        if name == "days":
            first, last, label = _day_range(value, timezone.localdate(now))
            result["date_from"], result["date_to"] = first.isoformat(), last.isoformat()
        elif name == "period":
            result["period"], label = value, _PERIOD_LABELS[value]
        elif name == "free":
            result["free"], label = value, _("Free")
        else:
            if value not in result.getlist(name):
                result.appendlist(name, value)
            label = names[name][value]
        if str(label) not in labels:
            labels.append(str(label))
    rest = [word for word in kept if fold(word) not in STOP_WORDS]
    result["q"] = " ".join(kept) if rest else ""
    return Interpretation(result, labels, text)
