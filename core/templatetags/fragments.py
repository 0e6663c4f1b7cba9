"""``{% cached_fragment "name" dep … %}…{% end_cached_fragment %}``: a part of a page rendered
once and reused while what it shows stays the same.

A page the page cache misses (a new combination of filters, an unknown query parameter) is
mostly the same parts as pages rendered before: the 14-day strip, the running strip, the list
of cards, the related events. Each such part is kept in the shared cache under a key made of

- the page cache's *content version* (:func:`core.pagecache.content_version`), which every
  public change bumps, so a fragment is never older than a cached page would be;
- the language and today's date (dates are written relative to today: «I dag», a year only
  when it is not this year);
- the fragment's name and a digest of its dependencies: the template variables the enclosed
  HTML is made from (see :func:`fingerprint`). The template names them; a variable used
  inside and not named would be a bug, so each use lists everything its include reads —
  or names the row a lazy stand-in reads (an event page's body renders ``detailed``, the
  row named ``event`` with its links read only on a miss).

Cards inside a fragment number themselves (``{% card_number %}``: the first three are not
lazy): the count on entry is part of the key, and a hit advances the count by the cards it
holds, as rendering them would have.

Kept for ``CARD_CACHE_SECONDS`` (0, the default with DEBUG on, renders every time); each
process also keeps its own copy of the fragments it used last, for a minute (:func:`_read`).
"""

import dataclasses
import datetime
import decimal
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from time import monotonic

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.functional import Promise

from core.deferred import Deferred
from core.pagecache import content_version

register = template.Library()

_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time, type(None))


def fingerprint(value) -> str:
    """A text that changes when ``value`` changes, for a cache key: plain values (str, numbers,
    dates, times, None, lazy translations) by ``repr``; a :class:`core.deferred.Deferred` list
    by its ``fragment_key`` (without reading it); a model instance by its class and
    primary key (its fields are covered by the content version); lists, tuples, querysets,
    dicts and dataclasses by their items, recursively.

    Raises TypeError for anything else, rather than keying on an object's identity."""
    if isinstance(value, Deferred):  # named by its key, not read (core/deferred.py)
        return "deferred" + fingerprint(value.fragment_key)
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, _PLAIN):
        return repr(value)
    if isinstance(value, Model):
        return f"{value._meta.label}:{value.pk!r}"
    if isinstance(value, Mapping):
        items = sorted((str(k), fingerprint(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}={v}" for k, v in items) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fingerprint(dataclasses.asdict(value))
    if hasattr(value, "__iter__"):
        return "[" + ",".join(fingerprint(item) for item in value) + "]"
    raise TypeError(f"No fingerprint for a {type(value).__name__} in a cached fragment")


def context_content_version(context) -> int:
    """The content version, read once per page (includes share the page's ``Context``)."""
    version = getattr(context, "_card_content_version", None)
    if version is None:
        version = context._card_content_version = content_version()
    return version


class CachedFragmentNode(template.Node):
    def __init__(self, name, nodelist, variables):
        self.name = name
        self.nodelist = nodelist
        self.variables = variables

    def render(self, context):
        if settings.CARD_CACHE_SECONDS <= 0:
            return self.nodelist.render(context)
        cards_before = getattr(context, "_event_cards", 0)
        digest = hashlib.blake2b(
            "\x1f".join(fingerprint(v.resolve(context)) for v in self.variables).encode(),
            digest_size=16,
        ).hexdigest()
        key = ":".join(
            (
                "fragment",
                self.name,
                str(context_content_version(context)),
                translation.get_language() or "",
                timezone.localdate().isoformat(),
                str(cards_before),
                digest,
            )
        )
        cached = _read(key)
        if cached is not None:
            html, cards = cached
            context._event_cards = cards_before + cards
            return html
        html = self.nodelist.render(context)
        cards = getattr(context, "_event_cards", 0) - cards_before
        cache.set(key, (html, cards), settings.CARD_CACHE_SECONDS)
        _keep(key, (html, cards))
        return html


#: How many fragments a process keeps its own copy of (the most recently used): a page's
#: header, footer and filter form, and the lists of the pages asked for most.
LOCAL_FRAGMENTS = 200
#: How long a process keeps its copy (seconds; never longer than ``CARD_CACHE_SECONDS``):
#: then it reads the shared one again, so that a copy outlives the shared cache's by a
#: minute at most.
LOCAL_SECONDS = 60
_local: OrderedDict[str, tuple[float, tuple[str, int]]] = OrderedDict()
_local_lock = threading.Lock()


def _read(key: str):
    """``(html, cards)`` under ``key``: this process's copy while it is younger than
    :data:`LOCAL_SECONDS`, else the shared cache's (then kept here too), else None. The key
    carries the content version, which every public change bumps and whose series never
    repeats (core.pagecache), so a copy is as current as the shared one it was taken from.
    Reading it costs no round trip to the cache and no unpickling (about 0.3 ms of CPU a
    fragment)."""
    now = monotonic()
    with _local_lock:
        found = _local.get(key)
        if found is not None and found[0] > now:
            _local.move_to_end(key)
            return found[1]
    value = cache.get(key)
    if value is not None:
        _keep(key, value)
    return value


def _keep(key: str, value: tuple[str, int]) -> None:
    until = monotonic() + min(LOCAL_SECONDS, settings.CARD_CACHE_SECONDS)
    with _local_lock:
        _local[key] = (until, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_FRAGMENTS:
            _local.popitem(last=False)


def forget_local_fragments() -> None:
    """Drop this process's copies (tests: a test starts from an empty cache)."""
    with _local_lock:
        _local.clear()


@register.tag
def cached_fragment(parser, token):
    """``{% cached_fragment "name" dep … %}`` … ``{% end_cached_fragment %}``: the enclosed HTML
    from the cache when it holds it for these dependencies (see the module)."""
    bits = token.split_contents()[1:]
    if not bits or bits[0][0] not in "\"'" or bits[0][-1] != bits[0][0]:
        raise template.TemplateSyntaxError("cached_fragment takes a quoted name, then variables")
    nodelist = parser.parse(("end_cached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        bits[0][1:-1], nodelist, [parser.compile_filter(bit) for bit in bits[1:]]
    )
