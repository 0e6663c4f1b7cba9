"""Invitations: venue staff accounts made by the secretariat.

An invited person is an ordinary user (never ``is_staff``) with an unusable password, added
to the venue's staff; the e-mail carries a one-time link to Django's password reset
confirmation page, where they choose their password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from core.mail import send_templated_mail


def set_password_url(user) -> str:
    """An absolute link to the Danish "choose your password" page for ``user``, valid for
    ``PASSWORD_RESET_TIMEOUT`` seconds and until the password changes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL + path


def send_invite(user, venue):
    """E-mail ``user`` that they may now submit events for ``venue``: a link to choose a
    password, or, if they already have one, a link to log in."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your access to Kulturmetropolen's event site: %(venue)s") % {
            "venue": venue.name
        }
        context = {
            "user": user,
            "venue": venue,
            "has_password": user.has_usable_password(),
            "set_password_url": set_password_url(user),
            "login_url": settings.SITE_URL + reverse("login"),
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
    return send_templated_mail(
        subject, "accounts/emails/invite.txt", context, [user.email], confidential=True
    )


def account_for(email):
    """The account an invitation to ``email`` reuses: the oldest with that address (any
    case), or None."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def invite_staff_member(venue, name, email):
    """Create (or reuse, by e-mail address) the person's account, add it to ``venue``'s
    staff (a ``municipalities.Venue``) and e-mail the invitation once the transaction
    commits. Returns the user."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    user = account_for(email)
    if user is None:
        first, _sep, last = name.strip().partition(" ")
        user = User(
            username=_free_username(email),
            email=email,
            first_name=first[:150],
            last_name=last.strip()[:150],
            is_staff=False,
        )
        user.set_unusable_password()
        user.save()
    venue.staff.add(user)
    transaction.on_commit(lambda: send_invite(user, venue))
    return user


def _free_username(email):
    User = get_user_model()
    base = email.lower()[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
