"""``manage.py make_renditions``: write the renditions of event images stored without them.

Images uploaded since renditions exist get theirs when they are saved; this command is for
those stored before (run it once after upgrading), or, with ``--force``, to make them all
again after the sizes or qualities in ``events.renditions`` changed. It also records each
image's width and height on its event, which the pages need for ``width``/``height`` and
``srcset``. Safe to run again: an event that has its size recorded is skipped unless
``--force`` is given. Only the storage API is used (works with an object store).
"""

from django.core.management.base import BaseCommand
from PIL import Image

from events import renditions
from events.models import Event


class Command(BaseCommand):
    help = "Make the renditions (WebP/JPEG widths) of event images that lack them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Make them again for every event image."
        )

    def handle(self, *args, force=False, **options):
        events = Event.objects.exclude(image="").only("pk", "image", "image_width")
        if not force:
            events = events.filter(image_width__isnull=True)
        done = failed = 0
        sizes = {}  # a file shared by copies of an event is read once
        for event in events.order_by("pk").iterator(chunk_size=500):
            name = event.image.name
            if name not in sizes:
                try:
                    sizes[name] = renditions.ensure(event.image.storage, name, force=force)
                except (OSError, ValueError, Image.DecompressionBombError) as error:
                    self.stderr.write(f"Event {event.pk}: cannot read {name}: {error}")
                    sizes[name] = None
            if sizes[name] is None:
                failed += 1
                continue
            width, height = sizes[name]
            Event.objects.filter(pk=event.pk).update(image_width=width, image_height=height)
            done += 1
        self.stdout.write(f"Renditions made for {done} events' images; {failed} unreadable.")
