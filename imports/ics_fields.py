"""The fields of an RFC 5545 VEVENT other than its dates, as a :class:`SourceEvent` holds them.

Every reader here takes an ``icalendar`` component and never raises for a malformed value:
a property that cannot be read gives the field's empty value.
"""

from __future__ import annotations

import hashlib

from icalendar import Component

from imports.text import plain_text

_WEB_SCHEMES = ("http://", "https://")


def _text(component: Component, name: str) -> str:
    """The value of a TEXT property, unescaped (RFC 5545 §3.3.11), or ``""``.

    icalendar unescapes the properties it knows; an ``X-`` property (``X-ALT-DESC``) arrives
    as written, so its escapes are undone here.
    """
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    text = str(value)
    if name.startswith("X-"):
        text = (
            text.replace("\\N", "\\n")
            .replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
        )
    return text


def title(component: Component) -> str:
    """SUMMARY on one line (HTML turned into text, whitespace collapsed); ``""`` when absent."""
    return " ".join(plain_text(_text(component, "SUMMARY")).split())


def description(component: Component) -> str:
    """The description as plain text with its paragraphs.

    Outlook writes the formatted text in ``X-ALT-DESC;FMTTYPE=text/html`` beside a plain
    DESCRIPTION; that HTML is read first, as it keeps the paragraphs. Google writes HTML in
    DESCRIPTION itself. Both go through :func:`imports.text.plain_text`.
    """
    alternative = component.get("X-ALT-DESC")
    params = getattr(alternative, "params", {})
    if str(params.get("FMTTYPE", "")).lower() == "text/html":
        text = plain_text(_text(component, "X-ALT-DESC"))
        if text:
            return text
    return plain_text(_text(component, "DESCRIPTION"))


def web_address(value: object) -> str:
    """``value`` as text when it is an http(s) address, else ``""``."""
    text = str(value or "").strip()
    return text if text.lower().startswith(_WEB_SCHEMES) and " " not in text else ""


def url(component: Component) -> str:
    """URL when it is an http(s) address (never ``javascript:`` or ``mailto:``)."""
    value = component.get("URL")
    if isinstance(value, list):
        value = value[0] if value else None
    return web_address(value)


def location(component: Component) -> tuple[str, str]:
    """LOCATION split into (name, address): its first line, and the other lines joined by ", ".

    A LOCATION on one line (as Google writes «Fjordscenen, Havnevej 3, 4600 Køge») is all
    name: where a comma divides a name from an address differs from feed to feed.
    """
    lines = [line.strip() for line in plain_text(_text(component, "LOCATION")).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return "", ""
    return lines[0], ", ".join(lines[1:])


def organizer(component: Component) -> str:
    """ORGANIZER's common name (its ``CN`` parameter); its e-mail address is never used."""
    value = component.get("ORGANIZER")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or not hasattr(value, "params"):
        return ""
    return " ".join(str(value.params.get("CN", "")).split())


def categories(component: Component) -> list[str]:
    """Every CATEGORIES value of every CATEGORIES line, split at commas, in order, once each."""
    values = component.get("CATEGORIES")
    if values is None:
        return []
    found: list[str] = []
    for line in values if isinstance(values, list) else [values]:
        for value in getattr(line, "cats", [line]):
            for word in str(value).split(","):
                word = " ".join(word.split())
                if word and word not in found:
                    found.append(word)
    return found


def image_url(component: Component) -> str:
    """The first image address: RFC 7986 IMAGE, else an ATTACH whose FMTTYPE is ``image/*``.

    Only http(s) addresses count; an inline (BASE64) image is left out.
    """
    for name in ("IMAGE", "ATTACH"):
        values = component.get(name)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            params = getattr(value, "params", {})
            if str(params.get("VALUE", "URI")).upper() != "URI":
                continue
            fmttype = str(params.get("FMTTYPE", "")).lower()
            if name == "ATTACH" and not fmttype.startswith("image/"):
                continue
            address = web_address(value)
            if address:
                return address
    return ""


def sequence(component: Component) -> int:
    """SEQUENCE as a number ≥ 0 (0 when absent or unreadable)."""
    try:
        return max(0, int(str(component.get("SEQUENCE", 0))))
    except ValueError:
        return 0


def status_cancelled(component: Component) -> bool:
    """Whether STATUS is CANCELLED (RFC 5545 §3.8.1.11)."""
    return str(component.get("STATUS", "")).strip().upper() == "CANCELLED"


def derived_uid(component: Component) -> str:
    """A stable id for a VEVENT without UID: a digest of its DTSTART as written and SUMMARY.

    The same event read again gets the same id; a changed start or title makes it another
    event (the old one's dates are then gone from the source).
    """
    start = component.get("DTSTART")
    written = start.to_ical().decode("utf-8", "replace") if hasattr(start, "to_ical") else ""
    tzid = str(getattr(start, "params", {}).get("TZID", ""))
    digest = hashlib.sha256(f"{tzid}|{written}|{title(component)}".encode()).hexdigest()
    return f"uden-uid-{digest[:32]}"
