"""CPU per request, one process, page cache off; and where that time goes (pyinstrument).

Runs the real stack in-process (DEBUG off, the page cache off, the configured database and
cache) through Django's test client, so the numbers are the application's own work without
the HTTP server: for each page of :mod:`bench.pages` it prints CPU ms per request (this
process: Python and the database driver), wall ms, ms in SQL (wall time of the statements),
the number of SQL statements and the response's bytes.

    DATABASE_URL=postgres://…/km_x_100k .venv/bin/python bench/profile.py [--profile DIR]
        [--only NAME,…] [--json FILE]

``--profile DIR`` also writes each page's pyinstrument profile (text, 5 requests) to DIR.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEAT_SECONDS = float(os.environ.get("BENCH_PROFILE_SECONDS", "2"))


def configure():
    """Production-like settings for this process (before Django is set up)."""
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["ANONYMOUS_STATEMENT_TIMEOUT_MS"] = "0"  # measure the whole cost
    os.environ["API_THROTTLE_ANON"] = "1000000/minute"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturmetropolen.settings")
    import django

    django.setup()


class SqlTimer:
    """An execute wrapper that counts statements and sums their wall time (seconds)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def one(client, path):
    response = client.get(path)
    body = b"".join(response) if response.streaming else response.content
    return response.status_code, len(body)


def measure(client, path) -> dict:
    """Median CPU/wall/SQL ms of repeated requests (at least 3, about REPEAT_SECONDS)."""
    from django.db import connection

    one(client, path)  # warm-up: the small caches (vocabularies, menus) fill here
    cpu, wall, sql, counts = [], [], [], []
    deadline = time.monotonic() + REPEAT_SECONDS
    while len(cpu) < 3 or (time.monotonic() < deadline and len(cpu) < 200):
        timer = SqlTimer()
        c0, w0 = time.process_time(), time.perf_counter()
        with connection.execute_wrapper(timer):
            status, size = one(client, path)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        sql.append(timer.seconds * 1000)
        counts.append(timer.count)
    return {
        "status": status,
        "size": size,
        "cpu_ms": statistics.median(cpu),
        "wall_ms": statistics.median(wall),
        "sql_ms": statistics.median(sql),
        "queries": max(counts),
        "runs": len(cpu),
    }


def profile(client, path, out: Path):
    """Five requests under pyinstrument; the text tree (time ≥ 2 % of the total) to ``out``."""
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(5):
            one(client, path)
    renderer = ConsoleRenderer(
        unicode=True, color=False, show_all=False, short_mode=True, time="percent_of_total"
    )
    renderer.processor_options["filter_threshold"] = 0.02
    out.write_text(profiler.output(renderer))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles here")
    parser.add_argument("--only", default="", help="comma-separated row names")
    parser.add_argument("--json", type=Path, help="write the numbers as JSON here")
    args = parser.parse_args()
    configure()
    from django.test import Client

    from bench.pages import page_paths

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    results = {}
    print(
        f"{'page':30} {'status':>6} {'CPU ms':>7} {'wall ms':>8} {'SQL ms':>7} {'SQL':>4} "
        f"{'bytes':>9}"
    )
    for name, path in page_paths().items():
        if path.startswith("/static/") or (only and name not in only):
            continue
        r = results[name] = {**measure(client, path), "path": path}
        print(
            f"{name:30} {r['status']:6d} {r['cpu_ms']:7.1f} {r['wall_ms']:8.1f} "
            f"{r['sql_ms']:7.1f} {r['queries']:4d} {r['size']:9d}",
            flush=True,
        )
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.lower())
            slug = "-".join(part for part in slug.split("-") if part)
            profile(client, path, args.profile / f"{slug}.txt")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
