"""Making and classifying sources: a one-off source for an address or file, and the focus
areas a source falls back to."""

from django.db.models import Count

from events.models import FocusArea

from .models import EventSource


def usual_focus_areas(venue):
    """The focus area most of ``venue``'s events have (a list of one), else the first focus
    area: a source's default when nobody chose one, since an event needs at least one."""
    usual = (
        FocusArea.objects.filter(events__venue=venue)
        .annotate(n=Count("events"))
        .order_by("-n", "position")
        .first()
    )
    return [usual or FocusArea.objects.order_by("position", "pk").first()]


def one_off_source(venue, *, url, kind, name):
    """The venue's source for ``url`` (or, for a file, named ``name`` without an address),
    made when missing: inactive (not fetched by cron), trusted as the venue is."""
    lookup = {"url": url} if url else {"url": "", "name": name}
    source, _created = EventSource.objects.get_or_create(
        venue=venue,
        **lookup,
        defaults={"name": name, "kind": kind, "trusted": venue.is_trusted, "is_active": False},
    )
    return source
