"""The events' admin: the review queue, its filters and actions, and an event's dates."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Case, Min, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import HttpsURLAdminMixin, formfield
from core.pagecache import bump_content_version
from municipalities.models import Municipality

from .. import moderation
from ..forms.occurrence import OccurrenceAdminForm
from ..images import process_image
from ..models import Event, Occurrence
from ..periods import overlap
from .reject import reject_with_reason


class OccurrenceInline(admin.TabularInline):
    """An event's dates on its change form."""

    model = Occurrence
    form = OccurrenceAdminForm  # end, all-day or open end, as on the staff form
    extra = 1
    fields = ["start", "end", "all_day", "open_end", "status"]
    ordering = ["start"]


class MunicipalityFilter(admin.SimpleListFilter):
    """Events at a venue in one municipality, chosen by slug."""

    title = _("municipality")
    parameter_name = "municipality"

    def lookups(self, request, model_admin):
        return list(Municipality.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        # Only a slug the filter offers: anything else (a NUL byte, say) never reaches SQL.
        if self.value() in {slug for slug, _name in self.lookup_choices}:
            return queryset.filter(venue__municipality__slug=self.value())
        return queryset


class UpcomingFilter(admin.SimpleListFilter):
    """Events with a date still to come, or with past dates only."""

    title = _("dates")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past only"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.exclude(pk__in=Event.objects.upcoming().values("pk"))
        return queryset


class EventAdminForm(forms.ModelForm):
    """An image uploaded in the admin is checked and re-encoded as on the staff pages (no
    EXIF or GPS data kept, a generated name)."""

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        formfield_callback = formfield  # links assume https://

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return process_image(image)
        return image


@admin.register(Event)
class EventAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    """The review queue: events awaiting review first; publish, approve and reject actions."""

    form = EventAdminForm
    list_display = ["title", "venue", "municipality", "next_date", "status", "is_featured"]
    list_filter = [
        "status",
        "is_featured",
        UpcomingFilter,
        "focus_areas",
        MunicipalityFilter,
        ("venue", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["venue__municipality"]
    search_fields = ["title", "teaser", "organizer", "performer", "venue__name"]
    autocomplete_fields = ["venue"]
    filter_horizontal = []
    readonly_fields = [
        "slug",
        "created_at",
        "updated_at",
        "published_at",
        "submitted_by",
        "submitted_at",
        "reviewed_at",
    ]
    inlines = [OccurrenceInline]
    actions = ["approve", "reject", "publish", "unpublish", "feature", "unfeature"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "description", "focus_areas", "status"]}),
        (_("Where and who"), {"fields": ["venue", "organizer", "performer"]}),
        (
            _("Audience and accessibility"),
            {"fields": ["audiences", "accessibility_features"]},
        ),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Price and links"),
            {
                "fields": [
                    "is_free",
                    "price_text",
                    "price_min",
                    "price_max",
                    "ticket_url",
                    "info_url",
                ]
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    "is_featured",
                    "rejection_reason",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                    "published_at",
                ]
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in {"focus_areas", "audiences", "accessibility_features"}:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        now = timezone.now()
        return (
            super()
            .get_queryset(request)
            .annotate(
                next_start=Min("occurrences__start", filter=overlap(now, prefix="occurrences__"))
            )
        )

    def get_ordering(self, request):
        # The review queue: events awaiting review first, the oldest submission on top.
        return [
            Case(When(status=Event.Status.SUBMITTED, then=0), default=1),
            "submitted_at",
            "title",
        ]

    @admin.display(description=_("municipality"), ordering="venue__municipality__name")
    def municipality(self, obj):
        return obj.venue.municipality

    @admin.display(description=_("next date"), ordering="next_start")
    def next_date(self, obj):
        if obj.next_start is None:
            return _("(past)")
        return timezone.localtime(obj.next_start).strftime("%d.%m.%Y %H.%M")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status in {
            Event.Status.PUBLISHED,
            Event.Status.REJECTED,
        }:
            obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)

    def _set(self, request, queryset, message, **values):
        count = queryset.update(**values, updated_at=timezone.now())
        bump_content_version()  # a bulk update sends no signals: clear cached pages here
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        queryset.filter(published_at__isnull=True).update(published_at=now)
        self._set(
            request,
            queryset,
            lambda n: ngettext("%(count)d event published.", "%(count)d events published.", n),
            status=Event.Status.PUBLISHED,
            reviewed_by=request.user,
        )

    @admin.action(
        description=_("Unpublish the selected events (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        self._set(
            request,
            queryset,
            lambda n: ngettext("%(count)d event unpublished.", "%(count)d events unpublished.", n),
            status=Event.Status.DRAFT,
        )

    @admin.action(description=_("Feature the selected events"), permissions=["change"])
    def feature(self, request, queryset):
        self._set(
            request,
            queryset,
            lambda n: ngettext("%(count)d event featured.", "%(count)d events featured.", n),
            is_featured=True,
        )

    @admin.action(description=_("Stop featuring the selected events"), permissions=["change"])
    def unfeature(self, request, queryset):
        self._set(
            request,
            queryset,
            lambda n: ngettext(
                "%(count)d event no longer featured.", "%(count)d events no longer featured.", n
            ),
            is_featured=False,
        )

    @admin.action(description=_("Approve and publish the selected events"), permissions=["change"])
    def approve(self, request, queryset):
        events = list(queryset.exclude(status=Event.Status.PUBLISHED))
        for event in events:
            moderation.approve(event, request.user)
        self.message_user(
            request,
            ngettext("%(count)d event approved.", "%(count)d events approved.", len(events))
            % {"count": len(events)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Reject the selected events (with a reason)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset.exclude(status=Event.Status.PUBLISHED),
            lambda event, reason: moderation.reject(event, request.user, reason),
            "reject",
        )
