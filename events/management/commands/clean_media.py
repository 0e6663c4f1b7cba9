"""``manage.py clean_media``: delete uploaded event images that nothing uses any more.

A file under ``events/`` in the media storage is deleted when no event shows it and no pending
revision proposes it (with its renditions, see ``events.media``), and it was last modified
longer ago than ``--min-age`` hours (default 48: a form keeps an image for a retry for two
days, ``EventForm.KEPT_MAX_AGE``). Replaced and deleted images are removed when that happens;
this command finds what is left: uploads abandoned half-way, rejected proposals from before,
files left by a crash. ``--dry-run`` lists them without deleting. Run it daily from cron.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from events import media
from events.forms import EventForm
from events.models import Event


class Command(BaseCommand):
    help = "Delete event images (and renditions) that no event or pending revision uses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--min-age",
            type=float,
            default=EventForm.KEPT_MAX_AGE / 3600,
            help="Only files older than this many hours (default 48).",
        )

    def handle(self, *args, dry_run=False, min_age=48.0, **options):
        if min_age < 0:
            raise CommandError("--min-age must be zero or more.")
        storage = Event._meta.get_field("image").storage
        names = media.abandoned_files(storage, timedelta(hours=min_age))
        for name in names:
            if dry_run:
                self.stdout.write(f"would delete {name}")
                continue
            try:
                storage.delete(name)
            except OSError as error:
                self.stderr.write(f"could not delete {name}: {error}")
                continue
            self.stdout.write(f"deleted {name}", style_func=lambda text: text)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(names)} unused files."))
