"""The most expensive anonymous requests, against a running production-like server.

    HOSTILE_URL=http://127.0.0.1:8000 .venv/bin/python bench/hostile.py [--repeat 3]
        [--limit 0.5] [--only WORD]

Start the site as in production first (gunicorn, DEBUG off, PostgreSQL with 100,000 events,
the page cache on). Every request carries a parameter of its own the site does not know
(``zz=<random>``): the page cache leaves it out of its key and renders such a request
without storing it unless the canonical page is cached, which this sweep never asks for,
so every request here is a miss. Slugs (a municipality, a venue, a focus area, an event)
are read from the public API, as an outsider would.

Prints one row per URL: status, the median time of ``--repeat`` requests (seconds, the
whole response read), the bytes, and ``OVER`` for a median over ``--limit`` seconds. Exits
1 when any row is over the limit or answered 5xx (a 503 from the database time limit is
a row over the limit too: the work did not fit).
"""

import argparse
import calendar
import json
import os
import random
import secrets
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("HOSTILE_URL", "http://127.0.0.1:8000").rstrip("/")
COMMON = "koncert"  # in a third of the demo events
#: Every audience and every accessibility feature at once.
EVERY_VALUE = "&".join(
    [f"audience={a}" for a in ("boern", "familier", "unge", "voksne", "seniorer")]
    + [
        f"accessibility={f}"
        for f in (
            "trinfri-adgang",
            "handicaptoilet",
            "teleslynge",
            "tegnsprogstolkning",
            "afslappet-forestilling",
            "siddepladser",
        )
    ]
)
EVERY_FILTER = (
    "municipality={m}&municipality={m2}&focus_area={f}&audience=voksne"
    "&accessibility=trinfri-adgang&free=on"
)


#: Typed prefixes for the suggestions, which are cached per query: each request its own.
PREFIXES = iter(
    a + b for a in "kmrstbfdhl" for b in ("o", "a", "e", "i", "u", "y", "r", "l", "ø", "æ")
)


#: Past months, each asked for once (``{month}``): 2018 to 2025, in a shuffled order.
MONTHS = iter(random.Random(7).sample(range(2018 * 12, 2026 * 12), 8 * 12))


def fetch(path: str) -> tuple[int, int, float]:
    """GET ``BASE + path`` with a unique unknown parameter: (status, bytes, seconds). A
    ``{prefix}`` in ``path`` is one typed prefix or a letter of it (``{letter}``) not asked
    before; ``{month}`` a past month's dates not asked for before."""
    if "{prefix}" in path or "{letter}" in path:
        prefix = next(PREFIXES)
        path = path.format(prefix=urllib.parse.quote(prefix), letter=prefix[0])
    if "{month}" in path:
        year, month = divmod(next(MONTHS), 12)
        last = calendar.monthrange(year, month + 1)[1]
        path = path.format(
            month=f"date_from={year}-{month + 1:02}-01&date_to={year}-{month + 1:02}-{last}"
        )
    glue = "&" if "?" in path else "?"
    url = f"{BASE}{path}{glue}zz={secrets.token_hex(4)}"
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, len(body), time.perf_counter() - started


def slugs() -> dict:
    """A municipality, a second one, a venue, a focus area and an event, from the API."""

    def first(path, key="slug", index=0):
        with urllib.request.urlopen(f"{BASE}/api/v1/{path}", timeout=60) as response:
            return json.load(response)["results"][index][key]

    return {
        "m": first("municipalities/"),
        "m2": first("municipalities/", index=1),
        "v": first("venues/?page_size=200", index=7),
        "f": first("focus-areas/"),
        "e": first("events/?page_size=1"),
    }


def urls(s: dict) -> list[str]:
    """The hostile list: the listing with every filter and common words, by relevance, from
    2000, to 2099, last and beyond-last pages; the API at its extremes; every feed; the
    sitemaps; suggestions of one and two letters; the embed; place pages; English."""
    every = EVERY_FILTER.format(**s)
    q = f"q={COMMON}"
    old, far = "date_from=2000-01-01", "date_to=2099-12-31"
    listing = [
        f"?{q}",
        f"?{q}&sort=relevance",
        f"?{q}&sort=date",
        f"?{q}&{old}",
        f"?{q}&sort=relevance&{old}",
        f"?{q}&sort=date&{old}&{far}",
        f"?{q}&{old}&page=10",
        f"?{q}&{old}&page=last",
        f"?{q}&sort=date&{old}&page=last",
        f"?{q}&sort=date&{old}&page=51",
        f"?{q}&{old}&page=11",
        "?q=musik+koncert+jazz",
        "?q=og",
        "?q=e",
        "?q=kocert",
        f"?q=pizza&{old}",
        f"?q=film&sort=date&{old}&{far}",
        f"?q={COMMON}&venue={s['v']}&{old}",
        f"?{every}&{q}&{old}",
        f"?{every}&{q}&sort=date&{old}&{far}",
        f"?{every}&{old}",
        f"?{every}&{old}&{far}&page=last",
        f"?{every}&period=month",
        # A common word with words that name mild filters, or with such filters: few events
        # match both among many that match each.
        f"?{q}+gratis+seniorer&{old}",
        f"?focus_area=kultur-og-sundhed&free=on&{q}&{old}",
        f"?audience=seniorer&{q}&{old}&sort=date",
        f"?accessibility=tegnsprogstolkning&{q}&{old}&sort=date",
        f"?{EVERY_VALUE}",
        f"?{EVERY_VALUE}&{q}&{old}",
        "?period=weekend&date_to=2000-01-02",  # a window ending before it begins
        # Three mild filters on each date (too many events for their ids), the last page.
        "?audience=voksne&accessibility=siddepladser&free=on&page=last",
        f"?{old}",
        f"?{old}&{far}&page=last",
        f"?{old}&page=51",
        "?page=last",
    ]
    api = [
        "/api/v1/occurrences/",
        f"/api/v1/occurrences/?{q}",
        f"/api/v1/occurrences/?{q}&{old}&page_size=1&page=last",
        f"/api/v1/occurrences/?{q}&{old}&page_size=200",
        f"/api/v1/occurrences/?q=pizza&{old}&page_size=200&page=last",
        f"/api/v1/occurrences/?{q}&{old}&{far}&page_size=200&page=last",
        f"/api/v1/occurrences/?{old}&page_size=200&page=last",
        f"/api/v1/occurrences/?{every}&{q}&{old}&page_size=200",
        f"/api/v1/occurrences/?{every}&{old}&page_size=200",
        "/api/v1/occurrences/?q=jazz&date_from=2010-06-01",  # 5,000 keys of a fairly common word
        "/api/v1/occurrences/?page_size=200&page=26",
        "/api/v1/events/",
        "/api/v1/events/?page_size=200",
        "/api/v1/events/?page=last",
        "/api/v1/events/?page_size=200&page=last",
    ]
    feeds = [
        f"/arrangementer/feed.{kind}{query}"
        for kind in ("ics", "rss", "atom")
        for query in (
            "",
            f"?municipality={s['m']}",
            f"?venue={s['v']}",
            f"?focus_area={s['f']}",
            f"?{q}",
            f"?{q}&{old}",
            f"?{every}&{q}&{old}",
            f"?{EVERY_VALUE}",
            # Four municipalities and a feature: their events' dates, each digested.
            "?municipality=helsingoer&municipality=herlev&municipality=ishoej"
            "&municipality=albertslund&accessibility=trinfri-adgang",
            "?{month}",  # a past month not asked for before: no date's entry is cached
        )
    ]
    return [
        *(f"/arrangementer/{query}" for query in listing),
        *(f"/en/arrangementer/{query}" for query in (f"?{q}", f"?{q}&{old}", f"?{every}&{q}")),
        *api,
        *feeds,
        f"/arrangementer/{s['e']}.ics",
        "/sitemap.xml",
        "/sitemap-events.xml",
        "/sitemap-events.xml?p=100",
        "/sitemap-events.xml?p=999",
        "/arrangementer/forslag.json?q={letter}",
        "/arrangementer/forslag.json?q={prefix}",
        "/en/arrangementer/forslag.json?q={prefix}",
        "/embed/",
        f"/embed/?{q}&{old}&limit=50",
        f"/embed/?{every}&{q}",
        "/",
        f"/kommuner/{s['m']}/",
        f"/kommuner/{s['m']}/?{q}",
        f"/steder/{s['v']}/",
        f"/steder/{s['v']}/?{every}",
        f"/indsatser/{s['f']}/",
        f"/indsatser/{s['f']}/?{q}&{old}",
        f"/arrangementer/{s['e']}/",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=0.5, help="seconds")
    parser.add_argument("--only", default="", help="only URLs containing this text")
    args = parser.parse_args()
    rows = [u for u in urls(slugs()) if args.only in u]
    width = min(max(len(u) for u in rows), 110)
    print(f"{'URL':{width}} {'status':>6} {'s':>6} {'bytes':>9}")
    over = 0
    for path in rows:
        results = [fetch(path) for _ in range(args.repeat)]
        seconds = statistics.median(r[2] for r in results)
        status, size = results[-1][0], results[-1][1]
        bad = seconds > args.limit or status >= 500
        over += bad
        shown = path if len(path) <= width else path[: width - 1] + "…"
        mark = "  OVER" if bad else ""
        print(f"{shown:{width}} {status:6d} {seconds:6.3f} {size:9d}{mark}", flush=True)
    print(f"\n{len(rows)} URLs, {over} over {args.limit} s (median of {args.repeat})")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
