"""The event form of the staff pages: every field of the model, venues scoped to the user."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kulturmetropolen.forms import formfield
from municipalities.models import Venue

from ..models import Event


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        formfield_callback = formfield
        fields = [
            "title",
            "teaser",
            "description",
            "focus_areas",
            "venue",
            "organizer",
            "audiences",
            "accessibility_features",
            "image",
            "image_alt",
            "is_free",
            "price_text",
            "price_min",
            "price_max",
            "ticket_url",
            "info_url",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "focus_areas": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "accessibility_features": forms.CheckboxSelectMultiple,
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        error_messages = {
            "focus_areas": {"required": _("Choose at least one focus area.")},
            "title": {"required": _("Give the event a title.")},
            "venue": {"required": _("Choose the venue.")},
        }

    #: Fields the templates group in fieldsets (the rest are plain fields).
    CHOICE_GROUPS = ("focus_areas", "audiences", "accessibility_features")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        venues = Venue.objects.managed_by(user).select_related("municipality")
        self.fields["venue"].queryset = venues
        self.fields["venue"].empty_label = None if len(venues) == 1 else "—"
        self.fields["price_min"].widget.attrs.update(inputmode="decimal", min="0")
        self.fields["price_max"].widget.attrs.update(inputmode="decimal", min="0")

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("image")
        if image and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned
