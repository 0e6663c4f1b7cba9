"""Password reset without giving anything away: Django's form and view, with the e-mail
queued (never sent inside the request), limited per address and per client, and its link
built on ``SITE_URL`` rather than the request's Host header.

A known and an unknown address get the same answer (the "e-mail sent" page) after the same
work in the request but one queued row; OWASP's Forgot Password Cheat Sheet asks for both
("return a consistent message", "implement protections against excessive automated
submissions").
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.clients import client_ip
from core.mail import header_safe, send_templated_mail

from . import limits


def _address_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"password-reset-address:{digest}"


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset e-mail through ``core.mail`` (marked confidential); at most
    ``PASSWORD_RESET_MAILS_PER_ADDRESS`` per address per hour, further requests queue
    nothing. The link's scheme and host come from ``SITE_URL``."""

    subject_template = "registration/password_reset_subject.txt"
    email_template = "registration/password_reset_email.html"

    def save(self, *args, **kwargs):
        """Django's: for each active user with this address, a reset e-mail. For an address
        without one, the same rendering work is done and thrown away, so that what remains
        between the two is the queue's one database write (docs/operations.md has the
        measured times)."""
        self._queued_for = 0
        super().save(*args, **kwargs)
        if not self._queued_for:
            limits.count(_address_key(self.cleaned_data["email"]))
            self._rehearse(self.cleaned_data["email"], kwargs)

    def _rehearse(self, email, kwargs):
        """Render the reset e-mail for a stand-in user, and throw it away."""
        user = get_user_model()(email=email, username=email)
        user.set_unusable_password()
        context = {
            "email": email,
            "uid": urlsafe_base64_encode(force_bytes(0)),
            "user": user,
            "token": kwargs.get("token_generator", default_token_generator).make_token(user),
            "domain": "",
            "site_name": "",
            "protocol": "https",
        }
        subject_template = kwargs.get("subject_template_name", self.subject_template)
        body_template = kwargs.get("email_template_name", self.email_template)
        with translation.override(settings.LANGUAGE_CODE):
            header_safe(render_to_string(subject_template, context))
            render_to_string(body_template, {**context, "site_url": settings.SITE_URL})

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        self._queued_for += 1
        if limits.count(_address_key(to_email)) > settings.PASSWORD_RESET_MAILS_PER_ADDRESS:
            self._rehearse(to_email, {})  # the same work as for a mail, nothing queued
            return
        site = urlsplit(settings.SITE_URL)
        context = {**context, "protocol": site.scheme, "domain": site.netloc}
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(subject_template_name, context)
        send_templated_mail(subject, email_template_name, context, [to_email], confidential=True)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view with :class:`QueuedPasswordResetForm`; more than
    ``PASSWORD_RESET_RATE_LIMIT`` requests from one client address within an hour are
    answered 429 with a page that says so (and ``Retry-After``)."""

    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        key = f"password-reset-client:{client_ip(request)}"
        if limits.count(key) > settings.PASSWORD_RESET_RATE_LIMIT:
            response = render(request, "registration/password_reset_limited.html", status=429)
            response["Retry-After"] = str(limits.HOUR)
            return response
        return super().post(request, *args, **kwargs)
