"""RSS and Atom feeds for any listing filter, and what feeds, calendars and embeds share:
the listing's FilterSet on the same query string, a bounded horizon and a cap."""

import re
from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .filters import OccurrenceFilter
from .models import Occurrence
from .templatetags.event_tags import when

# A subscription reaches a year ahead and holds at most this many dates (well under 1 MB).
FEED_HORIZON = timedelta(days=365)
FEED_MAX_OCCURRENCES = 1000
FEED_MAX_BYTES = 900_000
# RSS/Atom: one item per event, with its next matching date.
FEED_MAX_ITEMS = 50

FEED_PARAMETERS = (
    "q",
    "municipality",
    "focus_area",
    "venue",
    "audience",
    "accessibility",
    "free",
    "period",
    "date_from",
    "date_to",
)


def feed_filterset(request):
    """The listing's FilterSet on the request's query string, cached on the request."""
    filterset = getattr(request, "_feed_filterset", None)
    if filterset is None:
        filterset = OccurrenceFilter(
            request.GET, queryset=Occurrence.objects.public().for_listing()
        )
        request._feed_filterset = filterset
    return filterset


def filter_query(query_dict):
    """Only the filter parameters of a query string (no page, sort or format), encoded."""
    query = query_dict.copy()
    for key in list(query.keys()):
        if key not in FEED_PARAMETERS:
            del query[key]
    return query.urlencode()


def filter_errors_response(filterset):
    """400 with the reasons in plain words, for machine clients (calendars, feed readers)."""
    lines = [_("Some of the filters could not be used:")]
    for name, errors in filterset.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        lines.append(f"- {label}: {' '.join(errors)}")
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def feed_occurrences(filterset, limit=None):
    """The filtered dates from the window's start to the horizon, capped: those running at
    the start first (closing soonest), then the soonest to begin."""
    horizon = filterset.now + FEED_HORIZON
    qs = filterset.qs.filter(start__lt=horizon)
    return qs.soonest(filterset.window().start, limit or FEED_MAX_OCCURRENCES)


def describe_filters(filterset) -> str:
    """The chosen filters in words, for a calendar's or feed's name: «Musik · Køge, Roskilde»."""
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


def feed_title(filterset) -> str:
    description = describe_filters(filterset)
    title = _("Kulturmetropolen events")
    return f"{title}: {description}" if description else title


# Characters XML 1.0 cannot hold at all; Django's feed writer refuses them (a 500), and a
# title, a teaser or the q of the feed's own address may contain one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """``value`` with the characters XML cannot hold removed, in strings, lists and tuples."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(v) for v in value)
    return value


def next_date_per_event(occurrences, limit=FEED_MAX_ITEMS):
    """The first of ``occurrences`` (ordered by start) for each event, up to ``limit``."""
    seen, firsts = set(), []
    for occurrence in occurrences:
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        firsts.append(occurrence)
        if len(firsts) == limit:
            break
    return firsts


class EventRssFeed(Feed):
    """The events of a filtered listing; each item is an event with its next matching date."""

    description_template = "feeds/event_description.html"

    def __call__(self, request, *args, **kwargs):
        filterset = feed_filterset(request)
        if not filterset.is_valid():
            return filter_errors_response(filterset)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def title(self, request):
        return feed_title(feed_filterset(request))

    def link(self, request):
        query = filter_query(request.GET)
        return reverse("events:list") + (f"?{query}" if query else "")

    def feed_url(self, request):
        return request.get_full_path()

    def description(self, request):
        return _("Culture events in nine municipalities west, north and south of Copenhagen.")

    def items(self, request):
        filterset = feed_filterset(request)
        return next_date_per_event(feed_occurrences(filterset))

    def item_title(self, occurrence):
        return f"{occurrence.event.title} – {when(occurrence)}"

    def item_link(self, occurrence):
        return occurrence.event.get_absolute_url()

    def item_pubdate(self, occurrence):
        return occurrence.event.published_at or occurrence.event.created_at

    def item_updateddate(self, occurrence):
        return max(occurrence.event.updated_at, occurrence.updated_at)

    def item_categories(self, occurrence):
        return [area.name for area in occurrence.event.focus_areas.all()]

    def item_author_name(self, occurrence):
        return occurrence.event.organizer_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["occurrence"] = kwargs["item"]
        context["event"] = kwargs["item"].event
        context["when"] = when(kwargs["item"])
        context["now"] = timezone.now()
        return context


class EventAtomFeed(EventRssFeed):
    feed_type = Atom1Feed
    subtitle = EventRssFeed.description
