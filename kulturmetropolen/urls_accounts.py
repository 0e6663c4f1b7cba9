"""Account URLs under /konto/ beyond Django's login, logout and password reset."""

from django.urls import path

from . import accounts

account_patterns = (
    [
        path("adgang/", accounts.AccessRequestView.as_view(), name="access_request"),
        path("adgang/tak/", accounts.AccessRequestDoneView.as_view(), name="access_request_done"),
    ],
    "accounts",
)
