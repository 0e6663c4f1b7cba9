"""schema.org Event structured data (JSON-LD) for an event page, per Google's event guidelines.

One ``Event`` per upcoming date, so that every date carries its own start, end and status.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .models import Occurrence

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    Occurrence.Status.SCHEDULED: "EventScheduled",
    Occurrence.Status.SOLD_OUT: "EventScheduled",
    Occurrence.Status.POSTPONED: "EventPostponed",
    Occurrence.Status.CANCELLED: "EventCancelled",
}
DESCRIPTION_LENGTH = 5000

# The characters that could end a <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data) -> str:
    """``data`` as JSON that is safe inside <script>: <, > and & are \\u-escaped, so no
    user text can close the element. Nothing else is marked safe."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped just above


def _iso(value):
    return timezone.localtime(value).isoformat()


def dates(occurrence) -> dict:
    """``startDate`` and ``endDate`` of ``occurrence``: ISO 8601 dates (``2026-12-05``) of an
    all-day date, ``endDate`` its last day (schema.org's end is inclusive); else local times
    with their offset, and no ``endDate`` when the end is not known."""
    if occurrence.all_day:
        return {
            "startDate": occurrence.first_day.isoformat(),
            "endDate": occurrence.last_day.isoformat(),
        }
    data = {"startDate": _iso(occurrence.start)}
    if occurrence.end:
        data["endDate"] = _iso(occurrence.end)
    return data


def postal_address(venue):
    """schema.org PostalAddress of ``venue``: the town as ``addressLocality`` (the
    municipality when no town is given), the region as ``addressRegion`` (Google's and
    schema.org's meaning: the state or region, here «Region Hovedstaden» or «Region
    Sjælland», see ``Municipality.region``) and ``addressCountry`` DK (ISO 3166-1)."""
    data = {
        "@type": "PostalAddress",
        "streetAddress": venue.street_address,
        "postalCode": venue.postal_code,
        "addressLocality": venue.city or venue.municipality.name,
        "addressRegion": venue.municipality.region,
        "addressCountry": "DK",
    }
    return {key: value for key, value in data.items() if value}


def organizer(event, absolute_url):
    """schema.org Organization for the organizer: the venue (with its website, or its page
    here) when no other organizer is named; a named organizer by name only, since no
    address of theirs is known (the venue's website is not theirs)."""
    if event.organizer:
        return {"@type": "Organization", "name": event.organizer}
    venue = event.venue
    return {
        "@type": "Organization",
        "name": venue.name,
        "url": venue.website or absolute_url(venue.get_absolute_url()),
    }


def performer(event):
    """schema.org ``performer`` when the event names one (``Event.performer``); typed as a
    PerformingGroup (a band, an ensemble, a company), the type Google's event guidelines
    show for performers; ``None`` otherwise."""
    if not event.performer:
        return None
    return {"@type": "PerformingGroup", "name": event.performer}


def place(venue, absolute_url):
    data = {
        "@type": "Place",
        "name": venue.name,
        "url": absolute_url(venue.get_absolute_url()),
        "address": postal_address(venue),
    }
    if venue.latitude is not None and venue.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return data


def offer(event, occurrence, page_url):
    """The ticket offer; the price only when it is known (free, or a lowest price)."""
    data = {
        "@type": "Offer",
        "url": event.ticket_url or page_url,
        "priceCurrency": "DKK",
        "availability": SCHEMA
        + ("SoldOut" if occurrence.status == Occurrence.Status.SOLD_OUT else "InStock"),
    }
    if event.is_free:
        data["price"] = "0"
    elif event.price_min is not None:
        data["price"] = f"{event.price_min:.2f}"
    if event.published_at:
        data["validFrom"] = _iso(event.published_at)
    return data


def event_structured_data(event, occurrences, absolute_url):
    """A list of schema.org Events, one per date in ``occurrences``."""
    page_url = absolute_url(event.get_absolute_url())
    description = Truncator(
        "\n\n".join(part for part in (event.teaser, event.description) if part)
    ).chars(DESCRIPTION_LENGTH)
    common = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_url,
        "description": description,
        "inLanguage": "da",
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": place(event.venue, absolute_url),
        "organizer": organizer(event, absolute_url),
    }
    if event.performer:
        common["performer"] = performer(event)
    if event.image:
        common["image"] = [absolute_url(event.image.url)]
    items = []
    for occurrence in occurrences:
        item = {
            **common,
            **dates(occurrence),
            "eventStatus": SCHEMA + EVENT_STATUS.get(occurrence.status, "EventScheduled"),
        }
        if event.is_free or event.price_min is not None or event.ticket_url:
            item["offers"] = offer(event, occurrence, page_url)
        items.append(item)
    return items
