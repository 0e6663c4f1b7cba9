"""Pending changes to a published event, kept until the secretariat reviews them, and the
history of every review step (``ModerationEntry``)."""

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
    # Raised by one each time the venue saves the change again (``propose_revision``): an
    # approval names the version the reviewer read.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
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


class ModerationEntry(models.Model):
    """One step in an event's review history: who did what, when, to which version, why.

    Written by ``events.moderation`` only, in the same transaction as the change it records.
    ``version`` is the event's (or, with ``revision``, the pending change's) version the step
    acted on; ``data`` keeps a submission's content as it was sent (the shape of
    ``EventRevision.data``), so that a reviewer can be shown what changed since they read it.
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Sent for review")
        PUBLISHED = "published", _("Published (trusted venue)")
        APPROVED = "approved", _("Approved and published")
        REJECTED = "rejected", _("Rejected")
        UNPUBLISHED = "unpublished", _("Unpublished (back to draft)")
        WITHDRAWN = "withdrawn", _("Saved as draft")
        CHANGE_PROPOSED = "change_proposed", _("Changes sent for review")
        CHANGE_APPROVED = "change_approved", _("Changes approved and published")
        CHANGE_REJECTED = "change_rejected", _("Changes rejected")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="history", verbose_name=_("event")
    )
    revision = models.ForeignKey(
        EventRevision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="history",
        verbose_name=_("pending change"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    version = models.PositiveIntegerField(_("version"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("content"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("review history entry")
        verbose_name_plural = _("review history")
        indexes = [models.Index(fields=["event", "-at"], name="moderationentry_event_idx")]

    def __str__(self):
        return f"{self.event} · {self.get_action_display()} · v{self.version}"
