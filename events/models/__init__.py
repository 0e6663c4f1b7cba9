"""The events domain: what happens (Event), when (Occurrence), how it is classified, and
changes to a published event waiting for review (EventRevision).

One module per concern; every model is importable from here, as ``from events.models
import Event``, and all belong to the ``events`` app (their tables and migrations are
unchanged by the split).
"""

from .event import Event
from .occurrence import Occurrence
from .revision import EventRevision, ModerationEntry
from .search import EventSearch
from .vocabularies import AccessibilityFeature, Audience, Classification, FocusArea

__all__ = [
    "AccessibilityFeature",
    "Audience",
    "Classification",
    "Event",
    "EventRevision",
    "EventSearch",
    "FocusArea",
    "ModerationEntry",
    "Occurrence",
]
