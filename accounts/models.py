"""Access requests: someone at a venue asks for an account to submit its events."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRequest(models.Model):
    """Someone at a venue asks for an account to submit its events (the public form at
    /konto/adgang/); the secretariat approves (which invites them) or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    venue = models.ForeignKey(
        "municipalities.Venue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("venue"),
        help_text=_(
            "The venue the person gets access to. For a new venue, create it first and "
            "choose it here before approving."
        ),
    )
    new_venue_name = models.CharField(_("new venue: name"), max_length=200, blank=True)
    new_venue_address = models.CharField(_("new venue: address"), max_length=300, blank=True)
    new_venue_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new venue: municipality"),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="accessrequest_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def venue_display(self):
        """The chosen venue, or the new venue as the person described it."""
        if self.venue_id:
            return str(self.venue)
        return _("New: %(name)s") % {"name": self.new_venue_name}
