"""The listing's filter fields: choices by slug from the cached vocabularies, the free
admission checkbox, the date input — what :class:`events.filters.OccurrenceFilter` is made of."""

import re

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _


class TermsField(forms.MultipleChoiceField):
    """Repeatable ``?name=slug&name=slug``, cleaned to the chosen :class:`Term` objects; an
    unknown slug is a form error, not a 500. The choices come from the cached vocabularies."""

    terms: dict = {}

    def clean(self, value):
        # An empty value (``?municipality=``, a site's ``<option value="">Alle</option>``)
        # means "not set", as it does for every other filter.
        value = [v for v in value if v != ""] if isinstance(value, list | tuple) else value
        chosen = set(super().clean(value))
        return [term for slug, term in self.terms.items() if slug in chosen]  # in their order


class TermField(django_filters.fields.ChoiceField):
    """One slug, cleaned to its :class:`Term` (or ``None``)."""

    terms: dict = {}

    def clean(self, value):
        slug = super().clean(value)
        return self.terms.get(slug) if slug else None


#: The values of ``free`` that turn it on (the listing's checkbox sends ``on``) and off.
FREE_ON = frozenset({"on", "true", "1", "yes"})
FREE_OFF = frozenset({"off", "false", "0", "no"})


class FreeCheckbox(forms.CheckboxInput):
    """A checkbox that hands the raw value to :class:`FreeField`, so that an unknown value
    (``free=maybe``) is an error rather than "on" (Django's checkbox takes any string as
    ticked)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: str(value).lower() in FREE_ON)

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class FreeField(forms.Field):
    """``free``: one of :data:`FREE_ON` is ``True``, one of :data:`FREE_OFF` is ``False``,
    empty or absent ``None`` (not set); any other value is a validation error."""

    widget = FreeCheckbox
    default_error_messages = {
        "invalid": _(
            "«%(value)s» is not a choice: use «on» for free admission only, or leave it out."
        ),
    }

    def to_python(self, value):
        if value is None or value is True or value is False:
            return value
        text = str(value).strip().lower()
        if text == "":
            return None
        if text in FREE_ON:
            return True
        if text in FREE_OFF:
            return False
        raise forms.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": str(value)[:50]}
        )


class FreeFilter(django_filters.Filter):
    field_class = FreeField


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` whose value is a valid date string (HTML's «valid date
    string», YYYY-MM-DD) or empty: a value typed wrong (``?date_from=i-morgen``) is shown in
    the error message, not echoed into the field, where it is invalid HTML and a browser
    would empty it anyway."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return None
        return value


class SlugMultipleFilter(django_filters.MultipleChoiceFilter):
    field_class = TermsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, choices=(), **kwargs)


class SlugFilter(django_filters.ChoiceFilter):
    field_class = TermField


class Choices(BaseChoiceIterator):
    """A filter's ``(slug, name)`` choices as made once per copy of the vocabularies: Django
    keeps such an iterator as it is, where it normalizes a list anew for every form (every
    venue)."""

    def __init__(self, terms):
        self.pairs = [(term.slug, term.name) for term in terms]

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


def choices_by_name(vocabularies) -> dict[str, tuple[dict, Choices]]:
    """Per filter: its terms by slug, and its :class:`Choices`."""
    return {
        name: ({term.slug: term for term in terms}, Choices(terms))
        for name, terms in vocabularies.items()
    }
