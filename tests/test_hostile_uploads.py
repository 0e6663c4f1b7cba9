"""Hostile files through the staff event form, and how stored images are served.

``test_images`` covers the ordinary checks (formats by content, size, pixel count from the
header, tiny images, EXIF). Here: files built to be two things at once, bombs that are valid
all the way through, script in vector images, empty and half files — each refused with the
form's Danish message and nothing saved, neither a row nor a file. A file that *is* a valid
JPEG or PNG but carries markup (after the image data, in a comment or text chunk) is accepted
— phones append data after the image too (motion photos) — and defused: the stored file is
a fresh encoding with nothing of the upload but its pixels, under a generated name, served
as image/jpeg with ``nosniff``.
"""

import random
import re
import struct
import zlib
from io import BytesIO

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import re_path, reverse
from django.views.static import serve
from PIL import Image, PngImagePlugin

from events.models import Event, Occurrence
from kulturmetropolen.urls import urlpatterns as site_urlpatterns
from tests.factories import EventFactory, OccurrenceFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Filen er ikke et JPEG-, PNG- eller WebP-billede, eller den er beskadiget."
EMPTY = "Den medsendte fil er tom."
TOO_LARGE = "Det må højst fylde 10 MB."
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
STORED_NAME = re.compile(r"^events/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")


def media(request, path):
    """Media as the development server serves them (``static()`` in the site's URLs, which
    is only there with DEBUG on): Django's static file view on MEDIA_ROOT."""
    return serve(request, path, document_root=django_settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]


# --- Files --------------------------------------------------------------------------------


def jpeg(size=(800, 600), noise=False, **options):
    if noise:
        rng = random.Random(7)
        image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (40, 120, 90))
    out = BytesIO()
    image.save(out, "JPEG", **options)
    return out.getvalue()


def gif():
    out = BytesIO()
    Image.new("P", (400, 300)).save(out, "GIF")
    return out.getvalue()


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(side=20_000):
    """A complete, valid 1-bit PNG of side × side pixels whose data compresses to a few
    kilobytes: 400 million pixels behind a small file."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (side // 8)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def png_with_html_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", HTML.decode())
    info.add_itxt("Description", HTML.decode())
    out = BytesIO()
    Image.new("RGB", (800, 600), (200, 10, 10)).save(out, "PNG", pnginfo=info)
    assert HTML in out.getvalue()
    return out.getvalue()


def jpeg_with_html_in_comment_and_exif():
    exif = Image.Exif()
    exif[0x010E] = HTML.decode()  # ImageDescription
    exif[0x8825] = {2: (55.0, 40.0, 30.0)}  # GPS latitude
    data = jpeg(exif=exif.tobytes(), comment=HTML)
    assert data.count(HTML) == 2
    return data


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
    b'<rect width="800" height="600" fill="red"/><script>alert(document.domain)</script></svg>'
)

REFUSED = {
    # name: (file name, content, message)
    "html-named-jpg": ("foto.jpg", HTML, NOT_AN_IMAGE),
    "svg-with-script": ("tegning.svg", SVG, NOT_AN_IMAGE),
    "svg-named-png": ("tegning.png", SVG, NOT_AN_IMAGE),
    # A GIF first (what browsers and Pillow go by), then a JPEG and a page.
    "gif-jpeg-polyglot": ("foto.jpg", gif() + jpeg() + HTML, NOT_AN_IMAGE),
    # The classic GIF/JavaScript polyglot: a GIF header that is also a script.
    "gif-script-polyglot": (
        "foto.jpg",
        b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1);",
        NOT_AN_IMAGE,
    ),
    # A PNG signature in front of a page.
    "png-signature-html": ("foto.png", b"\x89PNG\r\n\x1a\n" + HTML, NOT_AN_IMAGE),
    # A JPEG cut off in the middle of its image data.
    "truncated-mid-scan": ("foto.jpg", jpeg(noise=True)[:60_000], NOT_AN_IMAGE),
    "zero-bytes": ("foto.jpg", b"", EMPTY),
}


# --- Posting ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "da"


@pytest.fixture
def staff(venue_staff):
    client = Client()
    client.force_login(venue_staff[1])
    client.venue = venue_staff[0]
    return client


def upload(client, name, content, url=None, **data):
    url = url or reverse("staff:create")
    post = data or event_data(client.venue, dates=[soon()], save="1")
    post["image_alt"] = "Et billede"
    post["image"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(url, post)


def image_errors(response):
    return " ".join(response.context["form"].errors.get("image", []))


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


# --- Refused ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(REFUSED))
def test_hostile_files_are_refused_with_a_message_and_nothing_saved(staff, tmp_path, case):
    name, content, message = REFUSED[case]
    response = upload(staff, name, content)
    assert response.status_code == 400
    assert message in image_errors(response)
    assert message in response.content.decode()  # next to the field, for the person
    assert not Event.objects.exists()
    assert not Occurrence.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_valid_png_bomb_of_400_megapixels_is_refused_without_decoding(staff, tmp_path):
    content = png_bomb()
    assert len(content) < 100_000
    response = upload(staff, "stort.png", content)
    assert response.status_code == 400
    assert image_errors(response)
    assert not Event.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_huge_file_is_refused_before_it_is_read(staff, tmp_path):
    # A real JPEG at the front, 25 MB behind it.
    content = jpeg() + b"\x00" * (25 * 1024 * 1024)
    response = upload(staff, "kæmpe.jpg", content)
    assert response.status_code == 400
    assert TOO_LARGE in image_errors(response)
    assert not Event.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_refused_image_leaves_the_event_and_its_image_as_they_were(staff, tmp_path):
    accepted = upload(staff, "foto.jpg", jpeg())
    assert accepted.status_code == 302
    event = Event.objects.get()
    before = (event.title, event.image.name, stored_files(tmp_path))
    data = event_data(staff.venue, existing=list(event.occurrences.all()), save="1")
    data["title"] = "Nyt navn"
    response = upload(
        staff, "stort.png", png_bomb(), url=reverse("staff:edit", args=[event.pk]), **data
    )
    assert response.status_code == 400
    event.refresh_from_db()
    assert (event.title, event.image.name, stored_files(tmp_path)) == before


def test_a_hostile_upload_on_the_add_dates_button_saves_nothing(staff, tmp_path):
    data = event_data(staff.venue, dates=[soon()], add_dates="1")
    response = upload(staff, "foto.jpg", HTML, **data)
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert stored_files(tmp_path) == []


# --- Accepted and defused -----------------------------------------------------------------

ACCEPTED = {
    "jpeg-then-html": ("foto.jpg", lambda: jpeg() + HTML),
    "jpeg-html-in-comment-and-exif": ("foto.jpg", jpeg_with_html_in_comment_and_exif),
    "png-html-text-chunks": ("foto.png", png_with_html_text),
    "jpeg-named-html": ("side.html", jpeg),
    "jpeg-named-svg": ("tegning.svg", jpeg),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_image_with_markup_is_stored_as_a_fresh_jpeg_without_it(staff, tmp_path, case):
    name, make = ACCEPTED[case]
    response = upload(staff, name, make())
    assert response.status_code == 302
    event = Event.objects.get()
    assert STORED_NAME.match(event.image.name), event.image.name
    files = stored_files(tmp_path)
    original = tmp_path / event.image.name
    # The image and its renditions (made from the clean pixels, see events.renditions).
    assert original in files
    renditions = {f.name for f in files} - {original.name}
    assert renditions and all(
        re.fullmatch(rf"{original.stem}-(400|800|1600)\.(webp|jpg)", name) for name in renditions
    ), renditions
    for file in files:
        content = file.read_bytes().lower()
        for marker in (b"<script", b"<html", b"<!doctype", b"alert(", b"<svg", b"exif\x00\x00"):
            assert marker not in content, file
    data = original.read_bytes()
    assert data.startswith(b"\xff\xd8\xff")
    assert data.endswith(b"\xff\xd9")  # the image's end marker is the last thing in it
    assert b"Exif\x00\x00" not in data
    assert b"\xff\xfe" not in data[: data.find(b"\xff\xda")]  # no comment segment
    with Image.open(original) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "comment" not in stored.info


# --- Serving ------------------------------------------------------------------------------


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("case", ["jpeg-then-html", "png-html-text-chunks", "jpeg-named-html"])
def test_a_stored_upload_is_served_as_an_image_never_as_html(staff, case):
    name, make = ACCEPTED[case]
    assert upload(staff, name, make()).status_code == 302
    event = Event.objects.get()
    response = Client().get(event.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert b"<script" not in body.lower()


@pytest.mark.urls(__name__)
def test_the_event_page_links_the_stored_image_not_the_uploaded_name(staff):
    venue = staff.venue
    event = EventFactory(venue=venue, status=Event.Status.DRAFT)
    OccurrenceFactory(event=event)
    data = event_data(venue, existing=list(event.occurrences.all()), save="1")
    response = upload(
        staff, "side.html", jpeg(), url=reverse("staff:edit", args=[event.pk]), **data
    )
    assert response.status_code == 302
    event.refresh_from_db()
    html = staff.get(event.get_absolute_url()).content.decode()
    assert f'src="{event.image.url}"' in html
    assert "side.html" not in html
