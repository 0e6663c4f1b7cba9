"""Invented demo content for ``manage.py seed_demo``: venues, kinds of event and their texts.

Everything here is fictional: venue names, streets, artists and domains (``*.example.dk``).
Only the municipalities, towns and postal codes are real. ``build_event`` writes an unsaved
event's text, price and classification from a ``random.Random``, so a given seed always gives
the same data; the command decides the venues, dates and statuses and saves in bulk.

The data lives in ``venues``, ``words`` and ``kinds``; the code that writes an event in
``build``. The names the command uses are importable from here.
"""

from .build import EventPlan, build_event
from .kinds import KINDS, pick_kind
from .venues import (
    BASE_VENUES,
    DEMO_HOST,
    NAME_HEADS,
    NAME_TAILS,
    STAFF_VENUES,
    STREET_TAILS,
    TOWNS,
    VENUE_FEATURES,
    VENUE_PREFIX,
    VENUE_TEXT,
)

__all__ = [
    "BASE_VENUES",
    "DEMO_HOST",
    "KINDS",
    "NAME_HEADS",
    "NAME_TAILS",
    "STAFF_VENUES",
    "STREET_TAILS",
    "TOWNS",
    "VENUE_FEATURES",
    "VENUE_PREFIX",
    "VENUE_TEXT",
    "EventPlan",
    "build_event",
    "pick_kind",
]
