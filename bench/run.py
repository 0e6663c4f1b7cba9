"""`make bench`: serve the site as in production and measure it under load.

For each data size (BENCH_SIZES, default 1000,10000,100000 events) it seeds a PostgreSQL
database, starts gunicorn (DEBUG off, whitenoise, pooled connections) on loopback, drives
each page with wrk from a separate process for a bounded time, counts SQL queries per
request, and prints one table (and writes bench-results/bench.json).

Each page is measured twice: as production serves it (anonymous pages from the shared page
cache, in Redis) and with the page cache off (PAGE_CACHE_SECONDS=0: every request renders
and queries), so the table shows both what a visitor gets and what the work costs. SQL
queries per request are counted with the page cache off.

Environment: BENCH_DATABASE (server URL without database name, default
postgres://postgres@127.0.0.1:5432), BENCH_SIZES, BENCH_SECONDS (per page, default 5),
BENCH_CONNECTIONS (default 8), BENCH_WORKERS (gunicorn workers, default 4),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/14, flushed per run; "" for the
local-memory cache).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVER = os.environ.get("BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",") if s]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
OUT = ROOT / "bench-results"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
TRIVIAL = "trivial view (/livez)"


def redis_ready() -> bool:
    """Flush the benchmark's Redis database (sizes must not share cached pages)."""
    if not REDIS:
        return False
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=1).flushdb()
    except Exception as error:
        print(f"  Redis at {REDIS} unusable ({error}); local-memory cache instead")
        return False
    return True


def env_for(database: str, static_root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "SECRET_KEY"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"{SERVER}/{database}",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        REDIS_URL=REDIS if redis_ready() else "",
        API_THROTTLE_ANON="1000000/minute",  # the load comes from one address
    )
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def psql(sql: str):
    subprocess.run(
        ["psql", f"{SERVER}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True
    )


def prepare(size: int, static_root: Path) -> dict:
    database = f"km_bench_{size}"
    env = env_for(database, static_root)
    exists = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-Atqc", "SELECT count(*) FROM events_event"],
        capture_output=True,
        text=True,
    )
    if exists.returncode == 0 and exists.stdout.strip() == str(size):
        print(f"  database {database} already holds {size} events; reusing it")
        manage(env, "migrate", "--noinput")
        return env
    psql(f"DROP DATABASE IF EXISTS {database}")
    psql(f"CREATE DATABASE {database}")
    manage(env, "migrate", "--noinput")
    started = time.monotonic()
    manage(env, "seed_demo", "--events", str(size), quiet=False)
    print(f"  seeded {size} events in {time.monotonic() - started:.0f} s")
    return env


def wait_until_up(url: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


def pages(env) -> dict:
    """The URLs to measure, with real slugs from this database."""
    script = (
        "import json; from events.models import Event, Occurrence; "
        "o = Occurrence.objects.public().upcoming().select_related('event')"
        ".order_by('start').first(); "
        "print(json.dumps({'event': o.event.slug}))"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    slugs = json.loads(out.stdout.strip().splitlines()[-1])
    found = {
        "trivial view (/livez)": "/livez",
        "static file (whitenoise)": "/static/css/site.css",
        "front page": "/",
        "listing": "/arrangementer/",
        "listing: Køge + weekend": "/arrangementer/?municipality=koege&period=weekend",
        "listing: search": "/arrangementer/?q=koncert",
        "event detail": f"/arrangementer/{slugs['event']}/",
        "municipality page": "/kommuner/roskilde/",
    }
    optional = {
        "event ICS": f"/arrangementer/{slugs['event']}.ics",
        "feed ICS": "/arrangementer/feed.ics?municipality=koege",
        "API occurrences": "/api/v1/occurrences/?municipality=koege",
    }
    for name, path in optional.items():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as r:
                if r.status == 200:
                    found[name] = path
        except OSError:
            pass
    return found


def query_counts(env, paths: dict) -> dict:
    """SQL queries and response bytes per page, measured in-process on the same database with
    the page cache off (a warm-up request first fills the small caches: choices, menus)."""
    env = {**env, "PAGE_CACHE_SECONDS": "0"}
    script = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(SERVER_NAME="127.0.0.1")
result = {{}}
for name, path in {json.dumps(paths)}.items():
    if path.startswith("/static/"):
        continue
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    body = b"".join(response) if response.streaming else response.content
    result[name] = {{"queries": len(ctx), "status": response.status_code, "size": len(body)}}
print(json.dumps(result))
"""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_until_idle(timeout: float = 180):
    """Wait until the server has worked off the previous page's queued requests (a slow page
    leaves a backlog that would otherwise be counted against the next one)."""
    deadline = time.monotonic() + timeout
    quick = 0
    while time.monotonic() < deadline and quick < 3:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/livez", timeout=30):
                pass
        except OSError:
            pass
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.2)


def load(path: str) -> dict:
    wait_until_idle()
    url = f"http://127.0.0.1:{PORT}{path}"
    script = str(ROOT / "bench" / "report.lua")
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", "--timeout", "30s", "-s", script, url]
    subprocess.run([*args[:3], "-d1s", *args[3:]], check=True, capture_output=True)  # warm-up
    out = subprocess.run(
        [*args[:3], f"-d{SECONDS}s", *args[3:]], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(env):
    return subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "kulturmetropolen.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def measure_all(env, paths: dict, label: str) -> dict:
    redis_ready()  # start from an empty cache
    server = serve(env)
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/livez")
        results = {}
        for name, path in paths.items():
            results[name] = measured = load(path)
            print(
                f"  {label:9} {name:28} {measured['rps']:8.1f} req/s  "
                f"p95 {measured['p95_ms']:7.1f} ms"
            )
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run_size(size: int, static_root: Path) -> dict:
    print(f"\n== {size} events")
    env = prepare(size, static_root)
    server = serve(env)
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/livez")
        paths = pages(env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    counts = query_counts(env, paths)
    cached = measure_all(env, paths, "cached")
    uncached = measure_all({**env, "PAGE_CACHE_SECONDS": "0"}, paths, "uncached")
    results = {}
    for name, path in paths.items():
        results[name] = {
            **cached[name],
            **counts.get(name, {"queries": 0, "size": None, "status": 200}),
            "path": path,
            "uncached": uncached[name],
        }
    return results


def table(all_results: dict) -> str:
    sizes = list(all_results)
    largest, smallest = sizes[-1], sizes[0]
    rows = all_results[largest]
    baseline = rows[TRIVIAL]["rps"]
    base_uncached = rows[TRIVIAL]["uncached"]["rps"]
    header = (
        f"{'page (at ' + str(largest) + ' events)':30} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'SQL':>4} {'bytes':>7} {'vs triv':>7} {'uncached':>9} {'vs triv':>7} "
        f"{'p95 unc':>7}"
    )
    lines = [header, "-" * len(header)]
    for name, r in rows.items():
        u = r["uncached"]
        lines.append(
            f"{name:30} {r['rps']:8.1f} {r['p50_ms']:7.2f} {r['p95_ms']:7.2f} {r['p99_ms']:7.2f} "
            f"{r['queries']:4d} {r['size'] or 0:7d} {r['rps'] / baseline:7.0%} "
            f"{u['rps']:9.1f} {u['rps'] / base_uncached:7.0%} {u['p95_ms']:7.2f}"
        )
    lines.append(
        "\n'req/s', 'p50/p95/p99': as production serves anonymous visitors (page cache on). "
        "'uncached': the same page rendered on every request (page cache off); 'SQL': queries "
        f"per uncached request. 'vs triv': throughput as a share of the trivial view in the "
        f"same pass. {CONNECTIONS} connections, {WORKERS} gunicorn workers, {SECONDS} s per page."
    )

    # How the work grows with the data: median time of the uncached page at each size.
    header = f"{'uncached p50 ms by size':30} " + " ".join(f"{n:>9}" for n in sizes)
    header += f" {'x ' + str(largest // smallest):>8}"
    lines += ["", header, "-" * len(header)]
    for name in rows:
        times = [all_results[n].get(name, {}).get("uncached", {}).get("p50_ms") for n in sizes]
        growth = times[-1] / times[0] if times[0] and times[-1] else float("nan")
        cells = " ".join(f"{t:9.2f}" if t is not None else f"{'-':>9}" for t in times)
        lines.append(f"{name:30} {cells} {growth:8.2f}")
    lines.append(
        f"'x {largest // smallest}': p50 at {largest} events / p50 at {smallest} (target ≤ 1.5)."
    )
    return "\n".join(lines)


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    OUT.mkdir(exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="km-static-"))
    manage(env_for("postgres", static_root), "collectstatic", "--noinput")
    all_results = {}
    for size in SIZES:
        all_results[size] = run_size(size, static_root)
    shutil.rmtree(static_root, ignore_errors=True)
    report = table(all_results)
    print("\n" + report)
    (OUT / "bench.json").write_text(json.dumps(all_results, indent=2))
    (OUT / "bench.txt").write_text(report + "\n")
    print(f"\nWritten: {OUT / 'bench.json'}, {OUT / 'bench.txt'}")


if __name__ == "__main__":
    main()
