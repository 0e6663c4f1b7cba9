"""Who may run a source now: not one of an inactive venue, and not one already running.

``imports.sync.run`` claims the source (:func:`claim`) before it fetches and releases it
(:func:`release`) when done, so that cron, «Hent nu» and the admin never run one source twice
at once, and a run killed midway (a worker timeout) is not repeated at once either.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import EventSource

#: A claim older than this (minutes) is a run that died: the next run takes it over. Longer
#: than any run may take (fetch, listing pages and images are bounded by their time limits).
STALE_MINUTES = 15

BUSY = "Kalenderen hentes allerede. Prøv igen om lidt."


def refusal(source) -> str:
    """The Danish reason ``source`` may not run at all, or "" when it may."""
    if not source.venue.is_active:
        return f"Stedet {source.venue.name} er ikke aktivt på sitet, så dets kalender hentes ikke."
    return ""


def claim(source, now=None) -> bool:
    """Mark ``source`` as running, in one conditional UPDATE (atomic on PostgreSQL and
    SQLite): True when this run got it, False when another run holds it (and its claim is
    younger than ``STALE_MINUTES``)."""
    now = now or timezone.now()
    free = Q(running_since__isnull=True) | Q(
        running_since__lt=now - timedelta(minutes=STALE_MINUTES)
    )
    claimed = EventSource.objects.filter(free, pk=source.pk).update(running_since=now)
    if claimed:
        source.running_since = now
    return bool(claimed)


def release(source) -> None:
    """Clear the claim :func:`claim` made, unless the run's status update already did."""
    if source.running_since is None:
        return
    EventSource.objects.filter(pk=source.pk).update(running_since=None)
    source.running_since = None
