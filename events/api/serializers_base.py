"""The read-only serialiser the API's serialisers share, and what makes a page of rows cheap.

DRF serialises a row field by field through generic machinery (the readable fields, each
field's ``get_attribute`` with its error handling, ``to_representation``), and an absolute
link through ``reverse`` and ``build_absolute_uri`` per row: most of an API page's time with
25 rows of some 30 fields each. :class:`ReadOnlySerializer` makes a plan once per serialiser
(the page's rows share one child serialiser) and follows it per row; the declared fields stay
what they are, so the OpenAPI document (drf-spectacular reads the fields) does not change, and
each value is what the field itself would give (tests/test_api.py compares them).
"""

import copy
import re

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import fields as drf_fields
from rest_framework import serializers
from rest_framework.fields import SkipField

#: What a slug in a ``<slug:…>`` address may hold: such a slug goes in unchanged.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "0slug0placeholder0"

#: Fields whose value DRF gives as it is read when it has this type (text, booleans, ints).
_AS_READ = {
    drf_fields.CharField: str,
    drf_fields.SlugField: str,
    drf_fields.URLField: str,
    drf_fields.EmailField: str,
    drf_fields.BooleanField: bool,
    drf_fields.IntegerField: int,
}


def absolute_url(context, name: str, slug: str) -> str:
    """``request.build_absolute_uri(reverse(name, kwargs={"slug": slug}))``, with the address
    reversed once per request (for a placeholder) and the slug written into it."""
    templates = context.setdefault("_absolute_url_templates", {})
    template = templates.get(name)
    if template is None:
        path = reverse(name, kwargs={"slug": _PLACEHOLDER})
        template = templates[name] = context["request"].build_absolute_uri(path)
    if _SLUG.fullmatch(slug) and template.count(_PLACEHOLDER) == 1:
        return template.replace(_PLACEHOLDER, slug)
    return context["request"].build_absolute_uri(reverse(name, kwargs={"slug": slug}))


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrlField(serializers.ReadOnlyField):
    """The object's public page as an absolute URL: ``view_name`` is the page's URL name, with
    the object's slug as its only argument (the object's ``get_absolute_url``)."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        kwargs.setdefault("help_text", "The public page, as an absolute URL.")
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(self.context, self.view_name, value.slug)


#: Each serialiser class's fields as ModelSerializer built them (unbound; copied per use).
_BUILT_FIELDS = {}


class ReadOnlySerializer(serializers.ModelSerializer):
    """Every field read-only: the API only answers, and each field is in every answer, so
    the OpenAPI document marks each one required (drf-spectacular does so for read-only
    fields); a value that may be missing is ``null`` and marked nullable."""

    # (Not in the docstring: drf-spectacular puts a serialiser's docstring into the OpenAPI
    # document.) Rows are written by a plan made once per serialiser (see the module): a
    # text, boolean or integer model field is read as it is, anything else through its field.

    def get_fields(self):
        # ModelSerializer builds the fields from the model's on every instance (three a page);
        # they depend on the class alone, so a copy of the first ones does.
        # A copy is made anew from the field's arguments: read_only is set on each copy.
        built = _BUILT_FIELDS.get(type(self))
        if built is None:
            built = _BUILT_FIELDS[type(self)] = super().get_fields()
        fields = copy.deepcopy(built)
        for field in fields.values():
            field.read_only = True
        return fields

    def _plan(self) -> list[tuple]:
        plan = getattr(self, "_row_plan", None)
        if plan is None:
            plan = []
            for field in self._readable_fields:
                kind = _AS_READ.get(type(field))
                simple = kind and len(field.source_attrs) == 1 and field.source != "*"
                plan.append(
                    (field.field_name, field, field.source_attrs[0] if simple else None, kind)
                )
            self._row_plan = plan
        return plan

    def to_representation(self, instance):
        row = {}
        for name, field, attr, kind in self._plan():
            if attr is not None:
                value = getattr(instance, attr)
                if value is None or type(value) is kind:
                    row[name] = value
                else:
                    row[name] = field.to_representation(value)
                continue
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            row[name] = None if value is None else field.to_representation(value)
        return row
