"""The one shape every reader of a source produces, and the importer consumes.

A reader (``imports.ics`` for RFC 5545 calendars, ``imports.jsonld`` for schema.org ``Event``
JSON-LD) turns a document into a list of :class:`SourceEvent`; the importer then matches each
one by ``uid`` to what an earlier run created and updates, creates or cancels. Readers do no
database work and know nothing of venues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SourceDate:
    """One date of a source event.

    ``key`` is the date's stable id within its event: ``""`` for an event with one date and no
    recurrence, else the RFC 5545 RECURRENCE-ID of the instance in UTC as ``YYYYMMDDTHHMMSSZ``
    (``YYYYMMDD`` for all-day series), or for JSON-LD the ``startDate`` as given (or the
    ``subEvent``'s ``@id``/url).

    Timed dates: ``start`` and ``end`` are aware ``datetime``s (``end`` may be ``None``: no end
    given). All-day dates (``all_day=True``): ``start`` and ``end`` are ``date``s, ``end`` the
    *last* day inclusive (schema.org's reading; an RFC 5545 DTEND is exclusive and must be
    converted by the reader). ``cancelled`` is RFC 5545 ``STATUS:CANCELLED`` on the instance,
    or schema.org ``eventStatus`` ``EventCancelled``.
    """

    key: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    all_day: bool = False
    cancelled: bool = False


@dataclass
class SourceEvent:
    """One event as a source describes it, with all its dates inside the import horizon.

    ``uid`` is the stable id: the RFC 5545 UID, or the JSON-LD ``@id`` (else its ``url``).
    ``description`` is plain text, paragraphs separated by one blank line (HTML already turned
    into text; never rendered as HTML). ``categories`` are the source's own words (RFC 5545
    CATEGORIES, schema.org ``keywords``/``about``/type), mapped to focus areas and audiences by
    the source's category mapping. Prices are in DKK when the source gives DKK, else ``None``.
    ``sequence`` is the RFC 5545 SEQUENCE (0 when absent). ``cancelled`` means the whole event.
    """

    uid: str
    title: str
    dates: list[SourceDate] = field(default_factory=list)
    description: str = ""
    url: str = ""
    image_url: str = ""
    categories: list[str] = field(default_factory=list)
    location_name: str = ""
    location_address: str = ""
    organizer: str = ""
    performer: str = ""
    is_free: bool | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    ticket_url: str = ""
    sequence: int = 0
    cancelled: bool = False
