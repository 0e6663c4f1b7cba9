"""Shared by `make loadtest` and `make faults`: a seeded PostgreSQL database, gunicorn served
as in production, and the accounts the simulated venue staff log in with.

The database and gunicorn helpers of `make bench` (bench/serve.py) are reused, not copied.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.serve import PY, SERVER, env_for, manage, psql, wait_until_up  # noqa: E402

__all__ = [
    "PY",
    "ROOT",
    "SERVER",
    "Gunicorn",
    "Redis",
    "check_submissions",
    "collect_static",
    "dbtool",
    "free_port",
    "manage",
    "prepare_database",
    "psql",
    "server_env",
    "setup_accounts",
    "stop_on_sigterm",
]

#: Titles of the events the load test and the fault scenarios submit start with these.
TEST_TITLES = ("Belastningstest ", "Fejltest ")


def stop_on_sigterm():
    """Turn SIGTERM (and SIGHUP) into SystemExit, so `finally` blocks stop what was started."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database: str, static_root: Path, media_root: Path, **extra) -> dict:
    """bench's production-like environment (DEBUG off, real SECRET_KEY, whitenoise, pooled
    connections), behind a simulated TLS proxy: clients send X-Forwarded-Proto: https and
    X-Forwarded-For, as the reverse proxy in front of gunicorn does."""
    env = env_for(database, static_root)
    env.pop("REDIS_URL", None)
    env.update(
        BEHIND_PROXY="1",
        MEDIA_ROOT=str(media_root),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def collect_static() -> Path:
    static_root = Path(tempfile.mkdtemp(prefix="km-static-"))
    try:
        manage(
            server_env("postgres", static_root, static_root / "media"), "collectstatic", "--noinput"
        )
    except BaseException:
        shutil.rmtree(static_root, ignore_errors=True)
        raise
    return static_root


def _count(database: str, sql: str) -> str:
    out = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-Atqc", sql], capture_output=True, text=True
    )
    return out.stdout.strip() if out.returncode == 0 else ""


def prepare_database(database: str, events: int, env: dict) -> None:
    """Migrate and seed ``database`` with ``events`` demo events (kept and reused when it
    already holds them, as `make bench` does)."""
    not_test = " AND ".join(f"title NOT LIKE '{t}%'" for t in TEST_TITLES)
    if _count(database, f"SELECT count(*) FROM events_event WHERE {not_test}") == str(events):
        print(f"  database {database} already holds {events} demo events; reusing it")
        manage(env, "migrate", "--noinput")
        return
    psql(f"DROP DATABASE IF EXISTS {database}")
    psql(f"CREATE DATABASE {database}")
    manage(env, "migrate", "--noinput")
    started = time.monotonic()
    manage(env, "seed_demo", "--events", str(events))
    print(f"  seeded {events} events into {database} in {time.monotonic() - started:.0f} s")


def setup_accounts(env: dict, config_path: Path, staff: int = 5) -> dict:
    """Create the venue staff accounts and write the load test's configuration (see
    loadtest/dbtools.py); returns it."""
    subprocess.run(
        [PY, str(ROOT / "loadtest" / "dbtools.py"), "setup", str(config_path), str(staff)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(config_path.read_text())


def check_submissions(env: dict, out: Path, prefix: str) -> dict:
    """What the database holds of the markers the simulated staff recorded in ``out``."""
    return dbtool(env, "check", str(out), prefix)


def dbtool(env: dict, *args: str):
    """Run one of loadtest/dbtools.py's commands on ``env``'s database; its JSON answer."""
    out = subprocess.run(
        [PY, str(ROOT / "loadtest" / "dbtools.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


class Gunicorn:
    """gunicorn as in production, in its own process group; stop() always cleans up."""

    def __init__(self, env: dict, port: int, workers: int = 4, log: Path | None = None):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        out = open(self.log, "ab") if self.log else None  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "kulturmetropolen.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=out,
            stderr=out,
        )
        try:
            wait_until_up(f"{self.url}/livez")
        except BaseException:
            self.stop()
            raise
        return self

    def worker_pids(self) -> set[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        )
        return {int(p) for p in out.stdout.split()}

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Redis:
    """A private redis-server on ``port`` (no persistence), never the shared one on 6379."""

    def __init__(self, port: int):
        if port == 6379:
            raise SystemExit("use a port of your own for the test's Redis, not 6379")
        self.port = port
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return self
            if self.process.poll() is not None:
                raise SystemExit(f"redis-server on port {self.port} did not start")
            time.sleep(0.1)
        self.stop()
        raise SystemExit(f"redis-server on port {self.port} did not answer")

    def kill(self):
        """Stop it abruptly, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def temporary_dir(prefix: str):
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
