"""Account URLs under /konto/: Django's login, logout and password reset, and the request
for access (namespace ``accounts``)."""

from django.urls import include, path

from . import password_reset, views

access_request_patterns = [
    path("adgang/", views.AccessRequestView.as_view(), name="access_request"),
    path("adgang/tak/", views.AccessRequestDoneView.as_view(), name="access_request_done"),
]

urlpatterns = [
    path("", include((access_request_patterns, "accounts"))),
    # Django's password reset, queued and rate limited (accounts/password_reset.py).
    path(
        "password_reset/",
        password_reset.PasswordResetView.as_view(),
        name="password_reset",
    ),
    # Django's own views, under their own names ("login", "password_reset_confirm", …).
    path("", include("django.contrib.auth.urls")),
]
