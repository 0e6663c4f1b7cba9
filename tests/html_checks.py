"""Does a page contain markup a visitor put there? Shared by the escaping and fuzz tests.

A page is read the way a browser's tokenizer reads it (``html.parser``); text that arrives
escaped stays text and is never seen as an element or attribute.
"""

import json
from html.parser import HTMLParser

#: Attribute names the site never uses, but injected markup does.
MARKER_ATTRIBUTES = {"data-pwned"}
#: Element names the site never uses, but injected markup does.
MARKER_TAGS = {"x-fuzz"}
#: Attributes a browser follows or runs as an address (a form field's value is only text).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


class Elements(HTMLParser):
    """Every start tag and every <script>'s content of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def injected(html):
    """What in ``html`` looks like markup of a visitor's making: a list of findings."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    findings = []
    for tag, attrs in parser.tags:
        # The site has no inline event handlers (nor does the admin): any is injected.
        handlers = [name for name in attrs if name.startswith("on")]
        if tag in MARKER_TAGS or handlers or MARKER_ATTRIBUTES & set(attrs):
            findings.append((tag, attrs))
        for name in URL_ATTRIBUTES & set(attrs):
            if (attrs[name] or "").strip().lower().startswith("javascript:"):
                findings.append((tag, attrs))
    for attrs, text in parser.scripts:
        if attrs.get("type") == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                findings.append(("script", text[:200]))
        elif "alert(" in text:
            findings.append(("script", text[:200]))
    return findings


def assert_not_injected(html, *payloads):
    """No payload appears verbatim (where it holds a character that escaping changes),
    and the page holds no element or attribute of a visitor's making."""
    for payload in payloads:
        if set(payload) & set("<>\"'"):
            assert payload not in html, payload
    assert injected(html) == []
