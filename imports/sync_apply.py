"""Bring one source's events here in step with what the source says now (``imports.sync``
runs it inside a transaction).

Reads are done in bulk (the source's items in one query; for the changed ones their events,
dates and classifications in a handful more), so an unchanged source costs a constant number
of queries and writes nothing. A field follows the source while its value here equals the
value last imported (``SourceItem.imported``); one edited here is kept and listed as such.
"""

from collections import defaultdict

from core.text import nfc_text_fields
from events import moderation
from events.models import Audience, Event, FocusArea, Occurrence

from . import duplicates
from .errors import SourceError
from .models import SourceItem, SourceItemDate
from .slugs import opaque_slugs
from .sources import usual_focus_areas
from .sync_report import Change
from .sync_update import UpdateMixin
from .sync_values import (
    FIELDS,
    M2M,
    as_json,
    classify,
    date_status,
    date_values,
    event_values,
    fingerprint,
)

DATE_FIELDS = ("start", "end", "all_day")
BATCH = 500


class Applier(UpdateMixin):
    """One run's changes for ``source``: :meth:`apply` a reader's list of ``SourceEvent``.

    ``window_end`` is where the reader stopped looking (its horizon): a date missing from the
    source is cancelled only between ``now`` and there — or, when the reader says which dates
    its reading speaks for, where ``covers(uid, start, end, all_day=…)`` is true
    (``imports.ics.IcsReading.covers``). ``fetch_image`` is a callable (url →
    ``ContentFile``) or None to leave images alone (a dry run)."""

    def __init__(self, source, report, *, now, window_end, fetch_image=None, covers=None):
        self.source, self.report, self.now, self.window_end = source, report, now, window_end
        self.fetch_image, self.reader_covers = fetch_image, covers
        self.vocabulary = {f.slug: ("focus_areas", f.pk) for f in FocusArea.objects.all()}
        self.vocabulary.update({a.slug: ("audiences", a.pk) for a in Audience.objects.all()})
        focus = sorted(source.focus_areas.values_list("pk", flat=True))
        source.default_ids = {
            "focus_areas": focus or [f.pk for f in usual_focus_areas(source.venue)],
            "audiences": sorted(source.audiences.values_list("pk", flat=True)),
        }
        self.new_occurrences, self.new_rows, self.changed_rows = [], [], []
        self.touched = False

    # --- the run ----------------------------------------------------------------------

    def apply(self, source_events, skipped=()):
        items = {
            i.uid: i
            for i in SourceItem.objects.filter(source=self.source).only(
                "pk", "uid", "event_id", "fingerprint", "is_gone", "sequence"
            )
        }
        new, changed, seen = [], [], set()
        for source_event in source_events:
            if source_event.uid in seen:
                continue  # the same id twice in one document: the first counts
            seen.add(source_event.uid)
            print_ = fingerprint(source_event)
            item = items.get(source_event.uid)
            if item is None:
                new.append((source_event, print_))
            elif item.fingerprint == print_ and not item.is_gone:
                self.report.unchanged += 1
            else:
                changed.append((source_event, print_, item))
        gone = [
            i
            for uid, i in items.items()
            if uid not in seen and uid not in skipped and not i.is_gone
        ]
        if changed or gone:
            self._load([i for *_, i in changed] + gone)
            for source_event, print_, item in changed:
                self._update(source_event, print_, item)
            for item in gone:
                self._gone(item)
        if new:
            self._create(new)
        self._flush()

    def _load(self, items):
        """The changed items' events, date rows, occurrences and classifications."""
        item_pks = [i.pk for i in items]
        full = SourceItem.objects.filter(pk__in=item_pks)
        self.items = {i.pk: i for i in full}
        event_pks = [i.event_id for i in self.items.values() if i.event_id]
        # Locked, in pk order, as events.moderation locks them (event, then revision): an edit
        # here that commits meanwhile is read, and kept, instead of being overwritten.
        locked = Event.objects.select_for_update().filter(pk__in=event_pks).order_by("pk")
        self.events = {e.pk: e for e in locked}
        self.m2m = {name: defaultdict(list) for name in M2M}
        for name in M2M:
            through = getattr(Event, name).through
            column = "focusarea_id" if name == "focus_areas" else "audience_id"
            pairs = through.objects.filter(event_id__in=event_pks).values_list("event_id", column)
            for event_pk, pk in pairs:
                self.m2m[name][event_pk].append(pk)
        self.rows = defaultdict(dict)
        for row in SourceItemDate.objects.filter(item_id__in=item_pks):
            self.rows[row.item_id][row.key] = row
        occurrence_pks = [r.occurrence_id for d in self.rows.values() for r in d.values()]
        self.occurrences = {
            o.pk: o for o in Occurrence.objects.filter(pk__in=[pk for pk in occurrence_pks if pk])
        }

    # --- new events -------------------------------------------------------------------

    def _create(self, new):
        source, created = self.source, []
        new = [(e, p) for e, p in new if self._worth_creating(e)]
        suspects = duplicates.find(source, [e for e, _ in new], self.now)
        events = []
        for source_event, _print in new:
            event = Event(venue=source.venue, imported_from=source.name[:200])
            for name, value in event_values(source_event).items():
                setattr(event, name, value)
            events.append(event)
        admitted = [ev for ev, (se, _) in zip(events, new, strict=True) if se.uid not in suspects]
        moderation.admit_imported(admitted, trusted=source.publishes_at_once)
        through = {name: getattr(Event, name).through for name in M2M}
        links = {name: [] for name in M2M}
        items = []
        image_urls = [
            self._image(ev, se.image_url, "") for ev, (se, _) in zip(events, new, strict=True)
        ]
        self._save_new(events)
        for event, image_url, (source_event, print_) in zip(events, image_urls, new, strict=True):
            focus, audiences = classify(source_event, source, self.vocabulary)
            links["focus_areas"] += [
                through["focus_areas"](event=event, focusarea_id=pk) for pk in focus
            ]
            links["audiences"] += [
                through["audiences"](event=event, audience_id=pk) for pk in audiences
            ]
            suspect = suspects.get(source_event.uid)
            item = SourceItem(
                source=source,
                uid=source_event.uid,
                event=event,
                sequence=source_event.sequence,
                fingerprint=print_,
                imported=self._imported(event, image_url, focus, audiences),
                duplicate=SourceItem.Duplicate.SUSPECTED if suspect else "",
                duplicate_of_id=suspect,
            )
            items.append(item)
            self._add_dates(item, event, source_event)
            created.append(Change(source_event.uid, event.title, event, suspect=bool(suspect)))
        for name in M2M:
            through[name].objects.bulk_create(links[name], batch_size=BATCH)
        SourceItem.objects.bulk_create(items, batch_size=BATCH)
        moderation.record_imported(admitted, source=source.name)
        self.report.created += created
        self.touched = self.touched or bool(created)

    def _save_new(self, events):
        """Save new events: one by one those with an image (its renditions are made as it is
        saved), the others in batches, with what ``Event.save`` would set (slug, search
        text, NFC text, publication time); the search trigger runs either way."""
        plain = [e for e in events if not e.image]
        for event in events:
            if event.image:
                event.save()
        for event, slug in zip(plain, opaque_slugs([e.title for e in plain]), strict=True):
            event.slug = slug
            event.set_search_fields(self.source.venue)
            nfc_text_fields(Event, event)
            if event.status == Event.Status.PUBLISHED:
                event.published_at = self.now
        Event.objects.bulk_create(plain, batch_size=BATCH)

    def _imported(self, event, image_url, focus, audiences):
        values = {name: as_json(getattr(event, name)) for name in FIELDS}
        values.update(image_url=image_url, image=event.image.name or "")
        values.update(focus_areas=sorted(focus), audiences=sorted(audiences))
        return values

    def _image(self, event, url, last_url):
        """Fetch the image at ``url`` when it is new; returns the url now imported."""
        if not url or url == last_url or self.fetch_image is None:
            return url if self.fetch_image is not None else last_url
        try:
            event.image = self.fetch_image(url)
        except SourceError as error:
            self.report.errors.append(f"{event.title}: {error}")
            return last_url
        event.image_alt = event.image_alt or event.title[:250]
        return url

    def _worth_creating(self, source_event) -> bool:
        """A new event is created when one of its dates is still to come and not cancelled."""
        if source_event.cancelled:
            return False
        return any(self._date_is_current(d) and not d.cancelled for d in source_event.dates)

    def _date_is_current(self, date):
        values = date_values(date)
        return (values["end"] or values["start"]) >= self.now

    def _add_dates(self, item, event, source_event, rows=None, starts=None):
        """New date rows (and occurrences) for the dates of ``source_event`` not in
        ``rows``; one occurrence per start (the database allows no second)."""
        rows = rows if rows is not None else {}
        starts = starts if starts is not None else set()
        for date in source_event.dates:
            if date.key in rows:
                continue
            values = date_values(date)
            cancelled = date.cancelled or source_event.cancelled
            occurrence = None
            if event is not None and values["start"] not in starts and self._date_is_current(date):
                starts.add(values["start"])
                occurrence = Occurrence(event=event, status=date_status(cancelled), **values)
                self.new_occurrences.append(occurrence)
            row = SourceItemDate(item=item, key=date.key, cancelled=cancelled, **values)
            row.pending_occurrence = occurrence
            rows[date.key] = row
            self.new_rows.append(row)

    def _flush(self):
        Occurrence.objects.bulk_create(self.new_occurrences, batch_size=BATCH)
        for row in self.new_rows:
            row.item = row.item  # the item's pk, now that it is saved
            row.occurrence = row.pending_occurrence
        SourceItemDate.objects.bulk_create(self.new_rows, batch_size=BATCH)
        if self.changed_rows:
            SourceItemDate.objects.bulk_update(
                self.changed_rows, [*DATE_FIELDS, "cancelled", "is_gone"]
            )
        self.touched = self.touched or bool(self.new_occurrences)
