"""The secretariat's admin for events, their pending changes and the vocabularies.

Importing this package (Django's admin autodiscovery does) registers every ModelAdmin and
adds the accessibility features to the venue admin of ``municipalities``.
"""

from .event import EventAdmin, EventAdminForm, MunicipalityFilter, OccurrenceInline, UpcomingFilter
from .reject import RejectForm, reject_with_reason
from .revisions import EventRevisionAdmin
from .vocabularies import ClassificationAdmin, VenueAccessibilityForm

__all__ = [
    "ClassificationAdmin",
    "EventAdmin",
    "EventAdminForm",
    "EventRevisionAdmin",
    "MunicipalityFilter",
    "OccurrenceInline",
    "RejectForm",
    "UpcomingFilter",
    "VenueAccessibilityForm",
    "reject_with_reason",
]
