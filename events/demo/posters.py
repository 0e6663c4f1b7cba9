"""Generated posters for the demo events: shapes in the focus area's colours and a title,
drawn with Pillow (no downloads; the system's DejaVu Sans, or Pillow's built-in font).

A poster is deterministic: the same key gives the same picture. It is stored through the same
pipeline as an upload (``events.images.process_image``, then ``events.renditions.store``), so
the demo has the renditions a real image has. A small data set gets a poster per event with the
event's title; a large one (``--events 100000``) shares a pool of :data:`POOL_SIZE` posters
that carry the focus area's name, so seeding stays fast and the media folder small.
"""

import random
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from .. import renditions
from ..images import process_image

SIZE = (800, 450)  # 16:9, the cards' shape; two renditions (400, 800), so seeding is quick
POOL_SIZE = 30
#: The share of demo events that get a poster (the rest show the placeholder).
SHARE = 0.85
#: (colour, its name in Danish) per focus area, as in site.css.
COLOURS = {
    "musik": ((122, 31, 92), "lilla"),
    "ungekultur": ((11, 110, 79), "grøn"),
    "kultur-og-sundhed": ((138, 66, 8), "brun"),
}
NAMES = {"musik": "Musik", "ungekultur": "Ungekultur", "kultur-og-sundhed": "Kultur og sundhed"}
FONT = "DejaVuSans-Bold.ttf"
SHAPES = {"circle": "cirkler", "bar": "striber", "triangle": "trekanter"}


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_ascii(text: str) -> str:
    return text.translate(_ASCII)


def _mix(colour, into, share):
    return tuple(round(c * share + i * (1 - share)) for c, i in zip(colour, into, strict=True))


def _lines(text, font, width, draw):
    words, lines = text.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not lines[-1]:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines[:3]


def _font(size):
    """DejaVu Sans Bold where the system has it (Debian: fonts-dejavu-core), else Pillow's
    built-in font, whose letters lack æ, ø and å: those are then spelt ae, oe, aa."""
    try:
        return ImageFont.truetype(FONT, size), False
    except OSError:
        return ImageFont.load_default(size=size), True


def draw(text: str, focus: str, seed: str) -> tuple[Image.Image, str]:
    """A poster for ``text`` in the colours of the focus area ``focus`` (a slug), and its alt
    text in Danish. ``seed`` makes it deterministic."""
    rng = random.Random(seed)
    colour, colour_name = COLOURS.get(focus, COLOURS["musik"])
    white = (255, 255, 255)
    image = Image.new("RGB", SIZE, _mix(colour, white, 0.12))
    pen = ImageDraw.Draw(image)
    kinds = rng.sample(list(SHAPES), 2)
    for _ in range(rng.randint(5, 9)):
        shade = _mix(colour, white, rng.choice([0.35, 0.55, 0.8, 1.0]))
        x, y, r = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1] - 120), rng.randint(40, 170)
        kind = rng.choice(kinds)
        if kind == "circle":
            pen.ellipse((x - r, y - r, x + r, y + r), fill=shade)
        elif kind == "bar":
            pen.rectangle((x - r * 2, y - r // 5, x + r * 2, y + r // 5), fill=shade)
        else:
            pen.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=shade)
    font, ascii_only = _font(42)
    shown = danish_ascii(text) if ascii_only else text
    lines = _lines(shown, font, SIZE[0] - 60, pen)
    band = SIZE[1] - 40 - 50 * len(lines)
    pen.rectangle((0, band, SIZE[0], SIZE[1]), fill=colour)
    for n, line in enumerate(lines):
        pen.text((30, band + 20 + n * 50), line, font=font, fill=white)
    shapes = " og ".join(SHAPES[k] for k in kinds)
    return image, f"Plakat med teksten «{text}» over {shapes} i {colour_name} nuancer."


def store(storage, image: Image.Image, name: str) -> tuple[str, int, int]:
    """Store ``image`` as an upload would be (checked, re-encoded, renditions made); returns
    the stored name, width and height."""
    out = BytesIO()
    image.save(out, format="PNG", compress_level=1)
    clean = process_image(ContentFile(out.getvalue(), name=f"{name}.png"))
    stored = renditions.store(storage, f"events/demo/{clean.name}", clean)
    return stored, image.width, image.height


class Posters:
    """Gives demo events their posters: one per event (``shared=False``) or from a pool."""

    def __init__(self, storage, *, shared: bool):
        self.storage, self.shared, self.pool = storage, shared, {}

    def attach(self, event, focus: list[str]) -> None:
        """Give the unsaved ``event`` (slug set) a poster, most of the time."""
        rng = random.Random(f"poster:{event.slug}")
        if rng.random() >= SHARE:
            return
        area = focus[0] if focus else "musik"
        if self.shared:
            key = (area, rng.randrange(POOL_SIZE // len(COLOURS)))
            if key not in self.pool:
                image, alt = draw(NAMES.get(area, area), area, f"pool:{key}")
                self.pool[key] = (*store(self.storage, image, f"{area}-{key[1]}"), alt)
            name, width, height, alt = self.pool[key]
        else:
            image, alt = draw(event.title, area, event.slug)
            name, width, height = store(self.storage, image, event.slug)
        event.image, event.image_alt = name, alt
        event.image_width, event.image_height = width, height
