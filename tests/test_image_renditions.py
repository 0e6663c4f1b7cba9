"""Image renditions: the WebP and JPEG widths made once, when an image is saved (staff form,
kept image, approved revision, admin), their sizes on the event, and ``make_renditions`` for
images stored before renditions existed."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from events import renditions
from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, shown, soon
from tests.test_images import kept_token, picture, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "da"


@pytest.fixture
def venue(client):
    venue = VenueFactory()
    user = UserFactory()
    venue.staff.add(user)
    client.force_login(user)
    return venue


def stored(name):
    with default_storage.open(name, "rb") as file, Image.open(file) as image:
        return image.format, image.size


def stem(event):
    return event.image.name.rsplit(".", 1)[0]


def test_an_upload_gets_webp_and_jpeg_renditions_and_its_size_is_recorded(client, venue):
    response = post(client, venue, picture(size=(2400, 1800)))
    assert response.status_code == 302
    event = Event.objects.get()
    # Resized to at most 1600 px, and three widths in WebP; JPEG below the largest.
    assert (event.image_width, event.image_height) == (1600, 1200)
    assert stored(event.image.name) == ("JPEG", (1600, 1200))
    assert stored(f"{stem(event)}-400.webp") == ("WEBP", (400, 300))
    assert stored(f"{stem(event)}-800.webp") == ("WEBP", (800, 600))
    assert stored(f"{stem(event)}-1600.webp") == ("WEBP", (1600, 1200))
    assert stored(f"{stem(event)}-400.jpg") == ("JPEG", (400, 300))
    assert stored(f"{stem(event)}-800.jpg") == ("JPEG", (800, 600))
    assert not default_storage.exists(f"{stem(event)}-1600.jpg")  # the original is that one


def test_a_narrow_image_gets_no_rendition_wider_than_itself(client, venue):
    post(client, venue, picture(size=(600, 900)))
    event = Event.objects.get()
    assert (event.image_width, event.image_height) == (600, 900)
    assert stored(f"{stem(event)}-400.webp") == ("WEBP", (400, 600))
    assert stored(f"{stem(event)}-800.webp") == ("WEBP", (600, 900))
    assert not default_storage.exists(f"{stem(event)}-1600.webp")
    picture_ = event.picture
    assert picture_.webp_srcset.endswith("-800.webp 600w")
    assert picture_.jpeg_srcset.endswith(f"{event.image.name} 600w")
    assert (picture_.width, picture_.height) == (600, 900)


def test_a_kept_image_has_its_renditions_when_the_event_is_saved(client, venue):
    response = post(client, venue, picture(), title="")
    assert response.status_code == 400
    data = event_data(venue, dates=[soon()], save="1", image_alt="Et orkester på scenen")
    data["image_kept"] = kept_token(response)
    assert client.post(reverse("staff:create"), data).status_code == 302
    event = Event.objects.get()
    assert (event.image_width, event.image_height) == (1600, 800)
    assert default_storage.exists(f"{stem(event)}-400.webp")


def test_an_approved_revisions_image_has_renditions_and_its_size(
    client, venue, django_capture_on_commit_callbacks
):
    event = EventFactory(venue=venue, status="published")
    occurrence = OccurrenceFactory(event=event)
    data = event_data(venue, existing=[occurrence], save="1", image_alt="Et kor")
    data["image"] = SimpleUploadedFile("kor.jpg", picture(size=(1000, 500)))
    assert client.post(reverse("staff:edit", args=[event.pk]), data).status_code == 302
    revision = EventRevision.objects.get()
    proposed = revision.data["image"]
    assert default_storage.exists(proposed.rsplit(".", 1)[0] + "-400.webp")  # at upload

    secretary = UserFactory(username="sekretaer", is_staff=True)
    secretary.groups.add(Group.objects.get(name="Sekretariat"))
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_eventrevision_changelist"),
            {"action": "approve", "_selected_action": [str(revision.pk)], **shown(revision)},
        )
    event.refresh_from_db()
    assert event.image.name == proposed
    assert (event.image_width, event.image_height) == (1000, 500)


def test_make_renditions_fills_in_images_stored_before_renditions():
    event = EventFactory()
    name = default_storage.save("events/2020/01/gammel.jpg", ContentFile(picture(size=(900, 600))))
    Event.objects.filter(pk=event.pk).update(image=name)  # as stored by an older version
    event.refresh_from_db()
    assert event.image_width is None
    assert event.picture.webp_srcset == ""  # the page shows the original meanwhile

    out = StringIO()
    call_command("make_renditions", stdout=out)
    event.refresh_from_db()
    assert (event.image_width, event.image_height) == (900, 600)
    assert stored("events/2020/01/gammel-400.webp") == ("WEBP", (400, 267))
    assert stored("events/2020/01/gammel-1600.webp") == ("WEBP", (900, 600))
    assert "1 events" in out.getvalue()


def test_make_renditions_reports_an_unreadable_image_and_goes_on():
    broken, fine = EventFactory(), EventFactory()
    Event.objects.filter(pk=broken.pk).update(image="events/mangler.jpg")
    name = default_storage.save("events/fin.jpg", ContentFile(picture(size=(500, 500))))
    Event.objects.filter(pk=fine.pk).update(image=name)
    err = StringIO()
    call_command("make_renditions", stdout=StringIO(), stderr=err)
    assert "mangler.jpg" in err.getvalue()
    fine.refresh_from_db()
    assert fine.image_width == 500


def test_picture_names_and_widths():
    assert renditions.slot_widths(1600) == [(400, 400), (800, 800), (1600, 1600)]
    assert renditions.slot_widths(1200) == [(400, 400), (800, 800), (1600, 1200)]
    assert renditions.slot_widths(300) == [(400, 300)]
    assert renditions.rendition_name("events/a/b.jpg", 400, "webp") == "events/a/b-400.webp"
