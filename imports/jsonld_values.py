"""schema.org values as pages write them, read into plain Python: dates, prices, names, URLs.

Pages write the same property many ways — a string, an object, a list of either, an ``@id``
pointing elsewhere in the page's ``@graph`` — so every reader here accepts all of them.
Property meanings: https://schema.org/Event, /Offer, /Place, /PostalAddress, /ImageObject.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from .text import plain_text

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

_TYPE_NAMES = {"Organization", "Person", "PerformingGroup", "MusicGroup", "Thing"}
_PRICE_NOISE = re.compile(r"(?i)\b(kr\.?|dkk)|,-|\s")
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.250,50 (Danish)
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,250.50


def as_list(value) -> list:
    """``value`` as a list: ``None`` → ``[]``, a list as it is, anything else in a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def local_type_names(node: dict) -> list[str]:
    """The node's ``@type``s without their vocabulary: ``"https://schema.org/MusicEvent"``,
    ``"schema:MusicEvent"`` and ``"MusicEvent"`` all give ``"MusicEvent"``."""
    names = []
    for value in as_list(node.get("@type")):
        if isinstance(value, str) and value.strip():
            names.append(re.split(r"[/:#]", value.strip())[-1])
    return names


def text(value) -> str:
    """A short text (a name, a title) on one line: entities decoded, HTML removed."""
    if isinstance(value, list):  # language variants, or a name given twice: the first
        return next((found for item in value if (found := text(item))), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return " ".join(plain_text(html.unescape(str(value))).split())


def long_text(value) -> str:
    """A description as plain text with paragraphs (:func:`imports.text.plain_text`).

    Entities are decoded first: WordPress plugins write the HTML of a description escaped
    (``&lt;p&gt;``), and it must come out as text, not as tags shown to the reader."""
    if isinstance(value, list):
        value = "\n\n".join(item for item in value if isinstance(item, str))
    if not isinstance(value, str):
        return ""
    # The same plugins escape newlines twice: a backslash and an «n» in the text.
    value = value.replace("\\r\\n", "\n").replace("\\n", "\n")
    return plain_text(html.unescape(value))


def web_url(value, base: str, *, ids: bool = True) -> str:
    """``value`` (a string, an object with ``url``/``contentUrl`` — or ``@id`` unless
    ``ids`` is false —, or a list of these) as the first absolute http(s) URL, resolved
    against ``base``; ``""`` if there is none."""
    for item in as_list(value):
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or (item.get("@id") if ids else None)
            if isinstance(item, list):
                item = next((part for part in item if isinstance(part, str)), None)
        if not isinstance(item, str) or not item.strip() or item.startswith("_:"):
            continue
        absolute = urljoin(base, item.strip())
        if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).hostname:
            return absolute
    return ""


def names(value) -> str:
    """Names of people or organisations (``performer``, ``organizer``): strings or objects
    with ``name``, joined with ", ", each once; a bare type name is no name."""
    found: list[str] = []
    for item in as_list(value):
        name = text(item.get("name") if isinstance(item, dict) else item)
        # The Events Calendar for WordPress writes the bare type: "performer": "Organization".
        if name and name not in found and name not in _TYPE_NAMES:
            found.append(name)
    return ", ".join(found)


def parse_date(value) -> dt.date | dt.datetime | None:
    """An ISO 8601 ``startDate``/``endDate``: a ``date`` when it has no time, else an aware
    ``datetime`` (no offset given: Europe/Copenhagen, as the venues mean). ``None`` when it
    cannot be read."""
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=COPENHAGEN)
    return parsed


def parse_price(value) -> Decimal | None:
    """A price as a number, whether written ``150``, ``"150.00"``, ``"150,-"``,
    ``"1.250,50 kr."`` or ``"1,250.50"``; ``None`` when it is not a non-negative number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text_value = str(value)
    elif isinstance(value, str):
        text_value = _PRICE_NOISE.sub("", value)
        if _DOT_THOUSANDS.fullmatch(text_value) and not _PLAIN_NUMBER.fullmatch(text_value):
            text_value = text_value.replace(".", "").replace(",", ".")
        elif _COMMA_THOUSANDS.fullmatch(text_value) and not _PLAIN_NUMBER.fullmatch(text_value):
            text_value = text_value.replace(",", "")
        elif _PLAIN_NUMBER.fullmatch(text_value):
            text_value = text_value.replace(",", ".")
        else:
            return None
    else:
        return None
    try:
        price = Decimal(text_value)
    except InvalidOperation:
        return None
    return price if price.is_finite() and price >= 0 else None


def postal_address(value) -> str:
    """A ``PostalAddress`` (or a plain string) as one line: «Vestergade 1, 4600 Køge»."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, str):
        return text(value)
    if not isinstance(value, dict):
        return ""
    street = text(value.get("streetAddress"))
    town = " ".join(
        part for part in (text(value.get("postalCode")), text(value.get("addressLocality"))) if part
    )
    return ", ".join(part for part in (street, town) if part)


def categories(node: dict, types: list[str]) -> list[str]:
    """The source's own words for what the event is: ``keywords`` (a comma-separated string,
    a list, or ``DefinedTerm``s), ``about`` (strings or things with a name) and the specific
    Event type (``MusicEvent``), each once, in that order."""
    words: list[str] = []
    for keyword in as_list(node.get("keywords")):
        parts = keyword.split(",") if isinstance(keyword, str) else [text(keyword)]
        words.extend(text(part) for part in parts)
    words.extend(text(about) for about in as_list(node.get("about")))
    words.extend(name for name in types if name != "Event")
    unique: list[str] = []
    for word in words:
        if word and word not in unique:
            unique.append(word)
    return unique
