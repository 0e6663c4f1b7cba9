"""`make bench-imports`: import a 5,000-VEVENT calendar, then import it again unchanged.

    BENCH_IMPORTS_DATABASE=postgres://postgres@127.0.0.1:5432/km_bench_imports \
        .venv/bin/python bench/imports.py

Drops and creates that database (never name a database you want to keep), migrates it, adds
a venue and a trusted ICS source, and runs ``imports.sync.run`` on the feed of
``tests/imports/feeds.py`` three ways: the first import, a dry run of the same, and a second
import of the unchanged feed. It prints per step the wall time, SQL statements, writes
(INSERT/UPDATE/DELETE) and the rows made. Targets (issue 18): first import ≤ 30 s; unchanged
≤ 5 s with no writes to events, dates or items (the one write is the source's status row).
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get(
    "BENCH_IMPORTS_DATABASE", "postgres://postgres@127.0.0.1:5432/km_bench_imports"
)
TARGETS = {"first import": 30.0, "unchanged": 5.0}


def recreate(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


class Counter:
    """A connection wrapper counting statements and writes."""

    def __init__(self):
        self.queries = self.writes = 0
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        head = sql.lstrip().split(None, 3)
        if head and head[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.writes += 1
            self.tables.add(
                next((w.strip('"') for w in head[1:] if w.upper() not in ("INTO", "FROM")), "?")
            )
        return execute(sql, params, many, context)


def main():
    os.environ.update(DATABASE_URL=DATABASE, DEBUG="1", PAGE_CACHE="0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturmetropolen.settings")
    recreate(DATABASE)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.models import Event, FocusArea, Occurrence
    from imports.models import EventSource
    from imports.sync import RunReport, run
    from imports.sync_read import read
    from municipalities.models import Municipality, Venue
    from tests.imports.feeds import BIG_FEED_FIRST_DAY, COPENHAGEN, big_feed, big_feed_dates

    call_command("migrate", verbosity=0)
    venue = Venue.objects.create(
        name="Bench-scenen",
        slug="bench-scenen",
        municipality=Municipality.objects.get(slug="koege"),
        street_address="Torvet 1",
        postal_code="4600",
        city="Køge",
        is_trusted=True,
    )
    source = EventSource.objects.create(venue=venue, name="Bench", url="", trusted=True)
    source.focus_areas.set(FocusArea.objects.filter(slug="musik"))
    # The feed's dates lie within a year of its first day: read from that day's midnight.
    first = BIG_FEED_FIRST_DAY
    now = dt.datetime(first.year, first.month, first.day, tzinfo=COPENHAGEN)
    document = big_feed(5000)
    rows = []
    counter, started = Counter(), time.perf_counter()
    with connection.execute_wrapper(counter):
        reading = read(source, document, now=now)
    seconds = time.perf_counter() - started
    rows.append(("read only", seconds, counter, RunReport(source, unchanged=len(reading.events))))
    for step, dry in (("dry run", True), ("first import", False), ("unchanged", False)):
        counter = Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            report = run(source, document=document, now=now, dry_run=dry)
        seconds = time.perf_counter() - started
        assert not report.failed, report.errors
        rows.append((step, seconds, counter, report))
    print(f"\nImport of a 5,000-VEVENT ICS feed (PostgreSQL, {DATABASE.rsplit('/', 1)[-1]})")
    print(
        f"{'step':<14} {'seconds':>8} {'target':>7} {'queries':>8} {'writes':>7}  "
        f"{'created':>7} {'updated':>7} {'unchanged':>9}  written tables"
    )
    for step, seconds, counter, report in rows:
        target = TARGETS.get(step)
        counts = report.counts
        print(
            f"{step:<14} {seconds:8.2f} {target or '':>7} {counter.queries:8d} "
            f"{counter.writes:7d}  {counts['created']:7d} {counts['updated']:7d} "
            f"{counts['unchanged']:9d}  {', '.join(sorted(counter.tables)) or '-'}"
        )
    print(
        f"\nRows: {Event.objects.count()} events, {Occurrence.objects.count()} dates "
        f"(the feed holds {big_feed_dates(5000)} dates)."
    )
    failed = [s for s, sec, *_ in rows if s in TARGETS and sec > TARGETS[s]]
    unchanged_writes = rows[-1][2].tables - {"imports_eventsource"}
    if unchanged_writes:
        failed.append(f"unchanged run wrote {', '.join(sorted(unchanged_writes))}")
    print("FAIL: " + "; ".join(failed) if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
