"""Shared data and POST builders for the staff page tests."""

import uuid
from datetime import timedelta

from django.utils import timezone

from events.models import FocusArea


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def event_data(venue, *, dates=(), existing=(), **overrides):
    """A complete POST for the event form: ``dates`` are new (start, end) pairs, ``existing``
    the event's occurrences as they are (kept)."""
    data = {
        "title": "Jazz i kælderen",
        "teaser": "Levende jazz.",
        "description": "Første afsnit.\n\nAndet afsnit.",
        "focus_areas": [str(FocusArea.objects.get(slug="musik").pk)],
        "venue": str(venue.pk),
        "organizer": "",
        "image_alt": "",
        "price_text": "100 kr.",
        "price_min": "100",
        "price_max": "",
        "ticket_url": "",
        "info_url": "",
        # The create form's one-time token (a new one per call: a new form).
        "submission_token": str(uuid.uuid4()),
    }
    rows = []
    for occurrence in existing:
        rows.append(
            {
                "id": str(occurrence.pk),
                "start": local(occurrence.start),
                "end": local(
                    occurrence.end - timedelta(days=1) if occurrence.all_day else occurrence.end
                )
                if occurrence.end
                else "",
                "all_day": "on" if occurrence.all_day else "",
                "open_end": "on" if occurrence.open_end else "",
            }
        )
    for start, end in dates:
        # A date without an end is an open end (the form asks for one of the three).
        rows.append(
            {
                "id": "",
                "start": local(start),
                "end": local(end) if end else "",
                "open_end": "" if end else "on",
            }
        )
    data.update(
        {
            "dates-TOTAL_FORMS": str(len(rows)),
            "dates-INITIAL_FORMS": str(len(existing)),
            "dates-MIN_NUM_FORMS": "0",
            "dates-MAX_NUM_FORMS": "500",
        }
    )
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"dates-{i}-{key}"] = value
    data.update(overrides)
    return data


def soon(days=7, hour=19):
    day = timezone.localtime() + timedelta(days=days)
    start = day.replace(hour=hour, minute=30, second=0, microsecond=0)
    return start, start + timedelta(hours=2)


def shown(*objects):
    """The hidden inputs the admin's lists send with an action: each row's version as the
    list showed it (read fresh, as a list opened now would)."""
    shown = {}
    for obj in objects:
        model = type(obj)
        shown[f"version-{obj.pk}"] = str(
            model.objects.values_list("version", flat=True).get(pk=obj.pk)
        )
        if hasattr(obj, "event_id"):  # a pending change: the event its diff was drawn against
            event = model.objects.values_list("event__version", flat=True).get(pk=obj.pk)
            shown[f"event-version-{obj.pk}"] = str(event)
    return shown
