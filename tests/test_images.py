"""Event images through the staff form: content checks, size limits, decompression bombs,
re-encoding without metadata, resizing and generated names."""

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
