"""The one FilterSet behind the listing (and, later, feeds, embeds and the API).

Query parameters are English identifiers whose values are slugs; dates are ISO YYYY-MM-DD.
Filters across many-to-many relations are subqueries (EXISTS on dates, IN on events): no row
is ever duplicated.
"""

from datetime import date, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import nfc

from .filterfields import (
    FreeFilter,
    IsoDateInput,
    SlugFilter,
    SlugMultipleFilter,
    choices_by_name,
)
from .models import AccessibilityFeature, Event, Occurrence
from .periods import PERIOD_CHOICES, Window, local_midnight, period_window
from .querysets import matching_events, search_event_ids, search_text
from .scopes import among, few_ids, of_events
from .search.filterwords import interpret
from .vocabulary import derived, vocabularies

# Dates outside this range cannot be events here (and would overflow time zone arithmetic).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def _event_through(field_name):
    return Event._meta.get_field(field_name).remote_field.through


class OccurrenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        # data-suggest: suggestions while typing (static/js/search-suggest.js).
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "data-suggest": ""}),
    )
    municipality = SlugMultipleFilter(label=_("Municipality"), method="filter_municipality")
    focus_area = SlugMultipleFilter(label=_("Focus area"), method="filter_focus_area")
    venue = SlugFilter(
        label=_("Venue"), choices=(), method="filter_venue", empty_label=_("All venues")
    )
    audience = SlugMultipleFilter(label=_("Audience"), method="filter_audience")
    accessibility = SlugMultipleFilter(label=_("Accessibility"), method="filter_accessibility")
    free = FreeFilter(label=_("Free admission only"), method="filter_free")
    period = django_filters.ChoiceFilter(
        label=_("When"),
        choices=PERIOD_CHOICES,
        method="filter_nothing",
        empty_label=_("Any time"),
    )
    # «Search the words as text»: filter words (events.search.filterwords) stay text; "1", or
    # the words themselves (the form's hidden field: it lapses when the words change).
    literal = django_filters.CharFilter(
        label=_("Search the words as text"),
        method="filter_nothing",
        max_length=200,
        widget=forms.HiddenInput,
    )
    date_from = django_filters.DateFilter(
        label=_("From date"),
        method="filter_nothing",
        input_formats=["%Y-%m-%d"],
        widget=IsoDateInput,
    )
    date_to = django_filters.DateFilter(
        label=_("To date"),
        method="filter_nothing",
        input_formats=["%Y-%m-%d"],
        widget=IsoDateInput,
    )

    class Meta:
        model = Occurrence
        fields = []

    def __init__(self, data=None, *args, now=None, keep_past=None, **kwargs):
        self.now = now or timezone.now()
        # How far before now a window without a period or start date reaches back (a
        # subscription feed keeps recent dates; events.views.calendars).
        self.keep_past = keep_past or timedelta(0)
        # Whether the filters were read as a list of event ids (:meth:`_by_event_ids`): a
        # list then reads its dates' keys in one query, as a search does (the API:
        # events.api.views; every listing does).
        self.by_event_ids = False
        # Once filtered: the text query as searched (``SearchText``), and each filter's
        # condition on the events (:meth:`_by_event_ids`).
        self.search, self.on_events = None, []
        self.vocabularies = vocabularies()
        # Words of ``q`` that name a filter («roskilde», «weekend») become that filter.
        self.filter_words = interpret(data, self.vocabularies, self.now) if data else None
        super().__init__(self.filter_words.data if data else data, *args, **kwargs)
        for name, (terms, choices) in derived(
            self.vocabularies, "filter-choices", choices_by_name
        ).items():
            field = self.form.fields[name]
            field.terms, field.choices = terms, choices
        self.form.clean = self._clean_dates

    def get_form_class(self):
        """django-filter's form class, made once per FilterSet class (it made a new class
        and new fields for every request; a form copies its class's fields anyway)."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def _clean_dates(self):
        cleaned = self.form.cleaned_data
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not (EARLIEST_DATE <= value <= LATEST_DATE):
                self.form.add_error(
                    name,
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
                )
        if self.dates_inverted() and self.refuse_inverted_dates:
            self.form.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    #: Whether a ``date_to`` before ``date_from`` is a form error (for people: they mistyped)
    #: or simply matches nothing (the API: an empty range is an empty answer).
    refuse_inverted_dates = True

    def dates_inverted(self) -> bool:
        """True when both dates are given and ``date_to`` is before ``date_from``."""
        data = getattr(self.form, "cleaned_data", {})
        date_from, date_to = data.get("date_from"), data.get("date_to")
        return bool(date_from and date_to and date_to < date_from)

    # -- the time window ---------------------------------------------------------------
    def window(self) -> Window:
        """Where listings start and end: from now by default, narrowed by period and dates."""
        data = (
            self.form.cleaned_data
            if self.form.is_bound and hasattr(self.form, "cleaned_data")
            else {}
        )
        start, end = self.now - self.keep_past, None
        if data.get("period"):
            period = period_window(data["period"], self.now)
            start, end = period.start, period.end
        if data.get("date_from"):
            # An explicit start date may reach back before now (to browse what was on).
            from_dt = local_midnight(data["date_from"])
            start = from_dt if not data.get("period") else max(start, from_dt)
        if data.get("date_to"):
            to_dt = local_midnight(data["date_to"]) + timezone.timedelta(days=1)
            end = to_dt if end is None else min(end, to_dt)
        return Window(start, end)

    #: The matching events are read first (their ids) when at most this many match: the
    #: dates are then read through the (event, start) index (:meth:`_by_event_ids`). Up to
    #: a tenth of 100,000 events: sparser, walking the dates to fill the API's 5,000 keys
    #: read every date (3,000 was the limit: 0.47 s of SQL for «jazz» from 2010, now 0.11).
    few_events = 10_000

    def filter_queryset(self, queryset):
        if self.dates_inverted():
            self.unwindowed = queryset.none()
            return queryset.none()
        # Each filter on the events keeps its condition as the events' own (``on_events``).
        self.on_events, self.search = [], None
        filtered = super().filter_queryset(queryset)
        # The filters before the window: a search's listing reads its dates from the window's
        # start by ``start`` alone (events.search.listing).
        self.unwindowed = self._by_event_ids(queryset, filtered)
        window = self.window()
        return self.unwindowed.between(window.start, window.end)

    #: The events matching both the words and the filters are read by their ids when at most
    #: this many (else walking the dates in order soon finds a page of theirs).
    few_matching_both = 10_000

    def _few(self, events, few=None):
        """The ids in ``events`` (a ``values()`` query of one column, or a search's
        compiled subquery) — a list, or on PostgreSQL an :class:`~events.scopes.IdArray` —
        or ``None`` when more than ``few`` (default :attr:`few_events`):
        :func:`~events.scopes.few_ids`."""
        return few_ids(events, self.few_events if few is None else few, self.queryset.db)

    def _by_event_ids(self, queryset, filtered):
        """The dates of ``filtered`` (``queryset``, the dates before any filter, with the
        filters) as the dates of a list of event ids, when few events match (at most
        :attr:`few_events`); else ``filtered`` itself.

        Why: every filter here is on the events. Given several, PostgreSQL multiplies their
        estimates (each mild, together ~200 dates of 300,000), expects thousands of rows
        and walks the start index through ten years checking each date's event, or
        hash-joins a scan of the whole event table; a rare word in a search does the same.
        Given the few events' ids as values, it reads their dates through the (event,
        start) index (docs/ceiling.md). The ids come from plans that do not depend on such
        estimates: the filters on the event rows alone (``event_filter_idx``, the link
        tables' indexes), then the search among those ids (a search's own ids when the
        filters leave too many). One filter alone, without a search, keeps its plan, with
        no query more; a search reads its own ids, or with filters the ids of the events
        that match both (:attr:`few_matching_both`). Only published events' ids are read:
        the dates filtered here are public ones."""
        # The search's events as its subquery compiled once (the dates' filter has it too).
        search = matching_events(self.search, queryset.db) if self.search else None
        ids = None
        # Without an order: the events' own (by title) made PostgreSQL sort what it read.
        events = Event.objects.published().filter(*self.on_events).order_by().values("pk")
        if len(self.on_events) >= 2:
            ids = self._few(events)
            if ids is not None:
                self.by_event_ids = True
                if search is None:
                    return self._dates_of(queryset, ids)
                # Only the search is left: among at most few_events ids.
                rows = search_event_ids(Event.objects.using(queryset.db), self.search)
                column = rows.query.values_select[0]  # the search table's event_id, or pk
                # Never None: a search row per event, so no more than ``ids``.
                found = self._few(rows.filter(among(column, ids, rows.db)))
                return self._dates_of(queryset, found)
        if search is None:
            return filtered
        # With filters, the events that match the words and the filters (never more than
        # those matching the words): a common word with mild filters may match few, whose
        # dates are then read by their ids, not found by walking every date in order.
        found = (
            self._few(events.filter(pk__in=search), self.few_matching_both)
            if self.on_events
            else self._few(search)
        )
        # The ids stand for the words and the filters — every filter here is a condition on
        # the events (``_on``, kept in ``on_events``): the dates need no other condition.
        return filtered if found is None else self._dates_of(queryset, found)

    @staticmethod
    def _dates_of(queryset, ids):
        """The dates in ``queryset`` of the events ``ids`` (from :meth:`_few`); none, and
        no query for them, when there are no ids (a search that finds nothing)."""
        if not ids:
            return queryset.none()
        return queryset.filter(of_events(ids, queryset.db))

    def from_start(self):
        """The filtered dates that begin in the window: ``start`` from the window's start
        (and before its end), without the ``ends`` conditions of :meth:`window` that this
        implies — for the part of a list that begins from the window's start
        (:meth:`~events.querysets.OccurrenceQuerySet.running_and_beginning`). Read
        ``qs`` first."""
        window = self.window()
        qs = self.unwindowed.filter(start__gte=window.start)
        return qs if window.end is None else qs.filter(start__lt=window.end)

    # -- individual filters ------------------------------------------------------------
    def filter_nothing(self, queryset, name, value):
        return queryset  # applied together in filter_queryset via window()

    def filter_text(self, queryset, name, value):
        if not value or not value.strip():
            return queryset
        # The same Unicode form as stored text (core.text.nfc_text_fields).
        self.search = search_text(nfc(value))
        return queryset.search(self.search) if self.search else queryset

    def _on(self, queryset, on_events, on_dates):
        """``queryset`` filtered by ``on_dates``; ``on_events``: the same condition on
        :class:`Event` rows (for :meth:`_by_event_ids`)."""
        self.on_events.append(on_events)
        return queryset.filter(on_dates)

    def filter_municipality(self, queryset, name, value):
        if not value:
            return queryset
        pks = [term.pk for term in value]
        return self._on(
            queryset,
            Q(venue__municipality_id__in=pks),
            Q(event__venue__municipality_id__in=pks),
        )

    def filter_venue(self, queryset, name, value):
        if not value:
            return queryset
        return self._on(queryset, Q(venue_id=value.pk), Q(event__venue_id=value.pk))

    def filter_free(self, queryset, name, value):
        if not value:
            return queryset
        return self._on(queryset, Q(is_free=True), Q(event__is_free=True))

    def _any_of(self, queryset, field_name, target, value):
        """Events linked to any of ``value`` through the ``field_name`` relation."""
        if not value:
            return queryset
        through = _event_through(field_name)
        linked = {f"{target}_id__in": [t.pk for t in value]}
        return self._on(
            queryset,
            # On the events, a set (a semi-join): not a probe of the links per event.
            Q(pk__in=through.objects.filter(**linked).values("event_id")),
            Exists(through.objects.filter(event_id=OuterRef("event_id"), **linked)),
        )

    def filter_focus_area(self, queryset, name, value):
        return self._any_of(queryset, "focus_areas", "focusarea", value)

    def filter_audience(self, queryset, name, value):
        return self._any_of(queryset, "audiences", "audience", value)

    def filter_accessibility(self, queryset, name, value):
        """Every chosen feature, from the venue or the event itself (effective accessibility)."""
        event_through = _event_through("accessibility_features")
        venue_through = AccessibilityFeature.venues.through
        for feature in value or ():
            on_event = event_through.objects.filter(accessibilityfeature_id=feature.pk)
            on_venue = venue_through.objects.filter(accessibilityfeature_id=feature.pk)
            queryset = self._on(
                queryset,
                # On the events, sets hashed once; on each date, two probes of its event.
                Q(pk__in=on_event.values("event_id")) | Q(venue_id__in=on_venue.values("venue_id")),
                Exists(on_event.filter(event_id=OuterRef("event_id")))
                | Exists(on_venue.filter(venue_id=OuterRef("event__venue_id"))),
            )
        return queryset
