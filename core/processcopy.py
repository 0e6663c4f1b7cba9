"""A value shared through the cache, and kept in each process under the token of its
shared copy.

Some values every request needs are large to unpickle — the filter choices (every venue),
the words of the events' names (megabytes at a real site's vocabulary) — and change
seldom. Reading them from the shared cache on each request cost milliseconds of CPU. Here
the shared copy is stored with a *token* (a random name, set after it), and each process
keeps the copy it read under that token: a request reads the token (a few bytes); only a
new token (the value read anew, by any process, or the cache cleared) reads the value.

The token, not the key alone, names the copy: a cleared cache may start a versioned key
(``vocabularies:<content version>``) at a number it had before.
"""

import secrets
from collections.abc import Callable

from django.core.cache import cache


def process_copy(key: str, read: Callable[[], object], timeout: int, copies: dict) -> object:
    """The value under ``key`` in the shared cache, as this process keeps it in ``copies``
    (a module's dict: ``{token: value}``, the last copy only). On a miss ``read()`` makes
    it (e.g. a query), and it is stored for ``timeout`` seconds with a new token under
    ``key + ":token"``. The same object is returned while the token stands: callers must
    not change it."""
    token_key = f"{key}:token"
    token = cache.get(token_key)
    if token is not None and (value := copies.get(token)) is not None:
        return value
    value = cache.get(key) if token is not None else None
    if value is None:
        value, token = read(), secrets.token_hex(8)
        cache.set(key, value, timeout)
        cache.set(token_key, token, timeout)  # after the value it names
    copies.clear()
    copies[token] = value
    return value
