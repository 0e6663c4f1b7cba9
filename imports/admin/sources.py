"""Event sources in the admin: their status at a glance, «Hent nu» and «Prøv uden at gemme»
(``<id>/fetch/`` and ``<id>/preview/``, which saves nothing: both POSTs, as both fetch)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import HttpsURLAdminMixin

from ..models import EventSource
from ..sync import run
from .describe import change_rows
from .forms import EventSourceForm


def report_message(report) -> str:
    if report.failed:
        return _("%(source)s failed: %(error)s") % {
            "source": report.source.name,
            "error": report.errors[0],
        }
    return _(
        "%(source)s: %(created)s created, %(updated)s updated, %(cancelled)s cancelled, "
        "%(kept)s changed at the source but kept as edited here, %(unchanged)s unchanged."
    ) % {"source": report.source.name, **report.counts}


@admin.register(EventSource)
class EventSourceAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    form = EventSourceForm
    list_display = ["name_and_host", "venue", "kind", "is_active", "last_run_in_short"]
    list_filter = ["kind", "is_active", "trusted", "last_outcome", "venue__municipality"]
    search_fields = ["name", "url", "venue__name"]
    list_select_related = ["venue"]
    autocomplete_fields = ["venue"]
    actions = ["fetch_now"]
    readonly_fields = ["last_run", "counts", "last_errors", "created_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["venue", "name", "kind", "url", "publishing", "trusted"]}),
        (_("Classification"), {"fields": ["focus_areas", "audiences", "category_map"]}),
        (_("Fetching"), {"fields": ["is_active", "fetch_interval_hours"]}),
        (
            _("Last run"),
            {"fields": ["last_run", "counts", "last_errors", "created_by", "created_at"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        name = "trusted" if obj is None else "publishing"
        fieldsets = [(title, dict(opts)) for title, opts in self.fieldsets]
        first = fieldsets[0][1]
        first["fields"] = [f for f in first["fields"] if f != name]
        if obj is None:
            fieldsets = fieldsets[:3]
        return fieldsets

    @admin.display(description=_("name"), ordering="name")
    def name_and_host(self, obj):
        """The name, and under it the address's host: two calendars of a venue told apart."""
        if not obj.host:
            return obj.name
        return format_html('{}<br><span class="source-host">{}</span>', obj.name, obj.host)

    @admin.display(description=_("last run"), ordering="last_run_at")
    def last_run(self, obj):
        if obj.last_run_at is None:
            return _("Never")
        return format_html(
            "{}<br><strong>{}</strong>",
            timezone.localtime(obj.last_run_at).strftime("%d.%m.%Y %H.%M"),
            obj.get_last_outcome_display(),
        )

    @admin.display(description=_("last run"), ordering="last_run_at")
    def last_run_in_short(self, obj):
        """The list's one column for the last run: when and how it went, its counts that are
        not zero, and the first error in short (the whole of it on the source's page)."""
        if obj.last_run_at is None:
            return _("Never")
        parts = [
            self.last_run(obj),
            format_html('<span class="source-counts">{}</span>', self.counts(obj)),
        ]
        if obj.last_errors:
            parts.append(self.errors(obj))
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))

    @admin.display(description=_("events in the last run"))
    def counts(self, obj):
        """The last run's counts that are not zero, one a line («2 nye», «1 aflyst»);
        docs/imports.md, "What a run counts"."""
        if obj.last_run_at is None:
            return "–"
        words = [
            (obj.last_created, _("%(n)s new")),
            (obj.last_updated, _("%(n)s changed")),
            (obj.last_cancelled, _("%(n)s cancelled")),
            (obj.last_kept, _("%(n)s kept as edited here")),
            (obj.last_unchanged, _("%(n)s unchanged")),
        ]
        lines = [word % {"n": n} for n, word in words if n]
        if not lines:
            return _("no events")
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description=_("errors"))
    def errors(self, obj):
        """The first error, cut to 80 characters (the whole list is on the source's page)."""
        errors = [e for e in obj.last_errors.split("\n") if e]
        if not errors:
            return "–"
        first = Truncator(errors[0]).chars(80)
        more = len(errors) - 1
        if more:
            first += " " + (ngettext("(+%(n)s more)", "(+%(n)s more)", more) % {"n": more})
        return format_html('<span class="source-error">{}</span>', first)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Fetch now"), permissions=["change"])
    def fetch_now(self, request, queryset):
        for source in queryset.select_related("venue"):
            report = run(source)
            level = messages.ERROR if report.failed else messages.SUCCESS
            self.message_user(request, report_message(report), level)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/fetch/", wrap(require_POST(self.fetch_view)), name="imports_fetch"),
            # A POST too: it makes the server fetch (a link or a prefetch must not).
            path(
                "<int:pk>/preview/", wrap(require_POST(self.preview_view)), name="imports_preview"
            ),
            *super().get_urls(),
        ]

    def _source(self, request, pk, permission):
        source = get_object_or_404(EventSource.objects.select_related("venue"), pk=pk)
        if not permission(request, source):
            raise PermissionDenied
        return source

    def fetch_view(self, request, pk):
        """«Hent nu»: run the source and go back to its page with the outcome."""
        source = self._source(request, pk, self.has_change_permission)
        report = run(source)
        level = messages.ERROR if report.failed else messages.SUCCESS
        self.message_user(request, report_message(report), level)
        return redirect("admin:imports_eventsource_change", source.pk)

    def preview_view(self, request, pk):
        """«Prøv uden at gemme»: what a run would create, change and cancel; nothing saved."""
        source = self._source(request, pk, self.has_view_permission)
        report = run(source, dry_run=True)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try without saving: %(name)s") % {"name": source.name},
            "source": source,
            "report": report,
            "counts": report.counts,
            "sections": [
                (_("New"), change_rows(report.created)),
                (_("Changed"), change_rows(report.updated)),
                (_("Cancelled or gone from the calendar"), change_rows(report.cancelled)),
                (_("Changed in the calendar, kept as edited here"), change_rows(report.kept)),
            ],
            "change_url": reverse("admin:imports_eventsource_change", args=[source.pk]),
        }
        return TemplateResponse(request, "admin/imports/eventsource/preview.html", context)
