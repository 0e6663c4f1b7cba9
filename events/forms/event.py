"""The event form of the staff pages: every field of the model, venues scoped to the user."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kulturmetropolen.forms import formfield
from municipalities.models import Venue

from ..images import process_image
from ..models import Event


class EventForm(forms.ModelForm):
    # A plain file field: events.images checks the content itself, with clearer messages
    # than Django's ImageField and a guard against decompression bombs.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

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

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return process_image(image)
        return image
