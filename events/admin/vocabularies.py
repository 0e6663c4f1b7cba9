"""The vocabularies' admin, and the venue's accessibility features on the venue's form."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.forms import HttpsURLAdminMixin, ModelMultipleChoiceField
from municipalities.admin import VenueAdmin

from ..models import AccessibilityFeature, Audience, FocusArea


class ClassificationAdmin(HttpsURLAdminMixin, admin.ModelAdmin):
    """Focus areas, audiences and accessibility features: name, slug and list position."""

    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(FocusArea, ClassificationAdmin)
admin.site.register(Audience, ClassificationAdmin)
admin.site.register(AccessibilityFeature, ClassificationAdmin)


class VenueAccessibilityForm(forms.Form):
    """The venue's accessibility features on the venue's admin form (``VenueAdmin.add_part``).

    The relation is declared on the feature, so the venue's ModelForm has no field for it:
    this part shows the features as checkboxes, starts from the venue's own and saves them
    with the venue's other many-to-many relations. Only works mixed into that ModelForm.
    """

    accessibility_features = ModelMultipleChoiceField(
        queryset=AccessibilityFeature.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("accessibility features"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["accessibility_features"] = list(
                self.instance.accessibility_features.values_list("pk", flat=True)
            )

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.accessibility_features.set(self.cleaned_data["accessibility_features"])


VenueAdmin.add_part(_("Accessibility"), VenueAccessibilityForm)
