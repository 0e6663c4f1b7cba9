"""The dates of an event: an inline formset on the event form, and the status of one date.

A date has an end, is all-day (one or several whole days), or has an open end (ticked: the
end is not known). A wall-clock time that does not exist or occurs twice in Copenhagen (the
clock changes, docs/dates.md) is refused with a message that says which.
"""

import re
from datetime import UTC, datetime, timedelta

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from ..models import Event, Occurrence
from ..models.occurrence import all_day_span
from ..templatetags.event_tags import clock, short_date

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
#: A value typed as a date only (``2026-12-05``), as a ``<input type="date">`` sends it.
DATE_ONLY = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")
#: The id of the help shown once above the date rows; every row's inputs point to it.
DATES_HELP_ID = "dates-help"
#: The longest evening an end on the start's date, but earlier, is taken to mean (22.00–02.00).
OVERNIGHT_AT_MOST = timedelta(hours=12)


class DateTimeLocalInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` (``2026-12-05T20:00``); ``<input type="date">``
    (``2026-12-05``) when ``date_only`` is set (a row of whole days) or the value was typed as
    a date only, so a typed date is shown back as typed (HTML, "Local date and time state")."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)
        self.date_only = False

    def format_value(self, value):
        if self.date_only and isinstance(value, datetime):
            return value.strftime("%Y-%m-%d")
        if self.date_only and isinstance(value, str) and DATE_ONLY.match(value[:10]):
            return value[:10]
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        typed_date = isinstance(value, str) and DATE_ONLY.fullmatch(value)
        if self.date_only or typed_date:
            context["widget"]["type"] = "date"
        return context


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

    open_end = forms.BooleanField(label=_("The end time is not known"), required=False)
    #: The page shows the dates' help once, with the id DATES_HELP_ID (the staff form).
    shared_help = True

    class Meta:
        model = Occurrence
        fields = ["all_day", "start", "end"]  # all_day first: clean_end reads it
        field_classes = {"start": LocalDateTimeField, "end": LocalDateTimeField}
        widgets = {"start": DateTimeLocalInput, "end": DateTimeLocalInput}
        labels = {"start": _("Starts"), "end": _("Ends"), "all_day": _("All day")}
        # No help per row (not the model's either): the form shows it once above the rows
        # (DATES_HELP_ID).
        help_texts = {"all_day": "", "start": "", "end": ""}
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
        all_day = instance.all_day
        if self.is_bound:
            all_day = self.fields["all_day"].widget.value_from_datadict(
                self.data, self.files, self.add_prefix("all_day")
            )
        for name in ("start", "end", "all_day", "open_end"):
            widget = self.fields[name].widget
            if self.shared_help:
                widget.attrs["aria-describedby"] = DATES_HELP_ID
            if isinstance(widget, DateTimeLocalInput):
                widget.date_only = bool(all_day)

    def full_clean(self):
        super().full_clean()
        if not self.shared_help:
            return
        # The shared help, then the field's own error (ids as includes/field.html writes them).
        for name in self._errors or ():
            if name in self.fields:
                auto_id = self[name].auto_id
                self.fields[name].widget.attrs["aria-describedby"] = (
                    f"{DATES_HELP_ID} {auto_id}_error"
                )

    def _typed_as_date(self, name):
        """Whether ``name`` was sent as a date only (``2026-12-05``), without a time."""
        value = self.data.get(self.add_prefix(name)) if self.is_bound else None
        return isinstance(value, str) and bool(DATE_ONLY.fullmatch(value))

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
        if not cleaned.get("all_day"):
            for name in ("start", "end"):
                if name not in self._errors and self._typed_as_date(name):
                    self.add_error(
                        name,
                        forms.ValidationError(
                            _("Write the time too, or tick «All day»."), code="date_only"
                        ),
                    )
        if not start or "start" in self._errors:
            return cleaned
        if "end" in self._errors:
            return cleaned  # refused as typed (a clock change, a date only): its message says why
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
            self.add_error("end", self._end_before_start(start, end))
        elif end == start and {"start", "end"} & set(self.changed_data):
            self.add_error("end", _("The end must be after the start."))
        return cleaned

    @staticmethod
    def _end_before_start(start, end):
        """The message for an end before the start. An end on the start's own date, earlier in
        the day, is most likely an evening past midnight typed with the wrong date: the
        message names the next day (it is not changed for the person) when that makes an
        evening of at most :data:`OVERNIGHT_AT_MOST`; else the end is simply before the start."""
        start, end = timezone.localtime(start), timezone.localtime(end)
        next_day = timezone.make_aware(end.replace(tzinfo=None) + timedelta(days=1))
        if start.date() != end.date() or next_day - start > OVERNIGHT_AT_MOST:
            return forms.ValidationError(
                _("The end cannot be before the start."), code="end_before_start"
            )
        return forms.ValidationError(
            _("Did you mean %(day)s at %(time)s? Write the end date as the next day.")
            % {"day": short_date(next_day), "time": clock(next_day)},
            code="end_before_start",
        )


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
    event's change form). A time that does not exist or occurs twice gets Django's message.
    Each field has its own help (the inline has no shared help)."""

    shared_help = False

    class Meta(OccurrenceForm.Meta):
        field_classes = {}
        widgets = {}
        help_texts = {
            "end": _("An evening that ends after midnight ends on the next day."),
            "all_day": _(
                "Whole days: only the dates count. The end's date is the last day; leave it "
                "empty for one day."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["open_end"].help_text = _(
            "Shown as «end time not given»; calendars show it as two hours."
        )


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
