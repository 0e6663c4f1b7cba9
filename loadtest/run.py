"""`make loadtest`: 50 citizens and 5 venue staff against gunicorn + PostgreSQL for 60 s.

Seeds (or reuses) a dedicated database, serves it with gunicorn as in production (DEBUG off,
whitenoise, pooled connections, Redis cache), creates the venue staff accounts, runs locust
headless for a bounded time and then reports requests/s, p95, errors and 5xx, and checks in
the database that every event the staff submitted is there exactly once, with its dates.
Prints PASS or FAIL (and exits 0 or 1). gunicorn and Redis are stopped even on failure.

Environment: LOADTEST_DATABASE (default km_load), LOADTEST_EVENTS (1000), LOADTEST_USERS
(55: 5 staff + 50 citizens), LOADTEST_SECONDS (60), LOADTEST_WORKERS (gunicorn, 4),
LOADTEST_REDIS_PORT (a private redis-server for the run, 6391; 0 for the per-process cache),
BENCH_DATABASE (the PostgreSQL server, as for `make bench`).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest.common import (
    PY,
    ROOT,
    Gunicorn,
    Redis,
    check_submissions,
    collect_static,
    free_port,
    prepare_database,
    server_env,
    setup_accounts,
    stop_on_sigterm,
    temporary_dir,
)

DATABASE = os.environ.get("LOADTEST_DATABASE", "km_load")
EVENTS = int(os.environ.get("LOADTEST_EVENTS", "1000"))
USERS = int(os.environ.get("LOADTEST_USERS", "55"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "4"))
REDIS_PORT = int(os.environ.get("LOADTEST_REDIS_PORT", "6391"))
OUT = ROOT / "bench-results" / "loadtest"  # bench-results/ is git-ignored


def locust(host: str, out: Path, config: Path) -> None:
    env = {
        **os.environ,
        "LOADTEST_CONFIG": str(config),
        "LOADTEST_OUT": str(out),
        "LOADTEST_MARKER": "Belastningstest",
    }
    command = [
        str(Path(PY).parent / "locust"),
        "-f",
        str(ROOT / "loadtest" / "locustfile.py"),
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        "20",
        "--run-time",
        f"{SECONDS}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(out / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        process.wait(timeout=SECONDS + 60)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def print_page_cache(by_page: dict) -> None:
    """Hits and misses of the page cache per page, and the hit ratio of cacheable requests:
    of all of them, and of those whose URL was asked for before in the run (a first request
    cannot be a hit; a repeat miss is an invalidation or an eviction)."""
    if not by_page:
        return
    print(f"\n{'page cache':42} {'hits':>7} {'first':>7} {'repeat':>7} {'hit %':>7}")
    totals = {"hit": 0, "first miss": 0, "repeat miss": 0}
    for name in sorted(by_page):
        counts = by_page[name]
        for key in totals:
            totals[key] += counts.get(key, 0)
        _page_cache_row(name, counts)
    _page_cache_row("all cacheable requests", totals)
    repeats = totals["hit"] + totals["repeat miss"]
    if repeats:
        print(f"hit ratio of repeated URLs: {100 * totals['hit'] / repeats:.1f} %")


def _page_cache_row(name: str, counts: dict) -> None:
    hit, first, repeat = (counts.get(k, 0) for k in ("hit", "first miss", "repeat miss"))
    share = 100 * hit / (hit + first + repeat) if hit + first + repeat else 0
    print(f"{name:42} {hit:7d} {first:7d} {repeat:7d} {share:7.1f}")


def report(summary: dict, check: dict) -> bool:
    total, status = summary["total"], summary["status"]
    server_errors = sum(n for code, n in status.items() if code.startswith("5"))
    print(f"\n{'request':42} {'count':>7} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for r in [*summary["pages"], {**total, "name": "all requests"}]:
        print(
            f"{(r['method'] + ' ' + r['name']).strip():42} {r['requests']:7d} {r['failures']:5d} "
            f"{r['rps']:7.1f} {r['p50_ms']:7.0f} {r['p95_ms']:7.0f}"
        )
    print(f"\nHTTP status counts: {json.dumps(status, sort_keys=True)}")
    print(f"page cache (X-Page-Cache): {json.dumps(summary.get('page_cache', {}), sort_keys=True)}")
    print_page_cache(summary.get("page_cache_by_page", {}))
    for error, n in summary["errors"].items():
        print(f"  error x{n}: {error}")
    print(
        f"\nrequests {total['requests']}, {total['rps']:.1f} req/s, p95 {total['p95_ms']:.0f} ms, "
        f"errors {total['failures']}, 5xx {server_errors}"
    )
    print(
        f"submissions: {check['attempted']} attempted, {check['submitted']} accepted, "
        f"{check['rows']} test rows in the database; missing {len(check['missing'])}, "
        f"duplicated {len(check['duplicated'])}, without their two dates "
        f"{len(check['without_their_dates'])}, not awaiting review "
        f"{len(check['not_awaiting_review'])}, unexpected {len(check['unexpected'])}; "
        f"failed staff logins recorded by axes: {check['axes_failures']}"
    )
    problems = []
    if server_errors:
        problems.append(f"{server_errors} responses were 5xx")
    if total["failures"]:
        problems.append(f"{total['failures']} requests failed")
    if check["submitted"] == 0:
        problems.append("no submission was accepted")
    if check["distinct_submitted"] != check["submitted"]:
        problems.append("a marker was recorded twice")
    keys = ("missing", "duplicated", "without_their_dates", "not_awaiting_review", "unexpected")
    for key in keys:
        if check[key]:
            what = key.replace("_", " ")
            problems.append(f"{len(check[key])} submissions {what}: {check[key][:3]}")
    if check["orphan_dates"]:
        problems.append(f"{check['orphan_dates']} dates without an event")
    if check["axes_failures"]:
        problems.append("axes recorded failed logins for the load-test staff")
    if problems:
        print("\nFAIL: " + "; ".join(problems))
        return False
    print(
        f"\nPASS: {total['rps']:.1f} req/s, p95 {total['p95_ms']:.0f} ms, 0 errors, 0 5xx; "
        f"all {check['submitted']} accepted submissions in the database exactly once"
    )
    return True


def main() -> int:
    stop_on_sigterm()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows at once, also in a log
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    static_root = collect_static()
    redis = Redis(REDIS_PORT) if REDIS_PORT else None
    try:
        with temporary_dir("km-load-media-") as media:
            extra = {}
            if redis:
                redis.start()
                extra["REDIS_URL"] = redis.url
            env = server_env(DATABASE, static_root, media, **extra)
            print(f"== database {DATABASE} ({EVENTS} events)")
            prepare_database(DATABASE, EVENTS, env)
            config = OUT / "config.json"
            setup_accounts(env, config)
            port = free_port()
            with Gunicorn(env, port, WORKERS, log=OUT / "gunicorn.log") as server:
                print(
                    f"== locust: {USERS} users (5 venue staff) for {SECONDS} s against "
                    f"{server.url}, {WORKERS} gunicorn workers"
                    + (f", Redis on port {REDIS_PORT}" if redis else "")
                )
                started, load_before = time.monotonic(), os.getloadavg()[0]
                locust(server.url, OUT, config)
                print(
                    f"   locust ran {time.monotonic() - started:.0f} s; machine load average "
                    f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
                    f"({os.cpu_count()} CPUs)"
                )
            summary_file = OUT / "summary.json"
            if not summary_file.exists():
                print("FAIL: locust wrote no summary (see the output above)")
                return 1
            summary = json.loads(summary_file.read_text())
            check = check_submissions(env, OUT, "Belastningstest ")
            (OUT / "check.json").write_text(json.dumps(check, indent=2))
            ok = report(summary, check)
            print(f"Results in {OUT}/ (summary.json, check.json, locust CSVs, gunicorn.log)")
            return 0 if ok else 1
    finally:
        if redis:
            redis.stop()
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
