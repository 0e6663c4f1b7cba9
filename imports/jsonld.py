"""Events from a web page's schema.org ``Event`` JSON-LD, through extruct.

:func:`read_page` is what the importer calls for a source of kind «web page»: the page's own
Events, or — for a listing page — the Events of the same-site pages it links, one level
deep. One Event node becomes SourceEvents in :mod:`imports.jsonld_event`; the rules are in
docs/imports.md («Reading schema.org JSON-LD»).
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html
from django.conf import settings
from django.utils import timezone
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

from .errors import SourceError
from .fetch import Fetched, fetch
from .items import SourceDate, SourceEvent
from .jsonld_event import EventReader, is_event
from .jsonld_values import as_list, local_type_names, web_url

_SCRIPTS = 'descendant-or-self::script[@type="application/ld+json"]'
_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".ics", ".zip",
              ".mp3", ".mp4", ".css", ".js", ".xml", ".json", ".doc", ".docx")  # fmt: skip


@dataclass
class ReadResult:
    """What a reader got from a source: ``events`` (each with at least one date inside the
    window) and ``problems``, one Danish sentence per thing skipped (an Event without a
    valid start date, a JSON-LD block that is not JSON, a linked page that failed). Problems
    do not fail the source; the importer shows them with the run's status."""

    events: list[SourceEvent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_page(
    body: bytes,
    url: str,
    *,
    fetch_page: Callable[[str], Fetched] | None = None,
    page_limit: int = 50,
    now: dt.datetime | None = None,
    horizon_days: int = 365,
    charset: str = "",
) -> ReadResult:
    """Read the schema.org Events of the HTML page ``body`` fetched from ``url``.

    Events are nodes of any type in schema.org's Event hierarchy, anywhere in the page's
    JSON-LD (``@graph``, lists, nested in other nodes); ``{"@id": …}`` references are
    resolved within the page. A page with no dated Event of its own, or with an
    ``ItemList`` of links, is a listing: its links to pages of the same scheme and host are
    fetched with ``fetch_page(url) -> Fetched`` (default: :func:`imports.fetch.fetch` as
    ``kind="page"``), at most ``page_limit`` of them, and each is read for Events (not
    followed further), while ``IMPORTS_LISTING_SECONDS`` last. A linked page that fails is
    a problem; the others still count.
    Dates that ended before ``now`` (default: the current time) or start more than
    ``horizon_days`` after it are left out; an event with no date left is left out.
    ``charset`` is the page's (``Fetched.charset``); UTF-8 when not given.

    Raises :class:`~imports.errors.SourceError` when the page is not HTML, or when neither it
    nor the pages it links hold any Event at all (so that a broken page or plugin never
    reads as «every event is gone»).
    """
    now = now or timezone.now()
    horizon = dt.timedelta(days=horizon_days)
    result = ReadResult()
    page = _parse(body, url, charset, result.problems)
    found_any = bool(page.events)
    result.events.extend(_read_events(page, now, horizon, result.problems))
    links = page.listed if page.events else [*page.listed, *page.anchors]
    links = _same_site(links, url)[:page_limit]
    fetch_page = fetch_page or _fetch_page
    failures: list[str] = []
    budget_ends = time.monotonic() + settings.IMPORTS_LISTING_SECONDS
    for number, link in enumerate(links):
        if number and time.monotonic() > budget_ends:  # the first is always read
            result.problems.append(
                f"{len(links) - number} af siderne, som {url} linker til, blev ikke læst: "
                f"at læse dem alle tog mere end {settings.IMPORTS_LISTING_SECONDS} sekunder."
            )
            links = links[:number]
            break
        try:
            fetched = fetch_page(link)
            linked = _parse(fetched.body, fetched.url, fetched.charset, result.problems)
        except SourceError as error:
            failures.append(f"Siden {link} kunne ikke læses: {error}")
            continue
        found_any = found_any or bool(linked.events)
        result.events.extend(_read_events(linked, now, horizon, result.problems))
    result.problems.extend(failures)
    if not found_any:
        if links and len(failures) == len(links):
            raise SourceError(
                f"Siden {url} linker til {len(links)} sider, men ingen af dem kunne læses. "
                f"{failures[0]}"
            )
        raise SourceError(
            f"Siden {url} indeholder ingen arrangementer i schema.org-format (JSON-LD «Event»), "
            "og det gør de sider, den linker til, heller ikke."
        )
    result.events = _merged(result.events)
    return result


@dataclass
class _Page:
    url: str
    events: list[dict]  # Event nodes to read
    lookup: dict[str, dict]  # "@id" → node
    listed: list[str]  # URLs an ItemList (or a dateless Event) points to
    anchors: list[str]  # every <a href>, absolute, in document order


def _fetch_page(url: str) -> Fetched:
    return fetch(url, kind="page")


def _parse(body: bytes, url: str, charset: str, problems: list[str]) -> _Page:
    try:
        tree = parse_html(body, encoding=charset or "utf-8")
    except (ValueError, LookupError, lxml.etree.ParserError) as exc:
        raise SourceError(f"Siden {url} kunne ikke læses som HTML.") from exc
    if tree is None:
        raise SourceError(f"Siden {url} er tom.")
    items = _json_ld(tree, url, problems)
    base = urljoin(url, next(iter(tree.xpath("//base/@href")), "").strip())
    page = _Page(url=url, events=[], lookup={}, listed=[], anchors=[])
    _index(items, page.lookup, 0)
    _collect(items, page, 0)
    page.anchors = [urljoin(base, href.strip()) for href in tree.xpath("//a/@href")]
    return page


def _json_ld(tree, url: str, problems: list[str]) -> list:
    extractor = JsonLdExtractor()
    try:
        return extractor.extract_items(tree)
    except (ValueError, RecursionError):
        pass  # one bad block: read the blocks one by one and report the bad ones
    items = []
    for script in tree.xpath(_SCRIPTS):
        wrapper = lxml.html.Element("div")
        wrapper.append(copy.deepcopy(script))
        try:
            items.extend(extractor.extract_items(wrapper))
        except (ValueError, RecursionError):
            problems.append(f"En JSON-LD-blok på {url} er ikke gyldig JSON og er sprunget over.")
    return items


def _index(value, lookup: dict[str, dict], depth: int) -> None:
    """Every node with an ``@id`` and more than a reference, by its ``@id``."""
    if depth > 40:
        return
    for item in as_list(value) if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            node_id = item.get("@id")
            if isinstance(node_id, str) and set(item) - {"@id", "@type"}:
                lookup.setdefault(node_id, item)
            for child in item.values():
                _index(child, lookup, depth + 1)
        elif isinstance(item, list):
            _index(item, lookup, depth + 1)


def _collect(value, page: _Page, depth: int) -> None:
    """Find the Event nodes (not inside another Event: sub-events belong to it) and the
    links of ItemLists."""
    if depth > 40:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, page, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if set(value) <= {"@id", "@type"} and str(value.get("@id")) in page.lookup:
        return  # a reference; the node itself is collected where it stands
    if is_event(value):
        if value.get("startDate") or value.get("subEvent") or not value.get("url"):
            page.events.append(value)
        elif link := web_url(value.get("url"), page.url):  # dateless: a listing's entry
            page.listed.append(link)
        return
    if "ItemList" in local_type_names(value):  # not a BreadcrumbList: that is navigation
        for element in as_list(value.get("itemListElement")):
            link = _list_target(element, page.lookup)
            if link:
                page.listed.append(urljoin(page.url, link))
    for child in value.values():
        _collect(child, page, depth + 1)


def _list_target(element, lookup: dict[str, dict]) -> str:
    """The URL an ItemList element points to, unless it is an Event (read as it stands)."""
    if isinstance(element, dict) and "ListItem" in local_type_names(element):
        element = element.get("item") or element.get("url")
    if isinstance(element, dict) and set(element) <= {"@id", "@type"}:
        element = lookup.get(str(element.get("@id")), element)
    if isinstance(element, dict) and not is_event(element):
        element = element.get("url") or element.get("@id")
    return element.strip() if isinstance(element, str) else ""


def _read_events(page: _Page, now, horizon, problems: list[str]) -> list[SourceEvent]:
    reader = EventReader(page_url=page.url, now=now, horizon=horizon, lookup=page.lookup)
    reader.problems = problems
    return [event for node in page.events for event in reader.read(node)]


def _same_site(links: list[str], url: str) -> list[str]:
    """Links on the same scheme and host (and port) as ``url``, without fragments, each
    once, not ``url`` itself nor files that are no page; those below the listing's own path
    first (a listing at /program/ links its events at /program/…)."""
    own = urlsplit(url)
    home = own.path.rsplit("/", 1)[0] + "/"
    seen = {urlunsplit(own._replace(fragment=""))}
    below, elsewhere = [], []
    for link in links:
        parts = urlsplit(link)
        if parts.scheme != own.scheme or parts.netloc.lower() != own.netloc.lower():
            continue
        clean = urlunsplit(parts._replace(fragment=""))
        if clean in seen or parts.path.lower().endswith(_NOT_PAGES):
            continue
        seen.add(clean)
        (below if parts.path.startswith(home) else elsewhere).append(clean)
    return below + elsewhere


def _merged(events: list[SourceEvent]) -> list[SourceEvent]:
    """One SourceEvent per uid: a page that lists the same event twice (a plugin and an SEO
    plugin both writing it), or once per date, gives one event with all its dates."""
    by_uid: dict[str, SourceEvent] = {}
    for event in events:
        first = by_uid.setdefault(event.uid, event)
        if first is event:
            continue
        known = {(d.start, d.end) for d in first.dates}
        extra = [d for d in event.dates if (d.start, d.end) not in known]
        if extra:
            first.dates = [_keyed(d) for d in first.dates + extra]
    return list(by_uid.values())


def _keyed(date: SourceDate) -> SourceDate:
    return date if date.key else replace(date, key=date.start.isoformat())
