"""`make bench`'s machinery: the databases, gunicorn as in production, wrk, in-process counts.

Used by bench/run.py; every function takes the environment it runs the site with.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVER = os.environ.get("BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def existing_databases() -> dict:
    """BENCH_DATABASE_NAMES, ``size=name,…`` (``1000=km_1k,100000=km_100k``): databases
    already seeded with that many events, used as they are (migrated, never seeded)."""
    pairs = (item.split("=", 1) for item in os.environ.get("BENCH_DATABASE_NAMES", "").split(","))
    return {int(size): name.strip() for size, name in (p for p in pairs if len(p) == 2)}


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
    """The environment of a database with ``size`` events: a named one (BENCH_DATABASE_NAMES)
    or ``km_bench_<size>``, seeded when it does not hold ``size`` events yet."""
    named = existing_databases().get(size)
    database = named or f"km_bench_{size}"
    env = env_for(database, static_root)
    exists = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-Atqc", "SELECT count(*) FROM events_event"],
        capture_output=True,
        text=True,
    )
    if named or (exists.returncode == 0 and exists.stdout.strip() == str(size)):
        print(f"  database {database} ({exists.stdout.strip() or '?'} events); reusing it")
        manage(env, "migrate", "--noinput")
        vacuum(database)
        return env
    psql(f"DROP DATABASE IF EXISTS {database}")
    psql(f"CREATE DATABASE {database}")
    manage(env, "migrate", "--noinput")
    started = time.monotonic()
    manage(env, "seed_demo", "--events", str(size), quiet=False)
    print(f"  seeded {size} events in {time.monotonic() - started:.0f} s")
    vacuum(database)
    return env


def vacuum(database: str):
    """VACUUM ANALYZE, as autovacuum would have done in production: fresh statistics, and
    the visibility map that lets PostgreSQL read an index without the table."""
    subprocess.run(["psql", f"{SERVER}/{database}", "-q", "-c", "VACUUM ANALYZE"], check=True)


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


def one_process(env, only=()) -> dict:
    """bench/profile.py on this database: per page CPU/wall/SQL ms of one process with the
    page cache off, SQL statements and bytes (the numbers the targets are stated in)."""
    out = ROOT / "bench-results" / f"one-process-{os.getpid()}.json"
    args = [PY, "bench/profile.py", "--json", str(out)]
    if only:
        args += ["--only", ",".join(only)]
    subprocess.run(args, cwd=ROOT, env={**env, "PAGE_CACHE_SECONDS": "0"}, check=True)
    result = json.loads(out.read_text())
    out.unlink()
    return result


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
    """wrk on ``path`` for BENCH_SECONDS (after a one-second warm-up): one JSON row."""
    wait_until_idle()
    url = f"http://127.0.0.1:{PORT}{path}"
    try:  # one whole request first: a cold page (a feed's first VEVENTs) fills its caches
        with urllib.request.urlopen(url, timeout=120):
            pass
    except OSError:
        pass
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


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def measure_all(env, paths: dict, label: str) -> dict:
    """Every page under wrk against gunicorn started with ``env`` (the cache emptied first)."""
    redis_ready()
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
        stop(server)
