"""Pages about places and focus areas, each with its upcoming events."""

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import DetailView, ListView

from core.deferred import Deferred, time_slice
from core.text import danish_sort_key
from municipalities.models import Municipality, Venue

from ..models import AccessibilityFeature, Event, FocusArea, Occurrence
from ..quickways import date_chips, day_strip
from ..scopes import at_venue
from ..vocabulary import vocabularies

UPCOMING_ON_PAGE = 20


def upcoming_for(*conditions, **filters):
    """The next date of each public event matching ``conditions`` and ``filters``: running
    ones first, closing soonest, then the soonest to begin."""
    now = timezone.now()
    return list(
        Occurrence.objects.public()
        .next_per_event(now)
        .filter(*conditions, **filters)
        .for_listing()
        .soonest(now, UPCOMING_ON_PAGE)
    )


def place_lists(page, events, scope, *conditions, **filters) -> dict:
    """``upcoming`` (:func:`upcoming_for` ``conditions`` and ``filters``), ``day_strip`` (of
    ``events``, its links carrying ``scope``) and ``date_chips`` of a place's page; the two
    lists are :class:`core.deferred.Deferred`, keyed by ``page`` (a model instance) and the
    slice of time: read only when their fragments are not cached."""
    now = timezone.now()
    key = (page._meta.label, page.pk, time_slice(now))
    return {
        "upcoming": Deferred(lambda: upcoming_for(*conditions, **filters), "upcoming", *key),
        "day_strip": Deferred(lambda: day_strip(events, scope, now), "day-strip", *key),
        "date_chips": date_chips(scope, now),
    }


class MunicipalityListView(ListView):
    template_name = "municipalities/municipality_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        """The nine in Danish alphabetical order (Rødovre last), whatever the database's
        collation."""
        return sorted(
            Municipality.objects.with_venue_count(), key=lambda m: danish_sort_key(m.name)
        )


class MunicipalityDetailView(DetailView):
    template_name = "municipalities/municipality_detail.html"
    context_object_name = "municipality"
    model = Municipality

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        venues = Venue.objects.active().filter(municipality=self.object).order_by("name")
        context.update(
            place_lists(
                self.object,
                Event.objects.filter(venue__municipality=self.object),
                [("municipality", self.object.slug)],
                event__venue__municipality=self.object,
            ),
            # "Musik i Roskilde", …: the cached filter choices, no query on a warm cache.
            focus_areas=vocabularies()["focus_area"],
            # Read only when the venue list's fragment is not cached (the venues are public
            # content, which its content version covers).
            venues=Deferred(lambda: venues, "venues", self.object.pk),
        )
        return context


class VenueDetailView(DetailView):
    template_name = "municipalities/venue_detail.html"
    context_object_name = "venue"

    def get_queryset(self):
        return (
            Venue.objects.active()
            .select_related("municipality")
            .prefetch_related(
                Prefetch(
                    "accessibility_features",
                    queryset=AccessibilityFeature.objects.order_by("position"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            place_lists(
                self.object,
                Event.objects.filter(venue=self.object),
                [("venue", self.object.slug)],
                at_venue(self.object),
            )
        )
        return context


class FocusAreaDetailView(DetailView):
    template_name = "events/focusarea_detail.html"
    context_object_name = "focus_area"
    model = FocusArea

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["focus_areas"] = FocusArea.objects.all()
        # The nine "Musik i Køge" links use the header's cached municipalities
        # (nav_municipalities): no query.
        context.update(
            place_lists(
                self.object,
                Event.objects.filter(focus_areas=self.object),
                [("focus_area", self.object.slug)],
                event__focus_areas=self.object,
            )
        )
        return context
