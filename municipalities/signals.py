"""Signals of the municipalities app: a change to a municipality or venue makes cached pages
stale, and a change to a municipality also the cached navigation."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.pagecache import watch

from .context_processors import NAV_CACHE_KEY
from .models import Municipality, Venue

watch(Municipality, Venue)


@receiver(post_save, sender=Municipality, dispatch_uid="nav_save")
@receiver(post_delete, sender=Municipality, dispatch_uid="nav_delete")
def forget_navigation(**kwargs):
    """Drop the cached municipality list of the header and footer."""
    cache.delete(NAV_CACHE_KEY)
