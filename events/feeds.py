"""RSS and Atom feeds of any filtered listing: one item per event, with its next matching
date. The query string, window and cap they share with calendars and embeds are in
:mod:`events.querystring`."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.utils.translation import gettext as _

from . import conditional
from .models import Occurrence
from .querystring import (
    describe_filters,
    feed_filterset,
    feed_occurrences,
    filter_errors_response,
    filter_query,
)
from .templatetags.event_tags import when

# One item per event, with its next matching date.
FEED_MAX_ITEMS = 50


def feed_title(filterset) -> str:
    """The feed's title: the site's name, then the chosen filters in words, if any."""
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


def next_dates(filterset, limit=FEED_MAX_ITEMS):
    """:func:`next_date_per_event` of the feed's dates (:func:`feed_occurrences`), reading
    only their ids and events' ids to choose them (one query), then the ``limit`` chosen
    dates as a list row shows them (one query and the focus areas'): not the up to 1,000
    full dates and their focus areas it chose from."""
    keys = feed_occurrences(filterset, fields=("id", "event_id", "start"))
    chosen = [row[0] for row in next_date_per_event((_Keyed(row) for row in keys), limit)]
    if not chosen:
        return []
    rows = Occurrence.objects.public().for_listing().filter(pk__in=chosen)
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in chosen if pk in by_pk]


class _Keyed(tuple):
    """An ``(id, event_id, …)`` row that :func:`next_date_per_event` reads like a date."""

    __slots__ = ()

    @property
    def event_id(self):
        return self[1]


class EventRssFeed(Feed):
    """The events of a filtered listing; each item is an event with its next matching date."""

    description_template = "feeds/event_description.html"

    def __call__(self, request, *args, **kwargs):
        filterset = feed_filterset(request)
        if not filterset.is_valid():
            return filter_errors_response(filterset)
        response = super().__call__(request, *args, **kwargs)
        # Django's Feed sends the newest item's date as Last-Modified; the conditional GET
        # around this view (events.urls_feeds) compares If-Modified-Since with the data's
        # version (events.conditional). Send that one, so a reader that sends back what it
        # got gets a 304 while nothing has changed.
        response["Last-Modified"] = http_date(conditional.last_modified(request).timestamp())
        return response

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
        return next_dates(feed_filterset(request))

    def item_title(self, occurrence):
        """«Koncert – lørdag 12. december kl. 20.00», led by the date's status when it is not
        as planned: «Aflyst: Koncert – …», «Udsolgt: …» (as in the calendars' SUMMARY)."""
        title = f"{occurrence.event.title} – {when(occurrence)}"
        if occurrence.has_notice:
            title = f"{occurrence.get_status_display()}: {title}"
        return title

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
