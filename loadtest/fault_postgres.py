"""The PostgreSQL fault scenario of `make faults`: PostgreSQL stopped for about three
seconds and started again while citizens browse and venue staff submit events.

CAUTION: this disturbs anything else using PostgreSQL on the machine for a few seconds; it
waits (up to a minute) for a moment when no other database has a query running.
"""

import os
import subprocess
import threading
import time
import uuid

import requests

from loadtest.client import StaffClient, accepted, event_data
from loadtest.common import SERVER, Gunicorn, check_submissions, free_port
from loadtest.faultkit import DATABASE, OUT, WORKERS, Traffic, fmt, public_paths, verdict

PG_CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect"]


def pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


def wait_for_a_quiet_moment(seconds: float = 60) -> int:
    """Wait (at most ``seconds``) until no other database has a query running, so that the
    restart disturbs as little else on the machine as possible; the busy count at the end."""
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> "
        f"pg_backend_pid() AND datname IS NOT NULL AND datname <> '{DATABASE}'"
    )
    deadline = time.monotonic() + seconds
    while True:
        out = subprocess.run(
            ["psql", f"{SERVER}/postgres", "-Atqc", sql], capture_output=True, text=True
        )
        busy = int(out.stdout.strip() or 0)
        if busy == 0 or time.monotonic() > deadline:
            return busy
        time.sleep(0.5)


def ensure_postgres_running():
    if not pg_ready():
        print("  starting PostgreSQL again")
        subprocess.run([*PG_CLUSTER, pg_version(), "main", "start"], check=False)
        for _ in range(60):
            if pg_ready():
                return
            time.sleep(0.5)


def scenario_postgres(ctx) -> bool:
    print("\n== postgres: PostgreSQL stopped for ~3 s and started again under load")
    out = OUT / "postgres"
    out.mkdir(parents=True)
    prefix = "Fejltest pg "
    env = ctx.env()
    server = Gunicorn(env, free_port(), WORKERS, log=out / "gunicorn.log").start()
    health: list[tuple[float, int]] = []
    stop = threading.Event()

    def poll_health():
        session = requests.Session()
        while not stop.is_set():
            started = time.monotonic()
            try:
                status = session.get(server.url + "/healthz", timeout=15).status_code
            except requests.RequestException:
                status = 0
            health.append((started, status))
            time.sleep(0.1)

    attempts: list[tuple[float, float, str]] = []  # (start, end, outcome)
    lock = threading.Lock()

    def submit_events(account, address):
        client = StaffClient(server.url, account, address)
        logged_in = False
        while not stop.is_set():
            started = time.monotonic()
            try:
                if not logged_in:
                    logged_in = client.login()
                    if not logged_in:
                        time.sleep(0.5)
                        continue
                marker = f"{prefix}{uuid.uuid4()}"
                with lock, open(out / "attempted.txt", "a") as f:
                    f.write(marker + "\n")
                data = event_data(marker, account["venue"], ctx.config["focus_areas"][0])
                response = client.submit(data, timeout=20)
                if accepted(response):
                    outcome = "accepted"
                    with lock, open(out / "submitted.txt", "a") as f:
                        f.write(marker + "\n")
                else:
                    outcome = f"HTTP {response.status_code}"
            except requests.HTTPError as exc:  # the empty form did not load
                outcome = f"form HTTP {exc.response.status_code}"
            except requests.RequestException as exc:
                outcome = exc.__class__.__name__
            with lock:
                attempts.append((started, time.monotonic(), outcome))
            time.sleep(0.3)

    helpers = [threading.Thread(target=poll_health, daemon=True)] + [
        threading.Thread(
            target=submit_events, args=(ctx.config["staff"][n], f"10.98.0.{n + 1}"), daemon=True
        )
        for n in (0, 3)
    ]
    try:
        with Traffic(server.url, public_paths(ctx.config), threads=4) as traffic:
            for helper in helpers:
                helper.start()
            time.sleep(8)
            busy = wait_for_a_quiet_moment()
            if busy:
                print(f"  {busy} queries of other databases are running; restarting anyway")
            workers_before = server.worker_pids()
            version = pg_version()
            print(f"  stopping PostgreSQL {version} (workers {sorted(workers_before)})")
            down_at = time.monotonic()
            subprocess.run([*PG_CLUSTER, version, "main", "stop", "-m", "fast"], check=True)
            stopped_at = time.monotonic()
            time.sleep(3)
            subprocess.run([*PG_CLUSTER, version, "main", "start"], check=True)
            while not pg_ready():
                time.sleep(0.05)
            up_at = time.monotonic()
            print(f"  PostgreSQL accepting connections again after {up_at - down_at:.1f} s")
            deadline = up_at + 60
            first_ok = None
            while time.monotonic() < deadline and first_ok is None:
                first_ok = next((t for t, s in health if t >= up_at and s == 200), None)
                time.sleep(0.1)
            time.sleep(12)
            end = time.monotonic()
            workers_after = server.worker_pids()
            stop.set()
            for helper in helpers:
                helper.join(timeout=30)
    finally:
        stop.set()
        server.stop()
        ensure_postgres_running()

    before = traffic.window(down_at - 8, down_at - 0.5)
    outage = traffic.window(down_at, first_ok or end)
    after = traffic.window(first_ok or end, end)
    recovery = (first_ok - up_at) if first_ok else None
    check = check_submissions(env, out, prefix)
    print(f"  before:            {fmt(before)}")
    print(f"  outage+recovery:   {fmt(outage)}")
    print(f"  after first 200:   {fmt(after)}")
    recovered = first_ok or end
    during = [a for a in attempts if a[1] >= down_at and a[0] <= recovered]
    outcomes = {}
    for _, _, outcome in during:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(
        f"  staff: {len(attempts)} submissions, {sum(a[2] == 'accepted' for a in attempts)} "
        f"accepted; {len(during)} overlapped the outage: {outcomes}"
    )
    print(
        f"  database: {check['rows']} test events for {check['submitted']} accepted "
        f"submissions; missing {len(check['missing'])}, duplicated {len(check['duplicated'])}, "
        f"without their 2 dates {len(check['without_their_dates'])}, dates without an event "
        f"{check['orphan_dates']}"
    )
    problems = []
    if recovery is None:
        problems.append("the site did not answer 200 within 60 s of PostgreSQL being back")
    elif recovery > 10:
        problems.append(f"recovery took {recovery:.1f} s")
    if workers_before != workers_after:
        problems.append(f"workers changed: {sorted(workers_before)} → {sorted(workers_after)}")
    if after["5xx"] or after["no_response"]:
        problems.append(f"{after['5xx'] + after['no_response']} failures after recovery")
    for key in ("missing", "duplicated", "without_their_dates", "unexpected"):
        if check[key]:
            problems.append(f"{len(check[key])} submissions {key.replace('_', ' ')}")
    if check["orphan_dates"]:
        problems.append(f"{check['orphan_dates']} dates without an event")
    if not check["submitted"]:
        problems.append("no submission was accepted")
    numbers = (
        f"PostgreSQL unavailable {up_at - down_at:.1f} s (stopping {stopped_at - down_at:.1f} s, "
        f"down {up_at - stopped_at:.1f} s); "
        + (f"first 200 {recovery:.2f} s after it was back; " if recovery is not None else "")
        + f"workers {'unchanged' if workers_before == workers_after else 'CHANGED'} "
        f"({len(workers_after)}); 5xx after recovery {after['5xx']}; {len(during)} submissions "
        f"overlapped the outage {outcomes}; all {check['submitted']} accepted submissions whole "
        f"({check['rows']} test events, each with its 2 dates)"
    )
    return verdict("postgres restart", problems, numbers)
