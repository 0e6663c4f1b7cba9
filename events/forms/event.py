"""The event form of the staff pages: every field of the model, venues scoped to the user."""

import uuid

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.forms import formfield
from municipalities.models import Venue

from .. import renditions
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
    # A browser empties the file field when a form comes back with an error; an image that
    # was fine is kept in storage instead, and this signed token brings it to the next post.
    image_kept = forms.CharField(required=False, widget=forms.HiddenInput)
    # A new event's one-time token: posted twice (a double click, a resent form), the second
    # post finds the event the first one made (``Event.submission_token``).
    submission_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

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
            "performer",
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
        self.user = user
        venues = Venue.objects.managed_by(user).select_related("municipality")
        self.fields["venue"].queryset = venues
        self.fields["venue"].empty_label = None if len(venues) == 1 else "—"
        self.fields["price_min"].widget.attrs.update(inputmode="decimal", min="0")
        self.fields["price_max"].widget.attrs.update(inputmode="decimal", min="0")
        if self.instance.pk is None:
            self.fields["submission_token"].initial = uuid.uuid4()
        else:
            del self.fields["submission_token"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return process_image(image)
        if image is not False and self.kept_image_name:
            return self.kept_image_name
        return image

    # --- an image kept between attempts

    KEPT_SALT = "events.kept-image"
    KEPT_MAX_AGE = 2 * 24 * 3600

    @property
    def kept_image_name(self) -> str | None:
        """The stored name of an image this person uploaded in an earlier attempt."""
        token = self.data.get(self.add_prefix("image_kept")) if self.is_bound else None
        if not token:
            return None
        try:
            kept = signing.loads(token, salt=self.KEPT_SALT, max_age=self.KEPT_MAX_AGE)
        except signing.BadSignature:
            return None
        if not isinstance(kept, dict) or kept.get("user") != self.user.pk:
            return None
        return kept.get("name") or None

    def keep_image(self):
        """After a failed attempt: store a newly uploaded image that passed its checks, and
        carry it to the next post, so the person need not choose it again."""
        if not self.is_bound or "image" in self.errors:
            return
        image = self.cleaned_data.get("image") if hasattr(self, "cleaned_data") else None
        if not isinstance(image, ContentFile):
            return
        field = Event._meta.get_field("image")
        name = renditions.store(
            field.storage, field.generate_filename(self.instance, image.name), image
        )
        token = signing.dumps({"name": name, "user": self.user.pk}, salt=self.KEPT_SALT)
        self.data = self.data.copy()
        self.data[self.add_prefix("image_kept")] = token
        self.cleaned_data["image"] = name

    @property
    def shown_kept_image(self) -> str | None:
        """The kept image's name for the template (none once the person chose another)."""
        image = getattr(self, "cleaned_data", {}).get("image")
        return image if isinstance(image, str) and image else None

    @property
    def shown_kept_image_url(self) -> str | None:
        name = self.shown_kept_image
        return Event._meta.get_field("image").storage.url(name) if name else None
