"""Form helpers shared by the admin and the public forms."""

from django.db import models


def formfield(db_field, **kwargs):
    """``formfield_callback`` that treats a typed web address without scheme as https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class HttpsURLAdminMixin:
    """ModelAdmin mixin: URL fields assume https:// like ``formfield`` above."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
