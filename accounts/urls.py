"""Account URLs under /konto/ beyond Django's login, logout and password reset."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("adgang/", views.AccessRequestView.as_view(), name="access_request"),
    path("adgang/tak/", views.AccessRequestDoneView.as_view(), name="access_request_done"),
]
