"""Keep each event's folded search text in step with its venue's name and city."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from municipalities.models import Venue

from .models import Event


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
