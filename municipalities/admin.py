"""The secretariat's admin for municipalities and venues."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.forms import InviteForm
from accounts.invitations import invite_staff_member
from accounts.user_admin import manages_every_account
from core.forms import HttpsURLAdminMixin

from .models import Municipality, Venue


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
class VenueAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    """The venues, their staff and the staff invitation action.

    Apps above this one add their own part of a venue's change form with ``add_part``
    (events adds the venue's accessibility features), so the admin is registered once, here,
    and this app imports none of them.
    """

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

    @classmethod
    def add_part(cls, title, form_mixin):
        """Add a fieldset titled ``title`` to the venue's change form, from another app.

        ``form_mixin`` is a ``forms.Form`` subclass whose declared fields make the fieldset,
        in their order. It is mixed into the admin's ModelForm (in front of the form so far),
        so it can read ``self.instance`` in ``__init__`` to set initial values and save them
        in ``_save_m2m`` after ``super()._save_m2m()`` — the way to edit a relation declared
        on the other app's model. Call it once, at import of that app's admin module.

        Raises ``ImproperlyConfigured`` when the mixin declares no field or a field the form
        already shows (a part added twice, say).
        """
        names = list(form_mixin.base_fields)
        shown = {name for _title, options in cls.fieldsets for name in options["fields"]}
        if not names or shown.intersection(names):
            raise ImproperlyConfigured(
                f"{form_mixin.__name__} must add new fields to the venue form, not {names}."
            )
        cls.form = type(cls.form)("VenueAdminForm", (form_mixin, cls.form), {})
        cls.fieldsets = [*cls.fieldsets, (title, {"fields": names})]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def get_form(self, request, obj=None, **kwargs):
        """The form, with the staff field's choices narrowed, for anyone but a superuser, to
        venue-staff accounts and the people on this venue's staff already: the picker offers
        no more (it asks the user admin), and a forged id of a staff or superuser account is
        refused as an invalid choice (docs/roles.md)."""
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("staff")
        if field is not None and not manages_every_account(request.user):
            allowed = Q(is_staff=False, is_superuser=False)
            if obj is not None:
                allowed |= Q(pk__in=obj.staff.values("pk"))
            field.queryset = field.queryset.filter(allowed)
        return form

    @admin.action(
        description=_("Invite a staff member to the selected venues"), permissions=["change"]
    )
    def invite_staff(self, request, queryset):
        """Ask for a name and e-mail, then create (or reuse) the account, add it to each
        selected venue's staff and e-mail a link to choose a password."""
        form = InviteForm(request.POST if "email" in request.POST else None)
        venues = list(queryset)
        if form.is_bound and form.is_valid():
            for venue in venues:
                user = invite_staff_member(
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
