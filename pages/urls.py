"""The front page and the text pages (/om/, /tilgaengelighed/, /privatliv/)."""

from django.urls import path

from . import views

page_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("om/", views.page, {"slug": "om"}, name="page_om"),
    path("tilgaengelighed/", views.page, {"slug": "tilgaengelighed"}, name="page_tilgaengelighed"),
    path("privatliv/", views.page, {"slug": "privatliv"}, name="page_privatliv"),
]
