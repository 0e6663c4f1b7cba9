"""URLs of the venue staff's pages under /mine-arrangementer/."""

from django.urls import path

from .views import staff

staff_patterns = (
    [
        path("", staff.DashboardView.as_view(), name="dashboard"),
        path("nyt/", staff.EventCreateView.as_view(), name="create"),
        path("<int:pk>/", staff.EventUpdateView.as_view(), name="edit"),
        path("<int:pk>/kopier/", staff.EventDuplicateView.as_view(), name="duplicate"),
        path("datoer/<int:pk>/", staff.OccurrenceStatusView.as_view(), name="occurrence"),
    ],
    "staff",
)
