"""The dates of an event: an inline formset on the event form, and the status of one date."""

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Event, Occurrence

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class OccurrenceForm(forms.ModelForm):
    class Meta:
        model = Occurrence
        fields = ["start", "end"]
        widgets = {"start": DateTimeLocalInput, "end": DateTimeLocalInput}
        labels = {"start": _("Starts"), "end": _("Ends (optional)")}
        error_messages = {
            "start": {
                "required": _("Give the date and time it starts."),
                "invalid": _("Write the start as a date and time, e.g. 2026-05-01 19:30."),
            },
            "end": {
                "invalid": _("Write the end as a date and time, e.g. 2026-05-01 21:30."),
            },
        }

    def _unchanged(self, name, value):
        """The form shows minutes: a value equal to the stored one to the minute is kept
        exactly as stored (seconds and all), so an untouched date stays untouched."""
        stored = getattr(self.instance, name) if self.instance.pk else None
        if stored and value and stored.replace(second=0, microsecond=0) == value:
            return stored
        return None

    def clean_start(self):
        start = self.cleaned_data["start"]
        if stored := self._unchanged("start", start):
            return stored  # a date already on the event may lie in the past
        if start < timezone.now():
            raise forms.ValidationError(_("The date is in the past."), code="past")
        return start

    def clean_end(self):
        end = self.cleaned_data.get("end")
        return self._unchanged("end", end) or end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned


class BaseOccurrenceFormSet(BaseInlineFormSet):
    #: Set by the view when the event is submitted: it needs at least one date then.
    require_dates = False

    def clean(self):
        super().clean()
        if any(self.errors) or not self.require_dates:
            return
        kept = [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and not self._should_delete_form(form)
        ]
        if not kept:
            raise forms.ValidationError(
                _("Add at least one date before you submit the event."), code="no_dates"
            )

    def proposed_dates(self):
        """The dates as they would be after saving: (occurrence or None, start, end)."""
        dates = []
        for form in self.forms:
            if self._should_delete_form(form) or not (form.has_changed() or form.instance.pk):
                continue
            pk = form.instance.pk
            dates.append((pk, form.cleaned_data["start"], form.cleaned_data.get("end")))
        return sorted(dates, key=lambda d: d[1])


OccurrenceFormSet = inlineformset_factory(
    Event,
    Occurrence,
    form=OccurrenceForm,
    formset=BaseOccurrenceFormSet,
    extra=2,
    can_delete=True,
    max_num=500,
    absolute_max=500,
    validate_max=True,
)


class OccurrenceStatusForm(forms.ModelForm):
    """Cancel, postpone or mark sold out one date: applies to the public at once."""

    class Meta:
        model = Occurrence
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}
        labels = {"status": _("What is the status of this date?")}
