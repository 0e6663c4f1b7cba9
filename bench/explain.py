"""`make explain`: the query plans behind every public page, on the benchmark's largest database.

Requests each page in-process (page cache off, small caches warm), captures its SQL, runs
``EXPLAIN (ANALYZE, BUFFERS)`` on each statement and writes docs/explain.md: per page, every
query with its plan and time, and a warning wherever a large table is read sequentially.

Environment: EXPLAIN_DATABASE (default postgres://postgres@127.0.0.1:5432/km_bench_100000,
as seeded by `make bench`).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("EXPLAIN_DATABASE", "postgres://postgres@127.0.0.1:5432/km_bench_100000")
OUT = ROOT / "docs" / "explain.md"

# Run inside the project (manage.py shell) so the pages use the real stack.
SCRIPT = r"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from events.models import Event, Occurrence

occurrence = (
    Occurrence.objects.public().upcoming().select_related("event").order_by("start").first()
)
slug = occurrence.event.slug
pages = {
    "front page": "/",
    "listing": "/arrangementer/",
    "listing: Køge + weekend": "/arrangementer/?municipality=koege&period=weekend",
    "listing: search": "/arrangementer/?q=koncert",
    "listing: page 5": "/arrangementer/?page=5",
    "event detail": f"/arrangementer/{slug}/",
    "municipality page": "/kommuner/roskilde/",
    "focus area page": "/indsatser/musik/",
    "feed ICS": "/arrangementer/feed.ics?municipality=koege",
    "feed RSS": "/arrangementer/feed.rss",
    "API occurrences": "/api/v1/occurrences/?municipality=koege",
    "embed": "/embed/?municipality=koege",
}
client = Client(SERVER_NAME="127.0.0.1")
report = {"events": Event.objects.count(), "occurrences": Occurrence.objects.count(), "pages": []}
for name, path in pages.items():
    client.get(path)  # warm the small caches (menus, filter choices)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    queries = []
    for captured in ctx.captured_queries:
        sql = captured["sql"]
        if not sql.lstrip("( ").upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        queries.append({"sql": sql, "plan": plan})
    report["pages"].append(
        {"name": name, "path": path, "status": response.status_code, "queries": queries}
    )
print("EXPLAIN-JSON " + json.dumps(report))
"""

LARGE_TABLES = ("events_event", "events_occurrence", "events_event_focus_areas")


def main():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DEBUG": "1",
        "DATABASE_URL": DATABASE,
        "PAGE_CACHE_SECONDS": "0",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("EXPLAIN-JSON ")), None)
    if out.returncode or line is None:
        sys.exit(f"explain failed:\n{out.stderr[-3000:]}")
    report = json.loads(line.removeprefix("EXPLAIN-JSON "))
    OUT.write_text(render(report))
    print(f"Written: {OUT}")


def execution_ms(plan: str) -> float:
    for row in plan.splitlines():
        if row.strip().startswith("Execution Time:"):
            return float(row.split(":")[1].split()[0])
    return float("nan")


def sequential_scans(plan: str) -> list[str]:
    return [
        table
        for row in plan.splitlines()
        if "Seq Scan on" in row
        for table in LARGE_TABLES
        if f"Seq Scan on {table} " in row + " "
    ]


def render(report: dict) -> str:
    lines = [
        "# Query plans of the public pages",
        "",
        "Written by `make explain` (bench/explain.py) on the benchmark database with "
        f"{report['events']:,} events and {report['occurrences']:,} dates, page cache off, "
        "small caches warm. Each query the page issues, with `EXPLAIN (ANALYZE, BUFFERS)`. "
        "A sequential scan of a large table would be flagged ⚠.",
        "",
        "| page | queries | total ms | slowest ms | sequential scans of large tables |",
        "|---|---:|---:|---:|---|",
    ]
    for page in report["pages"]:
        times = [execution_ms(q["plan"]) for q in page["queries"]]
        scans = sorted({s for q in page["queries"] for s in sequential_scans(q["plan"])})
        lines.append(
            f"| {page['name']} (`{page['path']}`) | {len(page['queries'])} | "
            f"{sum(times):.2f} | {max(times, default=0):.2f} | "
            f"{'⚠ ' + ', '.join(scans) if scans else 'none'} |"
        )
    for page in report["pages"]:
        lines += ["", f"## {page['name']} — `{page['path']}` (HTTP {page['status']})"]
        for n, query in enumerate(page["queries"], start=1):
            sql = query["sql"]
            short = sql if len(sql) < 1500 else sql[:1500] + " …"
            lines += [
                "",
                f"### Query {n} — {execution_ms(query['plan']):.2f} ms",
                "",
                "```sql",
                short,
                "```",
                "",
                "```",
                query["plan"],
                "```",
            ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
