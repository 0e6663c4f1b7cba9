"""A page's list read only if the template needs it: not when its fragment is in the cache.

A view puts :class:`Deferred` lists in its context (the upcoming dates of a place, the 14-day
strip, an event's suggestions); the template wraps the part that shows one in
``{% cached_fragment … %}`` (core/templatetags/fragments.py), which keys it by the list's
``fragment_key`` instead of its rows. When the fragment is cached the list's queries never run.

The key must name everything the list is read from besides the public content (which the
content version covers): the page's object and the slice of time ``now`` falls in
(:func:`time_slice`), since lists such as "the next dates" change as time passes. A fragment
is thus at most ``REUSE_SECONDS`` older than the moment it is shown, as a page from the page
cache is (``PAGE_CACHE_SECONDS``, 300 by default).
"""

from collections.abc import Callable, Hashable
from datetime import datetime

#: How long a fragment made from a Deferred list may be shown: a slice of time.
REUSE_SECONDS = 300


def time_slice(now: datetime) -> int:
    """The number of the ``REUSE_SECONDS`` slice of time ``now`` falls in."""
    return int(now.timestamp()) // REUSE_SECONDS


class Deferred:
    """A list computed by ``compute()`` when first used (iterated, measured, indexed, tested
    for truth), then kept; ``fragment_key`` (a tuple of plain values) names it without
    computing it. Raises what ``compute`` raises, when it is first used."""

    def __init__(self, compute: Callable[[], list], *fragment_key: Hashable):
        self._compute = compute
        self._value = None
        self.fragment_key = fragment_key

    @property
    def value(self) -> list:
        if self._value is None:
            self._value = list(self._compute())
        return self._value

    def __iter__(self):
        return iter(self.value)

    def __len__(self):
        return len(self.value)

    def __bool__(self):
        return bool(self.value)

    def __getitem__(self, index):
        return self.value[index]

    def __repr__(self):
        return f"<Deferred {self.fragment_key!r}>"
