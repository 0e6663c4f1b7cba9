"""The dates of an event: an inline formset on the event form, and the status of one date.

A date has an end, is all-day (one or several whole days), or has an open end (ticked: the
end is not known). A wall-clock time that does not exist or occurs twice in Copenhagen (the
clock changes, docs/dates.md) is refused with a message that says which.
"""

from datetime import UTC, datetime, timedelta

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from ..models import Event, Occurrence
from ..models.occurrence import all_day_span

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def clock_change_problem(value: datetime, tz=None):
    """Why the naive wall-clock ``value`` cannot be one moment in ``tz`` (the current time
    zone when None): ``"missing"`` (skipped when the clocks go forward: 02.00–03.00 on the
    last Sunday of March in Copenhagen), ``"twice"`` (the hour before the clocks go back, on
    the last Sunday of October), or None. Python's fold attribute (PEP 495) tells them apart:
    the two readings of such a time give different UTC offsets."""
    tz = tz or timezone.get_current_timezone()
    first, second = value.replace(tzinfo=tz, fold=0), value.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    # A time that does not exist comes back as another wall-clock time after a round trip.
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != value:
        return "missing"
    return "twice"


CLOCK_CHANGE_MESSAGES = {
    "missing": _(
        "%(time)s does not exist: the clocks go forward from 02.00 to 03.00 that night. "
        "Choose another time."
    ),
    "twice": _(
        "%(time)s occurs twice: the clocks go back from 03.00 to 02.00 that night. "
        "Choose a time before 02.00 or from 03.00."
    ),
}


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in Copenhagen time; one that does not exist or occurs twice at a
    clock change is refused with :data:`CLOCK_CHANGE_MESSAGES` (a form error, never a 500)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            naive = error.params["datetime"]  # parsed, but not one moment here
        problem = clock_change_problem(naive) or "missing"
        when = date_format(naive, "j. F Y H.i")
        raise forms.ValidationError(
            CLOCK_CHANGE_MESSAGES[problem] % {"time": when}, code=f"clock_{problem}"
        )


class OccurrenceForm(forms.ModelForm):
    """One date: start and end, or all-day, or an open end (``open_end``, not stored: a date
    without an end is an open end). For an all-day date only the dates count: the end's date
    is the last day (one day when empty), stored as :func:`all_day_span`."""

    open_end = forms.BooleanField(
        label=_("The end time is not known"),
        required=False,
        help_text=_("Shown as «end time not given»; calendars show it as two hours."),
    )

    class Meta:
        model = Occurrence
        fields = ["all_day", "start", "end"]  # all_day first: clean_end reads it
        field_classes = {"start": LocalDateTimeField, "end": LocalDateTimeField}
        widgets = {"start": DateTimeLocalInput, "end": DateTimeLocalInput}
        labels = {"start": _("Starts"), "end": _("Ends"), "all_day": _("All day")}
        help_texts = {
            "end": _("An evening that ends after midnight ends on the next day."),
            "all_day": _(
                "Whole days: only the dates count. The end's date is the last day; leave it "
                "empty for one day."
            ),
        }
        error_messages = {
            "start": {
                "required": _("Give the date and time it starts."),
                "invalid": _("Write the start as a date and time, e.g. 2026-05-01 19:30."),
            },
            "end": {
                "invalid": _("Write the end as a date and time, e.g. 2026-05-01 21:30."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.open_end:
            self.initial.setdefault("open_end", True)
        if instance.pk and instance.all_day and instance.end:
            # Shown as the last day, as typed; stored as the midnight after it.
            self.initial["end"] = timezone.localtime(instance.end) - timedelta(days=1)

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
        if self.cleaned_data.get("all_day") and timezone.localdate(start) >= timezone.localdate():
            return start  # a whole day today has not passed
        if start < timezone.now():
            raise forms.ValidationError(_("The date is in the past."), code="past")
        return start

    def clean_end(self):
        end = self.cleaned_data.get("end")
        if self.cleaned_data.get("all_day"):
            return end  # a last day, compared by date in clean()
        return self._unchanged("end", end) or end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if not start:
            return cleaned
        if cleaned.get("all_day"):
            first = timezone.localdate(start)
            last = timezone.localdate(end) if end else first
            if last < first:
                self.add_error("end", _("The last day cannot be before the first day."))
            else:
                cleaned["start"], cleaned["end"] = all_day_span(first, last)
                self.instance.start, self.instance.end = cleaned["start"], cleaned["end"]
            cleaned["open_end"] = False
        elif end is None:
            if not cleaned.get("open_end"):
                self.add_error(
                    "end",
                    forms.ValidationError(
                        _(
                            "Give the time it ends, tick «All day», or tick «The end time "
                            "is not known»."
                        ),
                        code="end_required",
                    ),
                )
        elif end < start:
            self.add_error("end", _("The end cannot be before the start."))
        elif end == start and {"start", "end"} & set(self.changed_data):
            self.add_error("end", _("The end must be after the start."))
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
        """The dates as they would be after saving, by start: ``(pk or None, start, end,
        all_day)``."""
        dates = []
        for form in self.forms:
            if self._should_delete_form(form) or not (form.has_changed() or form.instance.pk):
                continue
            data = form.cleaned_data
            dates.append(
                (form.instance.pk, data["start"], data.get("end"), bool(data.get("all_day")))
            )
        return sorted(dates, key=lambda d: d[1])


class OccurrenceAdminForm(OccurrenceForm):
    """:class:`OccurrenceForm` with the admin's own date and time widgets (the inline on the
    event's change form). A time that does not exist or occurs twice gets Django's message."""

    class Meta(OccurrenceForm.Meta):
        field_classes = {}
        widgets = {}


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
