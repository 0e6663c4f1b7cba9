"""The staff form's one-time token (``Event.submission_token``): read from a post, and held
while the post is saved, so that the same form posted twice makes one event."""

import uuid

from django.db import connection


def as_uuid(value):
    """``value`` as a UUID, or None when it is not one."""
    try:
        return uuid.UUID(value)
    except (AttributeError, TypeError, ValueError):
        return None


def hold_token(token):
    """Lock a form's one-time token until the transaction ends (a PostgreSQL advisory lock;
    other databases write one transaction at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [token.int & (2**63 - 1)])
