"""The venue staff's calendar form: the address of their venue's calendar and the focus areas
and audiences its events get by default.

What venue staff never choose: ``trusted`` (it follows the venue's «trusted» setting), the
category mapping and the fetch interval (the secretariat's, in the admin).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.forms import ModelMultipleChoiceField
from events.models import Audience, FocusArea
from municipalities.models import Venue

from .models import EventSource

#: The kinds a person may choose; "" lets the fetched content decide (``views.trying``).
KIND_CHOICES = [
    ("", _("Find out from the address")),
    (EventSource.Kind.ICS, _("Calendar address (ICS, Google, Outlook, iCloud)")),
    (EventSource.Kind.JSONLD, _("Web page with events (schema.org)")),
]


def https_address(value: str) -> str:
    """``value`` stripped, with ``webcal://`` (what Apple and Outlook hand out for a calendar
    subscription) turned into ``https://`` and a missing scheme taken as https. Raises
    ``ValidationError`` unless the result is an http(s) address (RFC 3986, Django's
    ``URLValidator``); whether its host is public is the fetcher's question."""
    address = value.strip()
    lower = address.lower()
    if lower.startswith("webcal://") or lower.startswith("webcals://"):
        address = "https://" + address.split("://", 1)[1]
    elif "://" not in address and not lower.startswith(("file:", "data:", "javascript:")):
        address = "https://" + address
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise ValidationError(
            _("Write a web address that begins with https://, http:// or webcal://."),
            code="invalid",
        ) from None
    return address


def usual_focus_area(venue) -> list:
    """The focus area most of ``venue``'s events have, as a list of one, or ``[]`` when it
    has none: a venue without events is not guessed (a library's knitting café must not be
    prefilled as music), so the person chooses."""
    usual = (
        FocusArea.objects.filter(events__venue=venue)
        .annotate(n=Count("events"))
        .order_by("-n", "position", "pk")
        .first()
    )
    return [usual] if usual else []


def danish_genitive(name: str) -> str:
    """«Fjordscenen» → «Fjordscenens»; a name ending in s, x or z takes an apostrophe:
    «Køge Kulturhus» → «Køge Kulturhus'» (Dansk Sprognævn, Retskrivningsregler § 54)."""
    return name + ("'" if name[-1:].lower() in "sxz" else "s")


class SourceForm(forms.ModelForm):
    """Add (``instance`` None) or edit one of ``user``'s venues' sources.

    Adding: the venue is chosen among the user's venues (a forged id is a form error), the
    kind may be left to the fetched content. Editing: the venue stays (following or not is
    ``views.sources.FollowView``'s). A venue's address may be followed once."""

    url = forms.CharField(
        label=_("The calendar's address"),
        max_length=1000,
        help_text=_(
            "Paste the calendar's public or secret address (Google: «Secret address in iCal "
            "format»; Outlook: «Publish calendar», the ICS link; iCloud: «Public calendar»), "
            "or the address of the web page that lists your events."
        ),
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    kind = forms.ChoiceField(label=_("What kind of address"), choices=KIND_CHOICES, required=False)

    class Meta:
        model = EventSource
        fields = ["venue", "url", "kind", "name", "focus_areas", "audiences"]
        field_classes = {
            "focus_areas": ModelMultipleChoiceField,
            "audiences": ModelMultipleChoiceField,
        }
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
        }
        labels = {
            "name": _("Name"),
            "focus_areas": _("Focus areas"),
            "audiences": _("Audiences"),
        }
        help_texts = {
            "name": _(
                "Shown on the events: «From …». Left empty, it is the venue's name, e.g. "
                "«Fjordscenens kalender»."
            ),
            "focus_areas": _("Given to every event from the calendar. Choose at least one."),
            "audiences": _("Given to every event from the calendar. May be left empty."),
        }
        error_messages = {
            "venue": {
                "required": _("Choose the venue."),
                "invalid_choice": _("Choose one of your own venues."),
            },
            "focus_areas": {
                "required": _(
                    "Choose at least one focus area: every event from the calendar gets it, "
                    "and citizens find the events under it."
                )
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["focus_areas"].queryset = FocusArea.objects.order_by("position", "pk")
        self.fields["audiences"].queryset = Audience.objects.order_by("position", "pk")
        if self.instance.pk:
            del self.fields["venue"]
            self.fields["kind"].choices = KIND_CHOICES[1:]
            self.fields["kind"].required = True
        else:
            if not self.is_bound:
                self.initial["kind"] = ""  # the fetched content decides
            venues = Venue.objects.managed_by(user).order_by("name")
            self.fields["venue"].queryset = venues
            self.fields["venue"].label = _("Venue")
            choices = list(venues)
            self.fields["venue"].empty_label = None if len(choices) == 1 else "—"
            if not self.is_bound and len(choices) == 1 and not self.initial.get("focus_areas"):
                self.initial["focus_areas"] = [a.pk for a in usual_focus_area(choices[0])]

    def clean_url(self):
        return https_address(self.cleaned_data["url"])

    def clean(self):
        cleaned = super().clean()
        venue = self.instance.venue if self.instance.pk else cleaned.get("venue")
        url = cleaned.get("url")
        if venue and url:
            taken = EventSource.objects.filter(venue=venue, url=url).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "url",
                    _("%(venue)s already follows this address.") % {"venue": venue.name},
                )
        if venue and not cleaned.get("name"):
            # Stored content, shown on the events as «Fra …»: Danish, as the venue's name.
            cleaned["name"] = f"{danish_genitive(venue.name)} kalender"
        return cleaned

    def save(self, commit=True):
        source = super().save(commit=False)
        if not source.pk:
            # Venue staff never choose: a new source is trusted as its venue is.
            source.trusted = source.venue.is_trusted
        if commit:
            source.save()
            self.save_m2m()
        return source
