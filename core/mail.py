"""E-mail from the site: rendered in Danish, queued, and sent outside the request.

Every message goes into django-post-office's queue (``post_office.Email``); the worker
``manage.py send_queued_mail`` (run from cron every minute, see README) sends it through
``EMAIL_BACKEND``. A message the mail server does not take is tried again
(``POST_OFFICE["MAX_RETRIES"]`` times, ``RETRY_INTERVAL`` apart) and then marked *failed*:
the secretariat sees those in the admin (and counted on the admin index) and queues them
again. No request ever waits for a mail server.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import translation
from post_office.models import PRIORITY, STATUS, Email
from post_office.signals import email_queued

from .text import one_line

logger = logging.getLogger(__name__)

# Statuses of e-mails the mail server has not taken (yet): given up, or waiting for a retry.
UNSENT_STATUSES = (STATUS.failed, STATUS.requeued)

# RFC 2156's ``Sensitivity`` header (also read by common mail programs): set on e-mails that
# carry a password link. The admin shows their text only to superusers, so nobody can read
# another person's reset link from the queue.
CONFIDENTIAL_HEADER = ("Sensitivity", "Private")

SUBJECT_MAX_LENGTH = 989  # post_office.Email.subject; RFC 5322 caps a header line at 998


def header_safe(text) -> str:
    """``text`` as one header line (:func:`core.text.one_line`): Django refuses a subject
    with a line break (``BadHeaderError``), which made such a message unsendable for good."""
    return one_line(text)


def send_templated_mail(subject, template, context, recipients, *, confidential=False) -> bool:
    """Render ``template`` in Danish and queue it for ``recipients`` (a list of addresses;
    empty ones are skipped). The one way the apps send e-mail.

    ``subject`` is folded to one line (:func:`header_safe`), so user input in it (a name, an
    event title) can never make the message unsendable. ``confidential`` marks a message
    carrying a password link (its text is then shown in the admin to superusers only).
    The text is stored as rendered: nothing in it is read as a template again.

    Returns whether the message was queued; a failure (the database is down, an address
    post_office refuses) is logged,
    never raised, since callers have already saved what the e-mail reports.
    """
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    subject = header_safe(subject)[:SUBJECT_MAX_LENGTH]
    try:
        # The model, not post_office.mail.send(): that one renders subject and text as Django
        # templates, which would read "{{" or "{%" in an event title as template code.
        email = Email.objects.create(
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
            subject=subject,
            message=body,
            headers=dict([CONFIDENTIAL_HEADER]) if confidential else None,
            priority=PRIORITY.medium,
            status=STATUS.queued,
        )
    except (DatabaseError, ValidationError):  # the database is down; an unusable address
        logger.exception("Could not queue the e-mail %r to %s", subject, recipients)
        return False
    email_queued.send(sender=Email, emails=[email])
    return True


def is_confidential(email) -> bool:
    """Whether a queued ``post_office.Email`` carries a password link (see
    :data:`CONFIDENTIAL_HEADER`)."""
    name, value = CONFIDENTIAL_HEADER
    return (email.headers or {}).get(name) == value


def unsent():
    """The e-mails the mail server has not taken: failed for good, or waiting for a retry."""
    return Email.objects.filter(status__in=UNSENT_STATUSES)
