"""Changes to events imported before: fields that follow the source, dates moved, added,
cancelled or gone (part of ``imports.sync_apply.Applier``)."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, Occurrence

from .models import SourceItem
from .sync_report import Change
from .sync_values import (
    FIELDS,
    as_json,
    classify,
    date_status,
    date_values,
    event_values,
    same_moment,
    same_value,
)

CANCELLED = Occurrence.Status.CANCELLED
COLUMNS = {"focus_areas": "focusarea_id", "audiences": "audience_id"}


def _as_was(occurrence, status=None):
    """An unsaved copy of ``occurrence``'s date as it is now (``status`` instead of its own)."""
    return Occurrence(
        start=occurrence.start,
        end=occurrence.end,
        all_day=occurrence.all_day,
        status=status or occurrence.status,
    )


class UpdateMixin:
    def _update(self, source_event, print_, item):
        item = self.items[item.pk]
        event = self.events.get(item.event_id)
        change = Change(source_event.uid, source_event.title, event)
        imported = dict(item.imported)
        rows_before = len(self.changed_rows) + len(self.new_rows)
        if event is not None:
            self._update_fields(event, source_event, imported, change)
            self._update_dates(item, event, source_event, change)
        else:  # deleted here: remembered, never brought back
            self._add_dates(item, None, source_event, self.rows[item.pk])
        rows_changed = len(self.changed_rows) + len(self.new_rows) != rows_before
        same = (item.sequence, item.is_gone, item.imported) == (
            source_event.sequence,
            False,
            imported,
        )
        # When only dates that passed left the reading, nothing is written: the stale
        # fingerprint costs a comparison on the next run, not a write on every run.
        if not (same and not change.fields and not change.dates and not rows_changed):
            item.fingerprint, item.sequence, item.is_gone = print_, source_event.sequence, False
            item.imported = imported
            item.save(
                update_fields=["fingerprint", "sequence", "is_gone", "imported", "updated_at"]
            )
        if change.fields or change.dates:
            cancelled_only = not change.fields and all(o.status == CANCELLED for o in change.dates)
            (self.report.cancelled if cancelled_only else self.report.updated).append(change)
            self.touched = True
        elif change.kept:
            self.report.kept.append(change)
        else:
            self.report.unchanged += 1

    def _update_fields(self, event, source_event, imported, change):
        """Set the fields that still follow the source to its new values; list the ones
        edited here (``change.kept``)."""
        values = event_values(source_event)
        changed = []
        for name in FIELDS:
            current, new = as_json(getattr(event, name)), as_json(values[name])
            if name in imported and not same_value(current, imported[name]):
                if not same_value(new, current):
                    change.kept.append(name)
                    change.held[name] = (new, current)
            elif not same_value(new, current):
                change.was[name] = current
                setattr(event, name, values[name])
                changed.append(name)
            imported[name] = new
        if (event.image.name or "") == imported.get("image", ""):  # not replaced here
            last_url = imported.get("image_url", "")
            imported["image_url"] = self._image(event, source_event.image_url, last_url)
            if not event.image._committed:
                changed += ["image", "image_alt"]
        if changed:
            event.save(update_fields=changed)
            imported["image"] = event.image.name or ""
        focus, audiences = classify(source_event, self.source, self.vocabulary)
        for name, ids in (("focus_areas", focus), ("audiences", audiences)):
            current = sorted(self.m2m[name][event.pk])
            if current == imported.get(name, current) and current != sorted(ids):
                through = getattr(Event, name).through
                through.objects.filter(event_id=event.pk).delete()
                through.objects.bulk_create(
                    through(event_id=event.pk, **{COLUMNS[name]: pk}) for pk in ids
                )
                changed.append(name)
            elif current != imported.get(name, current) and current != sorted(ids):
                change.kept.append(name)
                change.held[name] = (sorted(ids), current)
            imported[name] = sorted(ids)
        change.fields = [n for n in changed if n != "image_alt"]

    def _update_dates(self, item, event, source_event, change):
        rows = self.rows[item.pk]
        # Every start the event has, dates added here by hand or kept by a merge included:
        # the database allows one date per start, so a source date on a taken start is
        # neither added nor moved there (an IntegrityError failed every later run).
        taken = set(Occurrence.objects.filter(event=event).values_list("start", flat=True))
        wanted = {}
        for date in source_event.dates:
            wanted.setdefault(date.key, date)
        for key, date in wanted.items():
            row = rows.get(key)
            if row is None:
                continue
            values = date_values(date)
            cancelled = date.cancelled or source_event.cancelled
            occurrence = self.occurrences.get(row.occurrence_id)
            mine = occurrence is not None and occurrence.event_id == event.pk
            before = _as_was(occurrence) if mine else None
            if mine and self._follow(occurrence, row, values, cancelled, taken):
                change.dates.append(occurrence)
                change.was_dates[occurrence.pk] = before
            if self._row_differs(row, values, cancelled):
                row.start, row.end, row.all_day = values["start"], values["end"], values["all_day"]
                row.cancelled, row.is_gone = cancelled, False
                self.changed_rows.append(row)
        before = len(self.new_occurrences)
        self._add_dates(item, event, source_event, rows, taken)
        change.dates += self.new_occurrences[before:]
        for key, row in rows.items():
            gone = key not in wanted and not row.is_gone and row.pk
            if gone and self._cancel_gone(row, item.uid):
                occurrence = self.occurrences[row.occurrence_id]
                change.dates.append(occurrence)
                change.was_dates[occurrence.pk] = _as_was(occurrence, Occurrence.Status.SCHEDULED)

    def _follow(self, occurrence, row, values, cancelled, taken) -> bool:
        """Move and (un)cancel ``occurrence`` as the source says, field by field where it
        still equals what was imported; ``taken`` is the set of the event's starts (updated
        when it moves). Returns whether it changed (its SEQUENCE rises)."""
        changed, old_start = False, occurrence.start
        if values["start"] != occurrence.start and values["start"] in taken:
            values = {**values, "start": occurrence.start, "end": occurrence.end}  # no clash
        for name in ("start", "end"):
            current = getattr(occurrence, name)
            follows = same_moment(current, getattr(row, name))
            if follows and not same_moment(values[name], current):
                setattr(occurrence, name, values[name])
                changed = True
        if occurrence.all_day == row.all_day and values["all_day"] != occurrence.all_day:
            occurrence.all_day, changed = values["all_day"], True
        imported_status = CANCELLED if row.cancelled or row.is_gone else None
        status = date_status(cancelled)
        following = occurrence.status == (imported_status or Occurrence.Status.SCHEDULED)
        if following and occurrence.status != status:
            occurrence.status, changed = status, True
        if occurrence.end is not None and occurrence.end < occurrence.start:
            occurrence.end = None
        if changed:
            taken.discard(old_start)
            taken.add(occurrence.start)
            occurrence.save()
        return changed

    @staticmethod
    def _row_differs(row, values, cancelled) -> bool:
        return (
            row.is_gone
            or row.cancelled != cancelled
            or row.all_day != values["all_day"]
            or not same_moment(row.start, values["start"])
            or not same_moment(row.end, values["end"])
        )

    def _covers(self, uid, row) -> bool:
        """Whether the reading speaks for the stored date ``row``: the reader's own rule, else
        not ended before now and starting before the horizon."""
        if self.reader_covers is None:
            return (row.end or row.start) >= self.now and row.start < self.window_end
        if row.all_day:
            first = timezone.localdate(row.start)
            last = timezone.localdate(row.end - timedelta(days=1)) if row.end else first
            return self.reader_covers(uid, first, last, all_day=True)
        return self.reader_covers(uid, row.start, row.end)

    def _cancel_gone(self, row, uid) -> bool:
        """A date no longer in the source: cancelled when the reading covers it (a past date,
        or one beyond what the reader looked at, is left)."""
        if not self._covers(uid, row):
            return False
        row.is_gone = True
        self.changed_rows.append(row)
        occurrence = self.occurrences.get(row.occurrence_id)
        if occurrence is None or occurrence.status == CANCELLED:
            return False
        if occurrence.status != date_status(row.cancelled):
            return False  # set by hand (sold out, postponed): the secretariat decides
        occurrence.status = CANCELLED
        occurrence.save()
        return True

    def _gone(self, item):
        """An event no longer in the reading: its dates the reading covers are cancelled (an
        event whose dates all passed has only left the window: nothing is cancelled). The
        item is marked once, so that later runs do not load it again."""
        item = self.items[item.pk]
        event = self.events.get(item.event_id)
        change = Change(item.uid, item.imported.get("title", item.uid), event)
        for row in self.rows[item.pk].values():
            if not row.is_gone and self._cancel_gone(row, item.uid):
                change.dates.append(self.occurrences[row.occurrence_id])
        SourceItem.objects.filter(pk=item.pk).update(is_gone=True, updated_at=self.now)
        if change.dates:
            self.report.cancelled.append(change)
            self.touched = True
