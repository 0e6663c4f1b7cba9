"""E-mail from the site: rendered in Danish, and never lost when the mail server is down.

A message the mail server does not take is kept as an :class:`OutgoingEmail`: the secretariat
sees it in the admin (and on the admin index) and can send it again, and
``manage.py retry_mail`` (run from cron) retries it until it goes through.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

# After this many attempts ``retry_mail`` stops retrying; the admin can still send it again.
MAX_ATTEMPTS = 10


def send_templated_mail(subject, template, context, recipients) -> bool:
    """Render ``template`` in Danish and send it; a failure is logged and kept, never raised.

    Callers have already saved what the e-mail reports, so a mail server that is down never
    costs a submission. Returns whether it was sent.
    """
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    subject = str(subject)
    try:
        send_mail(subject, body, None, recipients)
    except Exception as error:  # any transport error: logged with its traceback, and kept
        logger.exception("Could not send the e-mail %r to %s", subject, recipients)
        keep_unsent(subject, body, recipients, error)
        return False
    return True


def keep_unsent(subject, body, recipients, error):
    from .models import OutgoingEmail

    try:
        OutgoingEmail.objects.create(
            subject=subject[:500],
            body=body,
            recipients="\n".join(recipients),
            last_error=describe(error),
        )
    except Exception:  # the database is down too: the log above is all there is
        logger.exception("Could not keep the unsent e-mail %r", subject)


def resend(message) -> bool:
    """Try an unsent e-mail again; record the outcome on it. Returns whether it was sent."""
    try:
        send_mail(message.subject, message.body, None, message.recipient_list)
    except Exception as error:
        logger.warning("Could not send the e-mail %r again: %s", message.subject, error)
        message.attempts += 1
        message.last_error = describe(error)
        message.save(update_fields=["attempts", "last_error", "last_attempt_at"])
        return False
    message.status = message.Status.SENT
    message.sent_at = timezone.now()
    message.attempts += 1
    message.save(update_fields=["status", "sent_at", "attempts", "last_attempt_at"])
    return True


def describe(error) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
