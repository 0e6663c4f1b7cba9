"""Deciding access requests: the secretariat is told of a new one, approving invites the
person to the chosen venue, declining may tell them by e-mail."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.mail import send_templated_mail

from .invitations import invite_staff_member
from .models import AccessRequest


def notify_secretariat(access_request_pk):
    """E-mail the secretariat (``SECRETARIAT_EMAIL``) about a new request, with a link to it
    in the admin. Nothing happens if the request no longer exists."""
    access_request = (
        AccessRequest.objects.select_related("venue", "new_venue_municipality")
        .filter(pk=access_request_pk)
        .first()
    )
    if access_request is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Request for access: %(name)s") % {"name": access_request.name}
        admin_url = settings.SITE_URL + reverse(
            "admin:accounts_accessrequest_change", args=[access_request.pk]
        )
    send_templated_mail(
        subject,
        "accounts/emails/access_request_new.txt",
        {"access_request": access_request, "admin_url": admin_url},
        [settings.SECRETARIAT_EMAIL],
    )


def approve(access_request, reviewer):
    """Invite the person to the request's venue. False when no venue is chosen yet."""
    if access_request.status != AccessRequest.Status.PENDING or access_request.venue is None:
        return False
    user = invite_staff_member(access_request.venue, access_request.name, access_request.email)
    access_request.status = AccessRequest.Status.APPROVED
    access_request.user = user
    access_request.decided_by = reviewer
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "user", "decided_by", "decided_at"])
    return True


def decline(access_request, reviewer, notify=False):
    """Decline a pending request, stamped with ``reviewer``; with ``notify``, e-mail the person
    after the commit. False when the request was not pending."""
    if access_request.status != AccessRequest.Status.PENDING:
        return False
    access_request.status = AccessRequest.Status.DECLINED
    access_request.decided_by = reviewer
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "decided_by", "decided_at"])
    if notify:
        pk = access_request.pk
        transaction.on_commit(lambda: send_declined(pk))
    return True


def send_declined(access_request_pk):
    """E-mail the person that their request was declined (nothing if it no longer exists)."""
    access_request = AccessRequest.objects.filter(pk=access_request_pk).first()
    if access_request is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your request for access to Kulturmetropolen's event site")
    send_templated_mail(
        subject,
        "accounts/emails/access_request_declined.txt",
        {"access_request": access_request},
        [access_request.email],
    )
