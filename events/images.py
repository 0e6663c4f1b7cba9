"""Uploaded event images: checked by content, re-encoded and resized before they are stored.

Only JPEG, PNG and WebP are accepted, whatever the file is called. The pixel count is read
from the header and checked before the pixels are decoded (a small file can unpack into
gigabytes: a decompression bomb). Re-encoding drops every metadata block — EXIF, GPS,
comments — and the stored name is generated, never the uploaded one.
"""

import math
import uuid
import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 8000 × 5000: any real photo, not a bomb
MIN_SIDE = 200
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
#: The largest size a page shows (the event page's main image, 2× for sharp screens).
MAX_SIZE = (1600, 1600)
JPEG_QUALITY = 85


def process_image(upload) -> ContentFile:
    """Validate ``upload`` and return a clean JPEG under a generated name.

    Raises ``ValidationError`` with a message for the person who uploaded it.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s MB). It may be at most 10 MB."),
            code="too_large",
            params={
                "size": f"{math.ceil(upload.size / 1024 / 1024 * 10) / 10:.1f}".replace(".", ",")
            },
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_not_an_image(), code="format")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The image has too many pixels (%(width)d × %(height)d). Make it "
                        "smaller, for example 3000 pixels wide."
                    ),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            if min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _("The image is too small. It should be at least %(min)d pixels each way."),
                    code="too_small",
                    params={"min": MIN_SIDE},
                )
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(_not_an_image(), code="invalid") from exc

    image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF data gave it
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.thumbnail(MAX_SIZE, Image.Resampling.LANCZOS)
    # Nothing of the upload but its pixels: Pillow would copy a JPEG comment (COM segment,
    # which may hold markup or personal data) into the new file.
    image.info.clear()
    out = BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


#: Shown on the form when the server cannot write an uploaded image (a full disk, say).
STORAGE_FAILED = _(
    "The image could not be saved, because the server cannot store files right now. Nothing "
    "has been saved. Try again later, or save the event without the image."
)


def discard_partial(instance, upload) -> None:
    """Remove what a failed write of ``upload`` (for ``instance``'s image) left in storage.

    A write that fails half-way — the disk filled up — leaves a truncated file behind. The
    stored name is generated (a fresh UUID, see ``process_image``), so a file under it (or a
    rendition named after it) can only be that one. Storage errors are logged, not raised.
    """
    from .media import delete_files

    field = instance._meta.get_field("image")
    name = field.generate_filename(instance, upload.name)
    delete_files(field.storage, name)  # and any renditions written before the failure


def _not_an_image():
    return _("The file is not a JPEG, PNG or WebP image, or it is damaged. Choose another file.")
