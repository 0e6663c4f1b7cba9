"""Counting requests per key in the cache, for the public forms' hourly limits.

The counts live in the shared cache (Redis in production): while it is away the limits are
not enforced (docs/resilience.md), the forms keep working.
"""

from django.core.cache import cache

HOUR = 60 * 60  # seconds


def reached(key: str, limit: int) -> bool:
    """Whether ``key`` has been counted ``limit`` times or more in its current window."""
    return cache.get(key, 0) >= limit


def count(key: str, window: int = HOUR) -> int:
    """Count one more for ``key``; the window (seconds) starts with the first count.
    Returns the count so far."""
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1
