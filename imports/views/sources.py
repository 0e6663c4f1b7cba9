"""The venue staff's calendars under /mine-arrangementer/kalendere/: the sources of their
venues with each one's status, add (try first, then save and follow), edit, «Hent nu»,
follow or stop following, and delete.

Every source is reached through the user's venues (``Venue.objects.managed_by``): a forged
id in a URL is a 404, a forged venue in the form a form error. Every change is a POST.
"""

import copy

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from events.models import Event
from events.templatetags.event_tags import clock
from events.views.staff import StaffMixin, with_next_status

from ..errors import SourceError
from ..forms import SourceForm
from ..models import EventSource
from ..sync import run
from . import trying

#: How often ``import_events`` runs (docs/operations.md, cron), in minutes.
CRON_MINUTES = 15

#: How many of a source's events its page lists (the next ones first).
EVENTS_SHOWN = 20


class SourceMixin(StaffMixin):
    def sources(self):
        return EventSource.objects.filter(venue__in=self.venues()).select_related("venue")

    def get_source(self):
        return get_object_or_404(self.sources(), pk=self.kwargs["pk"])


class SourceListView(SourceMixin, TemplateView):
    """The sources of the user's venues, each with its status and the number of events."""

    template_name = "imports/staff/source_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sources"] = self.sources().annotate(
            event_count=Count("items__event", distinct=True)
        )
        context["venues"] = list(self.venues())
        return context


class SourceFormView(SourceMixin, TemplateView):
    """Add a calendar (``pk`` absent) or edit one. Buttons: «Prøv» (``action=try``: fetch,
    read and show what would happen; nothing is saved) and «Gem og følg kalenderen»
    (``action=save``: fetch, save, and run the first import). An address that cannot be
    fetched or read keeps the form, with the fetcher's or reader's Danish reason."""

    template_name = "imports/staff/source_form.html"
    source = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in kwargs:
            self.source = self.get_source()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        # A copy: what the form sets on its instance (and a preview saves and rolls back)
        # must not change the status shown above it.
        instance = copy.copy(self.source) if self.source else EventSource()
        return SourceForm(data, instance=instance, user=self.request.user)

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def render(self, form, status=200, **extra):
        context = self.get_context_data(form=form, source=self.source, **extra)
        if self.source:
            context["events"], context["event_count"] = self.source_events()
            context["fetch_again_at"] = trying.fetch_again_at(self.source)
        else:
            context["venues"] = list(self.venues())
        if "report" in extra and self.source is None:
            venue = form.cleaned_data.get("venue")
            context["trusted"] = bool(venue and venue.is_trusted)
        else:
            context["trusted"] = form.instance.trusted
        return self.render_to_response(context, status=status)

    def source_events(self):
        events = Event.objects.filter(source_items__source=self.source).distinct()
        shown = list(
            with_next_status(events.with_next_date()).order_by("next_start", "title")[:EVENTS_SHOWN]
        )
        return shown, events.count() if len(shown) == EVENTS_SHOWN else len(shown)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        action = request.POST.get("action", "save")
        if not form.is_valid():
            return self.render(form, status=400)
        fetches = action == "try" or self.source is None or "url" in form.changed_data
        if not fetches:
            source = form.save()
            messages.success(request, _("The changes are saved."))
            return redirect("imports_staff:edit", source.pk)
        if not trying.take_try(request.user):
            form.add_error(
                None,
                _(
                    "You have tried many addresses within the last hour. Wait a while and "
                    "try again."
                ),
            )
            return self.render(form, status=429)
        try:
            found = trying.trial(form.instance, form.cleaned_data.get("kind", ""))
        except SourceError as error:
            form.add_error("url", str(error))
            return self.render(form, status=400)
        if action == "try":
            report = trying.preview(form, found)
            return self.render(form, report=report, kind=found.kind)
        return self.save(form, found)

    def save(self, form, found):
        adding = self.source is None
        source = form.save(commit=False)
        if adding:
            source.created_by = self.request.user
        source.save()
        form.save_m2m()
        if not adding and "url" in form.changed_data:
            trying.address_changed(source)
        report = trying.first_run(source, found)
        if report is None:
            messages.success(
                self.request,
                _(
                    "The calendar is saved. It has %(count)s events, so they are fetched "
                    "within the next %(minutes)s minutes; this page shows when."
                )
                % {"count": len(found.events), "minutes": CRON_MINUTES},
            )
        elif report.failed:
            messages.error(
                self.request,
                _("The calendar is saved, but: %(error)s") % {"error": report.errors[0]},
            )
        else:
            messages.success(self.request, status_sentence(report, adding))
        return redirect("imports_staff:edit", source.pk)


def status_sentence(report, adding=False) -> str:
    counts = report.counts
    text = (
        _(
            "Fetched: %(created)s new, %(updated)s changed, %(cancelled)s cancelled, "
            "%(unchanged)s unchanged."
        )
        % counts
    )
    if adding:
        text = _("The site now follows the calendar.") + " " + text
    return text


class FetchNowView(SourceMixin, View):
    """«Hent nu» (POST): run the source now, unless it ran within the last few minutes."""

    def post(self, request, pk):
        source = self.get_source()
        if trying.is_big(source):
            messages.error(
                request,
                _(
                    "The calendar is too big to fetch while you wait. It is fetched by itself "
                    "every %(hours)s hours; the secretariat can fetch it at once."
                )
                % {"hours": source.fetch_interval_hours},
            )
        elif again := trying.fetch_again_at(source):
            messages.error(
                request,
                _(
                    "The calendar was fetched less than %(minutes)s minutes ago. «Fetch now» "
                    "can be used again at %(time)s."
                )
                % {"minutes": trying.FETCH_AGAIN_MINUTES, "time": clock(again)},
            )
        elif not trying.take_try(request.user):  # «Hent nu» fetches like «Prøv»: one limit
            messages.error(
                request,
                _(
                    "You have tried many addresses within the last hour. Wait a while and "
                    "try again."
                ),
            )
        else:
            trying.fetched(source)
            report = run(source)
            if report.failed:
                messages.error(
                    request, _("Fetching failed: %(error)s") % {"error": report.errors[0]}
                )
            else:
                messages.success(request, status_sentence(report))
        return redirect("imports_staff:edit", source.pk)


class FollowView(SourceMixin, View):
    """«Følg ikke længere» / «Følg igen» (POST ``follow=0|1``): the source's active flag."""

    def post(self, request, pk):
        source = self.get_source()
        follow = request.POST.get("follow") == "1"
        self.sources().filter(pk=source.pk).update(is_active=follow)
        if follow:
            messages.success(request, _("The site follows the calendar again."))
        else:
            messages.success(
                request,
                _("The site no longer follows the calendar. The events already fetched stay."),
            )
        return redirect("imports_staff:edit", source.pk)


class SourceDeleteView(SourceMixin, TemplateView):
    """Delete a source (confirmed with a POST): stop following it for good. The events it
    made stay, as the page says; only the record of where they came from goes."""

    template_name = "imports/staff/source_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.source = self.get_source()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        context["event_count"] = (
            Event.objects.filter(source_items__source=self.source).distinct().count()
        )
        return context

    def post(self, request, pk):
        name = self.source.name
        self.source.delete()
        messages.success(
            request,
            _("%(name)s is deleted. The events already fetched stay on the site.") % {"name": name},
        )
        return redirect("imports_staff:list")
