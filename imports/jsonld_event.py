"""One schema.org ``Event`` node (of any Event type) into :class:`~imports.items.SourceEvent`s.

The rules, with their reasons, are in docs/imports.md («Reading schema.org JSON-LD»).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .items import SourceDate, SourceEvent
from .jsonld_values import (
    COPENHAGEN,
    as_list,
    categories,
    local_type_names,
    long_text,
    names,
    parse_date,
    parse_price,
    postal_address,
    text,
    web_url,
)

#: schema.org's Event and every type below it (https://schema.org/Event, "More specific
#: Types"), except the deprecated UserInteraction family: no one attends a "UserLikes".
EVENT_TYPES = frozenset(
    {
        "Event",
        "BusinessEvent",
        "ChildrensEvent",
        "ComedyEvent",
        "CourseInstance",
        "DanceEvent",
        "DeliveryEvent",
        "EducationEvent",
        "EventSeries",
        "ExhibitionEvent",
        "Festival",
        "FoodEvent",
        "Hackathon",
        "LiteraryEvent",
        "MusicEvent",
        "PublicationEvent",
        "BroadcastEvent",
        "OnDemandEvent",
        "SaleEvent",
        "ScreeningEvent",
        "SocialEvent",
        "SportsEvent",
        "TheaterEvent",
        "VisualArtsEvent",
    }
)
#: ``eventStatus`` values after which a date does not take place on the day given. A postponed
#: event has no new date yet (https://schema.org/EventPostponed); a rescheduled one carries
#: its new date in ``startDate`` (https://schema.org/EventRescheduled) and stays scheduled.
NOT_TAKING_PLACE = {"EventCancelled", "EventPostponed"}
#: What a sub-event without its own value takes from its parent (a festival's concerts).
INHERITED = ("location", "offers", "image", "organizer", "keywords", "about")


def is_event(node) -> bool:
    """Whether ``node`` is a JSON-LD object of a type in :data:`EVENT_TYPES`."""
    return isinstance(node, dict) and any(t in EVENT_TYPES for t in local_type_names(node))


@dataclass
class EventReader:
    """Reads Event nodes of one page into SourceEvents, keeping dates inside
    [``now``, ``now`` + ``horizon``] and noting each thing it skips in ``problems``
    (Danish sentences). ``lookup`` resolves ``{"@id": …}`` references within the page."""

    page_url: str
    now: dt.datetime
    horizon: dt.timedelta
    lookup: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def read(self, node: dict) -> list[SourceEvent]:
        """The events ``node`` describes: one, or one per distinct sub-event (see docs)."""
        node = self.resolve(node)
        subs = [self.resolve(sub) for sub in as_list(node.get("subEvent"))]
        subs = [sub for sub in subs if is_event(sub)]
        if not subs:
            event = self._event(node, self._dates(node, key=""))
            return [event] if event else []
        if "EventSeries" in local_type_names(node) or all(
            text(sub.get("name")) in ("", text(node.get("name"))) for sub in subs
        ):
            # One event on several dates: each sub-event is a date of it.
            dates = [d for sub in subs for d in self._dates(sub, key=self._sub_key(sub), of=node)]
            keys = Counter(date.key for date in dates)
            # Sub-events sharing one url (the series' page): told apart by their start.
            dates = [
                replace(date, key=date.start.isoformat()) if keys[date.key] > 1 else date
                for date in dates
            ]
            event = self._event(node, dates)
            return [event] if event else []
        # A festival of distinct events: the festival itself (if dated) and each of them.
        events = []
        if node.get("startDate"):
            events.extend(
                event for event in [self._event(node, self._dates(node, key=""))] if event
            )
        for sub in subs:
            child = {key: node[key] for key in INHERITED if key in node} | sub
            events.extend(self.read(child))
        return events

    def resolve(self, value):
        """``value``, or the node its ``{"@id": …}`` reference points at in the page."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.lookup.get(str(value["@id"]), value)
        return value

    def uid(self, node: dict) -> str:
        """``@id`` (resolved against the page), else ``url``, else page + startDate + name."""
        node_id = node.get("@id")
        if isinstance(node_id, str) and node_id.strip() and not node_id.startswith("_:"):
            return web_url(node_id, self.page_url) or node_id.strip()
        return web_url(node.get("url"), self.page_url) or "#".join(
            (self.page_url, str(node.get("startDate", "")), text(node.get("name")))
        )

    def _sub_key(self, sub: dict) -> str:
        node_id = sub.get("@id")
        if isinstance(node_id, str) and node_id.strip() and not node_id.startswith("_:"):
            return web_url(node_id, self.page_url) or node_id.strip()
        return web_url(sub.get("url"), self.page_url) or str(sub.get("startDate", "")).strip()

    def _event(self, node: dict, dates: list[SourceDate]) -> SourceEvent | None:
        title = text(node.get("name"))
        if not title:
            self.problems.append(
                f"Et arrangement på {self.page_url} har intet navn og er sprunget over."
            )
            return None
        if not dates:
            return None  # all its dates are past or beyond the horizon (or were reported)
        types = local_type_names(node)
        location_name, location_address = self._location(node.get("location"))
        event = SourceEvent(
            uid=self.uid(node),
            title=title,
            dates=dates,
            description=long_text(node.get("description")),
            url=web_url(node.get("url"), self.page_url) or self.page_url,
            image_url=web_url(
                [self.resolve(image) for image in as_list(node.get("image"))],
                self.page_url,
                ids=False,
            ),
            categories=categories(node, types),
            location_name=location_name,
            location_address=location_address,
            organizer=names([self.resolve(o) for o in as_list(node.get("organizer"))]),
            performer=names([self.resolve(p) for p in as_list(node.get("performer"))]),
            cancelled=_status(node) in NOT_TAKING_PLACE or all(d.cancelled for d in dates),
        )
        self._offers(event, node)
        return event

    def _dates(self, node: dict, *, key: str, of: dict | None = None) -> list[SourceDate]:
        """The node's date, as a list (empty when skipped or outside the window)."""
        title = text(node.get("name")) or text((of or {}).get("name"))
        raw_start = node.get("startDate")
        start = parse_date(raw_start)
        if start is None:
            self.problems.append(
                f"«{title or self.page_url}» har ingen gyldig startdato ({_shown(raw_start)}) "
                "og er sprunget over."
            )
            return []
        end = parse_date(node.get("endDate"))
        if node.get("endDate") and end is None:
            self.problems.append(
                f"«{title}» har en ugyldig slutdato ({_shown(node.get('endDate'))}); "
                "den er udeladt."
            )
        cancelled = _status(node) in NOT_TAKING_PLACE or _status(of or {}) in NOT_TAKING_PLACE
        if isinstance(start, dt.datetime):
            if isinstance(end, dt.date) and not isinstance(end, dt.datetime):
                # A date-only end to a timed start: until that day is over.
                next_day = end + dt.timedelta(days=1)
                end = dt.datetime.combine(next_day, dt.time(), tzinfo=COPENHAGEN)
            if end is not None and end <= start:
                self.problems.append(f"«{title}» slutter før det begynder; slutningen er udeladt.")
                end = None
            date = SourceDate(key=key, start=start, end=end, cancelled=cancelled)
            last = end or start
            inside = last >= self.now and start <= self.now + self.horizon
        else:
            last_day = end.date() if isinstance(end, dt.datetime) else end
            if last_day is None or last_day < start:
                last_day = start
            date = SourceDate(key=key, start=start, end=last_day, all_day=True, cancelled=cancelled)
            today = self.now.astimezone(COPENHAGEN).date()
            inside = last_day >= today and start <= (self.now + self.horizon).date()
        return [date] if inside else []

    def _location(self, value) -> tuple[str, str]:
        """(name, address) of the first physical place; «Online» for a virtual one only."""
        places = [self.resolve(place) for place in as_list(value)]
        for place in places:
            if isinstance(place, str) and place.strip():
                return text(place), ""
            if isinstance(place, dict) and "VirtualLocation" not in local_type_names(place):
                address = postal_address(self.resolve(place.get("address")))
                return text(place.get("name")), address
        if any(isinstance(place, dict) for place in places):
            return "Online", ""
        return "", ""

    def _offers(self, event: SourceEvent, node: dict) -> None:
        """Price and tickets from ``offers`` (Offer, AggregateOffer, lists; priceSpecification)
        and ``isAccessibleForFree``: numbers only in DKK, a price of 0 means free."""
        amounts: list[tuple[Decimal, str]] = []
        pending = [(self.resolve(offer), "") for offer in as_list(node.get("offers"))]
        while pending:
            offer, parent_currency = pending.pop(0)
            if not isinstance(offer, dict):
                continue
            currency = text(offer.get("priceCurrency")).upper() or parent_currency
            for name in ("price", "lowPrice", "highPrice"):
                amounts.extend((price, currency) for price in _prices(offer.get(name)))
            for spec in as_list(offer.get("priceSpecification")):
                if isinstance(spec, dict):
                    spec_currency = text(spec.get("priceCurrency")).upper() or currency
                    amounts.extend((p, spec_currency) for p in _prices(spec.get("price")))
            if not event.ticket_url:
                event.ticket_url = web_url(offer.get("url"), self.page_url)
            pending.extend((self.resolve(sub), currency) for sub in as_list(offer.get("offers")))
        free_flag = node.get("isAccessibleForFree")
        if free_flag is True or str(free_flag).lower() == "true":
            event.is_free = True
        elif amounts:
            event.is_free = all(price == 0 for price, _currency in amounts)
        kroner = [price for price, currency in amounts if currency == "DKK"]
        if kroner and not event.is_free:
            event.price_min, event.price_max = min(kroner), max(kroner)


def _prices(value) -> list[Decimal]:
    return [price for item in as_list(value) if (price := parse_price(item)) is not None]


def _status(node: dict) -> str:
    status = node.get("eventStatus")
    if isinstance(status, dict):
        status = status.get("@id") or status.get("name")
    return text(status).rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _shown(value) -> str:
    return f"«{value}»" if isinstance(value, str) and value.strip() else "ingen angivet"
