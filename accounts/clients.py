"""For django-axes: the user name of a failed login (the client's address is
``core.clients.client_ip``)."""

from django.contrib.auth import get_user_model


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
