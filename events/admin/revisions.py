"""The admin of pending changes to published events (``EventRevision``)."""

from django.contrib import admin
from django.db.models import Case, When
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import moderation, review_diff
from ..models import EventRevision
from .reject import decide_shown, reject_with_reason, shown_version
from .review import RevisionReview


@admin.register(EventRevision)
class EventRevisionAdmin(admin.ModelAdmin):
    """Pending changes to published events, shown field by field."""

    list_display = ["event", "venue", "submitted_by", "created_at", "status", "review"]
    list_filter = ["status"]
    list_select_related = ["event__venue", "submitted_by"]
    readonly_fields = [
        "event",
        "status",
        "submitted_by",
        "created_at",
        "changes",
        "reviewed_by",
        "reviewed_at",
        "rejection_reason",
    ]
    fields = readonly_fields
    actions = ["approve", "reject"]

    def get_ordering(self, request):
        # Pending first, the oldest on top: the order in which "next" leads through them.
        return [Case(When(status=EventRevision.Status.PENDING, then=0), default=1), "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("events.change_event")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.change_event")

    def has_module_permission(self, request):
        return request.user.has_perm("events.change_event")

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("venue"))
    def venue(self, obj):
        return obj.event.venue

    @admin.display(description=_("changes"))
    def changes(self, obj):
        return render_to_string(
            "admin/events/revision_diff.html", {"rows": review_diff.revision_diff(obj)}
        )

    def get_urls(self):
        review = self.admin_site.admin_view(RevisionReview(self))
        return [
            path("<int:pk>/review/", review, name="events_eventrevision_review"),
            *super().get_urls(),
        ]

    @admin.display(description=_("review"))
    def review(self, obj):
        # The version shown travels with the list's actions (see EventAdmin.review).
        return format_html(
            '<a href="{}">{}</a><input type="hidden" name="version-{}" value="{}">'
            '<input type="hidden" name="event-version-{}" value="{}">',
            reverse("admin:events_eventrevision_review", args=[obj.pk]),
            _("Review"),
            obj.pk,
            obj.version,
            obj.pk,
            obj.event.version,
        )

    @admin.action(description=_("Approve and publish the selected changes"))
    def approve(self, request, queryset):
        return decide_shown(
            self,
            request,
            queryset.filter(status=EventRevision.Status.PENDING).select_related("event"),
            lambda revision, version: moderation.apply_revision(
                revision,
                request.user,
                version=version,
                event_version=shown_version(request, revision, "event-version"),
            ),
            lambda n: ngettext("%(count)d change approved.", "%(count)d changes approved.", n),
        )

    @admin.action(description=_("Reject the selected changes (with a reason)"))
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset.filter(status=EventRevision.Status.PENDING),
            lambda revision, reason, version: moderation.reject_revision(
                revision, request.user, reason, version=version
            ),
            "reject",
        )
