"""Removing uploaded images that nothing uses any more, and their renditions.

An image file is *in use* while an event shows it or a pending revision proposes it
(``EventRevision.data["image"]``). A copied event shares its original's file, so a file is
only deleted once no row names it. Deletion waits for the transaction to commit
(``transaction.on_commit``): a rolled-back save keeps the old image, and a file is never
removed while a row that names it may still be written.

Three ways a file becomes unused, and what removes it:

- an event's image is replaced or removed, or a revision with a new image is rejected or
  replaced: :func:`release` from ``Event.save`` and the revision's signals;
- an event (or a revision) is deleted: :func:`release` from the ``post_delete`` signals;
- an upload is abandoned (a form kept the image for a retry that never came, a crash between
  storing and saving): ``manage.py clean_media`` deletes files under ``events/`` that no row
  names and that are older than the time a form keeps an image (two days).
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from .renditions import all_rendition_names

logger = logging.getLogger(__name__)

#: Where event images are stored (``Event.image``'s ``upload_to`` starts here).
MEDIA_PREFIX = "events"


def _storage():
    return apps.get_model("events", "Event")._meta.get_field("image").storage


def is_in_use(name: str) -> bool:
    """Whether an event shows the image ``name`` or a pending revision proposes it."""
    Event = apps.get_model("events", "Event")
    EventRevision = apps.get_model("events", "EventRevision")
    return (
        Event.objects.filter(image=name).exists()
        or EventRevision.objects.filter(status="pending", data__image=name).exists()
    )


def delete_files(storage, name: str) -> list[str]:
    """Delete the stored image ``name`` and its renditions; returns the names deleted.
    A storage error is logged, not raised (the file stays for ``clean_media``)."""
    deleted = []
    for each in [name, *all_rendition_names(name)]:
        try:
            if storage.exists(each):
                storage.delete(each)
                deleted.append(each)
        except OSError:
            logger.warning("Could not delete the unused image file %s", each)
    return deleted


def release(name: str | None) -> None:
    """After the current transaction commits, delete the image ``name`` and its renditions
    if no event or pending revision uses it then. Does nothing for an empty name."""
    if not name:
        return

    def delete_if_unused():
        if not is_in_use(name):
            delete_files(_storage(), name)

    transaction.on_commit(delete_if_unused)


def names_in_use() -> set[str]:
    """Every stored name in use: the images of events and pending revisions, and their
    possible renditions."""
    Event = apps.get_model("events", "Event")
    EventRevision = apps.get_model("events", "EventRevision")
    originals = set(
        Event.objects.exclude(image="").values_list("image", flat=True).iterator(chunk_size=5000)
    )
    for data in EventRevision.objects.filter(status="pending").values_list("data", flat=True):
        if isinstance(data, dict) and data.get("image"):
            originals.add(data["image"])
    return {each for name in originals for each in [name, *all_rendition_names(name)]}


def stored_files(storage, folder: str = MEDIA_PREFIX):
    """Every file name under ``folder`` in ``storage``, recursively (storage API only)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for file in files:
        yield f"{folder}/{file}"
    for sub in folders:
        yield from stored_files(storage, f"{folder}/{sub}")


def abandoned_files(storage, min_age: timedelta, now=None) -> list[str]:
    """Files under ``events/`` that no event or pending revision uses, last modified more
    than ``min_age`` ago (younger ones may belong to a form still being filled in)."""
    now = now or timezone.now()
    in_use = names_in_use()
    found = []
    for name in stored_files(storage):
        if name in in_use:
            continue
        try:
            modified = storage.get_modified_time(name)
        except (OSError, NotImplementedError):
            continue
        if timezone.is_naive(modified):
            modified = timezone.make_aware(modified)
        if now - modified >= min_age:
            found.append(name)
    return sorted(found)
