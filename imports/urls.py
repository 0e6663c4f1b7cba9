"""URLs of the venue staff's calendars under /mine-arrangementer/kalendere/."""

from django.urls import path

from .views import sources

staff_source_patterns = (
    [
        path("", sources.SourceListView.as_view(), name="list"),
        path("ny/", sources.SourceFormView.as_view(), name="add"),
        path("<int:pk>/", sources.SourceFormView.as_view(), name="edit"),
        path("<int:pk>/hent/", sources.FetchNowView.as_view(), name="fetch"),
        path("<int:pk>/foelg/", sources.FollowView.as_view(), name="follow"),
        path("<int:pk>/slet/", sources.SourceDeleteView.as_view(), name="delete"),
    ],
    "imports_staff",
)
