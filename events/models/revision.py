"""Pending changes to a published event, kept until the secretariat reviews them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .event import Event


class EventRevision(models.Model):
    """Changes to a published event that wait for the secretariat.

    The public keeps seeing the event as published until the revision is approved; ``data``
    holds the proposed values (see ``events.moderation``): plain fields, many-to-many ids and
    the dates.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("event")
    )
    data = models.JSONField(_("proposed changes"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(status="pending"),
                name="eventrevision_one_pending_per_event",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected"]),
                name="eventrevision_status_valid",
            ),
        ]

    def __str__(self):
        return str(self.event)
