"""The events' admin: the review queue, its filters and actions, and an event's dates."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, When
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import HttpsURLAdminMixin, formfield
from core.pagecache import bump_content_version
from municipalities.models import Municipality

from .. import moderation
from ..forms.occurrence import OccurrenceAdminForm
from ..images import process_image
from ..models import Event, Occurrence
from . import calendar_state
from .reject import decide_shown, reject_with_reason
from .review import EventReview


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
    EXIF or GPS data kept, a generated name). The form carries the version it was opened at
    (``seen_version``): saved after the venue sent a new version, it is refused and nothing
    is saved, as on the review screen."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        formfield_callback = formfield  # links assume https://

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("seen_version", self.instance.version)
        if "status" in self.fields:
            self.fields["status"].help_text = _(
                "Changing it is a review decision, as the review screen's buttons: the venue "
                "is e-mailed and the history records it. To reject, write the reason below."
            )

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return process_image(image)
        return image

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None:
            stored = Event.objects.filter(pk=self.instance.pk)
            if transaction.get_connection().in_atomic_block:
                # The admin saves inside one transaction (ModelAdmin.changeform_view): the
                # row stays locked from this check to the commit, so a venue's save cannot
                # slip in between and be overwritten (moderation.save_from_staff waits).
                stored = stored.select_for_update()
            stored = stored.values_list("version", flat=True)
            if data.get("seen_version") != stored.first():
                raise forms.ValidationError(
                    _(
                        "The content has changed since you opened it: nothing is saved. "
                        "Open the form again to read the new version."
                    ),
                    code="stale",
                )
        rejecting = data.get("status") == Event.Status.REJECTED and "status" in self.changed_data
        if rejecting and not (data.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", _("Write the reason: the venue is told."))
        return data


@admin.register(Event)
class EventAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    """The review queue: events awaiting review first; publish, approve and reject actions."""

    form = EventAdminForm
    list_display = [
        "title",
        "venue",
        "municipality",
        "next_date",
        "status_shown",
        "is_featured",
        "review",
    ]
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
        "review_screen",
        "slug",
        "created_at",
        "updated_at",
        "published_at",
        "submitted_by",
        "submitted_at",
        "reviewed_at",
        "imported_from",
    ]
    inlines = [OccurrenceInline]
    actions = ["approve", "reject", "unpublish", "feature", "unfeature"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "teaser",
                    "description",
                    "focus_areas",
                    "status",
                    "seen_version",
                ]
            },
        ),
        (_("Where and who"), {"fields": ["venue", "organizer", "performer", "imported_from"]}),
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
                    "review_screen",
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
        return calendar_state.annotate(super().get_queryset(request).with_next_date(now), now)

    def get_ordering(self, request):
        # The review queue: events awaiting review first, the oldest submission on top.
        return [
            Case(When(status=Event.Status.SUBMITTED, then=0), default=1),
            Coalesce("submitted_at", "created_at"),
            "title",
        ]

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, obj):
        """The status, and for an imported event what its calendar says now."""
        said = calendar_state.label(obj)
        if not said:
            return obj.get_status_display()
        return format_html("{}<br><strong>{}</strong>", obj.get_status_display(), said)

    @admin.display(description=_("municipality"), ordering="venue__municipality__name")
    def municipality(self, obj):
        return obj.venue.municipality

    @admin.display(description=_("next date"), ordering="next_start")
    def next_date(self, obj):
        if obj.next_start is None:
            return _("(past)")
        if obj.next_all_day:  # whole days: the date only (the first day, or today's running)
            return timezone.localtime(obj.next_start).strftime("%d.%m.%Y")
        return timezone.localtime(obj.next_start).strftime("%d.%m.%Y %H.%M")

    def get_urls(self):
        review = self.admin_site.admin_view(EventReview(self))
        return [
            path("<int:pk>/review/", review, name="events_event_review"),
            *super().get_urls(),
        ]

    @admin.display(description=_("review"))
    def review(self, obj):
        # The version shown travels with the list's actions: an approval of a row that was
        # saved again since is refused (events.moderation).
        return format_html(
            '<a href="{}">{}</a><input type="hidden" name="version-{}" value="{}">',
            reverse("admin:events_event_review", args=[obj.pk]),
            _("Review"),
            obj.pk,
            obj.version,
        )

    @admin.display(description=_("review"))
    def review_screen(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:events_event_review", args=[obj.pk]), _("Review")
        )

    def save_model(self, request, obj, form, change):
        # The status field is a decision: the content is saved as it was, then the new
        # status goes through events.moderation (stamps, history, e-mail to the venue).
        wanted = obj.status
        if "status" in form.changed_data or not change:
            obj.status = form.initial["status"] if change else Event.Status.DRAFT
        super().save_model(request, obj, form, change)
        if obj.status != wanted:
            moderation.change_status(obj, wanted, request.user, obj.rejection_reason)

    def _set(self, request, queryset, message, **values):
        count = queryset.update(**values, updated_at=timezone.now())
        bump_content_version()  # a bulk update sends no signals: clear cached pages here
        if count:
            self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Unpublish the selected events (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        done = [event for event in queryset if moderation.unpublish(event, request.user)]
        if not done:
            return
        self.message_user(
            request,
            ngettext("%(count)d event unpublished.", "%(count)d events unpublished.", len(done))
            % {"count": len(done)},
            messages.SUCCESS,
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
        return decide_shown(
            self,
            request,
            queryset,
            lambda event, version: moderation.approve(event, request.user, version=version),
            lambda n: ngettext("%(count)d event approved.", "%(count)d events approved.", n),
        )

    @admin.action(
        description=_("Reject the selected events (with a reason)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset,
            lambda event, reason, version: moderation.reject(
                event, request.user, reason, version=version
            ),
            "reject",
        )
