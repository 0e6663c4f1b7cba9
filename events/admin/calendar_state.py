"""What a venue's calendar says now about an imported event, for the review queue and the
review screen: gone from the calendar, or all its dates cancelled there.

An event a reviewed source imported waits for review like any submission. When the calendar
later cancels it or drops it, the sync cancels its dates (``imports.sync``) and the event
stays in the queue — the reviewer decides — but is marked «Væk fra kalenderen» or «Aflyst i
kalenderen» (docs/imports.md, "Awaiting review, then cancelled"). The source items are
reached through ``Event.source_items`` so that this layer does not import ``imports``.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Event, Occurrence

CANCELLED = Occurrence.Status.CANCELLED


def annotate(queryset, now=None):
    """``queryset`` (of ``Event``) with ``calendar_gone`` (the calendar no longer has it),
    ``calendar_live`` (a date not yet ended and not cancelled) and ``calendar_cancelled``
    (a cancelled date): three EXISTS, no extra query."""
    now = now or timezone.now()
    dates = Occurrence.objects.filter(event=OuterRef("pk"))
    return queryset.annotate(
        calendar_gone=Exists(Event.objects.filter(pk=OuterRef("pk"), source_items__is_gone=True)),
        calendar_live=Exists(dates.filter(start__gte=now).exclude(status=CANCELLED)),
        calendar_cancelled=Exists(dates.filter(status=CANCELLED)),
    )


def label(event) -> str:
    """«Væk fra kalenderen», «Aflyst i kalenderen» or «» for an imported ``event`` annotated
    by :func:`annotate` (an event not imported: always «»)."""
    if not event.imported_from or getattr(event, "calendar_gone", None) is None:
        return ""
    if event.calendar_gone:
        return _("Gone from the calendar")
    if event.calendar_cancelled and not event.calendar_live:
        return _("Cancelled in the calendar")
    return ""


def of(event, now=None) -> str:
    """:func:`label` for one ``event`` (one query; none for an event not imported)."""
    if not event.imported_from:
        return ""
    return label(annotate(Event.objects.filter(pk=event.pk), now).first() or event)
