"""Chainable query logic: the one definition of "public" used by every page, feed and API."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.utils import timezone


def _is_postgres(qs) -> bool:
    return qs.db and settings.DATABASES[qs.db]["ENGINE"] == "django.db.backends.postgresql"


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        """Published events for everyone; plus, for a preview, what the user may manage."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(status="published") | Q(venue__staff=user)).distinct()
        return self.published()

    def with_next_date(self, now=None):
        """Annotate ``next_start``: the start of the first occurrence that has not ended."""
        now = now or timezone.now()
        return self.annotate(
            next_start=Min("occurrences__start", filter=Q(occurrences__ends__gte=now))
        )

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(Exists(_occurrences().filter(event=OuterRef("pk"), ends__gte=now)))

    def search(self, text: str):
        return self.filter(pk__in=search_event_ids(self.model.objects.all(), text))


def _occurrences():
    return apps.get_model("events", "Occurrence").objects


def search_event_ids(events, text: str):
    """Event ids matching ``text``: Danish full-text search on PostgreSQL, folded LIKE elsewhere."""
    text = text.strip()
    if _is_postgres(events):
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text, config="danish", search_type="websearch")
        return (
            events.annotate(document=SearchVector("search_text", config="danish"))
            .filter(document=query)
            .values("pk")
        )
    condition = Q()
    for word in text.lower().split():
        condition &= Q(search_text__contains=word)
    return events.filter(condition).values("pk")


class OccurrenceQuerySet(models.QuerySet):
    def public(self):
        """Occurrences of published events (any status: a cancelled date is shown as such)."""
        return self.filter(event__status="published")

    def upcoming(self, now=None):
        """Occurrences that have not ended."""
        return self.filter(ends__gte=now or timezone.now())

    def next_per_event(self, now=None):
        """Only each event's next date: no earlier date of the same event is still to come.

        Lets "coming up" lists show distinct events even when a series has a date every day
        (an anti-join on the (event, start) index; one query).
        """
        now = now or timezone.now()
        earlier = _occurrences().filter(
            event=OuterRef("event"), ends__gte=now, start__lt=OuterRef("start")
        )
        return self.filter(ends__gte=now).exclude(Exists(earlier))

    def between(self, start, end=None):
        """Occurrences that overlap [start, end): an exhibition shows while it runs."""
        qs = self.filter(ends__gte=start)
        if end is not None:
            qs = qs.filter(start__lt=end)
        return qs

    def for_listing(self):
        """What a list row shows: event, venue, municipality, focus areas; constant queries."""
        from .models import FocusArea

        return self.select_related(
            "event", "event__venue", "event__venue__municipality"
        ).prefetch_related(
            Prefetch("event__focus_areas", queryset=FocusArea.objects.order_by("position"))
        )

    def search(self, text: str):
        """Occurrences whose event matches ``text``; on PostgreSQL annotated with ``rank``."""
        events = apps.get_model("events", "Event").objects.all()
        qs = self.filter(event__in=search_event_ids(events, text))
        if _is_postgres(self):
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            query = SearchQuery(text.strip(), config="danish", search_type="websearch")
            vector = SearchVector("event__search_text", config="danish")
            qs = qs.annotate(rank=SearchRank(vector, query))
        return qs
