"""The event source form: the category mapping checked against our vocabularies, and on a
new source the choice to follow the venue's «trusted» setting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import formfield
from events.models import Audience, FocusArea

from ..models import EventSource

FOLLOW_VENUE = "venue"
PUBLISHING = [
    (FOLLOW_VENUE, _("As the venue: at once if the venue is trusted, else after review")),
    ("trusted", _("Publish at once")),
    ("reviewed", _("Review every new event first")),
]


class EventSourceForm(forms.ModelForm):
    """The admin's source form (``publishing`` on a new source, ``trusted`` after)."""

    publishing = forms.ChoiceField(
        label=_("publishing"), choices=PUBLISHING, initial=FOLLOW_VENUE, required=False
    )

    class Meta:
        model = EventSource
        formfield_callback = formfield
        fields = [
            "venue",
            "name",
            "kind",
            "url",
            "trusted",
            "focus_areas",
            "audiences",
            "category_map",
            "is_active",
            "fetch_interval_hours",
        ]
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "category_map": forms.Textarea(attrs={"rows": 5, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields.pop("trusted", None)
        else:
            self.fields.pop("publishing", None)
        self.fields["focus_areas"].required = False
        self.fields["focus_areas"].help_text = _(
            "Given to every event whose categories map to no focus area. None chosen: the "
            "focus area most of the venue's events have."
        )

    def clean_category_map(self):
        mapping = self.cleaned_data.get("category_map") or {}
        if not isinstance(mapping, dict):
            raise forms.ValidationError(_('Write the mapping as {"word": ["slug", …]}.'))
        known = set(FocusArea.objects.values_list("slug", flat=True))
        known |= set(Audience.objects.values_list("slug", flat=True))
        unknown = set()
        for word, slugs in mapping.items():
            slugs = [slugs] if isinstance(slugs, str) else slugs
            if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
                raise forms.ValidationError(_("«%(word)s»: give a list of slugs.") % {"word": word})
            unknown |= set(slugs) - known
        if unknown:
            raise forms.ValidationError(
                _("Unknown focus areas or audiences: %(slugs)s. Known: %(known)s.")
                % {"slugs": ", ".join(sorted(unknown)), "known": ", ".join(sorted(known))}
            )
        return mapping

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_active") and not cleaned.get("url"):
            self.add_error("url", _("An active source needs an address to fetch."))
        return cleaned

    def save(self, commit=True):
        source = super().save(commit=False)
        choice = self.cleaned_data.get("publishing")
        if "publishing" in self.fields:
            source.trusted = (
                source.venue.is_trusted
                if choice in (FOLLOW_VENUE, "", None)
                else choice == "trusted"
            )
        source.document_sha256 = ""  # read the next document again, with these settings
        if commit:
            source.save()
            self._save_m2m()
        return source
