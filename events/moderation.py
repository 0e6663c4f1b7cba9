"""Submission and review: what "submit", "approve" and "reject" do to an event, pending
revisions of published events, and the e-mails that tell people about it.

E-mails go out after the transaction commits; a mail server that is down is logged and never
undoes or blocks a submission (the review queue in the admin shows it either way).
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.mail import send_templated_mail

from . import media, renditions
from .forms import EventForm
from .models import Event, EventRevision, Occurrence

#: The staff form's fields that a revision carries in ``data["m2m"]``, as lists of ids.
REVISION_M2M = [name for name in EventForm.Meta.fields if Event._meta.get_field(name).many_to_many]
#: The staff form's other fields, which a revision carries as plain values in
#: ``data["fields"]``. Derived from the form so that a field added to it cannot be left out
#: of revisions. Not the image: it is a file, stored when proposed and kept apart as
#: ``data["image"]`` (see ``propose_revision``).
REVISION_FIELDS = [
    name for name in EventForm.Meta.fields if name != "image" and name not in REVISION_M2M
]


# --- Submitting ---------------------------------------------------------------------------


def submit(event, user):
    """Send ``event`` for review, or publish it at once when its venue is trusted.

    The caller saves the event afterwards."""
    event.submitted_by = user
    event.submitted_at = timezone.now()
    event.rejection_reason = ""
    if event.venue.is_trusted:
        event.status = Event.Status.PUBLISHED
    else:
        event.status = Event.Status.SUBMITTED
        transaction.on_commit(lambda: notify_secretariat(event.pk))


def approve(event, reviewer):
    event.status = Event.Status.PUBLISHED
    event.reviewed_by = reviewer
    event.reviewed_at = timezone.now()
    event.rejection_reason = ""
    event.save()
    transaction.on_commit(lambda: notify_submitter(event.pk, "approved"))


def reject(event, reviewer, reason):
    event.status = Event.Status.REJECTED
    event.reviewed_by = reviewer
    event.reviewed_at = timezone.now()
    event.rejection_reason = reason
    event.save()
    transaction.on_commit(lambda: notify_submitter(event.pk, "rejected"))


# --- Pending revisions of published events ------------------------------------------------


def _json(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def propose_revision(event, form, formset, user):
    """Keep the form's changes to a published event as its (one) pending revision."""
    data = {
        "fields": {name: _json(form.cleaned_data.get(name)) for name in REVISION_FIELDS},
        "m2m": {name: sorted(obj.pk for obj in form.cleaned_data[name]) for name in REVISION_M2M},
        "dates": [
            {
                "id": pk,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
                "all_day": all_day,
            }
            for pk, start, end, all_day in formset.proposed_dates()
        ],
    }
    image = form.cleaned_data.get("image")
    if image is False:
        data["image"] = ""
    elif isinstance(image, str) and image != getattr(form.initial.get("image"), "name", ""):
        data["image"] = image  # kept from an earlier attempt: already stored
    elif image and "image" in form.changed_data:
        field = Event._meta.get_field("image")
        data["image"] = renditions.store(
            field.storage, field.generate_filename(event, image.name), image
        )
    earlier = (
        EventRevision.objects.filter(event=event, status=EventRevision.Status.PENDING)
        .values_list("data", flat=True)
        .first()
    )
    if isinstance(earlier, dict) and earlier.get("image") != data.get("image"):
        media.release(earlier.get("image"))  # the image this revision proposed before
    revision, _created = EventRevision.objects.update_or_create(
        event=event,
        status=EventRevision.Status.PENDING,
        defaults={"data": data, "submitted_by": user},
    )
    transaction.on_commit(lambda: notify_secretariat(event.pk, revision=True))
    return revision


def _parse(value):
    return datetime.fromisoformat(value) if value else None


@transaction.atomic
def apply_revision(revision, reviewer):
    event = revision.event
    data = revision.data
    for name, value in data["fields"].items():
        field = Event._meta.get_field(name)
        setattr(
            event,
            field.attname,
            Decimal(value)
            if isinstance(value, str) and field.get_internal_type() == "DecimalField"
            else value,
        )
    if "image" in data:
        event.image = data["image"]
    event.reviewed_by = reviewer
    event.reviewed_at = timezone.now()
    event.save()
    for name, ids in data["m2m"].items():
        getattr(event, name).set(ids)
    wanted = {d["id"]: d for d in data["dates"] if d["id"]}
    event.occurrences.exclude(pk__in=wanted).delete()
    for occurrence in event.occurrences.filter(pk__in=wanted):
        occurrence.start = _parse(wanted[occurrence.pk]["start"])
        occurrence.end = _parse(wanted[occurrence.pk]["end"])
        occurrence.all_day = wanted[occurrence.pk].get("all_day", False)
        occurrence.save()
    for d in data["dates"]:
        if not d["id"]:
            event.occurrences.get_or_create(
                start=_parse(d["start"]),
                defaults={"end": _parse(d["end"]), "all_day": d.get("all_day", False)},
            )
    revision.status = EventRevision.Status.APPROVED
    revision.reviewed_by = reviewer
    revision.reviewed_at = timezone.now()
    revision.save()
    transaction.on_commit(lambda: notify_submitter(event.pk, "revision_approved", revision.pk))


def reject_revision(revision, reviewer, reason):
    revision.status = EventRevision.Status.REJECTED
    revision.reviewed_by = reviewer
    revision.reviewed_at = timezone.now()
    revision.rejection_reason = reason
    revision.save()
    media.release(revision.data.get("image"))  # deleted after commit unless in use
    transaction.on_commit(
        lambda: notify_submitter(revision.event_id, "revision_rejected", revision.pk)
    )


def _display(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return str(value)


def _when(start, end):
    text = date_format(timezone.localtime(start), "DATETIME_FORMAT")
    if end:
        text += " – " + date_format(timezone.localtime(end), "DATETIME_FORMAT")
    return text


def revision_diff(revision):
    """Field-by-field differences: a list of dicts with label, old and new text."""
    from municipalities.models import Venue

    event = revision.event
    data = revision.data
    rows = []
    for name, value in data["fields"].items():
        field = Event._meta.get_field(name)
        old = getattr(event, field.attname)
        if name == "venue":
            names = dict(Venue.objects.filter(pk__in={old, value}).values_list("pk", "name"))
            old_text, new_text = names.get(old, "—"), names.get(value, "—")
        else:
            new = Decimal(value) if isinstance(old, Decimal) and value is not None else value
            if old == new or (old in (None, "") and new in (None, "")):
                continue
            old_text, new_text = _display(old), _display(new)
        if old_text != new_text:
            rows.append({"label": field.verbose_name, "old": old_text, "new": new_text})
    for name, ids in data["m2m"].items():
        related = getattr(event, name)
        old = sorted(related.values_list("pk", flat=True))
        if old != ids:
            model = related.model
            labels = dict(model.objects.filter(pk__in={*old, *ids}).values_list("pk", "name"))
            rows.append(
                {
                    "label": Event._meta.get_field(name).verbose_name,
                    "old": ", ".join(labels[i] for i in old) or "—",
                    "new": ", ".join(labels.get(i, "?") for i in ids) or "—",
                }
            )
    if "image" in data:
        rows.append(
            {
                "label": Event._meta.get_field("image").verbose_name,
                "old": event.image.name or "—",
                "new": data["image"] or _("(removed)"),
                "new_image": data["image"],
            }
        )
    old_dates = [_when(o.start, o.end) for o in event.occurrences.order_by("start")]
    new_dates = [_when(_parse(d["start"]), _parse(d["end"])) for d in data["dates"]]
    if old_dates != new_dates:
        rows.append(
            {
                "label": Occurrence._meta.verbose_name_plural,
                "old": "\n".join(old_dates) or "—",
                "new": "\n".join(new_dates) or "—",
            }
        )
    return rows


# --- E-mail -------------------------------------------------------------------------------


def notify_secretariat(event_pk, revision=False):
    event = Event.objects.select_related("venue", "submitted_by").filter(pk=event_pk).first()
    if event is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if revision:
            subject = _("Changes to review: %(title)s") % {"title": event.title}
        else:
            subject = _("New event to review: %(title)s") % {"title": event.title}
        send_templated_mail(
            subject,
            "events/emails/review_needed.txt",
            {
                "event": event,
                "revision": revision,
                "queue_url": settings.SITE_URL + reverse("admin:events_event_changelist"),
            },
            [settings.SECRETARIAT_EMAIL],
        )


def notify_submitter(event_pk, outcome, revision_pk=None):
    event = Event.objects.select_related("submitted_by").filter(pk=event_pk).first()
    if event is None:
        return
    revision = EventRevision.objects.filter(pk=revision_pk).select_related("submitted_by").first()
    person = (revision.submitted_by if revision else None) or event.submitted_by
    if person is None or not person.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subjects = {
            "approved": _("Your event is published: %(title)s"),
            "rejected": _("Your event was not approved: %(title)s"),
            "revision_approved": _("Your changes are published: %(title)s"),
            "revision_rejected": _("Your changes were not approved: %(title)s"),
        }
        send_templated_mail(
            subjects[outcome] % {"title": event.title},
            "events/emails/review_outcome.txt",
            {
                "event": event,
                "outcome": outcome,
                "revision": revision,
                "person": person,
                "event_url": settings.SITE_URL + event.get_absolute_url(),
                "edit_url": settings.SITE_URL + reverse("staff:edit", args=[event.pk]),
            },
            [person.email],
        )
