"""Run a source: fetch its document, read it, and bring its events here in step.

``run(source)`` is what ``manage.py import_events``, the admin's «Hent nu» and «Prøv uden at
gemme» (``dry_run=True``) call. The rules (docs/imports.md, "Staying in step"):

- a new source event becomes an ``Event`` with its dates, its status given by
  ``events.moderation.admit_imported`` (trusted source: published; reviewed: awaiting
  review, and the secretariat gets one e-mail per run) — unless it matches an event already
  here (``imports.duplicates``): then it stays a draft, flagged;
- a changed one updates the fields that still hold what was last imported (a field edited
  here is kept) and its dates (a moved or cancelled date's ``Occurrence.sequence`` rises);
  a published event from a reviewed source is updated at once, as its dates must be;
- a date gone from the source, between now and the reader's horizon, is cancelled — never
  deleted; past dates are left as they are; an event gone has its dates cancelled;
- an unchanged source event is recognised by its fingerprint: nothing is written for it;
  the very document the last good run read, again the same day, is not even read.

Everything happens in one transaction; a document that cannot be fetched or read leaves
every event untouched and its Danish message in the source's status.
"""

import hashlib
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.pagecache import bump_content_version

from . import run_guard
from .errors import SourceError
from .models import EventSource
from .sync_apply import Applier
from .sync_read import HORIZON_DAYS, Reading, fetch_document, fetch_image, read
from .sync_report import Change, RunReport

__all__ = ["Change", "RunReport", "run"]

logger = logging.getLogger(__name__)
UNEXPECTED = "Importen stoppede ved en uventet fejl; intet blev ændret. Se serverens log."


def run(
    source, *, dry_run=False, now=None, document=None, events=None, horizon_days=HORIZON_DAYS
) -> RunReport:
    """Import ``source`` (an ``EventSource``) and return what was done (or, with
    ``dry_run``, what would be: everything is rolled back and no image is fetched).

    ``document`` (bytes) is used instead of fetching ``source.url`` (a one-off file, a
    test); ``events`` (a list of ``imports.items.SourceEvent``) instead of reading one.
    ``now`` is the moment the run counts from (aware datetime; default: now);
    ``horizon_days`` how far ahead the source is read (and dates gone are cancelled). Raises
    nothing for a source that fails: the report has ``failed`` and ``errors``, and the
    source's status says why (unless ``dry_run``).

    A source of an inactive venue is not run; nor is one another run holds
    (``imports.run_guard``: the report is ``failed`` and ``busy``, and the source's status is
    left as that run will write it)."""
    now = now or timezone.now()
    report = RunReport(source=source, dry_run=dry_run)
    refused = run_guard.refusal(source)
    if refused:
        report.failed = True
        report.errors.append(refused)
        return report
    if dry_run or source.pk is None:
        return _run(source, report, dry_run, now, document, events, horizon_days)
    if not run_guard.claim(source):
        report.failed = report.busy = True
        report.errors.append(run_guard.BUSY)
        return report
    try:
        # The source as it is now: a run that waited its turn (cron goes through the due
        # sources one by one) must not fetch an address or use settings changed meanwhile.
        source.refresh_from_db()
        return _run(source, report, dry_run, now, document, events, horizon_days)
    finally:
        run_guard.release(source)


def _run(source, report, dry_run, now, document, events, horizon_days):
    reading = Reading(events)
    try:
        if events is None:
            charset = ""
            if document is None:
                document, charset = fetch_document(source)
            report.digest = f"{hashlib.sha256(document).hexdigest()}:{horizon_days}"
            if not dry_run and _read_already(source, report.digest, now):
                return _same_document(source, report, now)
            reading = read(source, document, charset, now=now, horizon_days=horizon_days)
            report.errors += reading.problems
        return _apply(source, report, reading, now=now, dry_run=dry_run, horizon_days=horizon_days)
    except SourceError as error:
        report.failed = True
        report.errors.insert(0, str(error))
        if not dry_run:
            _record(source, report, now)
        return report
    except Exception:
        # A fault of ours, not the source's: nothing was saved (the transaction rolled back);
        # the source says so and the next run tries again.
        logger.exception("Import of source %s failed", source.pk)
        report.failed, report.created, report.updated, report.cancelled = True, [], [], []
        report.kept = []
        report.unchanged = 0
        report.errors.insert(0, UNEXPECTED)
        if not dry_run:
            _record(source, report, now)
        return report


def _apply(source, report, reading, *, now, dry_run, horizon_days):
    with transaction.atomic():
        applier = Applier(
            source,
            report,
            now=now,
            window_end=now + timedelta(days=horizon_days),
            fetch_image=None if dry_run else fetch_image,
            covers=reading.covers,
        )
        applier.apply(reading.events, skipped=reading.skipped)
        if dry_run:
            transaction.set_rollback(True)
        else:
            _record(source, report, now)
            if applier.touched:
                transaction.on_commit(bump_content_version)
    return report


def _read_already(source, digest, now) -> bool:
    """The same document as the last good run read today: nothing in it can have changed
    (dates pass, but past dates are left alone; the horizon moves by less than a day)."""
    return (
        source.last_outcome == EventSource.Outcome.OK
        and source.document_sha256 == digest
        and source.document_read_on == timezone.localdate(now)
    )


def _same_document(source, report, now):
    report.document_unchanged = True
    report.unchanged = (
        source.last_created + source.last_updated + source.last_kept + source.last_unchanged
    )
    report.errors = [e for e in source.last_errors.split("\n") if e]
    _record(source, report, now)
    return report


def _record(source, report, now):
    """Store the run's outcome on the source: one UPDATE of its status columns."""
    counts = report.counts
    values = {
        "last_run_at": now,
        "last_outcome": EventSource.Outcome.FAILED if report.failed else EventSource.Outcome.OK,
        "last_created": counts["created"],
        "last_updated": counts["updated"],
        "last_cancelled": counts["cancelled"],
        "last_kept": counts["kept"],
        "last_unchanged": counts["unchanged"],
        "last_errors": "\n".join(report.errors)[:10_000],
        "document_sha256": "" if report.failed else report.digest,
        "document_read_on": timezone.localdate(now),
        "running_since": None,  # the run's claim (imports.run_guard) ends with it
    }
    EventSource.objects.filter(pk=source.pk).update(**values)
    for name, value in values.items():
        setattr(source, name, value)
