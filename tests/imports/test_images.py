"""A source's event image: through the fetch guard, then the upload checks and re-encoding."""

import struct
import zlib
from io import BytesIO

import pytest
from PIL import Image

from imports.errors import SourceError
from imports.fetch import AddressRefused, TooLarge, WrongContentType
from imports.images import fetch_image


def jpeg(width=640, height=480, **save_options) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (200, 40, 90)).save(out, "JPEG", **save_options)
    return out.getvalue()


def png_bomb(width=50_000, height=50_000) -> bytes:
    """A valid PNG header claiming 2.5 billion pixels, in a few hundred bytes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100_000, 9))
        + chunk(b"IEND", b"")
    )


def test_a_jpeg_comes_back_re_encoded_without_its_metadata(web_server, allow_loopback):
    original = jpeg(2400, 1200, comment=b"<script>alert(1)</script>", quality=95)
    url = web_server.route("/billede.jpg", original, content_type="image/jpeg")

    image_file = fetch_image(url)

    assert image_file.name.endswith(".jpg")
    assert image_file.name != "billede.jpg"
    data = image_file.read()
    assert data != original
    image = Image.open(BytesIO(data))
    assert (image.format, image.size) == ("JPEG", (1600, 800))  # resized to the largest shown
    assert "comment" not in image.info
    assert b"<script>" not in data


def test_too_many_pixels_are_refused_before_they_are_decoded(web_server, allow_loopback):
    url = web_server.route("/stor.png", png_bomb(8000, 6000), content_type="image/png")
    with pytest.raises(SourceError) as error:
        fetch_image(url)
    assert str(error.value) == (
        f"Billedet {url} kan ikke bruges: det har for mange pixels (over 40 millioner)."
    )


def test_a_png_bomb_is_refused(web_server, allow_loopback):
    bomb = png_bomb()  # 2.5 billion pixels: Pillow's own bomb check refuses to open it
    assert len(bomb) < 1000
    url = web_server.route("/bombe.png", bomb, content_type="image/png")
    with pytest.raises(SourceError, match="kan ikke bruges: det er ikke et JPEG-, PNG- eller"):
        fetch_image(url)


def test_a_page_sent_as_an_image_is_refused(web_server, allow_loopback):
    url = web_server.route("/billede.jpg", "<html>Log ind</html>", content_type="image/jpeg")
    with pytest.raises(SourceError, match="det er ikke et JPEG-, PNG- eller WebP-billede"):
        fetch_image(url)


def test_a_gif_is_refused_by_its_content_type_before_it_is_read(web_server, allow_loopback):
    """The upload checks (events/images.py) take JPEG, PNG and WebP only: a GIF is refused
    by the fetch, not downloaded to be thrown away."""
    out = BytesIO()
    Image.new("RGB", (300, 300)).save(out, "GIF")
    url = web_server.route("/billede.gif", out.getvalue(), content_type="image/gif")
    with pytest.raises(WrongContentType, match="gav ikke et billede"):
        fetch_image(url)


def test_a_tiny_image_is_refused(web_server, allow_loopback):
    url = web_server.route("/ikon.jpg", jpeg(32, 32), content_type="image/jpeg")
    with pytest.raises(SourceError, match="mindre end 200 pixels på den ene led"):
        fetch_image(url)


def test_a_non_image_content_type_is_refused(web_server, allow_loopback):
    url = web_server.route("/billede", jpeg(), content_type="text/html")
    with pytest.raises(WrongContentType, match="gav ikke et billede"):
        fetch_image(url)


def test_an_image_over_the_limit_is_refused(web_server, allow_loopback, settings):
    settings.IMPORTS_MAX_BYTES = {**settings.IMPORTS_MAX_BYTES, "image": 5000}
    url = web_server.route("/stor.jpg", jpeg(2000, 2000, quality=95), content_type="image/jpeg")
    with pytest.raises(TooLarge):
        fetch_image(url)


def test_images_go_through_the_address_guard(web_server):
    url = web_server.route("/billede.jpg", jpeg(), content_type="image/jpeg")
    with pytest.raises(AddressRefused):
        fetch_image(url)
    assert web_server.requests == []
