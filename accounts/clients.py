"""Who is asking: the client's address and, for django-axes, the user name of a failed login."""

from django.conf import settings
from django.contrib.auth import get_user_model


def client_ip(request) -> str:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``); behind our proxy (``BEHIND_PROXY``),
    the one it appended to X-Forwarded-For."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def axes_username(request, credentials=None):
    """The user name django-axes records for a failed login (``AXES_USERNAME_CALLABLE``).

    Django's login forms pass any length on to ``authenticate``; axes stores the name in a
    255-character column, so a longer one made the failed login a 500. No account has a name
    longer than the user model allows, so the rest is dropped.
    """
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get("username") if source else None
    if username is None:
        return None
    return str(username)[: get_user_model()._meta.get_field("username").max_length]
