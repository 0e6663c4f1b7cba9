"""Venue staff accounts: invitations by e-mail and the public "request access" form.

An invited person is an ordinary user (never ``is_staff``) with an unusable password, added
to the venue's staff; the e-mail carries a one-time link to Django's password reset
confirmation page, where they choose their password.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from kulturmetropolen.mail import send_templated_mail
from municipalities.models import AccessRequest, Municipality, Venue

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = 60 * 60  # seconds


def client_ip(request):
    """The client's address; behind our proxy, the one it appended to X-Forwarded-For."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def axes_username(request, credentials=None):
    """The user name django-axes records for a failed login (``AXES_USERNAME_CALLABLE``).

    Django's login forms pass any length on to ``authenticate``; axes stores the name in a
    255-character column, so a longer one made the failed login a 500. No account has a name
    longer than the user model allows, so the rest is dropped.
    """
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get("username") if source else None
    if username is None:
        return None
    return str(username)[: get_user_model()._meta.get_field("username").max_length]


# --- E-mail -------------------------------------------------------------------------------


def set_password_url(user):
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
    return send_templated_mail(subject, "emails/invite.txt", context, [user.email])


def invite_staff_member(venue, name, email):
    """Create (or reuse, by e-mail address) the person's account, add it to the venue's
    staff and e-mail the invitation once the transaction commits. Returns the user."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
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


class InviteForm(forms.Form):
    """The admin's "invite a staff member" form."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))


# --- Access requests ----------------------------------------------------------------------


class AccessRequestForm(forms.ModelForm):
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.active().select_related("municipality"),
        required=False,
        label=_("Your venue"),
        empty_label=_("My venue is not on the list"),
        help_text=_("Choose your venue, or describe a new one below."),
    )
    new_venue_municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.all(),
        required=False,
        label=_("New venue: municipality"),
        empty_label=_("Choose a municipality"),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by spam robots.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = AccessRequest
        fields = [
            "name",
            "email",
            "venue",
            "new_venue_name",
            "new_venue_address",
            "new_venue_municipality",
            "message",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail"),
            "new_venue_name": _("New venue: name"),
            "new_venue_address": _("New venue: address"),
            "message": _("Message to the secretariat"),
        }
        help_texts = {
            "new_venue_address": _("Street address, postal code and town."),
            "message": _("Optional: your role at the venue, or anything else we should know."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].label_from_instance = lambda v: f"{v.name} ({v.city})"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_spam(self):
        return bool(self.data.get("homepage", "").strip())

    def clean(self):
        cleaned = super().clean()
        venue = cleaned.get("venue")
        new_name = (cleaned.get("new_venue_name") or "").strip()
        if venue and new_name:
            raise forms.ValidationError(
                _("Choose your venue from the list or name a new one, not both.")
            )
        if not venue and not new_name and "venue" not in self.errors:
            self.add_error(
                "venue", _("Choose your venue from the list, or give the new venue's name.")
            )
        if new_name:
            if not (cleaned.get("new_venue_address") or "").strip():
                self.add_error("new_venue_address", _("Give the new venue's address."))
            if not cleaned.get("new_venue_municipality") and not self.has_error(
                "new_venue_municipality"
            ):
                self.add_error(
                    "new_venue_municipality", _("Choose the municipality of the new venue.")
                )
        return cleaned


def _over_rate_limit(request):
    key = f"access-request:{client_ip(request)}"
    return cache.get(key, 0) >= settings.ACCESS_REQUEST_RATE_LIMIT


def _count_request(request):
    key = f"access-request:{client_ip(request)}"
    if not cache.add(key, 1, RATE_LIMIT_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_LIMIT_WINDOW)


class AccessRequestView(FormView):
    """The public form. Over the per-address limit: 429 and nothing saved; a filled-in
    honeypot: the thanks page and nothing saved."""

    template_name = "registration/access_request_form.html"
    form_class = AccessRequestForm

    def post(self, request, *args, **kwargs):
        if _over_rate_limit(request):
            return render(request, "registration/access_request_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        _count_request(self.request)
        if form.is_spam:
            logger.info("Access request honeypot filled in; nothing saved.")
            return redirect("accounts:access_request_done")
        access_request = form.save()
        transaction.on_commit(lambda: notify_secretariat(access_request.pk))
        return redirect("accounts:access_request_done")

    def form_invalid(self, form):
        if form.is_spam:
            _count_request(self.request)
            return redirect("accounts:access_request_done")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccessRequestDoneView(TemplateView):
    template_name = "registration/access_request_done.html"


def notify_secretariat(access_request_pk):
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
            "admin:municipalities_accessrequest_change", args=[access_request.pk]
        )
    send_templated_mail(
        subject,
        "emails/access_request_new.txt",
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
    access_request = AccessRequest.objects.filter(pk=access_request_pk).first()
    if access_request is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your request for access to Kulturmetropolen's event site")
    send_templated_mail(
        subject,
        "emails/access_request_declined.txt",
        {"access_request": access_request},
        [access_request.email],
    )
