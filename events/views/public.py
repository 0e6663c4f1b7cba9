"""Public event pages: the filterable listing and the event detail."""

from functools import cache
from itertools import groupby

from django.core.paginator import InvalidPage
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.deferred import Deferred, time_slice

from ..filters import OccurrenceFilter
from ..models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence
from ..periods import local_midnight
from ..querystring import filter_query
from ..related import related_events
from ..search.help import search_help
from ..search.listing import RowsByIds, SearchDates
from .listing_links import active_filter_chips, chosen_period, focus_area_links, period_links


class PageNotFound(Exception):
    """A listing page that does not exist: ``number`` as asked, ``last`` the last page."""

    def __init__(self, number, last):
        super().__init__(number, last)
        self.number, self.last = number, last


def group_by_day(occurrences, window_start):
    """Day groups for the listing. Occurrences that began before the window (a running
    exhibition) form one group of their own, ``day=None``, so they are shown once."""

    def key(occurrence):
        if occurrence.start < window_start:
            return None
        return timezone.localdate(occurrence.start)

    return [
        {"day": day, "rows": list(rows), "show_date": day is None}
        for day, rows in groupby(occurrences, key=key)
    ]


#: At most this many running exhibitions and courses in the listing's strip; any more stay
#: in the dated rows ("on now"), so none is ever left out.
RUNNING_ON_LISTING = 24


class OccurrenceListView(ListView):
    template_name = "events/occurrence_list.html"
    context_object_name = "occurrences"
    count_cap = 1000  # "more than 1,000 dates": 50 pages, counted at a bounded cost
    # Sorted by relevance: the best of the first 200 matching dates (10 pages). Each is
    # ranked by the text of its event, so this bounds the ranking work of one page.
    rank_cap = 200

    def get_paginate_by(self, queryset):
        from django.conf import settings

        return settings.LISTING_PAGE_SIZE

    def get_queryset(self):
        self.filterset = OccurrenceFilter(
            # Always bound: the time window (from now on) applies without any parameter too.
            self.request.GET,
            queryset=Occurrence.objects.public().for_listing(),
        )
        qs = self.filterset.qs
        window = self.filterset.window()
        since = local_midnight(timezone.localdate(window.start))
        # A text search (with words, not only stop words) is shown best match first unless
        # the date order is asked for (``sort=date``): events.search.listing ranks its dates.
        self.can_rank = bool(self.filterset.search)
        return self.listed_dates(qs, window, since)

    def listed_dates(self, qs, window, since):
        """The listing's dates from one query over the matches (events.search.listing): the
        heading's count, the running strip (exhibitions and courses, on the first page, left
        out of the dated rows of every page so that the pages do not shift), and the page
        by date (up to ``count_cap``) or, for a search, by relevance (the best among the
        first ``rank_cap`` dates, ranked once; ``sort=date`` for the date order).

        Every listing, not only a search: the strip, two capped counts and a page's slices
        had been five queries and most of a plain listing's CPU (docs/performance.md)."""
        found = SearchDates(
            qs,
            self.filterset.from_start(),
            window,
            since,
            cap=self.count_cap,
            strip=RUNNING_ON_LISTING,
        )
        rows = Occurrence.objects.public().for_listing()
        self.totals = found.totals
        # The strip's rows, read only when its fragment is not cached (keyed by their ids).
        self.running = RowsByIds(rows.prefetch_related(None), found.running)
        if not self.can_rank or self.request.GET.get("sort") == "date":
            self.sort, self.is_capped = "date", found.is_capped
            return found.by_date(rows)
        self.sort = "relevance"
        dates, self.is_capped = found.best_first(rows, self.rank_cap, self.filterset.search)
        return dates

    def paginate_queryset(self, queryset, page_size):
        """Django's paging; a page that does not exist — beyond the last, past the count cap,
        or not a number — raises :class:`PageNotFound` (a 404 page that says so)."""
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get("page") or 1
        try:
            page = paginator.page(paginator.num_pages if number == "last" else number)
        except InvalidPage:
            raise PageNotFound(number, paginator.num_pages) from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageNotFound as missing:
            query = request.GET.copy()
            query["page"] = missing.last
            return render(
                request,
                "events/page_not_found.html",
                {"page": missing.number, "last": missing.last, "last_url": "?" + query.urlencode()},
                status=404,
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.filterset.window()
        # The query as applied: words of ``q`` that name a filter are that filter here.
        query = self.filterset.data.copy()
        query.pop("page", None)
        query.pop("sort", None)
        data = self.filterset.data
        chips = active_filter_chips(self.filterset, data)
        help_context = search_help(self.request, self.filterset, context["paginator"].count)
        # The search box stands above the folded filters, in the filter form all the same.
        self.filterset.form.fields["q"].widget.attrs["form"] = "filter-form"
        context.update(
            # Dates of their own: no period chip is the chosen one (period_links).
            period_links=period_links(query, chosen_period(self.filterset)),
            focus_area_links=focus_area_links(query, self.filterset.vocabularies["focus_area"]),
            filter_chips=chips,
            # Running exhibitions head the list as "on now", or "already running" when the
            # chosen period lies ahead.
            window_is_now=window.start == self.filterset.now,
            # «This weekend» with a «to» date before it: the empty list says why.
            window_is_empty=window.end is not None and window.end <= window.start,
            filter=self.filterset,
            window=window,
            sort=self.sort,
            running=self.running if context["page_obj"].number == 1 else [],
            days=self.days(context["occurrences"], window),
            querystring=query.urlencode()
            + ("&sort=date" if self.can_rank and self.sort == "date" else ""),
            date_sort_query=query.urlencode(),
            result_count=self.totals["dates"],
            event_count=self.totals["events"],
            result_count_capped=self.totals["capped"],
            # The rows shown stop at the cap (a note under the list says so).
            list_capped=self.is_capped,
            count_cap=self.rank_cap if self.sort == "relevance" else self.count_cap,
            # Read only when the select's fragment is not cached: the venues are public
            # content, which the fragment's content version covers.
            # What the filter form shows, for its fragment: each field's values as the form
            # reads them (filter words applied), the «as text» words, the chips' count and
            # whether there are errors; the choices are public content (the content version).
            filter_form_key=[
                *((name, data.getlist(name)) for name in self.filterset.form.fields if name != "q"),
                ("chips", len(chips)),
                ("literal_text", help_context["literal_text"]),
                ("errors", bool(self.filterset.errors)),
            ],
            venue_groups=Deferred(self.venue_groups, "venue-groups"),
            selected_venue=self.filterset.data.get("venue", ""),  # marked in the options
            can_rank=self.can_rank,
            **help_context,
            # The same filters as a calendar subscription and news feeds.
            feed_query=filter_query(self.request.GET),
        )
        return context

    def days(self, occurrences, window):
        """The page's dates (a :class:`RowsByIds`) as the list shows them: grouped by day
        (:func:`group_by_day`), or best matches first in one group — only when the list's
        fragment is not cached: the key names the page's ids, the order and the window's
        start (its five-minute slice when the window starts now: a date may have begun
        since)."""

        def groups():
            if self.sort == "date":
                return group_by_day(occurrences, window.start)
            return [{"day": None, "rows": occurrences, "show_date": True}]

        start = window.start
        since = time_slice(start) if start == self.filterset.now else start.isoformat()
        return Deferred(groups, "days", self.sort, since, *occurrences.fragment_key)

    def venue_groups(self):
        """The venue choices grouped by municipality, for the hand-rendered select."""
        venues = self.filterset.vocabularies["venue"]  # ordered by municipality, then name
        return [
            {"municipality": name, "venues": list(rows)}
            for name, rows in groupby(venues, key=lambda venue: venue.group)
        ]

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and self.filterset.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    #: What an event's body shows besides the event, its venue and its dates: read only
    #: when the body's fragment is not in the cache (:meth:`details`).
    DETAILS = (
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position")),
        Prefetch("audiences", queryset=Audience.objects.order_by("position")),
        Prefetch(
            "accessibility_features", queryset=AccessibilityFeature.objects.order_by("position")
        ),
        Prefetch(
            "venue__accessibility_features",
            queryset=AccessibilityFeature.objects.order_by("position"),
        ),
    )

    @classmethod
    def details(cls, event) -> Event:
        """``event`` with :attr:`DETAILS` prefetched (four queries), the first time the page
        reads it: a lazy object, so that a body from the cache costs none of them."""

        def read():
            prefetch_related_objects([event], *cls.DETAILS)
            return event

        return SimpleLazyObject(read)

    @staticmethod
    def related(event, now) -> dict:
        """``more_at_venue`` and ``similar`` (:func:`events.related.related_events`) as
        :class:`core.deferred.Deferred` lists: not read when the page's «related» fragment
        comes from the cache. (``event`` itself, not the lazy :meth:`details`: the lists
        need only its focus areas, one query, or none when the body read them first.)"""
        lists = cache(lambda: related_events(event, now))
        key = (event.pk, time_slice(now))
        return {
            "more_at_venue": Deferred(lambda: lists()["more_at_venue"], "more", *key),
            "similar": Deferred(lambda: lists()["similar"], "similar", *key),
        }

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related("venue__municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        now = timezone.now()
        dates = list(event.occurrences.order_by("start"))
        upcoming = [o for o in dates if not o.has_ended(now)]
        # The page's fragments are keyed by ``event`` (its key) and render ``detailed``:
        # nothing reads ``detailed`` here, or its queries would run on every request.
        is_preview = not event.is_published
        if is_preview:  # no fragments: the template reads it all
            prefetch_related_objects([event], *self.DETAILS)
            detailed = event
        else:
            detailed = self.details(event)
        context.update(
            detailed=detailed,
            upcoming_dates=upcoming,
            # Shown first on a phone: the next date that takes place (a cancelled one only
            # when every date is cancelled).
            next_date=next((o for o in upcoming if not o.is_cancelled), None)
            or (upcoming[0] if upcoming else None),
            **self.related(event, now),
            last_date=dates[-1] if dates and not upcoming else None,
            is_past=bool(dates) and not upcoming,
            is_preview=is_preview,
            accessibility=Deferred(
                lambda: detailed.effective_accessibility(), "accessibility", event.pk
            ),
            page_title=event.title,
        )
        if context["is_preview"]:
            context["preview_message"] = _("Preview: this event is not public.")
        return context
