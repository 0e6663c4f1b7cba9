"""Form helpers shared by the admin and the public forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

#: The range of a 64-bit signed integer, the widest integer key any supported database has.
KEY_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ``ModelMultipleChoiceField``; an integer key out of the database's range is an
    invalid choice (a 400 with the field's message), not a 500.

    SQLite raises ``OverflowError`` when an ``__in`` lookup holds an integer wider than 64
    bits (Django's own out-of-range handling covers ``exact``, not ``in``); PostgreSQL
    answers "no rows". Keys of other types are left to Django.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = (
            self.queryset.model._meta.pk
            if key == "pk"
            else self.queryset.model._meta.get_field(key)
        )
        if isinstance(field, models.IntegerField | models.AutoField):
            for choice in value:
                try:
                    number = int(str(choice).strip())
                except ValueError:
                    continue  # Django's own check says it is not a valid key
                if number not in KEY_RANGE:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": choice},
                    )
        return super()._check_values(value)


def formfield(db_field, **kwargs):
    """``formfield_callback`` that treats a typed web address without scheme as https://, and
    gives many-to-many fields the :class:`ModelMultipleChoiceField` above."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class HttpsURLAdminMixin:
    """ModelAdmin mixin: URL fields assume https:// and many-to-many fields reject keys out of
    the database's range, like ``formfield`` above."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
