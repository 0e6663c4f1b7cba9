from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kulturmetropolen.forms import HttpsURLAdminMixin

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

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []
