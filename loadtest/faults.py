"""`make faults`: scripted fault scenarios against the site served as in production.

    python loadtest/faults.py [postgres] [smtp] [redis] [disk]     (default: all four)

Each scenario starts its own gunicorn (DEBUG off, pooled PostgreSQL connections, behind a
simulated TLS proxy) on the database km_fault, makes the fault happen, and prints PASS or
FAIL with its numbers; the exit status is 1 if any failed. Everything started is stopped
even on failure; PostgreSQL is started again if it is down.

- postgres: PostgreSQL is stopped for about three seconds and started again while citizens
  browse and two staff members submit events. Measures the seconds from PostgreSQL back to
  the first 200 from /healthz, counts 5xx after that, compares gunicorn's worker PIDs and
  checks that every event created has all its dates (nothing half-saved).
  CAUTION: this disturbs anything else using PostgreSQL on the machine for a few seconds.
- smtp: the mail server is unreachable (a closed port). A submission from a venue that is
  not trusted must still be saved and the e-mail to the secretariat queued; the queue's
  worker (`manage.py send_queued_mail`) finds the server down and keeps the e-mail for a
  retry; then a mail server comes back (a small SMTP sink) and the worker delivers it. Last,
  a mail server that accepts connections and never answers: the submission does not wait
  for it, the worker gives up after EMAIL_TIMEOUT and keeps the e-mail.
- redis: the site uses a Redis of its own (port 6390); it is killed mid-run. The site must
  keep serving (no 5xx), slower; numbers before, during and after.
- disk: MEDIA_ROOT is a full 1 MB tmpfs. Uploading an image with a submission must give a
  clear message (a 4xx with the form), no 500, and leave neither an event nor a file behind.

Environment: FAULTS_DATABASE (km_fault), FAULTS_EVENTS (500), FAULTS_WORKERS (4),
FAULTS_REDIS_PORT (6390), BENCH_DATABASE (the PostgreSQL server).
"""

import errno
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest.client import StaffClient, accepted, event_data
from loadtest.common import (
    PY,
    ROOT,
    Gunicorn,
    Redis,
    collect_static,
    dbtool,
    free_port,
    prepare_database,
    server_env,
    setup_accounts,
    stop_on_sigterm,
    temporary_dir,
)
from loadtest.fault_postgres import ensure_postgres_running, scenario_postgres
from loadtest.faultkit import (
    DATABASE,
    EVENTS,
    OUT,
    REDIS_PORT,
    WORKERS,
    Traffic,
    fmt,
    public_paths,
    verdict,
)
from loadtest.smtpsink import SMTPSink

# --- SMTP unreachable ---------------------------------------------------------------------


def send_queued_mail(env: dict, marker: str) -> tuple[subprocess.CompletedProcess, float]:
    """One run of the mail queue's worker, as cron starts it, for the scenario's own e-mail
    (others still waiting are removed first); returns the run and its seconds."""
    dbtool(env, "only_mail", marker)
    started = time.monotonic()
    run = subprocess.run(
        [PY, "manage.py", "send_queued_mail", "--lockfile", str(OUT / "send_queued_mail")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run, time.monotonic() - started


def scenario_smtp(ctx) -> bool:
    print("\n== smtp: the mail server is unreachable when a venue submits an event")
    out = OUT / "smtp"
    out.mkdir(parents=True)
    closed = free_port()  # nothing listens there
    env = ctx.env(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed,
        EMAIL_TIMEOUT=5,
    )
    marker = f"Fejltest smtp {uuid.uuid4()}"
    account = ctx.config["staff"][1]
    with Gunicorn(env, free_port(), 2, log=out / "gunicorn.log") as server:
        client = StaffClient(server.url, account, "10.98.0.2")
        if not client.login():
            return verdict("smtp unreachable", ["the staff login failed"], "")
        started = time.monotonic()
        response = client.submit(event_data(marker, account["venue"], ctx.config["focus_areas"][0]))
        seconds = time.monotonic() - started
    rows = dbtool(env, "event", marker)
    queued = dbtool(env, "outbox", marker) or []
    worker, worker_seconds = send_queued_mail(env, marker)
    after = dbtool(env, "outbox", marker) or []
    print(
        f"  submission: HTTP {response.status_code} in {seconds:.2f} s, rows {rows}; "
        f"queue: {queued}; after the worker ({worker_seconds:.1f} s, exit "
        f"{worker.returncode}): {after}"
    )
    problems = []
    if not accepted(response):
        problems.append(f"the submission was answered {response.status_code}, not a redirect")
    if len(rows) != 1 or rows[0]["status"] != "submitted" or rows[0]["dates"] != 2:
        problems.append(f"the event is not saved once, awaiting review, with 2 dates: {rows}")
    if [r["status"] for r in queued] != ["queued"]:
        problems.append(f"expected one queued e-mail, found {queued}")
    if [r["status"] for r in after] != ["requeued"] or "refused" not in after[0]["last_error"]:
        problems.append(f"the refused e-mail is not waiting for a retry: {after}")
    numbers = (
        f"submission answered HTTP {response.status_code} in {seconds:.2f} s, event saved "
        f"awaiting review, e-mail queued; the worker found the server down and kept it "
        f"({after[0]['status'] if after else '—'}: {after[0]['last_error'][:50] if after else '—'})"
    )
    ok = verdict("smtp unreachable", problems, numbers)

    print("  the mail server is back, MAIL_RETRY_MINUTES later: manage.py send_queued_mail")
    dbtool(env, "mail_due", marker)
    with SMTPSink() as sink:
        worker, worker_seconds = send_queued_mail({**env, "EMAIL_PORT": str(sink.port)}, marker)
        delivered = [m for m in sink.messages if marker in str(m["Subject"])]
    outbox = dbtool(env, "outbox", marker) or []
    print(f"  send_queued_mail exit {worker.returncode} in {worker_seconds:.1f} s")
    problems = []
    if len(delivered) != 1:
        problems.append(f"{len(delivered)} messages with the marker reached the SMTP sink")
    if [r["status"] for r in outbox] != ["sent"]:
        problems.append(f"the e-mail is not marked sent: {outbox}")
    subject = str(delivered[0]["Subject"]) if delivered else "—"
    to = str(delivered[0]["To"]) if delivered else "—"
    numbers = (
        f"{len(delivered)} e-mail delivered ({subject!r} to {to}), "
        f"status {outbox[0]['status'] if outbox else '—'} after "
        f"{outbox[0]['retries'] if outbox else '—'} retry"
    )
    retried = verdict("smtp retry", problems, numbers)
    return smtp_hanging(ctx, out) and retried and ok


def smtp_hanging(ctx, out: Path) -> bool:
    """A mail server that accepts the connection and never answers: the submission does not
    wait for it (the e-mail is queued); the worker gives up after EMAIL_TIMEOUT and keeps the
    e-mail for a retry."""
    print("  a mail server that accepts connections and never answers")
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(16)  # the kernel completes the handshake; nobody ever reads
        env = ctx.env(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=hanging.getsockname()[1],
        )
        env.pop("EMAIL_TIMEOUT", None)
        marker = f"Fejltest smtp-hang {uuid.uuid4()}"
        account = ctx.config["staff"][4]
        with Gunicorn(env, free_port(), 2, log=out / "gunicorn-hanging.log") as server:
            client = StaffClient(server.url, account, "10.98.0.5")
            if not client.login():
                return verdict("smtp hanging", ["the staff login failed"], "")
            data = event_data(marker, account["venue"], ctx.config["focus_areas"][0])
            started = time.monotonic()
            response = client.submit(data, timeout=60)
            seconds = time.monotonic() - started
        _worker, worker_seconds = send_queued_mail(env, marker)
    rows = dbtool(env, "event", marker)
    outbox = dbtool(env, "outbox", marker) or []
    problems = []
    if not accepted(response):
        problems.append(f"the submission was answered {response.status_code}")
    if len(rows) != 1 or rows[0]["dates"] != 2:
        problems.append(f"the event is not saved once with its dates: {rows}")
    if seconds > 5:
        problems.append(f"the submission took {seconds:.1f} s: it waited for the mail server")
    if [r["status"] for r in outbox] != ["requeued"]:
        problems.append(f"the e-mail is not kept for a retry: {outbox}")
    if worker_seconds > 60:
        problems.append(f"the worker took {worker_seconds:.1f} s")
    error = outbox[0]["last_error"][:60] if outbox else "—"
    numbers = (
        f"submission answered HTTP {response.status_code} after {seconds:.2f} s, event saved; "
        f"the worker gave up after {worker_seconds:.1f} s (EMAIL_TIMEOUT default 10 s) and "
        f"kept the e-mail for a retry ({error})"
    )
    return verdict("smtp hanging", problems, numbers)


# --- Redis down -----------------------------------------------------------------------------


def scenario_redis(ctx) -> bool:
    print(f"\n== redis: the site's Redis (port {REDIS_PORT}) is killed mid-run")
    out = OUT / "redis"
    out.mkdir(parents=True)
    redis = Redis(REDIS_PORT).start()
    try:
        env = ctx.env(REDIS_URL=redis.url)
        with (
            Gunicorn(env, free_port(), WORKERS, log=out / "gunicorn.log") as server,
            Traffic(server.url, public_paths(ctx.config), threads=6) as traffic,
        ):
            time.sleep(3)  # warm the page cache
            t0 = time.monotonic()
            time.sleep(12)
            t1 = time.monotonic()
            redis.kill()
            print("  Redis killed")
            time.sleep(12)
            t2 = time.monotonic()
            redis.start()
            print("  Redis started again")
            time.sleep(3)
            t3 = time.monotonic()
            time.sleep(9)
            t4 = time.monotonic()
    finally:
        redis.stop()
    up, down, back = traffic.window(t0, t1), traffic.window(t1, t2), traffic.window(t3, t4)
    print(f"  Redis up:        {fmt(up)}")
    print(f"  Redis down:      {fmt(down)}")
    print(f"  Redis back:      {fmt(back)}")
    problems = []
    if down["5xx"] or down["no_response"] or down["other"]:
        problems.append(
            f"{down['5xx']} 5xx, {down['no_response']} without response with Redis down"
        )
    if not down["ok"]:
        problems.append("no page was served with Redis down")
    if back["5xx"] or back["no_response"]:
        problems.append("failures after Redis came back")
    numbers = (
        f"Redis up {up['rps']} req/s p95 {up['p95_ms']} ms → down {down['rps']} req/s p95 "
        f"{down['p95_ms']} ms ({down['ok']} × 200, {down['5xx']} × 5xx) → back {back['rps']} "
        f"req/s p95 {back['p95_ms']} ms"
    )
    return verdict("redis down", problems, numbers)


# --- Disk full on media upload --------------------------------------------------------------


def test_image() -> bytes:
    from PIL import Image

    image = Image.effect_noise((1200, 900), 60).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def fill(directory: Path) -> int:
    """Fill the filesystem of ``directory``; the bytes written."""
    written = 0
    with open(directory / "filler.bin", "wb", buffering=0) as f:
        block = b"\0" * 4096
        while True:
            try:
                written += f.write(block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                return written


def files_in(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def scenario_disk(ctx) -> bool:
    print("\n== disk: an image upload when MEDIA_ROOT's disk is full")
    out = OUT / "disk"
    out.mkdir(parents=True)
    media = Path("/tmp/km-full-media")
    media.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(media)], check=True)
    try:
        filled = fill(media)
        before = files_in(media)
        env = ctx.env(MEDIA_ROOT=media)
        marker = f"Fejltest disk {uuid.uuid4()}"
        account = ctx.config["staff"][2]
        with Gunicorn(env, free_port(), 2, log=out / "gunicorn.log") as server:
            client = StaffClient(server.url, account, "10.98.0.3")
            if not client.login():
                return verdict("disk full", ["the staff login failed"], "")
            data = event_data(marker, account["venue"], ctx.config["focus_areas"][0])
            data["image_alt"] = "Støj i sort og hvidt"
            image = test_image()
            response = client.submit(data, files={"image": ("plakat.jpg", image, "image/jpeg")})
        after = files_in(media)
        rows = dbtool(env, "event", marker)
    finally:
        subprocess.run(["umount", str(media)], check=False)
        shutil.rmtree(media, ignore_errors=True)
    found = re.search(r'class="field__error"[^>]*>(.*?)</p>', response.text, re.S)
    message = re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""
    print(
        f"  filled {filled} bytes; upload of {len(image)} bytes answered HTTP "
        f"{response.status_code}; message: {message!r}; rows {rows}; new files "
        f"{sorted(set(after) - set(before))}"
    )
    problems = []
    if response.status_code >= 500:
        problems.append(f"HTTP {response.status_code}")
    elif not 400 <= response.status_code < 500:
        problems.append(f"HTTP {response.status_code} (expected the form again with a message)")
    if rows:
        problems.append(f"an event was saved: {rows}")
    if set(after) - set(before):
        problems.append(f"files left behind: {sorted(set(after) - set(before))}")
    numbers = f"HTTP {response.status_code}, message {message!r}, no event row, no file left"
    return verdict("disk full", problems, numbers)


# --- Running them ---------------------------------------------------------------------------


class Context:
    def __init__(self, static_root: Path, media: Path):
        self.static_root, self.media = static_root, media
        self.config = {}

    def env(self, **extra) -> dict:
        media = extra.pop("MEDIA_ROOT", self.media)
        return server_env(DATABASE, self.static_root, media, **extra)


SCENARIOS = {
    "postgres": scenario_postgres,
    "smtp": scenario_smtp,
    "redis": scenario_redis,
    "disk": scenario_disk,
}


def main(names: list[str]) -> int:
    stop_on_sigterm()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows at once, also in a log
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        raise SystemExit(f"unknown scenarios {unknown}; choose from {list(SCENARIOS)}")
    names = names or list(SCENARIOS)
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.rmtree(OUT / name, ignore_errors=True)
    static_root = collect_static()
    results = {}
    try:
        with temporary_dir("km-fault-media-") as media:
            ctx = Context(static_root, media)
            print(f"== database {DATABASE} ({EVENTS} events)")
            prepare_database(DATABASE, EVENTS, ctx.env())
            ctx.config = setup_accounts(ctx.env(), OUT / "config.json")
            for name in names:
                try:
                    results[name] = SCENARIOS[name](ctx)
                except Exception as exc:  # one broken scenario must not hide the others
                    print(f"FAIL {name}: {exc.__class__.__name__}: {exc}")
                    results[name] = False
    finally:
        ensure_postgres_running()
        shutil.rmtree(static_root, ignore_errors=True)
    print("\n" + "  ".join(f"{n}: {'PASS' if ok else 'FAIL'}" for n, ok in results.items()))
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
