"""The e-mail outbox: messages the mail server did not take (see ``core.mail``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail the mail server did not take. Kept so that nothing is lost: the secretariat
    sees it in the admin and sends it again, and ``manage.py retry_mail`` retries it."""

    class Status(models.TextChoices):
        FAILED = "failed", _("Not sent")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    recipients = models.TextField(_("recipients"), help_text=_("One address per line."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FAILED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unsent e-mail")
        verbose_name_plural = _("unsent e-mails")

    def __str__(self):
        return self.subject

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
