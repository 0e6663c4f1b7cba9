"""Fetch and read a source's document with the reader of its kind (``imports.ics`` for an
ICS address, ``imports.jsonld`` for a web page), and fetch images through the same guard.
The readers and the fetcher are imported when used: they are separate concerns."""

from .errors import SourceError

#: How far ahead a source is read (days): the issue's 12 months. A date missing from the
#: source is cancelled only inside this window.
HORIZON_DAYS = 365

#: Leading bytes that tell an iCalendar document from a web page (``guess_kind``).
_ICS_START = b"BEGIN:VCALENDAR"


def guess_kind(document: bytes) -> str:
    """``"ics"`` when ``document`` starts (after a byte-order mark and blank lines) with
    ``BEGIN:VCALENDAR`` (RFC 5545 §3.4), else ``"jsonld"`` (a web page)."""
    head = document[:200].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return "ics" if head.startswith(_ICS_START) else "jsonld"


def read(source, document=None, *, now, horizon_days=HORIZON_DAYS):
    """``(events, problems)``: the ``SourceEvent``s of ``source``'s document (fetched from
    ``source.url`` unless given as bytes) and the Danish sentences about single events the
    reader skipped. Raises ``SourceError`` when the document cannot be fetched or read."""
    if document is None:
        if not source.url:
            raise SourceError("Kilden har ingen adresse.")
        from . import fetch

        document = fetch.fetch(source.url, kind=source.kind).body
    if source.kind == "ics":
        from . import ics

        return _with_problems(ics.read_calendar(document, now=now, horizon_days=horizon_days))
    from . import fetch, jsonld

    def fetch_page(url):
        return fetch.fetch(url, kind="jsonld").body

    return _with_problems(jsonld.read_page(document, source.url, fetch_page=fetch_page))


def _with_problems(result):
    if isinstance(result, tuple):
        events, problems = result
        return list(events), [str(p) for p in problems]
    return list(result), list(getattr(result, "problems", []))


def fetch_image(url):
    """The image at ``url`` as a ``ContentFile`` (``imports.images.fetch_image``); raises
    ``SourceError``."""
    from . import images

    return images.fetch_image(url)
