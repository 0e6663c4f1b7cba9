"""The forms of the accounts app: the admin's invitation and the public access request."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import one_line

from .invitations import account_for
from .models import AccessRequest


class InviteForm(forms.Form):
    """The admin's "invite a staff member" form. An address that belongs to a staff or
    superuser account is refused: the invitation would add that account to the venue and
    e-mail it a link to choose a password, and the secretariat does not touch such accounts
    (docs/roles.md)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        account = account_for(email)
        if account is not None and (account.is_staff or account.is_superuser):
            raise forms.ValidationError(
                _(
                    "This address belongs to a secretariat or administrator account, which "
                    "cannot be invited as venue staff."
                )
            )
        return email


class AccessRequestForm(forms.ModelForm):
    """The public form: the person's name and e-mail, and either a venue from the list (the
    active venues) or a new venue's name, address and municipality."""

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
            "venue": _("Your venue"),
            "new_venue_municipality": _("New venue: municipality"),
            "email": _("Your e-mail"),
            "new_venue_name": _("New venue: name"),
            "new_venue_address": _("New venue: address"),
            "message": _("Message to the secretariat"),
        }
        help_texts = {
            "venue": _("Choose your venue, or describe a new one below."),
            "new_venue_address": _("Street address, postal code and town."),
            "message": _("Optional: your role at the venue, or anything else we should know."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The venues come through the model's relation, so this app imports no venue model.
        venue = self.fields["venue"]
        venue.queryset = venue.queryset.active().select_related("municipality")
        venue.empty_label = _("My venue is not on the list")
        self.fields["new_venue_municipality"].empty_label = _("Choose a municipality")
        self.fields["venue"].label_from_instance = lambda v: f"{v.name} ({v.city})"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_name(self):
        """One line: white space and control characters (a line break too) become single
        spaces, so the name cannot add lines of its own to the secretariat's e-mail."""
        return one_line(self.cleaned_data["name"])

    def clean_message(self):
        """Line breaks and tabs kept; other control characters (terminal escapes) dropped."""
        message = self.cleaned_data["message"]
        return "".join(c for c in message if c in "\n\t" or unicodedata.category(c) != "Cc")

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
