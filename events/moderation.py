"""Submission and review: the one place that changes an event's status or applies a pending
change to a published event.

Every caller goes through here — the staff form (save, submit), the admin's review screen,
its list actions and its change form — so that every step is stamped (submitted/reviewed
by and at), written to the event's history (``ModerationEntry``: who, when, which version,
why) and told by e-mail (``events.review_mail``, after the transaction commits).

A reviewer's decision is bound to what they read: ``approve``, ``reject``,
``apply_revision`` and ``reject_revision`` take the ``version`` the reviewer was shown and
raise ``ContentChanged`` when the submission or the pending change was saved again since.
The row is locked (``SELECT … FOR UPDATE``) from the check to the write, so a save that
races the decision waits for it and then counts as a new version.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import media, renditions
from .models import Event, EventRevision, ModerationEntry
from .review_diff import REVISION_FIELDS, REVISION_M2M, form_data, parse_datetime, snapshot
from .review_mail import notify_imported, notify_secretariat, notify_submitter

Action = ModerationEntry.Action

__all__ = [
    "REVISION_FIELDS",
    "REVISION_M2M",
    "ContentChanged",
    "NotSubmitted",
    "admit_imported",
    "apply_revision",
    "approve",
    "change_status",
    "propose_revision",
    "record_imported",
    "reject",
    "reject_revision",
    "save_from_staff",
    "unpublish",
]


class ContentChanged(Exception):
    """The event or pending change was saved again after the reviewer read it: nothing was
    decided. ``seen`` is the version the reviewer sent (None when they sent none),
    ``current`` the one stored now."""

    def __init__(self, seen, current):
        super().__init__(f"version {seen} was read, {current} is stored")
        self.seen, self.current = seen, current


class NotSubmitted(Exception):
    """Only an event awaiting review (``Event.Status.SUBMITTED``) can be approved or
    rejected: a draft the venue never sent is not the secretariat's to publish. ``status``
    is the event's status now."""

    def __init__(self, status):
        super().__init__(f"the event is {status}, not submitted")
        self.status = status


def record(event, action, user, *, version, revision=None, reason="", data=None):
    """Add a step to ``event``'s history (see ``ModerationEntry``)."""
    return ModerationEntry.objects.create(
        event=event,
        revision=revision,
        action=action,
        version=version,
        user=user if user is not None and user.pk else None,
        reason=reason,
        data=data,
    )


def _lock(event_pk):
    """The event's row, locked until the transaction ends."""
    return Event.objects.select_for_update(of=("self",)).select_related("venue").get(pk=event_pk)


def _check(current, seen):
    try:
        same = seen is not None and int(seen) == current
    except (TypeError, ValueError):
        same = False
    if not same:
        raise ContentChanged(seen, current)


# --- The staff form -----------------------------------------------------------------------


@transaction.atomic
def save_from_staff(form, formset, user, *, submitting):
    """Save the staff form (``events.forms.EventForm`` and its dates) the way the event's
    state asks, and return what happened: ``"revision"`` (a published event whose edits need
    review: kept as its pending change, the public page unchanged), or the event's status
    afterwards (``"draft"``, ``"submitted"``, ``"published"``).

    ``submitting`` is the person's "submit" button: a draft or rejected event is sent for
    review, or published at once at a trusted venue (``Venue.is_trusted``)."""
    event = form.instance
    previous = None
    if event.pk is not None:
        current = _lock(event.pk)
        # The venue chosen in the form counts as well as the stored one: an edit may not
        # move a published event to an untrusted venue past the review.
        chosen = getattr(event, "venue", None)
        moved_to_untrusted = chosen is not None and not chosen.is_trusted
        published = current.status == Event.Status.PUBLISHED
        if current.edits_need_review or (published and moved_to_untrusted):
            propose_revision(current, form, formset, user)
            return "revision"
        previous = current.status
    if previous != Event.Status.PUBLISHED:
        if submitting:
            event.submitted_by = user
            event.submitted_at = timezone.now()
            event.rejection_reason = ""
            trusted = event.venue.is_trusted
            event.status = Event.Status.PUBLISHED if trusted else Event.Status.SUBMITTED
        else:
            event.status = Event.Status.DRAFT
    if event.submitted_by is None:
        event.submitted_by = user
    event = form.save()
    formset.instance = event
    formset.save()
    if submitting and previous != Event.Status.PUBLISHED:
        published = event.status == Event.Status.PUBLISHED
        record(
            event,
            Action.PUBLISHED if published else Action.SUBMITTED,
            user,
            version=event.version,
            data=snapshot(event),
        )
        if not published:
            transaction.on_commit(lambda: notify_secretariat(event.pk))
    elif previous not in (None, Event.Status.DRAFT) and event.status == Event.Status.DRAFT:
        record(event, Action.WITHDRAWN, user, version=event.version)
    return event.status


def admit_imported(events, *, trusted):
    """Give newly imported ``events`` their first status, as a submission from their venue:
    published from a trusted source, else awaiting review. Save them after, then call
    :func:`record_imported`. (Possible duplicates are not admitted: they stay drafts.)"""
    status = Event.Status.PUBLISHED if trusted else Event.Status.SUBMITTED
    for event in events:
        event.status, event.submitted_at = status, timezone.now()


def record_imported(events, *, source=""):
    """Write the admitted, saved ``events``' first step to their history (the action named as
    the status), and tell the secretariat in ONE e-mail about those awaiting review."""
    ModerationEntry.objects.bulk_create(
        ModerationEntry(event=e, action=e.status, version=e.version) for e in events
    )
    pks = [e.pk for e in events if e.status == Event.Status.SUBMITTED]
    if pks:
        transaction.on_commit(lambda: notify_imported(source, pks))


# --- Decisions on an event ----------------------------------------------------------------


def _decide(event, reviewer, *, version, status, action, outcome, reason="", submitted_only=False):
    with transaction.atomic():
        locked = _lock(event.pk)
        if locked.status == status:
            return False
        if submitted_only and locked.status != Event.Status.SUBMITTED:
            raise NotSubmitted(locked.status)
        if version is not Ellipsis:
            _check(locked.version, version)
        seen = locked.version
        locked.status = status
        if status == Event.Status.SUBMITTED:
            # Back in the queue as a submission: its place is now, the secretariat is told.
            locked.submitted_at = timezone.now()
            locked.rejection_reason = ""
        else:
            locked.reviewed_by = reviewer
            locked.reviewed_at = timezone.now()
            locked.rejection_reason = reason if status == Event.Status.REJECTED else ""
        locked.save()
        if status == Event.Status.SUBMITTED:
            record(locked, action, reviewer, version=locked.version, data=snapshot(locked))
            transaction.on_commit(lambda: notify_secretariat(locked.pk))
        else:
            record(locked, action, reviewer, version=seen, reason=reason)
        if outcome:
            transaction.on_commit(lambda: notify_submitter(locked.pk, outcome))
    event.refresh_from_db()
    return True


def approve(event, reviewer, *, version, submitted_only=True):
    """Publish ``event`` as the reviewer read it (``version``). Returns False when it was
    published already; raises ``ContentChanged`` when it was saved again since, and
    ``NotSubmitted`` when it is not awaiting review (unless ``submitted_only`` is False:
    the change form's status field, where the reviewer wrote the content themselves)."""
    return _decide(
        event,
        reviewer,
        version=version,
        submitted_only=submitted_only,
        status=Event.Status.PUBLISHED,
        action=Action.APPROVED,
        outcome="approved",
    )


def reject(event, reviewer, reason, *, version, submitted_only=True):
    """Reject ``event`` with a ``reason`` the submitter is told. As ``approve``."""
    return _decide(
        event,
        reviewer,
        version=version,
        submitted_only=submitted_only,
        status=Event.Status.REJECTED,
        action=Action.REJECTED,
        outcome="rejected",
        reason=reason,
    )


def unpublish(event, reviewer, reason=""):
    """Take ``event`` off the public pages (back to draft) and tell the venue. Not bound to
    a version: it withdraws whatever is shown. Returns False when it was a draft already."""
    was_published = event.status == Event.Status.PUBLISHED
    return _decide(
        event,
        reviewer,
        version=Ellipsis,
        status=Event.Status.DRAFT,
        action=Action.UNPUBLISHED,
        outcome="unpublished" if was_published else None,
        reason=reason,
    )


def change_status(event, status, reviewer, reason=""):
    """The admin change form's status field: the reviewer saved the content themselves, so
    the decision is bound to the version just saved. Each status goes through the same step
    as its button (``approve``, ``reject``, ``unpublish``); "awaiting review" puts the
    event back in the queue as a submission does (``submitted_at`` now, the secretariat
    e-mailed, the history)."""
    if status == Event.Status.PUBLISHED:
        return approve(event, reviewer, version=event.version, submitted_only=False)
    if status == Event.Status.REJECTED:
        return reject(event, reviewer, reason, version=event.version, submitted_only=False)
    if status == Event.Status.DRAFT:
        return unpublish(event, reviewer, reason)
    return _decide(
        event,
        reviewer,
        version=Ellipsis,
        status=Event.Status.SUBMITTED,
        action=Action.SUBMITTED,
        outcome=None,
    )


# --- Pending changes of published events --------------------------------------------------


def propose_revision(event, form, formset, user):
    """Keep the form's changes to a published event as its (one) pending change, a version
    higher than before. The caller holds the event's row lock (``save_from_staff``)."""
    data = form_data(form, formset)
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
    revision = (
        EventRevision.objects.select_for_update()
        .filter(event=event, status=EventRevision.Status.PENDING)
        .first()
    )
    first = revision is None
    if first:
        revision = EventRevision.objects.create(event=event, data=data, submitted_by=user)
    else:
        if isinstance(revision.data, dict) and revision.data.get("image") != data.get("image"):
            media.release(revision.data.get("image"))  # the image it proposed before
        revision.data, revision.submitted_by = data, user
        revision.version = F("version") + 1
        revision.save()
        revision.refresh_from_db(fields=["version"])
    record(
        event,
        Action.CHANGE_PROPOSED,
        user,
        version=revision.version,
        revision=revision,
        data=data,
    )
    if first:  # a change saved again is already in the queue: no second e-mail
        transaction.on_commit(lambda: notify_secretariat(event.pk, revision=True))
    return revision


def _locked_revision(revision, version, event_version=Ellipsis):
    event = _lock(revision.event_id)  # first the event, as propose_revision: no deadlock
    locked = EventRevision.objects.select_for_update().get(pk=revision.pk)
    if locked.status != EventRevision.Status.PENDING:
        return None
    _check(locked.version, version)
    if event_version is not Ellipsis:
        _check(event.version, event_version)
    locked.event = event
    return locked


def _date_values(date):
    """A proposed date's field values: start, end, and all_day when the data has it."""
    values = {"start": parse_datetime(date["start"]), "end": parse_datetime(date["end"])}
    if "all_day" in date:
        values["all_day"] = date["all_day"]
    return values


def apply_revision(revision, reviewer, *, version, event_version):
    """Apply a pending change to its published event as the reviewer read it: the change at
    ``version``, compared with the event at ``event_version`` (the diff they were shown).
    Returns False when it was decided already; raises ``ContentChanged`` when either was
    saved again since."""
    with transaction.atomic():
        revision = _locked_revision(revision, version, event_version)
        if revision is None:
            return False
        event = revision.event
        data = revision.data
        for name, value in data["fields"].items():
            field = Event._meta.get_field(name)
            decimal = isinstance(value, str) and field.get_internal_type() == "DecimalField"
            setattr(event, field.attname, Decimal(value) if decimal else value)
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
            for key, value in _date_values(wanted[occurrence.pk]).items():
                setattr(occurrence, key, value)
            occurrence.save()
        for d in data["dates"]:
            if not d["id"]:
                values = _date_values(d)
                event.occurrences.get_or_create(start=values.pop("start"), defaults=values)
        revision.status = EventRevision.Status.APPROVED
        revision.reviewed_by = reviewer
        revision.reviewed_at = timezone.now()
        revision.save()
        record(event, Action.CHANGE_APPROVED, reviewer, version=revision.version, revision=revision)
        transaction.on_commit(lambda: notify_submitter(event.pk, "revision_approved", revision.pk))
    return True


def reject_revision(revision, reviewer, reason, *, version):
    """Reject a pending change with a ``reason``; the event stays as it is. As
    ``apply_revision``."""
    with transaction.atomic():
        revision = _locked_revision(revision, version)
        if revision is None:
            return False
        revision.status = EventRevision.Status.REJECTED
        revision.reviewed_by = reviewer
        revision.reviewed_at = timezone.now()
        revision.rejection_reason = reason
        revision.save()
        media.release(revision.data.get("image"))  # deleted after commit unless in use
        record(
            revision.event,
            Action.CHANGE_REJECTED,
            reviewer,
            version=revision.version,
            revision=revision,
            reason=reason,
        )
        transaction.on_commit(
            lambda: notify_submitter(revision.event_id, "revision_rejected", revision.pk)
        )
    return True
