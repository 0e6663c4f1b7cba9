"""Words for the admin pages: a run's changes and an imported event's fields, each followed
from the source or edited here."""

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event

from ..sync_values import FIELDS, M2M, as_json, same_value


def label(name) -> str:
    if name == "image":
        return str(Event._meta.get_field("image").verbose_name)
    return str(Event._meta.get_field(name).verbose_name)


def when(occurrence) -> str:
    start = timezone.localtime(occurrence.start)
    text = start.strftime("%d.%m.%Y") if occurrence.all_day else start.strftime("%d.%m.%Y %H.%M")
    if occurrence.status == occurrence.Status.CANCELLED:
        text += " (" + _("cancelled") + ")"
    return text


def change_rows(changes):
    """A run's :class:`imports.sync_report.Change`s as rows for the preview table."""
    return [
        {
            "title": change.title,
            "event": change.event if getattr(change.event, "pk", None) else None,
            "fields": ", ".join(label(n) for n in change.fields),
            "kept": ", ".join(label(n) for n in change.kept),
            "dates": [when(o) for o in change.dates],
            "suspect": change.suspect,
        }
        for change in changes
    ]


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
