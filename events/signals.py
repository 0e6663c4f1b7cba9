"""Signals of the events app: the content version of the page cache follows every change to
what public pages show, and each event's folded search text follows its venue's name and
city."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.pagecache import watch
from municipalities.models import Venue

from . import media
from .models import AccessibilityFeature, Audience, Event, EventRevision, FocusArea, Occurrence
from .models.event import SEARCH_FIELDS

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
            "pk", "title", "teaser", "description", "organizer", *SEARCH_FIELDS
        )
    )
    for event in events:
        event.set_search_fields(venue=instance)
    Event.objects.bulk_update(events, SEARCH_FIELDS, batch_size=500)


@receiver(post_delete, sender=Event, dispatch_uid="events_event_image_released")
def release_event_image(sender, instance, **kwargs):
    """A deleted event's image goes once the deletion commits, unless another event (a copy)
    or a pending revision uses it. Not read from the database when it was not loaded (a
    bulk delete of ``only("pk")`` rows): ``manage.py clean_media`` finds those."""
    image = instance.__dict__.get("image")
    media.release(getattr(image, "name", image))


@receiver(post_delete, sender=EventRevision, dispatch_uid="events_revision_image_released")
def release_revision_image(sender, instance, **kwargs):
    """A deleted revision's proposed image goes too, unless it is in use."""
    data = instance.__dict__.get("data")
    if isinstance(data, dict):
        media.release(data.get("image"))
