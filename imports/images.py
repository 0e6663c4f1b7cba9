"""An event's image from a source: fetched through the guard, then checked like an upload."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from events.images import MIN_SIDE, process_image

from .errors import SourceError
from .fetch import fetch

_NOT_AN_IMAGE = "det er ikke et JPEG-, PNG- eller WebP-billede, eller det er beskadiget"
#: Why the upload checks refused it, by their ValidationError code, said of a source.
_REASONS = {
    "too_large": "det er større end 10 MB",
    "too_many_pixels": "det har for mange pixels (over 40 millioner)",
    "too_small": f"det er mindre end {MIN_SIDE} pixels på den ene led",
    "format": _NOT_AN_IMAGE,
    "invalid": _NOT_AN_IMAGE,
}


def fetch_image(url: str) -> ContentFile:
    """Fetch the image at ``url`` and return it as a clean JPEG under a generated name.

    The fetch is :func:`imports.fetch.fetch` with ``kind="image"`` (public addresses only,
    image/jpeg, png, webp or gif, at most ``IMPORTS_MAX_BYTES["image"]``); the bytes then go
    through the upload checks and re-encoding of :func:`events.images.process_image` (JPEG,
    PNG or WebP by content, pixel count checked before decoding, metadata dropped, resized).
    Raises :class:`~imports.errors.SourceError` with a Danish sentence when either refuses.
    """
    fetched = fetch(url, kind="image")
    try:
        return process_image(ContentFile(fetched.body, name="source-image"))
    except ValidationError as exc:
        reason = _REASONS.get(exc.error_list[0].code)
        if reason is None:
            with translation.override("da"):
                reason = " ".join(str(message) for message in exc.messages).rstrip(".")
        raise SourceError(f"Billedet {fetched.url} kan ikke bruges: {reason}.") from exc
