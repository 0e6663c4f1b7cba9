"""Two app server processes sharing one PostgreSQL and one Redis: a change made through one
is seen at once through the other (no state lives in a process)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from pages.models import Page
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_available() -> bool:
    host, port = urllib.parse.urlsplit(REDIS_URL).hostname, urllib.parse.urlsplit(REDIS_URL).port
    try:
        with socket.create_connection((host, port or 6379), timeout=1):
            return True
    except OSError:
        return False


def start_server(port: int, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL}
    env.update(PAGE_CACHE_SECONDS="300", ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="WARNING")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kulturmetropolen.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the app server exited") from None
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the app server did not start")


@pytest.fixture
def two_servers(transactional_db, django_db_serialized_rollback):
    # The rows the migrations made (the text pages) are restored first: another
    # transactional test before this one leaves the database flushed.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: app servers cannot share the in-memory SQLite test database")
    if not redis_available():
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    redis.Redis.from_url(REDIS_URL).flushdb()  # a database of its own, emptied for the test
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    database_url += f"/{db['NAME']}"
    servers = [start_server(free_port_, database_url) for free_port_ in (free_port(), free_port())]
    ports = [int(s.args[s.args.index("--bind") + 1].rsplit(":", 1)[1]) for s in servers]
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for server in servers:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def get(opener, url):
    with opener.open(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def test_a_change_through_one_server_is_fresh_on_the_other(two_servers):
    server_a, server_b = two_servers
    UserFactory(username="redaktoer", is_staff=True, is_superuser=True)
    page = Page.objects.get(slug="om")
    anonymous = urllib.request.build_opener()

    # Server B renders /om/ and caches it in Redis; the second read is a cache hit.
    get(anonymous, f"{server_b}/om/")
    status, headers, body = get(anonymous, f"{server_b}/om/")
    assert status == 200 and headers.get("X-Page-Cache") == "hit"
    assert page.title in body

    # The secretariat changes the page's title through server A's admin.
    jar = http.cookiejar.CookieJar()
    staff = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, login_form = get(staff, f"{server_a}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form).group(1)
    data = {"csrfmiddlewaretoken": token, "username": "redaktoer",
            "password": "correct horse battery staple", "next": "/admin/"}  # fmt: skip
    staff.open(f"{server_a}/admin/login/", urllib.parse.urlencode(data).encode(), timeout=10)
    change_url = f"{server_a}/admin/pages/page/{page.pk}/change/"
    _, _, form = get(staff, change_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {"csrfmiddlewaretoken": token, "title": "Om os – ny overskrift", "body": page.body,
            "title_en": page.title_en, "body_en": page.body_en, "_save": "Gem"}  # fmt: skip
    staff.open(change_url, urllib.parse.urlencode(data).encode(), timeout=10)
    assert Page.objects.get(pk=page.pk).title == "Om os – ny overskrift"

    # Server B shows the new title on the very next request.
    status, headers, body = get(anonymous, f"{server_b}/om/")
    assert status == 200
    assert "Om os – ny overskrift" in body
    assert headers.get("X-Page-Cache") == "miss"
