"""The unsent e-mails in the admin: read them, send them again, or delete them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .mail import resend
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The e-mails the mail server did not take: read them, send them again, or delete them."""

    list_display = ["subject", "recipient_lines", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "sent_at",
        "last_error",
        "body",
    ]
    readonly_fields = fields

    @admin.display(description=_("recipients"))
    def recipient_lines(self, message):
        return ", ".join(message.recipient_list)

    @admin.action(description=_("Send the selected e-mails again"), permissions=["change"])
    def send_again(self, request, queryset):
        unsent = list(queryset.filter(status=OutgoingEmail.Status.FAILED))
        sent = sum(resend(message) for message in unsent)
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d e-mail sent.", "%(count)d e-mails sent.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        if sent < len(unsent):
            failed = len(unsent) - sent
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail could still not be sent; the mail server did not take it.",
                    "%(count)d e-mails could still not be sent; the mail server did not take them.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )

    def has_add_permission(self, request):
        return False  # they come from the site itself
