"""``manage.py import_events``: run the event sources (imports.sync.run).

- no options: every active source whose fetch interval has passed (what cron runs; see
  docs/operations.md);
- ``--source ID`` (repeatable): those sources, due or not;
- ``--url URL --venue SLUG`` or ``--file PATH --venue SLUG``: a one-off import into the
  venue's source for that address or file (made, inactive, when missing: a file cannot be
  fetched again, and a one-off address is added to cron in the admin by making it active);
  the kind is guessed from the document (``BEGIN:VCALENDAR`` is ICS, else a web page);
- ``--demo``: the demo calendar (``imports/demo/``) into the demo venue Fjordscenen;
- ``--dry-run``: show what would change, save nothing.

Prints a line per source as it runs and a summary table; exits with status 1 when a source
failed (the others are still run).
"""

import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from imports.errors import SourceError
from imports.models import EventSource
from imports.sources import one_off_source, usual_focus_areas
from imports.sync import run
from imports.sync_read import guess_kind
from municipalities.models import Venue

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "fjordscenen.ics"
DEMO_VENUE = "Fjordscenen"
#: The demo calendar's categories and what they mean here.
DEMO_CATEGORIES = {
    "Koncert": ["musik"],
    "Jazz": ["musik", "voksne"],
    "Børn": ["boern"],
    "Familie": ["familier"],
    "Ung": ["ungekultur", "unge"],
    "Sundhed": ["kultur-og-sundhed"],
    "Seniorer": ["seniorer"],
}
DEMO_WEEKS = 6


def printable(text) -> str:
    """``text`` with every control or format character (Unicode category C: CR, LF, ESC,
    bidi overrides …) written as ``\\uXXXX``: a name or title from a venue cannot forge a
    line of cron's output or a terminal escape."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in str(text)
    )


HEADINGS = ("id", "source", "venue", "outcome", "created", "updated", "cancelled", "unchanged")


class Command(BaseCommand):
    help = "Import events from the event sources that are due (or those named)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", metavar="ID")
        parser.add_argument("--url", help="A one-off import from this address.")
        parser.add_argument("--file", help="A one-off import from this file.")
        parser.add_argument("--venue", help="The venue's slug (with --url or --file).")
        parser.add_argument("--name", help="The source's name (with --url or --file).")
        parser.add_argument("--demo", action="store_true", help="The demo calendar.")
        parser.add_argument("--dry-run", action="store_true", help="Save nothing.")

    def handle(self, *args, **options):
        dry_run, self.verbosity = options["dry_run"], options["verbosity"]
        if options["demo"]:
            venue = Venue.objects.filter(name=DEMO_VENUE).first()
            if venue is None:
                self.stdout.write("The demo venue is missing; no demo source imported.")
                return
            options.update(file=str(DEMO_FILE), venue=venue.slug, name="Fjordscenens kalender")
        if options["url"] or options["file"]:
            with transaction.atomic():
                reports = [self.one_off(options, dry_run)]
                if dry_run:  # the source made for it goes too
                    transaction.set_rollback(True)
        else:
            if options["source"]:
                sources = list(
                    EventSource.objects.filter(pk__in=options["source"]).select_related("venue")
                )
                missing = set(options["source"]) - {s.pk for s in sources}
                if missing:
                    raise CommandError(f"No source with id {', '.join(map(str, missing))}.")
            else:
                sources = EventSource.objects.due()
            reports = [self.run_one(source, dry_run) for source in sources]
        self.summary(reports, dry_run)
        failed = [r for r in reports if r.failed and not r.busy]  # busy: the other run reports
        if failed and not options["demo"]:  # the demo's failure is shown, never fatal
            raise CommandError(f"{len(failed)} of {len(reports)} sources failed.")

    def one_off(self, options, dry_run):
        if not options["venue"]:
            raise CommandError("--venue SLUG is needed with --url or --file.")
        venue = Venue.objects.filter(slug=options["venue"]).first()
        if venue is None:
            raise CommandError(f"No venue with the slug «{options['venue']}».")
        document = None
        if options["file"]:
            try:
                document = Path(options["file"]).read_bytes()
            except OSError as error:
                raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
            kind, url = guess_kind(document), ""
        else:
            url = options["url"]
            kind = self.guess_url_kind(url)
        name = options["name"] or (Path(options["file"]).name if options["file"] else url)
        source = one_off_source(venue, url=url, kind=kind, name=name[:200])
        if not source.focus_areas.exists():
            source.focus_areas.set(usual_focus_areas(venue))
        horizon = {}
        if options["demo"]:
            horizon = {"horizon_days": DEMO_WEEKS * 7}
            if not source.category_map:
                source.category_map = DEMO_CATEGORIES
                source.save(update_fields=["category_map"])
        return self.run_one(source, dry_run, document=document, **horizon)

    @staticmethod
    def guess_url_kind(url):
        """An address is fetched as what it looks like first (…​.ics, webcal), and the
        kind is corrected by the document's first bytes."""
        from imports import fetch

        try:
            body = fetch.fetch(url, kind="ics").body
        except SourceError:
            return "jsonld"
        return guess_kind(body)

    def run_one(self, source, dry_run, document=None, **options):
        name = f"{printable(source.name)} ({printable(source.venue.name)}) … "
        if self.verbosity:
            self.stdout.write(name, ending="")
            self.stdout.flush()
        report = run(source, dry_run=dry_run, document=document, **options)
        if report.busy:
            skipped = self.style.WARNING(f"skipped: {report.errors[0]}")
            self.stdout.write(skipped if self.verbosity else name + skipped)
        elif report.failed:
            failed = self.style.ERROR(f"failed: {printable(report.errors[0])}")
            self.stdout.write(failed if self.verbosity else name + failed)
        elif self.verbosity:
            counts = report.counts
            self.stdout.write(
                self.style.SUCCESS("ok")
                + f" ({counts['created']} created, {counts['updated']} updated, "
                f"{counts['cancelled']} cancelled, {counts['unchanged']} unchanged)"
            )
            for error in report.errors:
                self.stdout.write(f"  {printable(error)}")
        return report

    def summary(self, reports, dry_run):
        if not self.verbosity:
            return
        if not reports:
            self.stdout.write("No source is due.")
            return
        rows = [HEADINGS]
        for report in reports:
            source, counts = report.source, report.counts
            outcome = "skipped" if report.busy else "failed" if report.failed else "ok"
            rows.append(
                (
                    str(source.pk or "-"),
                    printable(source.name)[:40],
                    printable(source.venue.name)[:30],
                    outcome,
                    *(str(counts[name]) for name in HEADINGS[4:]),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS))]
        self.stdout.write("")
        for n, row in enumerate(rows):
            cells = [
                cell.rjust(width) if i >= 4 or i == 0 else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
