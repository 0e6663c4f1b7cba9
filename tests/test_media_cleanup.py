"""Uploaded images are removed once nothing uses them: a replaced or removed image after the
save commits, a deleted event's image, a rejected revision's proposal, and abandoned uploads
by ``manage.py clean_media``; an image a copy (or a pending revision) still uses is kept."""

import os
import time
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from events import moderation
from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data
from tests.test_images import picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "da"


@pytest.fixture
def staff(client):
    venue = VenueFactory(is_trusted=True)
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    return venue


def files(tmp_path):
    return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())


def with_image(**fields):
    event = EventFactory(**fields)
    event.image = ContentFile(picture(size=(900, 600)), name="foto.jpg")
    event.image_alt = "Et billede"
    event.save()
    return event


def edit(client, event, **extra):
    occurrence = event.occurrences.first() or OccurrenceFactory(event=event)
    data = event_data(event.venue, existing=[occurrence], save="1", image_alt="Et kor", **extra)
    return client.post(reverse("staff:edit", args=[event.pk]), data)


def test_a_replaced_image_and_its_renditions_are_deleted_after_the_save_commits(
    client, staff, tmp_path, django_capture_on_commit_callbacks
):
    event = with_image(venue=staff)
    old = files(tmp_path)
    assert len(old) == 6  # the original (900 px), WebP at 400/800/900 px, JPEG at 400/800
    new_upload = SimpleUploadedFile("ny.jpg", picture(size=(1000, 500)))
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(client, event, image=new_upload).status_code == 302
    event.refresh_from_db()
    now = files(tmp_path)
    assert not set(old) & set(now)
    assert event.image.name in now and len(now) == 6


def test_the_old_image_stays_until_the_save_commits(client, staff, tmp_path):
    event = with_image(venue=staff)
    old = files(tmp_path)
    # The test's transaction never commits, so the on-commit deletion never runs: as with a
    # save that is rolled back.
    edit(client, event, image=SimpleUploadedFile("ny.jpg", picture()))
    assert set(old) <= set(files(tmp_path))


def test_a_removed_image_is_deleted(client, staff, tmp_path, django_capture_on_commit_callbacks):
    event = with_image(venue=staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(client, event, **{"image-clear": "on"}).status_code == 302
    assert files(tmp_path) == []
    event.refresh_from_db()
    assert not event.image and event.image_width is None


def test_an_image_a_copy_still_shows_is_kept(
    client, staff, tmp_path, django_capture_on_commit_callbacks
):
    event = with_image(venue=staff)
    copy = event.copy_as_draft(UserFactory())
    assert copy.image.name == event.image.name
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, event, image=SimpleUploadedFile("ny.jpg", picture()))
    assert default_storage.exists(copy.image.name)
    assert default_storage.exists(copy.image.name.rsplit(".", 1)[0] + "-400.webp")


def test_a_deleted_events_image_is_deleted(tmp_path, django_capture_on_commit_callbacks):
    event = with_image()
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert files(tmp_path) == []


def test_events_deleted_in_the_admin_lose_their_images(
    client, tmp_path, django_capture_on_commit_callbacks
):
    events = [with_image(), with_image()]
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:events_event_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [str(e.pk) for e in events],
                "post": "yes",
            },
        )
    assert response.status_code == 302
    assert not Event.objects.exists()
    assert files(tmp_path) == []


def test_a_rejected_revisions_image_is_deleted_and_the_events_kept(
    client, tmp_path, django_capture_on_commit_callbacks
):
    venue = VenueFactory(is_trusted=False)
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    event = with_image(venue=venue, status="published")
    shown = files(tmp_path)
    edit(client, event, image=SimpleUploadedFile("ny.jpg", picture()))
    revision = EventRevision.objects.get()
    assert len(files(tmp_path)) == len(shown) + 6  # the proposal, stored with renditions
    secretary = UserFactory(username="sekretaer", is_staff=True)
    secretary.groups.add(Group.objects.get(name="Sekretariat"))
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject_revision(revision, secretary, "Nej tak.", version=revision.version)
    assert files(tmp_path) == shown


def test_a_second_proposal_releases_the_first_proposed_image(
    client, tmp_path, django_capture_on_commit_callbacks
):
    venue = VenueFactory(is_trusted=False)
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    event = EventFactory(venue=venue, status="published")
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, event, image=SimpleUploadedFile("a.jpg", picture()))
        first = EventRevision.objects.get().data["image"]
        edit(client, event, image=SimpleUploadedFile("b.jpg", picture()))
    second = EventRevision.objects.get().data["image"]
    assert first != second
    assert not default_storage.exists(first)
    assert default_storage.exists(second)


# --- clean_media ----------------------------------------------------------------------------


def age(tmp_path, name, hours):
    then = time.time() - hours * 3600
    os.utime(tmp_path / name, (then, then))


def run_clean(*args):
    out = StringIO()
    call_command("clean_media", *args, stdout=out)
    return out.getvalue()


def test_clean_media_deletes_old_abandoned_uploads_only(tmp_path):
    event = with_image()
    for name in files(tmp_path):
        age(tmp_path, name, 100)
    abandoned = default_storage.save("events/2026/01/glemt.jpg", ContentFile(b"x"))
    rendition = default_storage.save("events/2026/01/glemt-400.webp", ContentFile(b"x"))
    recent = default_storage.save("events/2026/01/igang.jpg", ContentFile(b"x"))  # a form's
    pending = default_storage.save("events/2026/01/forslag.jpg", ContentFile(b"x"))
    EventRevision.objects.create(event=event, data={"fields": {}, "image": pending})
    for name in (abandoned, rendition, pending):
        age(tmp_path, name, 100)
    in_use = [n for n in files(tmp_path) if n not in (abandoned, rendition)]

    report = run_clean("--dry-run")
    assert f"would delete {abandoned}" in report and f"would delete {rendition}" in report
    assert "Would delete 2 unused files." in report
    assert abandoned in files(tmp_path)

    report = run_clean()
    assert "Deleted 2 unused files." in report
    assert files(tmp_path) == in_use
    assert recent in files(tmp_path)


def test_clean_media_min_age_can_be_shortened(tmp_path):
    name = default_storage.save("events/glemt.jpg", ContentFile(b"x"))
    age(tmp_path, name, 2)
    assert "Deleted 0" in run_clean()
    assert "Deleted 1" in run_clean("--min-age", "1")
    assert files(tmp_path) == []


def test_clean_media_with_no_media_folder_deletes_nothing(tmp_path):
    assert "Deleted 0 unused files." in run_clean()
