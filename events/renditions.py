"""Renditions of an event image: smaller copies made once, when the image is stored.

An uploaded image is stored as one clean JPEG of at most 1600 px (``events.images``). Next to
it, under names derived from its own, this module writes the copies that lists and pages show:
for each of the widths in :data:`SLOTS` up to the original's width, a **WebP** and a **JPEG**
(the largest JPEG is the original itself). For ``events/2026/11/ab12.jpg`` 1200 px wide:

    events/2026/11/ab12-400.webp   events/2026/11/ab12-400.jpg    400 px
    events/2026/11/ab12-800.webp   events/2026/11/ab12-800.jpg    800 px
    events/2026/11/ab12-1600.webp  (events/2026/11/ab12.jpg)     1200 px

The templates offer them in a ``<picture>`` with ``srcset``/``sizes``; the browser takes the
narrowest copy that fills the space at its pixel density. Nothing is resized per request: the
copies are written when the image is saved (:func:`make`), and for images stored before
renditions existed by ``manage.py make_renditions``.

Why WebP with a JPEG fallback and not AVIF (which Pillow can also write): WebP is shown by
every browser in use (Safari since 14), its files are 25–35 % smaller than JPEG of the same
quality, and Pillow encodes it in milliseconds; AVIF would save another ~20 % but takes about
ten times as long to encode, and is missing from some Pillow builds. The JPEG copies serve the
rest. Only the storage API is used (``open``, ``save``, ``exists``, ``delete``, ``url``), so
an S3-like object store works as the file system does.
"""

import logging
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image

logger = logging.getLogger(__name__)

#: The nominal widths of the renditions, in CSS pixels × density: a phone card (1×/2×), a
#: desktop card at 2× or the event page's image, and the largest image a page shows.
SLOTS = (400, 800, 1600)
WEBP_QUALITY = 78
JPEG_QUALITY = 80


def rendition_name(name: str, slot: int, extension: str) -> str:
    """The stored name of the ``slot`` rendition of the image stored as ``name``."""
    stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
    return f"{stem}-{slot}.{extension}"


def slot_widths(width: int) -> list[tuple[int, int]]:
    """``(slot, width in px)`` of the renditions of an image ``width`` px wide: each slot
    narrower than the image, then the first slot that is not, at the image's own width."""
    widths = []
    for slot in SLOTS:
        widths.append((slot, min(slot, width)))
        if slot >= width:
            break
    return widths


def all_rendition_names(name: str) -> list[str]:
    """Every name a rendition of ``name`` can have (to delete them, whatever its width)."""
    return [rendition_name(name, slot, ext) for slot in SLOTS for ext in ("webp", "jpg")]


def _write(storage, name: str, data: bytes) -> None:
    if storage.exists(name):  # made again (``make_renditions --force``): replace it
        storage.delete(name)
    stored = storage.save(name, ContentFile(data))
    if stored != name:  # pragma: no cover - a storage that renames a free name
        logger.warning("Rendition %s was stored as %s", name, stored)


def make(storage, name: str, image: Image.Image) -> tuple[int, int]:
    """Write the renditions of the image stored as ``name`` from its decoded pixels.

    ``image`` is an RGB image (what ``events.images.process_image`` stores). Returns the
    original's ``(width, height)`` in px. Storage errors (``OSError``) propagate.
    """
    image = image.convert("RGB") if image.mode != "RGB" else image
    width, height = image.size
    for slot, w in slot_widths(width):
        copy = (
            image
            if w == width
            else image.resize((w, max(1, round(height * w / width))), Image.Resampling.LANCZOS)
        )
        out = BytesIO()
        copy.save(out, format="WEBP", quality=WEBP_QUALITY, method=4)
        _write(storage, rendition_name(name, slot, "webp"), out.getvalue())
        if w != width:
            out = BytesIO()
            copy.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            _write(storage, rendition_name(name, slot, "jpg"), out.getvalue())
    return width, height


def open_stored(storage, name: str) -> Image.Image:
    """The decoded pixels of the image stored as ``name`` (an ``OSError`` when unreadable)."""
    with storage.open(name, "rb") as file:
        image = Image.open(BytesIO(file.read()))
        image.load()
    return image


def ensure(storage, name: str, *, force: bool = False) -> tuple[int, int]:
    """The ``(width, height)`` of the stored image ``name``, writing its renditions when they
    are missing (or always, with ``force``). Reads the original once."""
    image = open_stored(storage, name)
    largest = slot_widths(image.width)[-1][0]
    if force or not storage.exists(rendition_name(name, largest, "webp")):
        return make(storage, name, image)
    return image.size


def store(storage, name: str, content) -> str:
    """Save ``content`` (a processed JPEG) under ``name`` or a free name like it, and its
    renditions beside it; returns the name it was stored under."""
    content.seek(0)
    data = content.read()
    stored = storage.save(name, ContentFile(data))
    make(storage, stored, Image.open(BytesIO(data)))
    return stored


def prepare(file) -> tuple[int | None, int | None]:
    """For an image field's ``file`` about to be saved with its row: store an upload that is
    not stored yet, with its renditions; or make sure an image already stored (kept from an
    earlier attempt, proposed in a revision) has them. Returns ``(width, height)`` in px, or
    ``(None, None)`` without an image or when a stored image cannot be read (logged; the
    page then shows the original without ``srcset``). Errors writing an upload propagate."""
    if not file:
        return None, None
    if not file._committed:
        content = file.file
        content.seek(0)
        data = content.read()
        file.save(file.name, ContentFile(data), save=False)  # what the field's pre_save does
        return make(file.storage, file.name, Image.open(BytesIO(data)))
    try:
        return ensure(file.storage, file.name)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("No renditions for the image %s: %s", file.name, error)
        return None, None


@dataclass(frozen=True)
class Picture:
    """What a template needs for ``<picture>``: the fallback ``src``, the WebP and JPEG
    ``srcset`` strings (empty when the renditions are not known yet) and the intrinsic
    ``width``/``height`` in px (None then)."""

    src: str
    webp_srcset: str = ""
    jpeg_srcset: str = ""
    width: int | None = None
    height: int | None = None


def picture(file, width: int | None, height: int | None) -> Picture | None:
    """The :class:`Picture` of an image field's file with the stored dimensions; None when
    there is no image. URLs come from the storage (no file is read)."""
    if not file:
        return None
    storage, name = file.storage, file.name
    if not width or not height:
        return Picture(src=storage.url(name))
    webp, jpeg = [], []
    for slot, w in slot_widths(width):
        webp.append(f"{storage.url(rendition_name(name, slot, 'webp'))} {w}w")
        jpeg_name = name if w == width else rendition_name(name, slot, "jpg")
        jpeg.append(f"{storage.url(jpeg_name)} {w}w")
    small = slot_widths(width)[min(1, len(slot_widths(width)) - 1)]
    src = storage.url(name if small[1] == width else rendition_name(name, small[0], "jpg"))
    return Picture(
        src=src,
        webp_srcset=", ".join(webp),
        jpeg_srcset=", ".join(jpeg),
        width=width,
        height=height,
    )
