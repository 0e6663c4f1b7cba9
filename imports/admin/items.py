"""Imported events in the admin: where each came from, which fields still follow the source,
its dates, and the possible duplicates with «merge» and «not a duplicate»."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import Occurrence
from events.templatetags.event_tags import when

from .. import duplicates
from ..models import SourceItem, SourceItemDate
from .describe import field_rows


class SourceItemDateInline(admin.TabularInline):
    """An imported event's dates: as the calendar last gave them, in the site's words, and
    what became of each here."""

    model = SourceItemDate
    fields = ["key", "in_calendar", "calendar_says", "date_here"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("date in the calendar"))
    def in_calendar(self, row):
        return when(Occurrence(start=row.start, end=row.end, all_day=row.all_day))

    @admin.display(description=_("date here"))
    def date_here(self, row):
        occurrence = row.occurrence
        if occurrence is None:
            return "–"
        return format_html("{} ({})", when(occurrence), occurrence.get_status_display())

    @admin.display(description=_("the calendar says"))
    def calendar_says(self, row):
        """«I kalenderen», «Aflyst i kalenderen» or «Væk fra kalenderen», and what that
        did here («aflyst her») when the date is cancelled here."""
        if row.is_gone:
            said = _("Gone from the calendar")
        elif row.cancelled:
            said = _("Cancelled in the calendar")
        else:
            said = _("In the calendar")
        occurrence = row.occurrence
        if occurrence is not None and occurrence.status == Occurrence.Status.CANCELLED:
            return format_html("{} – {}", said, _("cancelled here"))
        return said


class DuplicateFilter(admin.SimpleListFilter):
    title = _("duplicate")
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return SourceItem.Duplicate.choices[1:]

    def queryset(self, request, queryset):
        if self.value() in SourceItem.Duplicate.values:
            return queryset.filter(duplicate=self.value())
        return queryset


@admin.register(SourceItem)
class SourceItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "event_link", "duplicate", "same_as", "is_gone"]
    list_filter = [DuplicateFilter, "is_gone", "source"]
    list_select_related = ["source", "event", "duplicate_of"]
    search_fields = ["uid", "event__title", "source__name"]
    actions = ["merge", "not_duplicate"]
    fields = [
        "source",
        "uid",
        "event_link",
        "sequence",
        "duplicate",
        "same_as",
        "in_calendar",
        "following",
    ]
    readonly_fields = fields
    inlines = [SourceItemDateInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Everything here is read only; the changes are the list's actions.
        extra_context = {**(extra_context or {}), "show_save": False}
        extra_context["show_save_and_continue"] = False
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("event"), ordering="event__title")
    def event_link(self, obj):
        if obj.event is None:
            return _("Deleted here")
        url = reverse("admin:events_event_change", args=[obj.event_id])
        return format_html(
            '<a href="{}">{}</a> ({})', url, obj.event, obj.event.get_status_display()
        )

    @admin.display(description=_("the calendar says"))
    def in_calendar(self, obj):
        return _("Gone from the calendar") if obj.is_gone else _("In the calendar")

    @admin.display(description=_("same as"))
    def same_as(self, obj):
        if obj.duplicate_of is None:
            return "–"
        url = reverse("admin:events_event_change", args=[obj.duplicate_of_id])
        return format_html('<a href="{}">{}</a>', url, obj.duplicate_of)

    @admin.display(description=_("fields"))
    def following(self, obj):
        return render_to_string("admin/imports/sourceitem/fields.html", {"rows": field_rows(obj)})

    @admin.action(description=_("Merge with the existing event"), permissions=["change"])
    def merge(self, request, queryset):
        done = 0
        for item in queryset.filter(duplicate=SourceItem.Duplicate.SUSPECTED):
            duplicates.merge(item)
            done += 1
        self.message_user(
            request,
            _("%(count)s merged with the existing event.") % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(description=_("Not a duplicate"), permissions=["change"])
    def not_duplicate(self, request, queryset):
        done = 0
        for item in queryset.filter(duplicate=SourceItem.Duplicate.SUSPECTED):
            duplicates.not_duplicate(item)
            done += 1
        self.message_user(
            request,
            _("%(count)s marked as not a duplicate.") % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )
