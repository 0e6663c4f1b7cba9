"""The listing's query string, as every list outside the listing page reads it: feeds,
calendars, embeds and the links between them.

The parameters are those of the one FilterSet (:class:`events.filters.OccurrenceFilter`);
a feed, a calendar or an embed reads the same filters from the same query string, over a
bounded window (from the filters' start to a year ahead) and with a cap.
"""

from datetime import timedelta

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from .filters import OccurrenceFilter
from .models import Occurrence

#: The filter parameters of a listing's query string, in the FilterSet's order: ``q``,
#: ``municipality``, ``focus_area``, ``venue``, ``audience``, ``accessibility``, ``free``,
#: ``period``, ``date_from``, ``date_to``. Not ``page``, ``sort`` or a format's own options.
FEED_PARAMETERS = tuple(OccurrenceFilter.base_filters)

# A subscription reaches a year ahead and holds at most this many dates.
FEED_HORIZON = timedelta(days=365)
FEED_MAX_OCCURRENCES = 1000


def feed_filterset(request, *, keep_past=None):
    """The listing's FilterSet (an ``OccurrenceFilter`` over the public dates, ready for a
    list row) bound to ``request.GET``; built once per request and cached on it. Not yet
    validated: check ``is_valid()`` before reading ``qs``. ``keep_past`` (a ``timedelta``)
    lets a window without a period or start date begin that long before now."""
    filterset = getattr(request, "_feed_filterset", None)
    if filterset is None:
        filterset = OccurrenceFilter(
            request.GET,
            queryset=Occurrence.objects.public().for_listing(),
            keep_past=keep_past,
        )
        request._feed_filterset = filterset
    return filterset


def filter_query(query_dict) -> str:
    """Only the filter parameters (:data:`FEED_PARAMETERS`) of ``query_dict`` (a
    ``QueryDict``, left unchanged), URL-encoded: no page, sort or format options. Repeated
    values are kept; ``""`` when no filter is set."""
    query = query_dict.copy()
    for key in list(query.keys()):
        if key not in FEED_PARAMETERS:
            del query[key]
    return query.urlencode()


def filter_errors_response(filterset):
    """A 400 ``text/plain`` response listing, by field label, why the filters of an invalid
    ``filterset`` could not be used: for machine clients (calendars, feed readers)."""
    lines = [_("Some of the filters could not be used:")]
    for name, errors in filterset.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        lines.append(f"- {label}: {' '.join(errors)}")
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def feed_occurrences(filterset, limit=None, fields=None):
    """The dates of a valid ``filterset`` from its window's start to :data:`FEED_HORIZON`
    after now, at most ``limit`` (default :data:`FEED_MAX_OCCURRENCES`): those running at the
    start first (closing soonest), then the soonest to begin. A sliced queryset (one query,
    :meth:`~events.querysets.OccurrenceQuerySet.soonest`); check ``is_valid()`` first.
    ``fields``: rows of these values only (tuples that begin with them), no model rows."""
    horizon = filterset.now + FEED_HORIZON
    qs = filterset.qs.filter(start__lt=horizon)
    beginning = filterset.from_start().filter(start__lt=horizon)
    if fields:
        qs = qs.prefetch_related(None).values_list(*fields)
        beginning = beginning.prefetch_related(None).values_list(*fields)
    at = filterset.window().start
    return qs.soonest(at, limit or FEED_MAX_OCCURRENCES, beginning=beginning)


def describe_filters(filterset) -> str:
    """The chosen filters in words, for a calendar's or feed's name: «Musik · Køge, Roskilde».
    ``""`` when nothing is chosen or the filters are invalid."""
    if not filterset.is_valid():
        return ""
    data = filterset.form.cleaned_data
    parts = []
    for name in ("focus_area", "municipality", "audience", "accessibility"):
        if data.get(name):
            parts.append(", ".join(str(item) for item in data[name]))
    if data.get("venue"):
        parts.append(str(data["venue"]))
    if data.get("free"):
        parts.append(_("Free admission"))
    if data.get("period"):
        parts.append(str(dict(filterset.filters["period"].extra["choices"])[data["period"]]))
    if data.get("date_from") or data.get("date_to"):
        parts.append(
            "–".join(
                d.isoformat() if d else "" for d in (data.get("date_from"), data.get("date_to"))
            )
        )
    if data.get("q"):
        parts.append(f"«{data['q'].strip()}»")
    return " · ".join(parts)
