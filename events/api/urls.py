"""/api/v1/: the read-only public API, its OpenAPI schema and its documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views
from .docs import api_docs

router = DefaultRouter()
router.register("occurrences", views.OccurrenceViewSet, basename="occurrence")
router.register("events", views.EventViewSet, basename="event")
router.register("venues", views.VenueViewSet, basename="venue")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("focus-areas", views.FocusAreaViewSet, basename="focusarea")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
    *router.urls,
]
