"""What an event page suggests next: more at the same venue and similar events elsewhere.

Both lists are each event's next date (``next_per_event``), bounded (``RELATED_ON_PAGE``) and
read in a fixed number of queries: one per list plus one for the focus areas of both.
"""

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.utils import timezone

from .models import Event, FocusArea, Occurrence
from .scopes import at_venue

RELATED_ON_PAGE = 4


def _next_dates(now):
    return (
        Occurrence.objects.public()
        .next_per_event(now)
        # A suggestion is an event one can go to: not one whose next date is cancelled.
        .exclude(status=Occurrence.Status.CANCELLED)
        .select_related("event", "event__venue", "event__venue__municipality")
    )


def related_events(event, now=None) -> dict:
    """``{"more_at_venue", "similar"}`` for ``event``'s page, lists of occurrences shaped
    like the listing's rows (event, venue, municipality and focus areas loaded):

    - ``more_at_venue``: the next dates of other public events at the same venue, running
      ones first (closing soonest), then the soonest to begin;
    - ``similar``: other public events sharing a focus area with ``event``, in any
      municipality, beginning soonest from ``now`` (neither this event nor one already in
      ``more_at_venue``).

    Three queries whatever the data: the two lists and their focus areas."""
    now = now or timezone.now()
    more_at_venue = list(
        _next_dates(now)
        .filter(at_venue(event.venue_id))
        .exclude(event_id=event.pk)
        .soonest(now, RELATED_ON_PAGE)
    )
    # The event page has its focus areas prefetched: no query here.
    area_ids = [area.pk for area in event.focus_areas.all()]
    shares_an_area = Exists(
        Event.focus_areas.through.objects.filter(
            event_id=OuterRef("event_id"), focusarea_id__in=area_ids
        )
    )
    similar = list(
        _next_dates(now)
        .filter(shares_an_area, start__gte=now)
        .exclude(event_id__in=[event.pk, *(row.event_id for row in more_at_venue)])
        .order_by("start", "pk")[:RELATED_ON_PAGE]
    )
    prefetch_related_objects(
        [*more_at_venue, *similar],
        Prefetch("event__focus_areas", queryset=FocusArea.objects.order_by("position")),
    )
    return {"more_at_venue": more_at_venue, "similar": similar}
