"""The repeat helper: «every Tuesday and Thursday 10.00–12.00 from 5 January to 30 April».

An end time earlier than the start time is on the next day («every Friday 22.00–02.00»).
Without an end time the dates have an open end. A time that does not exist or occurs twice
on one of the days (the clocks change) is refused, naming the day.
"""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .occurrence import CLOCK_CHANGE_MESSAGES, clock_change_problem

#: More dates than this at once is almost certainly a mistake (and a very long page).
MAX_REPEATS = 100
MAX_SPAN_DAYS = 366

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class RepeatForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label=_("Every"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    start_time = forms.TimeField(
        label=_("From (time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Give the time it starts.")},
    )
    end_time = forms.TimeField(
        label=_("To (time, optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Earlier than the start means the next day (22.00–02.00 ends at 02.00 the night "
            "after). Empty: the end time is not known."
        ),
    )
    date_from = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the first day.")},
    )
    date_to = forms.DateField(
        label=_("Last day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the last day.")},
    )

    def clean_date_from(self):
        day = self.cleaned_data["date_from"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The first day is in the past."), code="past")
        return day

    def clean(self):
        cleaned = super().clean()
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if start_time and end_time and end_time == start_time:
            self.add_error("end_time", _("The end time cannot be the same as the start time."))
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last:
            if last < first:
                self.add_error("date_to", _("The last day cannot be before the first day."))
            elif (last - first).days > MAX_SPAN_DAYS:
                self.add_error("date_to", _("The dates can span at most one year at a time."))
            elif cleaned.get("weekdays") and not self.errors:
                count = len(self._days())
                if count == 0:
                    self.add_error(
                        "weekdays", _("None of the chosen weekdays falls between those days.")
                    )
                elif problem := self._clock_change():
                    self.add_error(
                        "start_time" if problem[0] == "start" else "end_time", problem[1]
                    )
                elif count > MAX_REPEATS:
                    self.add_error(
                        "date_to",
                        ngettext(
                            "That gives %(count)d date; at most %(max)d at a time.",
                            "That gives %(count)d dates; at most %(max)d at a time.",
                            count,
                        )
                        % {"count": count, "max": MAX_REPEATS},
                    )
        return cleaned

    def _days(self):
        weekdays = {int(d) for d in self.cleaned_data["weekdays"]}
        first, last = self.cleaned_data["date_from"], self.cleaned_data["date_to"]
        # At most MAX_SPAN_DAYS steps (checked in clean), and never a day past ``last``: the
        # day after 31 December 9999 does not exist.
        span = (first + timedelta(days=n) for n in range((last - first).days + 1))
        return [day for day in span if day.weekday() in weekdays]

    def _wall_clock(self):
        """(start, end or None) as naive local date-times, per day; an end time before the
        start time on the next day."""
        start_time, end_time = self.cleaned_data["start_time"], self.cleaned_data["end_time"]
        for day in self._days():
            end = None
            if end_time:
                end_day = day + timedelta(days=1) if end_time < start_time else day
                end = datetime.combine(end_day, end_time)
            yield datetime.combine(day, start_time), end

    def _clock_change(self):
        """``(which, message)`` for the first start or end that does not exist or occurs
        twice in Copenhagen time, or None."""
        for start, end in self._wall_clock():
            for which, value in (("start", start), ("end", end)):
                if value and (problem := clock_change_problem(value)):
                    text = date_format(value, "j. F Y H.i")
                    return which, CLOCK_CHANGE_MESSAGES[problem] % {"time": text}
        return None

    def dates(self):
        """The (start, end) pairs as aware datetimes in Copenhagen time (end None: an open
        end); call after ``is_valid()``."""
        tz = timezone.get_current_timezone()
        return [
            (timezone.make_aware(start, tz), timezone.make_aware(end, tz) if end else None)
            for start, end in self._wall_clock()
        ]
