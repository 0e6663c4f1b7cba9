"""Calendar downloads and subscriptions (ICS): one event, one date, any filtered listing."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from .. import conditional
from ..ics import build_calendar
from ..ics_cache import feed_calendar
from ..models import Event, Occurrence
from ..querystring import (
    describe_filters,
    feed_filterset,
    feed_occurrences,
    filter_errors_response,
)

# A subscription stays well under 1 MB (some calendar apps refuse more).
FEED_MAX_BYTES = 900_000


def ics_response(body: bytes, filename: str, *, inline=False) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _event_dates(slug):
    return (
        Occurrence.objects.public().filter(event__slug=slug).for_listing().order_by("start", "pk")
    )


@require_safe
@condition(etag_func=conditional.etag, last_modified_func=conditional.last_modified)
def event_calendar(request, slug):
    """Every upcoming date of a published event; a past event's dates, so it is never empty."""
    dates = list(_event_dates(slug))
    if not dates:
        get_object_or_404(Event.objects.published(), slug=slug)
        raise Http404
    now = timezone.now()
    upcoming = [o for o in dates if o.finish >= now] or dates
    body = build_calendar(upcoming, absolute_url=request.build_absolute_uri, now=now)
    return ics_response(body, f"{slug}.ics")


@require_safe
@condition(etag_func=conditional.etag, last_modified_func=conditional.last_modified)
def occurrence_calendar(request, slug, pk):
    """One date of an event, for "add this date to my calendar"."""
    occurrence = get_object_or_404(_event_dates(slug), pk=pk)
    body = build_calendar([occurrence], absolute_url=request.build_absolute_uri)
    day = timezone.localtime(occurrence.start).date().isoformat()
    return ics_response(body, f"{slug}-{day}.ics")


@require_safe
@condition(etag_func=conditional.etag, last_modified_func=conditional.last_modified)
def listing_calendar(request):
    """The subscription feed: the listing's filters, from now to a year ahead, capped."""
    filterset = feed_filterset(request)
    if not filterset.is_valid():
        return filter_errors_response(filterset)
    description = describe_filters(filterset)
    name = "Kulturmetropolen" + (f": {description}" if description else "")
    body = feed_calendar(
        feed_occurrences(filterset),
        absolute_url=request.build_absolute_uri,
        name=name,
        now=filterset.now,
        max_bytes=FEED_MAX_BYTES,
    )
    # Shown inline: calendar apps subscribe to the address, browsers offer to save it.
    return ics_response(body, "kulturmetropolen.ics", inline=True)
