"""Words for the admin pages: a run's changes and an imported event's fields, each followed
from the source or edited here."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from events.models import Event
from events.templatetags.event_tags import when

from ..sync_values import FIELDS, M2M, as_json, same_value


def label(name) -> str:
    if name == "image":
        return str(Event._meta.get_field("image").verbose_name)
    return str(Event._meta.get_field(name).verbose_name)


def _date(occurrence) -> str:
    """A date as the public pages write it («lørdag 12. december kl. 20.00–22.00»), with
    «(aflyst)» when cancelled."""
    text = when(occurrence)
    if occurrence.status == occurrence.Status.CANCELLED:
        text += " (" + _("cancelled") + ")"
    return text


def _short(value, name) -> str:
    if name in M2M:
        return ""
    return Truncator(_show(value)).chars(80)


def _kept(change, name) -> str:
    """«Kalenderen har ændret titel til «X»; beholdt: «Y» (rettet her)»."""
    if name not in change.held or name in M2M:
        return _("The calendar changed %(field)s; kept as edited here") % {"field": label(name)}
    new, here = change.held[name]
    return _("The calendar changed %(field)s to «%(new)s»; kept: «%(here)s» (edited here)") % {
        "field": label(name),
        "new": _short(new, name),
        "here": _short(here, name),
    }


def change_rows(changes):
    """A run's :class:`imports.sync_report.Change`s as rows for the preview table: each
    changed field as ``{"name", "old", "new"}``, each field kept as a sentence, each date
    as ``{"was", "now"}`` (``was`` empty for a new date)."""
    return [
        {
            "title": change.title,
            "event": change.event if getattr(change.event, "pk", None) else None,
            "fields": [
                {"name": label(n), "old": _short(change.was.get(n), n), "new": _new(change, n)}
                for n in change.fields
            ],
            "kept": [_kept(change, n) for n in change.kept],
            "dates": [
                {
                    "was": _date(change.was_dates[o.pk]) if o.pk in change.was_dates else "",
                    "now": _date(o),
                }
                for o in change.dates
            ],
            "suspect": change.suspect,
        }
        for change in changes
    ]


def _new(change, name) -> str:
    if name in M2M or name == "image" or change.event is None:
        return ""
    return _short(getattr(change.event, name), name)


def field_rows(item):
    """For each field a source fills: its value here, the value last imported, and whether
    it still follows the source («Rettet her — følger ikke længere kilden» when not)."""
    event = item.event
    if event is None:
        return []
    rows = []
    for name in FIELDS:
        current, imported = as_json(getattr(event, name)), item.imported.get(name)
        rows.append(_row(label(name), current, imported))
    for name in M2M:
        related = getattr(event, name)
        current = sorted(related.values_list("pk", flat=True))
        imported = item.imported.get(name, current)
        names = [
            ", ".join(map(str, related.model.objects.filter(pk__in=ids)))
            for ids in (current, imported)
        ]
        row = _row(label(name), *names)
        row["follows"] = current == sorted(imported)
        rows.append(row)
    return rows


def _show(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "–" if value in (None, "") else str(value)


def _row(name, current, imported):
    return {
        "name": name,
        "current": _show(current),
        "imported": _show(imported),
        "follows": same_value(current, imported),
    }
