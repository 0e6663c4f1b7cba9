"""E-mail from the site: rendered in Danish, and never lost work when the mail server is down."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_templated_mail(subject, template, context, recipients) -> bool:
    """Render ``template`` in Danish and send it; a failure is logged, never raised.

    Callers have already saved what the e-mail reports, so a mail server that is down costs
    only the message. Returns whether it was sent.
    """
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
        try:
            send_mail(str(subject), body, None, recipients)
        except Exception:  # any transport error: logged with its traceback
            logger.exception("Could not send the e-mail %r to %s", str(subject), recipients)
            return False
    return True
