"""What a reviewer reads: an event's content as data, and the differences between two states.

The data has the shape of ``EventRevision.data``: ``fields`` (plain values, JSON-ready),
``m2m`` (lists of ids), ``dates`` (``{"id", "start", "end"}`` with ISO 8601 datetimes) and
``image`` (the stored file name). The field lists come from the staff form
(``events.forms.EventForm.Meta.fields``), so a field added to the form is carried and
compared without being named here.
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import Model
from django.utils.translation import gettext as _

from .forms import EventForm
from .models import Event, Occurrence

#: The staff form's many-to-many fields, carried as lists of ids in ``data["m2m"]``.
REVISION_M2M = [name for name in EventForm.Meta.fields if Event._meta.get_field(name).many_to_many]
#: The staff form's other fields, carried as plain values in ``data["fields"]``. Not the
#: image: it is a file, stored when proposed and kept apart as ``data["image"]``.
REVISION_FIELDS = [
    name for name in EventForm.Meta.fields if name != "image" and name not in REVISION_M2M
]


def as_json(value):
    """A form or model value as JSON: a model instance as its pk, a Decimal as its string,
    a datetime as ISO 8601."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def parse_datetime(value):
    """An ISO 8601 string from the data as an aware datetime (None for None or "")."""
    return datetime.fromisoformat(value) if value else None


def snapshot(event) -> dict:
    """``event`` as it is stored now, in the shape of ``EventRevision.data``."""
    return {
        "fields": {
            name: as_json(getattr(event, Event._meta.get_field(name).attname))
            for name in REVISION_FIELDS
        },
        "m2m": {
            name: sorted(getattr(event, name).values_list("pk", flat=True)) for name in REVISION_M2M
        },
        "dates": [
            _date(o.pk, o.start, o.end, o.all_day) for o in event.occurrences.order_by("start")
        ],
        "image": event.image.name or "",
    }


def _display(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return str(value)


def occurrence(date, status=None) -> Occurrence:
    """A date of the data (``{"start", "end", "all_day"?}``) as an unsaved ``Occurrence``,
    for the ``when`` filter the public pages use."""
    return Occurrence(
        start=parse_datetime(date["start"]),
        end=parse_datetime(date["end"]),
        all_day=bool(date.get("all_day", False)),
        status=status or Occurrence.Status.SCHEDULED,
    )


def _when(date):
    from .templatetags.event_tags import when

    return when(occurrence(date))


def _image_url(name):
    return Event._meta.get_field("image").storage.url(name) if name else ""


def _same(field, old, new):
    if old in (None, "") and new in (None, ""):
        return True
    if field.get_internal_type() == "DecimalField" and None not in (old, new):
        return Decimal(str(old)) == Decimal(str(new))  # "100" and "100.00"
    return old == new


def diff(old: dict, new: dict) -> list[dict]:
    """Field-by-field differences between two states (see the module docstring): a list of
    ``{"label", "old", "new"}`` texts in the form's order, the dates last; an image row also
    has ``old_image_url`` and ``new_image_url`` ("" for none). Missing keys in ``new``
    mean "unchanged"."""
    from municipalities.models import Venue

    rows = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for name in REVISION_FIELDS:
        if name not in new_fields:
            continue
        field = Event._meta.get_field(name)
        before, after = old_fields.get(name), new_fields[name]
        if _same(field, before, after):
            continue
        if name == "venue":
            names = dict(Venue.objects.filter(pk__in={before, after}).values_list("pk", "name"))
            before, after = names.get(before), names.get(after)
        rows.append({"label": field.verbose_name, "old": _display(before), "new": _display(after)})
    for name in REVISION_M2M:
        if name not in new.get("m2m", {}):
            continue
        before, after = old.get("m2m", {}).get(name, []), new["m2m"][name]
        if sorted(before) != sorted(after):
            field = Event._meta.get_field(name)
            labels = dict(
                field.related_model.objects.filter(pk__in={*before, *after}).values_list(
                    "pk", "name"
                )
            )
            rows.append(
                {
                    "label": field.verbose_name,
                    "old": ", ".join(labels.get(i, "?") for i in before) or "—",
                    "new": ", ".join(labels.get(i, "?") for i in after) or "—",
                }
            )
    if "image" in new and (old.get("image") or "") != (new["image"] or ""):
        rows.append(
            {
                "label": Event._meta.get_field("image").verbose_name,
                "old": old.get("image") or "—",
                "new": new["image"] or _("(removed)"),
                "old_image_url": _image_url(old.get("image")),
                "new_image_url": _image_url(new["image"]),
            }
        )
    if "dates" in new:
        before = [_when(d) for d in sorted(old.get("dates", []), key=lambda d: d["start"])]
        after = [_when(d) for d in sorted(new["dates"], key=lambda d: d["start"])]
        if before != after:
            rows.append(
                {
                    "label": Occurrence._meta.verbose_name_plural,
                    "old": "\n".join(before) or "—",
                    "new": "\n".join(after) or "—",
                }
            )
    return rows


def revision_diff(revision) -> list[dict]:
    """The differences a pending change would make to its published event (see ``diff``)."""
    return diff(snapshot(revision.event), revision.data)


def form_data(form, formset) -> dict:
    """A valid staff form and its dates as data (the image apart: see
    ``moderation.propose_revision`` and ``preview_data``)."""
    return {
        "fields": {name: as_json(form.cleaned_data.get(name)) for name in REVISION_FIELDS},
        "m2m": {name: sorted(obj.pk for obj in form.cleaned_data[name]) for name in REVISION_M2M},
        "dates": [_date(*row) for row in formset.proposed_dates()],
    }


def _date(pk, start, end, all_day):
    """A date as data: ``{"id", "start", "end", "all_day"}``, times in ISO 8601."""
    return {
        "id": pk,
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "all_day": bool(all_day),
    }


def preview_data(form, formset) -> dict:
    """The unsaved staff form as data, with the image it would show: a new upload already
    kept in storage (``EventForm.keep_image``), none when removed, else the stored one."""
    data = form_data(form, formset)
    image = form.cleaned_data.get("image")
    if image is False:
        data["image"] = ""
    elif isinstance(image, str):
        data["image"] = image
    else:
        data["image"] = form.instance.image.name or ""
    return data


def presentable(data: dict, event=None) -> dict:
    """Data (see the module docstring) ready for the citizen's view
    (``staff/includes/event_preview.html``): the venue and the vocabularies as objects, the
    dates as unsaved ``Occurrence`` rows in order, ``image_url``. Keys missing from ``data``
    (a pending change names only what it proposes) come from ``event``."""
    from municipalities.models import Venue

    base = snapshot(event) if event is not None else {"fields": {}, "m2m": {}, "dates": []}
    fields = {**base["fields"], **data.get("fields", {})}
    m2m = {**base["m2m"], **data.get("m2m", {})}
    image = data["image"] if "image" in data else base.get("image", "")
    view = dict(fields)
    view["venue"] = (
        Venue.objects.select_related("municipality").filter(pk=fields.get("venue")).first()
    )
    for name in REVISION_M2M:
        model = Event._meta.get_field(name).related_model
        view[name] = list(model.objects.filter(pk__in=m2m.get(name, [])))
    dates = data["dates"] if "dates" in data else base["dates"]
    # A kept date keeps its status (cancelled, sold out), which applies at once.
    statuses = dict(
        Occurrence.objects.filter(pk__in=[d["id"] for d in dates if d.get("id")]).values_list(
            "pk", "status"
        )
    )
    view["dates"] = [
        occurrence(d, statuses.get(d.get("id")))
        for d in sorted(dates, key=lambda d: d["start"])
        if d["start"]
    ]
    view["image_url"] = _image_url(image)
    return view
