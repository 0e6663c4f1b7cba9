"""Fetch and read a source's document with the reader of its kind (``imports.ics`` for an
ICS address, ``imports.jsonld`` for a web page), and fetch images through the same guard.
The readers and the fetcher are imported when used: they are separate concerns."""

from dataclasses import dataclass, field

from .errors import SourceError

#: How far ahead a source is read (days): the issue's 12 months. A date missing from the
#: source is cancelled only inside this window.
HORIZON_DAYS = 365

#: Leading bytes that tell an iCalendar document from a web page (``guess_kind``).
_ICS_START = b"BEGIN:VCALENDAR"
#: The fetcher's kind (``imports.fetch.fetch``) for each kind of source.
FETCH_KIND = {"ics": "ics", "jsonld": "page"}


@dataclass
class Reading:
    """What a reader made of a document: ``events`` (``SourceEvent``), ``problems`` (Danish
    sentences about single events), ``skipped`` (uids of events that could not be read: their
    stored dates are left alone) and ``covers`` — ``covers(uid, start, end, all_day)`` tells
    whether the reading speaks for a stored date (``SourceDate`` shapes), so that only such a
    date is cancelled when missing; None: every date between now and the horizon."""

    events: list
    problems: list = field(default_factory=list)
    skipped: set = field(default_factory=set)
    covers: object = None


def guess_kind(document: bytes) -> str:
    """``"ics"`` when ``document`` starts (after a byte-order mark and blank lines) with
    ``BEGIN:VCALENDAR`` (RFC 5545 §3.4), else ``"jsonld"`` (a web page)."""
    head = document[:200].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return "ics" if head.startswith(_ICS_START) else "jsonld"


def read(source, document=None, *, now, horizon_days=HORIZON_DAYS) -> Reading:
    """The :class:`Reading` of ``source``'s document (fetched from ``source.url`` unless given
    as bytes). Raises ``SourceError`` when the document cannot be fetched or read."""
    charset = ""
    if document is None:
        if not source.url:
            raise SourceError("Kilden har ingen adresse.")
        from . import fetch

        fetched = fetch.fetch(source.url, kind=FETCH_KIND[source.kind])
        document, charset = fetched.body, fetched.charset
    if source.kind == "ics":
        from . import ics

        reading = ics.read_calendar_with_problems(document, now=now, horizon_days=horizon_days)
        return Reading(
            list(reading.events),
            list(reading.problems),
            set(reading.skipped_uids),
            reading.covers,
        )
    from . import jsonld

    result = jsonld.read_page(
        document, source.url, now=now, horizon_days=horizon_days, charset=charset
    )
    return Reading(list(result.events), list(result.problems))


def fetch_image(url):
    """The image at ``url`` as a ``ContentFile`` (``imports.images.fetch_image``); raises
    ``SourceError``."""
    from . import images

    return images.fetch_image(url)
