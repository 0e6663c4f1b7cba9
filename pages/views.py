"""The front page and the editable text pages."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.generic import TemplateView

from core.deferred import Deferred, time_slice
from core.text import danish_sort_key
from events.models import Event, FocusArea, Occurrence
from events.periods import local_midnight
from events.querysets import running_condition
from events.quickways import date_chips, day_strip
from municipalities.models import Municipality

from .models import Page

FEATURED_ON_HOME = 3
UPCOMING_ON_HOME = 8
RUNNING_ON_HOME = 8


class HomeView(TemplateView):
    """The front page: the quick ways in (date chips, the three focus areas, the nine
    municipalities, the next 14 days with their counts) first, then featured events, the
    exhibitions and courses running now, and the next dated events."""

    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        # Each list is read only when its fragment is not cached (core/deferred.py).
        key = ("home", time_slice(now))

        def featured():
            return (
                Event.objects.published()
                .filter(is_featured=True)
                .upcoming(now)
                .with_next_date(now)
                .select_related("venue__municipality")
                .order_by("next_start", "pk")[:FEATURED_ON_HOME]
            )

        # Exhibitions and courses that opened before today get a strip of their own; the
        # "coming up" rows are the dated events.
        today = local_midnight(timezone.localdate(now))

        def running():
            return (
                Occurrence.objects.public()
                .next_per_event(now)
                .running(today)
                .select_related("event__venue__municipality")[:RUNNING_ON_HOME]
            )

        def upcoming():
            return (
                Occurrence.objects.public()
                .next_per_event(now)
                .exclude(event_id__in=[event.pk for event in context["featured"]])
                .exclude(running_condition(today))
                .for_listing()
                .soonest(now, UPCOMING_ON_HOME)
            )

        context.update(
            featured=Deferred(featured, "featured", *key),
            upcoming=Deferred(upcoming, "upcoming", *key),
            running=Deferred(running, "running", *key),
            date_chips=date_chips((), now),
            day_strip=Deferred(lambda: day_strip(None, (), now), "day-strip", *key),
            focus_areas=Deferred(FocusArea.objects.all, "focus-areas"),
            municipalities=Deferred(
                lambda: sorted(Municipality.objects.all(), key=lambda m: danish_sort_key(m.name)),
                "municipalities",
            ),
        )
        return context


def page(request, slug):
    """An editable text page in the visitor's language (Danish when it has no English text).

    Raises Http404 for a slug that has no page."""
    try:
        text_page = Page.objects.get(slug=slug)
    except Page.DoesNotExist as exc:
        raise Http404 from exc
    english = get_language() == "en" and bool(text_page.body_en.strip())
    return render(
        request,
        "pages/page.html",
        {
            "page": text_page,
            "title": text_page.title_en if english and text_page.title_en else text_page.title,
            "body": text_page.body_en if english else text_page.body,
            # Danish text shown on the English site is marked as Danish for screen readers.
            "content_lang": "en" if english else "da",
        },
    )
