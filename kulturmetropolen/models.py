"""Site-wide content: the editable text pages."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """An editable text page: about, accessibility statement, privacy."""

    class Kind(models.TextChoices):
        ABOUT = "om", _("About")
        ACCESSIBILITY = "tilgaengelighed", _("Accessibility statement")
        PRIVACY = "privatliv", _("Privacy")

    slug = models.CharField(_("page"), max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), max_length=50_000, help_text=_("Plain text. Empty line between paragraphs.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=50_000, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"page_{self.slug}")


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
