"""Plain text from what a source calls a description: HTML or text, never rendered as HTML."""

import re

import html_text

from core.text import nfc

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(value: str) -> str:
    """Return ``value`` as plain text with its paragraphs kept.

    HTML (anything with a tag) is turned into text by html-text, which drops scripts and
    styles, decodes entities and writes a blank line between block elements (``<p>``,
    ``<div>``, lists) and a newline for ``<br>``. Plain text keeps its line breaks. In both,
    runs of spaces become one, lines are stripped, more than one blank line becomes one,
    and the result is NFC-normalised (as every text stored here). ``""`` for empty input.
    """
    if not value:
        return ""
    if _TAG.search(value):
        value = html_text.extract_text(value, guess_layout=True)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return nfc(_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip())
