"""Signals of the events app: the content version of the page cache follows every change to
what public pages show, and each event's folded search text follows its venue's name and
city."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.pagecache import watch
from municipalities.models import Venue

from .models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence

watch(
    Event,
    Occurrence,
    FocusArea,
    Audience,
    AccessibilityFeature,
    Event.focus_areas.through,
    Event.audiences.through,
    Event.accessibility_features.through,
    AccessibilityFeature.venues.through,
)


@receiver(post_save, sender=Venue, dispatch_uid="events_venue_search_text")
def refresh_search_text(sender, instance, raw=False, **kwargs):
    if raw:
        return
    events = list(
        Event.objects.filter(venue=instance).only(
            "pk", "title", "teaser", "description", "organizer", "search_text"
        )
    )
    for event in events:
        event.search_text = event.build_search_text(venue=instance)
    Event.objects.bulk_update(events, ["search_text"], batch_size=500)
