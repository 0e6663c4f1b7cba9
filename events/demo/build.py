"""Writes one demo event from a kind and a ``random.Random``: text, price, classification."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from ..models import Event, Occurrence
from .venues import DEMO_HOST
from .words import EXHIBITIONS, GENRES, ORGANIZERS, REJECTIONS, WEEKDAYS, WORDS


@dataclass
class EventPlan:
    """An unsaved event, its classification slugs and its (start, end) dates."""

    event: Event
    focus: list[str]
    audiences: list[str]
    features: list[str]
    dates: list[tuple[datetime, datetime | None]]
    sellable: bool  # can a date be sold out
    statuses: list[str] = field(default_factory=list)  # per date, set by the command


def _set_price(rng, model: str, event: Event):
    if model == "free" or (model == "cheap" and rng.random() < 0.3) or rng.random() < 0.05:
        event.is_free = True
        event.price_text = rng.choice(["", "", "tilmelding nødvendig"])
    elif model == "entry":
        amount = rng.choice([40, 50, 60, 75])
        event.price_text = f"Entré {amount} kr., under 18 år gratis"
        event.price_min, event.price_max = Decimal(0), Decimal(amount)
    else:
        paid = model == "paid"
        low = rng.choice([95, 110, 120, 135, 150, 175, 195] if paid else [30, 40, 50, 60])
        high = low + (rng.choice([0, 0, 25, 50, 80]) if paid else 0)
        event.price_text = f"{low} kr." if high == low else f"{low}–{high} kr."
        event.price_min, event.price_max = Decimal(low), Decimal(high)


def _context(rng, venue, dates, weeks) -> dict:
    """Random values for the {placeholders} of one event's texts."""
    genre, genre_cap = rng.choice(GENRES)
    exhibition, exhibition_focus = rng.choice(EXHIBITIONS)
    organizer = rng.choice(ORGANIZERS) if rng.random() < 0.25 else ""
    # The last day: an end at midnight (an all-day exhibition) belongs to the day before.
    last = timezone.localtime(dates[-1][1] - timedelta(minutes=1)) if dates[-1][1] else dates[-1][0]
    ctx = {key: rng.choice(words) for key, words in WORDS.items()}
    return ctx | {
        "genre": genre,
        "genre_cap": genre_cap,
        "exhibition": exhibition,
        "exhibition_focus": exhibition_focus,
        "organizer": organizer,
        "organizer_or_venue": organizer or venue.name,
        "venue": venue.name,
        "city": venue.city,
        "weeks": weeks,
        "weekday": WEEKDAYS[dates[0][0].weekday()],
        "end": f"{last.day}.{last.month}.{last.year}",
    }


def build_event(rng, kind, venue, status, dates, weeks, slugs, used=None) -> EventPlan:
    """An unsaved ``kind`` event at ``venue`` on ``dates`` (``weeks`` long), slug from ``slugs``.

    Titles in the set ``used`` are avoided where the kind allows it, and the new one added.
    Sets what ``save()`` would: the slug and the search text; not ``published_at``.
    """
    for _attempt in range(8):
        ctx = _context(rng, venue, dates, weeks)
        title = rng.choice(kind["title"]).format(**ctx)
        if used is None or title not in used:
            break
    if used is not None:
        used.add(title)
    paragraphs = [rng.choice(kind[part]).format(**ctx) for part in ["intro", "middle", "practical"]]
    event = Event(
        title=title,
        slug=slugs.unique(title, 220),
        teaser=rng.choice(kind["teaser"]).format(**ctx),
        description="\n\n".join(paragraphs),
        venue=venue,
        organizer=ctx["organizer"],
        status=status,
    )
    _set_price(rng, kind["price"], event)
    if not event.is_free and rng.random() < 0.9:
        event.ticket_url = f"https://billetter.{DEMO_HOST}/{venue.slug}/{event.slug}"
    if rng.random() < 0.5:
        event.info_url = f"https://{venue.slug}.{DEMO_HOST}/arrangementer/{event.slug}/"
    if status == Event.Status.REJECTED:
        event.rejection_reason = rng.choice(REJECTIONS)
    event.set_search_fields(venue=venue)

    focus = list(kind["focus"] or [ctx["exhibition_focus"]])
    focus += [extra for extra in kind["extra"] if rng.random() < 0.3]
    audiences = rng.sample(kind["audiences"], rng.randint(1, len(kind["audiences"])))
    features = []
    if kind["key"] in {"familiekoncert", "ungeaften"} and rng.random() < 0.3:
        features.append("afslappet-forestilling")
    if rng.random() < (0.2 if kind["key"] == "foredrag" else 0.04):
        features.append("tegnsprogstolkning")
    sellable = not event.is_free and kind["schedule"] != "exhibition"
    return EventPlan(event, focus, audiences, features, dates, sellable)


def demo_date(event_id, start, end, status) -> Occurrence:
    """An unsaved date; all-day when it starts and ends at local midnight (only exhibitions
    do: ``all_day_span``). Without an end it is an open end."""
    midnight = end is not None and all(
        timezone.localtime(moment).time() == time.min for moment in (start, end)
    )
    return Occurrence(event_id=event_id, start=start, end=end, all_day=midnight, status=status)
