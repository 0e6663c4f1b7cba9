"""Signals of the events app: the content version of the page cache follows every change to
what public pages show (and only those: a draft saved or a submission waiting for review
keeps the cached pages), and each event's folded search text follows its venue's name and
city."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from core.pagecache import watch
from core.text import nfc_text_fields
from municipalities.models import Venue

from . import media
from .models import AccessibilityFeature, Audience, Event, EventRevision, FocusArea, Occurrence
from .models.event import SEARCH_FIELDS


def event_is_public(event, created=False) -> bool:
    """Whether saving, deleting or relinking ``event`` can change a public page: it is
    published now, or it was when it was read (withdrawn or sent back for changes). An event
    whose stored status is not known (made in memory with a key) counts as public."""
    published = event.status == Event.Status.PUBLISHED
    stored = None if created else getattr(event, "_stored_status", Event.Status.PUBLISHED)
    event._stored_status = event.status  # what the row holds now, for the next save
    return published or stored == Event.Status.PUBLISHED


def occurrence_is_public(occurrence, created=False) -> bool:
    """Whether a change to ``occurrence`` can change a public page: its event's is. When the
    event is not at hand (a cascade deletion) its stored status decides, and a date whose
    event is gone counts as public."""
    event = occurrence._state.fields_cache.get("event")
    if event is not None:
        return event_is_public(event)
    stored = Event.objects.filter(pk=occurrence.event_id).values_list("status", flat=True)
    return stored.first() in (None, Event.Status.PUBLISHED)


watch(FocusArea, Audience, AccessibilityFeature, AccessibilityFeature.venues.through)
watch(
    Event,
    Event.focus_areas.through,
    Event.audiences.through,
    Event.accessibility_features.through,
    when=event_is_public,
)
watch(Occurrence, when=occurrence_is_public)

# Stored text in one Unicode form (NFC), for the models of the events and the places.
for _model in (
    *apps.get_app_config("events").get_models(),
    *apps.get_app_config("municipalities").get_models(),
):
    pre_save.connect(nfc_text_fields, sender=_model, dispatch_uid=f"nfc_{_model._meta.label}")


@receiver(post_save, sender=Venue, dispatch_uid="events_venue_search_text")
def refresh_search_text(sender, instance, raw=False, **kwargs):
    if raw:
        return
    events = list(
        Event.objects.filter(venue=instance).only(
            "pk", "title", "teaser", "description", "organizer", "performer", *SEARCH_FIELDS
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


@receiver(post_save, sender=Occurrence, dispatch_uid="events_occurrence_touches_event")
@receiver(post_delete, sender=Occurrence, dispatch_uid="events_occurrence_delete_touches_event")
def touch_event(sender, instance, raw=False, **kwargs):
    """A date added, moved, cancelled or removed changes its event's page: the event's
    ``updated_at`` follows (the sitemap's ``lastmod``, events.sitemaps). One UPDATE, without
    the event's own save() and signals."""
    if raw:
        return
    Event.objects.filter(pk=instance.event_id).update(updated_at=timezone.now())
