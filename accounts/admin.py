"""Access requests in the admin: approving invites the person, declining may tell them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import access_requests, user_admin  # noqa: F401 (user_admin registers the user admin)
from .models import AccessRequest


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    """Requests from the public form; approving invites the person to the chosen venue."""

    list_display = ["name", "email", "venue_display", "created_at", "status"]
    list_filter = ["status"]
    list_select_related = ["venue"]
    search_fields = ["name", "email", "new_venue_name", "venue__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["venue"]
    fields = [
        "name",
        "email",
        "venue",
        "new_venue_name",
        "new_venue_address",
        "new_venue_municipality",
        "message",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "user",
    ]
    readonly_fields = [
        "name",
        "email",
        "new_venue_name",
        "new_venue_address",
        "new_venue_municipality",
        "message",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "user",
    ]
    ordering = ["-created_at"]
    actions = ["approve", "decline", "decline_with_email"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("venue"))
    def venue_display(self, obj):
        return obj.venue_display

    @admin.action(
        description=_("Approve: create the account and send the invitation"),
        permissions=["change"],
    )
    def approve(self, request, queryset):
        pending = list(queryset.filter(status=AccessRequest.Status.PENDING).select_related("venue"))
        done = [r for r in pending if access_requests.approve(r, request.user)]
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request approved; the invitation is sent.",
                    "%(count)d requests approved; the invitations are sent.",
                    len(done),
                )
                % {"count": len(done)},
                messages.SUCCESS,
            )
        waiting = [r for r in pending if r not in done]
        if waiting:
            self.message_user(
                request,
                _(
                    "Not approved, because no venue is chosen: %(names)s. Create the new "
                    "venue, choose it on the request and approve again."
                )
                % {"names": ", ".join(r.name for r in waiting)},
                messages.WARNING,
            )

    @admin.action(description=_("Decline the selected requests"), permissions=["change"])
    def decline(self, request, queryset):
        self._decline(request, queryset, notify=False)

    @admin.action(
        description=_("Decline the selected requests and tell the person by e-mail"),
        permissions=["change"],
    )
    def decline_with_email(self, request, queryset):
        self._decline(request, queryset, notify=True)

    def _decline(self, request, queryset, notify):
        pending = list(queryset.filter(status=AccessRequest.Status.PENDING))
        count = sum(access_requests.decline(r, request.user, notify=notify) for r in pending)
        self.message_user(
            request,
            ngettext("%(count)d request declined.", "%(count)d requests declined.", count)
            % {"count": count},
            messages.SUCCESS,
        )
