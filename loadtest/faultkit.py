"""Shared by the fault scenarios (loadtest/faults.py, loadtest/fault_postgres.py): their
settings, anonymous traffic that records every response, and how a result is printed."""

import os
import random
import statistics
import threading
import time

import requests

from loadtest.client import proxy_headers
from loadtest.common import ROOT

DATABASE = os.environ.get("FAULTS_DATABASE", "km_fault")
EVENTS = int(os.environ.get("FAULTS_EVENTS", "500"))
WORKERS = int(os.environ.get("FAULTS_WORKERS", "4"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6390"))
OUT = ROOT / "bench-results" / "faults"  # bench-results/ is git-ignored


class Traffic:
    """A few anonymous visitors requesting public pages in a loop; every response recorded
    as (monotonic time, status — 0 for no response —, seconds, path)."""

    def __init__(self, base_url: str, paths: list[str], threads: int = 6):
        self.base_url, self.paths, self.threads = base_url, paths, threads
        self.records: list[tuple[float, int, float, str]] = []
        self._stop = threading.Event()
        self._workers = []

    def _run(self, n: int):
        session = requests.Session()
        session.headers.update(proxy_headers(f"10.97.{n}.{random.randint(1, 254)}"))
        while not self._stop.is_set():
            path = random.choice(self.paths)
            started = time.monotonic()
            try:
                status = session.get(self.base_url + path, timeout=20).status_code
            except requests.RequestException:
                status = 0
            self.records.append((started, status, time.monotonic() - started, path))

    def __enter__(self):
        for n in range(self.threads):
            worker = threading.Thread(target=self._run, args=(n,), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)

    def window(self, start: float, end: float) -> dict:
        rows = [r for r in self.records if start <= r[0] < end]
        times = sorted(r[2] for r in rows)
        return {
            "requests": len(rows),
            "rps": round(len(rows) / (end - start), 1) if end > start else 0.0,
            "p50_ms": round(statistics.median(times) * 1000) if times else None,
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000) if times else None,
            "ok": sum(1 for r in rows if r[1] == 200),
            "5xx": sum(1 for r in rows if r[1] >= 500),
            "no_response": sum(1 for r in rows if r[1] == 0),
            "other": sum(1 for r in rows if r[1] not in (0, 200) and r[1] < 500),
        }


def public_paths(config: dict) -> list[str]:
    events = config["events"][:30]
    return [
        "/",
        "/arrangementer/",
        "/arrangementer/?municipality=koege&period=weekend",
        "/arrangementer/?q=koncert",
        "/kommuner/roskilde/",
        *[f"/arrangementer/{slug}/" for slug in events],
    ]


def fmt(stats: dict) -> str:
    return (
        f"{stats['requests']} requests, {stats['rps']} req/s, p50 {stats['p50_ms']} ms, "
        f"p95 {stats['p95_ms']} ms, 200: {stats['ok']}, 5xx: {stats['5xx']}, "
        f"no response: {stats['no_response']}, other: {stats['other']}"
    )


def verdict(name: str, problems: list[str], numbers: str) -> bool:
    if problems:
        print(f"FAIL {name}: " + "; ".join(problems) + f" ({numbers})")
        return False
    print(f"PASS {name}: {numbers}")
    return True
