"""A Redis cache the site survives losing.

Every page goes through the cache (the anonymous page cache, the navigation, the filter
vocabularies), and Django's Redis backend raises when Redis cannot be reached, so a Redis
outage would make every page a 500. This backend treats an unreachable Redis as an empty
cache that keeps nothing: pages are rendered afresh — slower — and nothing fails.

After a failure it leaves Redis alone for ``RETRY_SECONDS`` in this process, so a Redis that
is down (or hangs until the socket timeout) costs one attempt every few seconds rather than
one per cache call. While Redis is away, content changes cannot reach the page cache; pages
cached before the outage expire within ``PAGE_CACHE_SECONDS`` at the latest.

Why not django-redis with ``IGNORE_EXCEPTIONS`` (``DJANGO_REDIS_IGNORE_EXCEPTIONS``)? It
also turns a connection error into a miss, but on every call: it has no back-off, so each
cache call waits for Redis again. An uncached page makes 3–8 cache calls (the page cache's
lookup and content version, the navigation, the filter vocabularies, the store), so with a
Redis that hangs until the 1 s socket timeout a listing page would take about 6 s and the
API about 8 s, on every request; here the first call of a process waits once and the next
``RETRY_SECONDS`` none. It answers ``incr`` with ``None`` instead of the ``ValueError`` of a
missing key that :func:`core.pagecache.bump_content_version` relies on, and logs every
ignored error or none (here: once when Redis goes, once when it is back). Django's own
``RedisCache``, which this class extends, has no such option. So this backend stays: some
forty lines over Django's built-in backend, no extra package, the same keys and pickling.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds without trying Redis after it failed.
RETRY_SECONDS = 5.0


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool for the life of
    the process instead of a new one per cache call.

    ``redis.Redis.__init__`` copies the library's table of about 170 response callbacks into
    a case-insensitive dict: about 0.25 ms of CPU, on each of the 3–25 cache calls of a page
    (the page cache, the navigation, the vocabularies, every card). A ``redis.Redis`` is
    safe to share (each command borrows a connection from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache; with Redis unreachable, reads miss (the caller's ``default``),
    writes are dropped, ``incr`` raises ``ValueError`` as for a missing key, and Redis is
    not asked again for ``RETRY_SECONDS`` (see the module for why not django-redis)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._down_until = 0.0
        self._failing = False

    def _call(self, method, fallback, *args, **kwargs):
        if self._failing and time.monotonic() < self._down_until:
            return fallback
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except RedisError as exc:
            if not self._failing:
                logger.warning("The cache (Redis) is unreachable; serving without it: %s", exc)
            self._failing = True
            self._down_until = time.monotonic() + RETRY_SECONDS
            return fallback
        if self._failing:
            logger.warning("The cache (Redis) is reachable again")
            self._failing = False
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version)
        if result is missing:  # as for a key that is not there
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result
