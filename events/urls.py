"""Public URLs of the events app. Municipality and venue pages live here, not in
``municipalities``, because they list events and ``municipalities`` never depends on events."""

from django.urls import path

from .search import suggest
from .views import places, public

event_patterns = (
    [
        path("", public.OccurrenceListView.as_view(), name="list"),
        path("forslag.json", suggest.suggestions, name="suggestions"),
        path("<slug:slug>/", public.EventDetailView.as_view(), name="detail"),
    ],
    "events",
)

focus_area_patterns = (
    [path("<slug:slug>/", places.FocusAreaDetailView.as_view(), name="detail")],
    "focus_areas",
)

place_patterns = (
    [
        path("kommuner/", places.MunicipalityListView.as_view(), name="list"),
        path("kommuner/<slug:slug>/", places.MunicipalityDetailView.as_view(), name="detail"),
        path("steder/<slug:slug>/", places.VenueDetailView.as_view(), name="venue"),
    ],
    "municipalities",
)
