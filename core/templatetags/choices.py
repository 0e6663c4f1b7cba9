"""Checkbox groups without a template per checkbox.

Django renders each checkbox of a ``CheckboxSelectMultiple`` through the form renderer's
widget templates (``input_option.html`` → ``input.html`` → ``attrs.html``); for a form of 35
checkboxes that was a large part of a listing page's time. :func:`checkbox_choices` writes
the same ``<input>`` elements directly when the widget is the plain one, and falls back to
Django's own rendering for anything else (extra attributes, errors, a disabled field).
"""

from typing import NamedTuple

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class Choice(NamedTuple):
    """One checkbox: its ``id`` (for the label's ``for``), its ``<input>`` element (safe
    HTML) and its label text (escaped by the template)."""

    id: str
    tag: str
    label: str


def _plain(field, id_) -> bool:
    widget = field.field.widget
    return (
        type(widget) is forms.CheckboxSelectMultiple
        and not widget.attrs
        and bool(id_)
        and field.build_widget_attrs({"id": id_}) == {"id": id_}
        and not any(isinstance(label, list | tuple) for _, label in field.field.choices)
    )


@register.filter
def checkbox_choices(field) -> list[Choice]:
    """The checkboxes of ``field`` (a bound field with a ``CheckboxSelectMultiple``) as
    :class:`Choice` rows, in the order of its choices; the same HTML as Django's widget."""
    id_ = field.field.widget.attrs.get("id") or field.auto_id
    if not _plain(field, id_):
        return [Choice(w.id_for_label, w.tag(), w.choice_label) for w in field]
    chosen = set(field.field.widget.format_value(field.value()))
    rows = []
    for index, (value, label) in enumerate(field.field.choices):
        option_id = f"{id_}_{index}"
        checked = mark_safe(" checked") if str(value) in chosen else ""
        tag = format_html(
            '<input type="checkbox" name="{}" value="{}" id="{}"{}>',
            field.html_name,
            value,
            option_id,
            checked,
        )
        rows.append(Choice(option_id, tag, label))
    return rows


@register.filter
def mark_selected(options, value):
    """``options`` (safe HTML of ``<option>`` elements, none selected: one cached copy for
    every choice) with the option of ``value`` selected. ``value`` is escaped as the
    options' attributes are, so only an option's own ``value="…"`` matches; nothing but the
    word ``selected`` is added, so the result stays safe HTML."""
    if not value:
        return options
    option = format_html('<option value="{}">', value)
    return mark_safe(options.replace(option, option[:-1] + " selected>", 1))
