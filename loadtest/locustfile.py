"""The load test's simulated users (run by loadtest/run.py; see docs/resilience.md).

Citizens browse and filter the public pages; venue staff log in and submit events with two
dates each ("Send til godkendelse"). Configuration comes from LOADTEST_CONFIG (written by
loadtest/fixtures.py); LOADTEST_OUT is a directory for the markers and the status counts.

gunicorn is spoken to as the TLS-terminating proxy in production would: every request
carries ``X-Forwarded-Proto: https`` and the citizen's own address in ``X-Forwarded-For``
(the site runs with BEHIND_PROXY=1), so the site's Secure cookies, CSRF checks, per-address
login throttling and API throttling behave as they do for real visitors.
"""

import itertools
import json
import os
import random
import sys
import threading
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest.client import (
    DASHBOARD,
    LOGIN,
    NEW_EVENT,
    ProxyCookieJar,
    accepted,
    csrf_token,
    event_data,
    form_headers,
    form_tokens,
    proxy_headers,
)

CONFIG = json.loads(Path(os.environ["LOADTEST_CONFIG"]).read_text())
OUT = Path(os.environ["LOADTEST_OUT"])
OUT.mkdir(parents=True, exist_ok=True)
MARKER = os.environ.get("LOADTEST_MARKER", "Belastningstest")
SEARCH_WORDS = ["koncert", "jazz", "udstilling", "børn", "kor", "teater", "musik", "dans"]
PERIODS = ["weekend", "today", "week", "month"]

_lock = threading.Lock()
_status = Counter()
_page_cache = Counter()  # X-Page-Cache of anonymous pages: hit, miss, or not cached
# Per page name: hits, first misses (a URL's first request: the cache cannot have it) and
# repeat misses (a URL asked for before: dropped by an invalidation or evicted).
_page_cache_by_page = defaultdict(Counter)
_cached_urls = set()
_accounts = itertools.cycle(CONFIG["staff"])


@events.request.add_listener
def _count_status(name="", response=None, exception=None, url=None, **kwargs):
    code = getattr(response, "status_code", None) if response is not None else None
    cached = response.headers.get("X-Page-Cache", "none") if response is not None else None
    with _lock:
        _status[str(code) if code else "no response"] += 1
        if cached:
            _page_cache[cached] += 1
        if cached == "hit":
            _page_cache_by_page[name]["hit"] += 1
        elif cached == "miss":
            _page_cache_by_page[name]["repeat miss" if url in _cached_urls else "first miss"] += 1
        if cached in ("hit", "miss"):
            _cached_urls.add(url)


def _row(entry) -> dict:
    return {
        "method": entry.method or "",
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": round(entry.total_rps, 2),
        "p50_ms": entry.get_response_time_percentile(0.5),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "max_ms": round(entry.max_response_time or 0),
    }


@events.quitting.add_listener
def _write_summary(environment, **kwargs):
    """The final numbers (locust's CSV is written once a second and may miss the last ones)."""
    stats = environment.stats
    with _lock:
        status, page_cache = dict(_status), dict(_page_cache)
        by_page = {name: dict(counts) for name, counts in _page_cache_by_page.items()}
    summary = {
        "total": _row(stats.total),
        "pages": [_row(e) for e in sorted(stats.entries.values(), key=lambda e: e.name)],
        "status": status,
        "page_cache": page_cache,
        "page_cache_by_page": by_page,
        "errors": {f"{e.method} {e.name}: {e.error}": e.occurrences for e in stats.errors.values()},
    }
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True))


def _record(name: str, line: str) -> None:
    with _lock, open(OUT / name, "a") as f:
        f.write(line + "\n")
        f.flush()


class SiteUser(HttpUser):
    abstract = True

    def on_start(self):
        self.client.cookies = ProxyCookieJar()
        self.client.headers.update(proxy_headers(self.address()))

    def address(self) -> str:
        return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


class Citizen(SiteUser):
    """Someone looking for what is on: front page, listing with filters, an event, a
    municipality, the calendar file, the API a municipal website uses."""

    weight = 10
    wait_time = between(1, 3)

    @task(3)
    def front_page(self):
        self.client.get("/", name="front page")

    @task(2)
    def listing(self):
        self.client.get("/arrangementer/", name="listing")

    @task(4)
    def listing_filtered(self):
        municipalities = random.sample(CONFIG["municipalities"], k=random.randint(1, 2))
        query = "&".join(f"municipality={m}" for m in municipalities)
        query += f"&period={random.choice(PERIODS)}"
        if random.random() < 0.5:
            query += f"&focus_area={random.choice(CONFIG['focus_area_slugs'])}"
        self.client.get(f"/arrangementer/?{query}", name="listing: municipality+period+focus")

    @task(2)
    def search(self):
        self.client.get(f"/arrangementer/?q={random.choice(SEARCH_WORDS)}", name="listing: search")

    @task(1)
    def listing_page_two(self):
        self.client.get("/arrangementer/?page=2", name="listing: page 2")

    @task(4)
    def event_detail(self):
        slug = random.choice(CONFIG["events"])
        self.client.get(f"/arrangementer/{slug}/", name="event detail")

    @task(2)
    def municipality(self):
        slug = random.choice(CONFIG["municipalities"])
        self.client.get(f"/kommuner/{slug}/", name="municipality page")

    @task(1)
    def event_ics(self):
        slug = random.choice(CONFIG["events"])
        self.client.get(f"/arrangementer/{slug}.ics", name="event ICS")

    @task(1)
    def api(self):
        slug = random.choice(CONFIG["municipalities"])
        self.client.get(f"/api/v1/occurrences/?municipality={slug}", name="API occurrences")


class VenueStaff(SiteUser):
    """A venue's staff member: logs in once, then submits events with two dates each."""

    fixed_count = len(CONFIG["staff"])
    wait_time = between(2, 4)

    def on_start(self):
        with _lock:
            self.account = next(_accounts)
        self.staff_address = f"10.99.0.{CONFIG['staff'].index(self.account) + 1}"
        super().on_start()
        self.login()

    def address(self) -> str:
        return self.staff_address

    def login(self) -> bool:
        page = self.client.get(LOGIN, name="login form")
        with self.client.post(
            LOGIN,
            data={
                "csrfmiddlewaretoken": csrf_token(page.text),
                "username": self.account["username"],
                "password": self.account["password"],
            },
            headers=form_headers(self.host, LOGIN),
            allow_redirects=False,
            catch_response=True,
            name="login",
        ) as response:
            if response.status_code == 302 and DASHBOARD in response.headers.get("Location", ""):
                response.success()
                _record("logins.txt", self.account["username"])
                return True
            response.failure(f"login failed: HTTP {response.status_code}")
            return False

    @task
    def submit_event(self):
        form = self.client.get(NEW_EVENT, name="staff: new event form")
        if LOGIN in form.url:
            self.login()
            return
        marker = f"{MARKER} {uuid.uuid4()}"
        data = event_data(
            marker,
            self.account["venue"],
            random.choice(CONFIG["focus_areas"]),
            days=random.randint(7, 90),
        )
        data.update(form_tokens(form.text))
        _record("attempted.txt", marker)
        with self.client.post(
            NEW_EVENT,
            data=data,
            headers=form_headers(self.host, NEW_EVENT),
            allow_redirects=False,
            catch_response=True,
            name="staff: submit event",
        ) as response:
            if not accepted(response):
                response.failure(f"submission not accepted: HTTP {response.status_code}")
                return
            response.success()
            _record("submitted.txt", marker)
        self.client.get(DASHBOARD, name="staff: dashboard")
