"""Forms of the venue staff's pages and the access request."""

from .event import EventForm
from .occurrence import OccurrenceFormSet, OccurrenceStatusForm
from .repeat import RepeatForm

__all__ = ["EventForm", "OccurrenceFormSet", "OccurrenceStatusForm", "RepeatForm"]
