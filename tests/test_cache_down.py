"""With Redis unreachable the site keeps serving, uncached, and a staff submission is saved."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache as forgiving
from tests.factories import OccurrenceFactory
from tests.staff_helpers import event_data, soon

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The site configured for Redis, as REDIS_URL sets it, with nothing listening there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    yield


def test_redis_url_selects_the_forgiving_backend_with_timeouts():
    """Settings are read once per process: import them in a fresh one with REDIS_URL set."""
    environ = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    environ.update(
        DJANGO_SETTINGS_MODULE="kulturmetropolen.settings",
        DEBUG="1",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; "
            "print(json.dumps(settings.CACHES['default']))",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    config = json.loads(out.stdout.strip().splitlines()[-1])
    assert config["BACKEND"] == "core.cache.ForgivingRedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert 0 < config["OPTIONS"]["socket_connect_timeout"] <= 2
    assert 0 < config["OPTIONS"]["socket_timeout"] <= 2


def test_reads_miss_and_writes_are_dropped(redis_down):
    assert cache.get("key", "default") == "default"
    assert cache.set("key", "value") is None
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    assert cache.get_or_set("key", "fallback") == "fallback"
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_public_pages_are_served_uncached(client, redis_down):
    occurrence = OccurrenceFactory(event__title="Koncert uden cache")
    for url in ["/", "/arrangementer/", occurrence.event.get_absolute_url(), "/kommuner/koege/"]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit", url  # rendered every time
    assert "Koncert uden cache" in client.get("/arrangementer/").content.decode()


def test_a_staff_submission_is_saved(client, venue_staff, redis_down):
    venue, user = venue_staff
    client.force_login(user)
    response = client.post(
        "/mine-arrangementer/nyt/", event_data(venue, dates=[soon()], submit="1")
    )
    assert response.status_code == 302
    assert venue.events.get().status == "submitted"


def test_after_a_failure_redis_is_left_alone_for_a_while(redis_down, monkeypatch):
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        raise RedisConnectionError("down")

    clock = [1000.0]
    monkeypatch.setattr(forgiving.time, "monotonic", lambda: clock[0])
    with mock.patch("django.core.cache.backends.redis.RedisCache.get", failing):
        assert cache.get("a") is None
        assert cache.get("b") is None
        assert len(calls) == 1  # the second read did not wait for Redis
        clock[0] += forgiving.RETRY_SECONDS + 1
        assert cache.get("c") is None
        assert len(calls) == 2


def test_it_recovers_when_redis_answers_again(redis_down, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(forgiving.time, "monotonic", lambda: clock[0])
    with mock.patch(
        "django.core.cache.backends.redis.RedisCache.get", side_effect=RedisConnectionError
    ):
        assert cache.get("a", "miss") == "miss"
    clock[0] += forgiving.RETRY_SECONDS + 1
    with mock.patch("django.core.cache.backends.redis.RedisCache.get", return_value="cached"):
        assert cache.get("a") == "cached"


def test_a_page_makes_at_most_one_attempt_at_an_unreachable_redis(client, redis_down, monkeypatch):
    """Why this backend and not django-redis's IGNORE_EXCEPTIONS, which asks Redis on every
    call: a listing page makes several cache calls, each of which would wait for a Redis
    that hangs until its socket timeout."""
    OccurrenceFactory()  # its save already met the closed port: forget that
    cache._failing, cache._down_until = False, 0.0
    monkeypatch.setattr(forgiving.time, "monotonic", lambda: 1000.0)  # a slow machine too
    attempts = []

    def failing(*args, **kwargs):
        attempts.append(args)
        raise RedisConnectionError("down")

    methods = ["get", "set", "add", "incr", "get_many", "set_many", "delete", "has_key"]
    patches = [
        mock.patch(f"django.core.cache.backends.redis.RedisCache.{name}", failing)
        for name in methods
    ]
    for patch in patches:
        patch.start()
    try:
        for url in ["/arrangementer/", "/api/v1/occurrences/", "/"]:
            assert client.get(url).status_code == 200, url
    finally:
        for patch in patches:
            patch.stop()
    assert len(attempts) == 1
