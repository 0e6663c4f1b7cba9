from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kulturmetropolen import accounts
from kulturmetropolen.forms import HttpsURLAdminMixin

from .models import AccessRequest, Municipality, Venue


@admin.register(Municipality)
class MunicipalityAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "website", "venue_count"]
    search_fields = ["name", "code"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_venue_count()

    @admin.display(description=_("venues"), ordering="venue_count")
    def venue_count(self, obj):
        return obj.venue_count


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "city", "is_trusted", "is_active"]
    list_filter = ["municipality", "is_trusted", "is_active"]
    list_editable = ["is_trusted", "is_active"]
    list_select_related = ["municipality"]
    search_fields = ["name", "city", "street_address", "postal_code"]
    autocomplete_fields = ["staff"]
    prepopulated_fields = {}
    fieldsets = [
        (None, {"fields": ["name", "slug", "municipality", "description", "is_active"]}),
        (
            _("Address"),
            {"fields": ["street_address", "postal_code", "city", "latitude", "longitude"]},
        ),
        (_("Contact"), {"fields": ["website", "email", "phone"]}),
        (_("Staff"), {"fields": ["staff", "is_trusted"]}),
    ]

    actions = ["invite_staff"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    @admin.action(
        description=_("Invite a staff member to the selected venues"), permissions=["change"]
    )
    def invite_staff(self, request, queryset):
        """Ask for a name and e-mail, then create (or reuse) the account, add it to each
        selected venue's staff and e-mail a link to choose a password."""
        form = accounts.InviteForm(request.POST if "email" in request.POST else None)
        venues = list(queryset)
        if form.is_bound and form.is_valid():
            for venue in venues:
                user = accounts.invite_staff_member(
                    venue, form.cleaned_data["name"], form.cleaned_data["email"]
                )
            self.message_user(
                request,
                _("%(email)s is invited to %(venues)s.")
                % {"email": user.email, "venues": ", ".join(v.name for v in venues)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a staff member"),
            "objects": venues,
            "form": form,
            "action": "invite_staff",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/municipalities/invite.html", context)


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
        done = [r for r in pending if accounts.approve(r, request.user)]
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
        count = sum(accounts.decline(r, request.user, notify=notify) for r in pending)
        self.message_user(
            request,
            ngettext("%(count)d request declined.", "%(count)d requests declined.", count)
            % {"count": count},
            messages.SUCCESS,
        )
