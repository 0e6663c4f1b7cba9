"""The e-mail queue in the admin (django-post-office's ``Email``): read-only, with the
failed ones a filter away and an action to queue them again.

django-post-office's own admin lets a user edit a queued e-mail's recipients and resend it
with a plain GET link; here nothing can be edited (the secretariat cannot redirect someone
else's message to itself), queuing again is a POST action, and the text of a message that
carries a password link is shown to superusers only (``core.mail.is_confidential``).
"""

from django.contrib import admin, messages
from django.template.defaultfilters import linebreaksbr
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from post_office import admin as post_office_admin
from post_office.models import STATUS, Email, EmailTemplate, Log

from .mail import UNSENT_STATUSES, is_confidential

# django-post-office ships no Danish: the labels of its models and fields that the admin shows,
# here so that `make messages` collects them into the site's catalogue.
POST_OFFICE_LABELS = [
    _("Post Office"),
    pgettext_lazy("Email address", "Email"),
    pgettext_lazy("Email addresses", "Emails"),
    _("Email From"),
    _("Subject"),
    _("Status"),
    _("Scheduled Time"),
    _("sent"),
    _("failed"),
    _("queued"),
    _("requeued"),
    _("Exception type"),
    _("Message"),
]

for model in (Email, Log, EmailTemplate):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def local_time(value):
    """A time as the admin shows its own: local, in the active language's format."""
    return formats.localize(timezone.localtime(value)) if value else "–"


class LogInline(post_office_admin.LogInline):
    """Each delivery attempt: when, the outcome and the mail server's error."""

    verbose_name = _("delivery attempt")
    verbose_name_plural = _("delivery attempts")
    readonly_fields = fields = ["attempted", "status", "exception_type", "message"]

    @admin.display(description=_("time"))
    def attempted(self, log):
        return local_time(log.date)


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Every e-mail of the site, newest first; filter by status to see the failed ones."""

    list_display = ["subject", "recipients", "status", "retries", "created_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created"
    ordering = ["-created"]
    actions = ["queue_again"]
    inlines = [LogInline]
    # Django's own form: django-post-office's links to its GET "resend" address, not used here.
    change_form_template = "admin/change_form.html"
    fields = [
        "subject",
        "recipients",
        "from_email",
        "status",
        "retries",
        "created_at",
        "updated_at",
        "next_attempt",
        "text",
    ]
    readonly_fields = fields

    @admin.display(description=_("recipients"), ordering="to")
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("retries"), ordering="number_of_retries")
    def retries(self, email):
        return email.number_of_retries or 0

    @admin.display(description=_("created"), ordering="created")
    def created_at(self, email):
        return local_time(email.created)

    @admin.display(description=_("last change"), ordering="last_updated")
    def updated_at(self, email):
        return local_time(email.last_updated)

    @admin.display(description=_("next attempt"))
    def next_attempt(self, email):
        return local_time(email.scheduled_time) if email.status == STATUS.requeued else "–"

    @admin.display(description=_("text"))
    def text(self, email):
        return linebreaksbr(email.message)  # escaped; wraps on a phone, unlike <pre>

    @admin.display(description=_("text"))
    def text_withheld(self, email):
        return _("Not shown: this e-mail carries a personal password link.")

    def get_fields(self, request, obj=None):
        if obj is not None and is_confidential(obj) and not request.user.is_superuser:
            return [*self.fields[:-1], "text_withheld"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing on the page can be changed: no save buttons.
        extra_context = {**(extra_context or {}), "show_save": False}
        extra_context["show_save_and_continue"] = False
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Send the selected e-mails again"), permissions=["change"])
    def queue_again(self, request, queryset):
        count = queryset.filter(status__in=UNSENT_STATUSES).update(
            status=STATUS.queued, scheduled_time=None, number_of_retries=0
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued again; it is sent within a few minutes.",
                "%(count)d e-mails queued again; they are sent within a few minutes.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def has_add_permission(self, request):
        return False  # they come from the site itself
