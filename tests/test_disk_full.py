"""A full disk when an image is uploaded: a clear message on the form, never a 500, and
nothing half-saved — no event, no dates, no truncated file."""

import errno
from io import BytesIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event, EventRevision, Occurrence
from tests.factories import OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

MESSAGE = "Billedet kunne ikke gemmes"


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "da"


@pytest.fixture
def venue(client):
    venue = VenueFactory(is_trusted=False)
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    return venue


@pytest.fixture
def disk_full():
    """Storage writes part of the file, then the disk is full — as on a real full disk."""

    def fail(storage, name, content, *args, **kwargs):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(1024))
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch.object(FileSystemStorage, "_save", autospec=True, side_effect=fail):
        yield


def picture() -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (1200, 800), (200, 30, 60)).save(out, "JPEG")
    return SimpleUploadedFile("plakat.jpg", out.getvalue(), content_type="image/jpeg")


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def post(client, url, data):
    data = {**data, "image": picture(), "image_alt": "En plakat"}
    return client.post(url, data)


def test_a_new_submission_with_an_image_shows_a_message(client, venue, disk_full, tmp_path):
    response = post(client, reverse("staff:create"), event_data(venue, dates=[soon()], submit="1"))
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert MESSAGE in " ".join(response.context["form"].errors["image"])
    assert not Event.objects.exists()
    assert not Occurrence.objects.exists()
    assert stored_files(tmp_path) == []  # the truncated file is removed


def test_a_draft_with_an_image_shows_a_message(client, venue, disk_full, tmp_path):
    response = post(client, reverse("staff:create"), event_data(venue, dates=[soon()], save="1"))
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Event.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_form_with_another_error_still_shows_both(client, venue, disk_full, tmp_path):
    # The image of a form that comes back with an error is stored to be kept: that write fails.
    data = event_data(venue, dates=[soon()], submit="1", title="")
    response = post(client, reverse("staff:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert MESSAGE in html
    assert "Giv arrangementet en titel." in html
    assert 'name="image_kept" value=' not in html  # nothing kept: it was not stored
    assert stored_files(tmp_path) == []


def test_changes_to_a_published_event_with_an_image_show_a_message(
    client, venue, disk_full, tmp_path
):
    occurrence = OccurrenceFactory(event__venue=venue, start=soon()[0], end=soon()[1])
    event = occurrence.event
    data = event_data(venue, existing=[occurrence], save="1", title="Nyt navn")
    response = post(client, reverse("staff:edit", args=[event.pk]), data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not EventRevision.objects.exists()
    event.refresh_from_db()
    assert event.title != "Nyt navn"
    assert stored_files(tmp_path) == []


def test_other_storage_errors_without_an_image_are_not_hidden(client, venue):
    with (
        mock.patch("events.views.staff.EventFormView.save_or_show", side_effect=OSError),
        pytest.raises(OSError),
    ):
        client.post(reverse("staff:create"), event_data(venue, dates=[soon()], save="1"))
