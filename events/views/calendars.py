"""Calendar downloads and subscriptions (ICS): one event, one date, any filtered listing."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from .. import conditional
from ..ics import build_calendar
from ..ics_cache import feed_calendar, key_values
from ..models import Event, Occurrence
from ..querystring import (
    describe_filters,
    feed_filterset,
    feed_occurrences,
    filter_errors_response,
)
from ..scopes import among

# A subscription stays well under 1 MB (some calendar apps refuse more).
FEED_MAX_BYTES = 900_000

#: How long a date stays in a calendar after it has ended. A calendar app deletes from its
#: copy of a subscribed calendar every event the feed no longer holds, so a feed that began
#: "now" would take yesterday's concert out of the subscriber's calendar; with this many
#: days kept, it stays there as a record. Applies to the subscription feed (unless a period
#: or a start date is chosen) and to an event's own calendar.
SUBSCRIPTION_KEEP_PAST = timedelta(days=30)


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
    """Every date of a published event that has not ended or ended at most
    :data:`SUBSCRIPTION_KEEP_PAST` ago; a past event's dates, so it is never empty."""
    dates = list(_event_dates(slug))
    if not dates:
        get_object_or_404(Event.objects.published(), slug=slug)
        raise Http404
    now = timezone.now()
    upcoming = [o for o in dates if not o.has_ended(now - SUBSCRIPTION_KEEP_PAST)] or dates
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


def _feed_keys(filterset) -> list[tuple]:
    """The rows of :func:`~events.ics_cache.key_values` of the feed's dates, in the feed's
    order: the dates chosen first (their ids: one query), then their key values (one query
    of at most a feed's length). In one query, PostgreSQL made the digest of every date the
    filters let through before it kept the soonest (0.46 s for a few municipalities' events
    with a feature at 100,000 events)."""
    ids = [row[0] for row in feed_occurrences(filterset, fields=("id", "start"))]
    keys = key_values(Occurrence.objects.filter(among("id", ids)), brief=True)
    by_id = {row[0]: row for row in keys}
    return [by_id[pk] for pk in ids if pk in by_id]


@require_safe
@condition(etag_func=conditional.etag, last_modified_func=conditional.last_modified)
def listing_calendar(request):
    """The subscription feed: the listing's filters, from :data:`SUBSCRIPTION_KEEP_PAST`
    ago (or the chosen period or start date) to a year ahead, capped. Without a matching
    date it is still a valid calendar (RFC 5545 §3.6: one component at least, here the
    VTIMEZONE)."""
    filterset = feed_filterset(request, keep_past=SUBSCRIPTION_KEEP_PAST)
    if not filterset.is_valid():
        return filter_errors_response(filterset)
    description = describe_filters(filterset)
    name = "Kulturmetropolen" + (f": {description}" if description else "")
    body = feed_calendar(
        _feed_keys(filterset),
        Occurrence.objects.public().for_listing(),
        absolute_url=request.build_absolute_uri,
        name=name,
        now=filterset.now,
        max_bytes=FEED_MAX_BYTES,
    )
    # Shown inline: calendar apps subscribe to the address, browsers offer to save it.
    return ics_response(body, "kulturmetropolen.ics", inline=True)
