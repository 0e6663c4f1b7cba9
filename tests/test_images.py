"""Event images through the staff form: content checks, size limits, decompression bombs,
re-encoding without metadata, resizing and generated names."""

import re
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event
from tests.factories import UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, client):
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


def picture(fmt="JPEG", size=(2400, 1200), mode="RGB", exif=None):
    out = BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, (200, 30, 60) if mode == "RGB" else None).save(out, fmt, **kwargs)
    return out.getvalue()


def post(client, venue, content, name="foto.jpg", **extra):
    extra.setdefault("image_alt", "Et orkester på scenen")
    data = event_data(venue, dates=[soon()], save="1", **extra)
    data["image"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(reverse("staff:create"), data)


def image_errors(response):
    return " ".join(response.context["form"].errors.get("image", []))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_resized_and_stored_as_jpeg_under_a_new_name(client, venue, fmt):
    response = post(client, venue, picture(fmt), name="Mit billede.png")
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("events/")
    assert event.image.name.endswith(".jpg")
    assert "Mit billede" not in event.image.name
    with Image.open(event.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1600, 800)


def test_exif_and_gps_data_are_removed(client, venue):
    exif = Image.Exif()
    exif[0x010F] = "Kameramærke"  # Make
    exif[0x8825] = {2: (55.0, 40.0, 30.0)}  # GPSInfo: latitude
    response = post(client, venue, picture(exif=exif.tobytes()))
    assert response.status_code == 302
    with Image.open(Event.objects.get().image.path) as stored:
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


def test_transparent_png_is_flattened(client, venue):
    response = post(client, venue, picture("PNG", mode="RGBA"), name="logo.png")
    assert response.status_code == 302


def test_a_text_file_called_jpg_is_refused(client, venue):
    response = post(client, venue, b"<?php echo 'hej'; ?>" * 50)
    assert response.status_code == 400
    assert "ikke et JPEG-, PNG- eller WebP-billede" in image_errors(response)
    assert not Event.objects.exists()


def test_a_gif_is_refused_even_when_named_jpg(client, venue):
    response = post(client, venue, picture("GIF", mode="P"))
    assert response.status_code == 400
    assert "ikke et JPEG-, PNG- eller WebP-billede" in image_errors(response)


def test_a_truncated_jpeg_is_refused(client, venue):
    response = post(client, venue, picture()[:400])
    assert response.status_code == 400
    assert image_errors(response)


def test_a_file_over_10_mb_is_refused(client, venue):
    response = post(client, venue, b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "højst fylde 10 MB" in image_errors(response)


def _png_header_only(width, height):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [7000, 50_000])
def test_a_decompression_bomb_is_refused_before_decoding(client, venue, side):
    # A few hundred bytes that claim 49 million / 2.5 billion pixels.
    response = post(client, venue, _png_header_only(side, side), name="bomb.png")
    assert response.status_code == 400
    assert image_errors(response)
    assert not Event.objects.exists()


def test_a_tiny_image_is_refused(client, venue):
    response = post(client, venue, picture(size=(40, 40)))
    assert response.status_code == 400
    assert "for lille" in image_errors(response)


def test_an_image_needs_alt_text(client, venue):
    response = post(client, venue, picture(), image_alt="")
    assert response.status_code == 400
    assert response.context["form"].errors["image_alt"] == [
        "Beskriv billedet for dem, der ikke kan se det."
    ]
    assert not Event.objects.exists()


# --- An image that was fine is kept when the form comes back with an error ------------------


def kept_token(response):
    html = response.content.decode()
    match = re.search(r'name="image_kept" value="([^"]+)"', html)
    assert match, "the form carries no kept image"
    return match.group(1)


def test_an_accepted_image_is_kept_when_another_field_has_an_error(client, venue, tmp_path):
    response = post(client, venue, picture(), title="")
    assert response.status_code == 400
    assert "Giv arrangementet en titel." in response.content.decode()
    assert "Det billede, du valgte, er gemt." in response.content.decode()
    token = kept_token(response)
    assert Event.objects.count() == 0

    data = event_data(venue, dates=[soon()], save="1", image_alt="Et orkester på scenen")
    data["image_kept"] = token  # no file chosen again
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("events/") and event.image.name.endswith(".jpg")
    assert (tmp_path / event.image.name).is_file()
    assert response.wsgi_request.user == event.submitted_by


def test_adding_date_rows_keeps_the_chosen_image(client, venue):
    data = event_data(venue, dates=[soon()], add_dates="1", image_alt="Et orkester")
    data["image"] = SimpleUploadedFile("foto.jpg", picture(), content_type="image/jpeg")
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 200
    assert kept_token(response)
    assert 'class="kept-image"' in response.content.decode()


def test_adding_date_rows_shows_a_bad_image_at_once(client, venue):
    data = event_data(venue, dates=[soon()], add_dates="1")
    data["image"] = SimpleUploadedFile("foto.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(reverse("staff:create"), data)
    assert "ikke et JPEG-, PNG- eller WebP-billede" in image_errors(response)


@pytest.mark.parametrize("token", ["forfalsket", "a:b:c"])
def test_a_forged_kept_image_token_is_ignored(client, venue, token):
    data = event_data(venue, dates=[soon()], save="1", image_kept=token)
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 302
    assert not Event.objects.get().image


def test_another_persons_kept_image_is_not_taken(client, venue):
    response = post(client, venue, picture(), title="")
    token = kept_token(response)
    other = VenueFactory()
    stranger = UserFactory(username="fremmed")
    other.staff.add(stranger)
    client.force_login(stranger)
    data = event_data(other, dates=[soon()], save="1", image_kept=token)
    assert client.post(reverse("staff:create"), data).status_code == 302
    assert not Event.objects.get().image


def test_a_kept_image_reaches_the_pending_revision_of_a_published_event(client, venue):
    from events.models import EventRevision
    from tests.factories import EventFactory, OccurrenceFactory

    event = EventFactory(venue=venue, status="published")
    date = OccurrenceFactory(event=event)
    url = reverse("staff:edit", args=[event.pk])
    data = event_data(venue, existing=[date], save="1", title="", image_alt="Et kor")
    data["image"] = SimpleUploadedFile("kor.jpg", picture(), content_type="image/jpeg")
    token = kept_token(client.post(url, data))
    data = event_data(venue, existing=[date], save="1", image_alt="Et kor", image_kept=token)
    assert client.post(url, data).status_code == 302
    revision = EventRevision.objects.get(event=event)
    assert revision.data["image"].startswith("events/")
    event.refresh_from_db()
    assert not event.image  # the public sees the old event until the change is approved


def test_an_image_uploaded_in_the_admin_is_checked_and_re_encoded_too():
    from django.forms import modelform_factory

    from events.admin.event import EventAdminForm

    exif = Image.Exif()
    exif[0x010F] = "Kameramærke"
    exif[0x8825] = {2: (55.0, 40.0, 30.0)}  # GPSInfo: latitude
    Form = modelform_factory(Event, form=EventAdminForm, fields=["image", "image_alt"])
    content = picture(exif=exif.tobytes())
    upload = SimpleUploadedFile("IMG_0001.jpg", content, content_type="image/jpeg")
    form = Form({"image_alt": "Et kor"}, {"image": upload})
    assert form.is_valid(), form.errors
    stored = form.cleaned_data["image"]
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", stored.name)
    with Image.open(BytesIO(stored.read())) as image:
        assert max(image.size) <= 1600
        assert dict(image.getexif()) == {}

    fake = SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    assert not Form({"image_alt": "x"}, {"image": fake}).is_valid()
