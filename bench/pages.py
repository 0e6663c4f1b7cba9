"""The pages `make bench` and `bench/profile.py` measure, with real slugs from the database.

:func:`page_paths` runs inside Django (``manage.py shell`` or a configured process) and
returns ``{name: path}`` in a fixed order; the names are the benchmark table's rows.
"""

TRIVIAL = "trivial view (/livez)"

# Every filter of the listing's form at once.
ALL_FILTERS = (
    "municipality=koege&municipality=roskilde&focus_area=musik&audience=voksne"
    "&accessibility=trinfri-adgang&free=on&period=month"
)


def page_paths() -> dict:
    """``{row name: URL path}`` of every measured page, slugs read from this database."""
    from events.models import Event, FocusArea, Occurrence
    from municipalities.models import Venue

    occurrence = (
        Occurrence.objects.public().upcoming().select_related("event").order_by("start").first()
    )
    event = occurrence.event.slug
    venue = Venue.objects.filter(is_active=True, events__isnull=False).order_by("pk").first()
    focus = FocusArea.objects.order_by("position").first()
    last_file = max(1, -(-Event.objects.published().count() // 500))  # 500 events per file
    return {
        TRIVIAL: "/livez",
        "static file (whitenoise)": "/static/css/site.css",
        "front page": "/",
        "listing": "/arrangementer/",
        "listing: Køge + weekend": "/arrangementer/?municipality=koege&period=weekend",
        "listing: every filter": f"/arrangementer/?{ALL_FILTERS}",
        "listing: last page": "/arrangementer/?page=last",
        # Searches as citizens type them (bench/search.py has more, suggestions uncached).
        "search: koncert": "/arrangementer/?q=koncert",
        "search: koncert, by date": "/arrangementer/?q=koncert&sort=date",
        "search: typo (kocert)": "/arrangementer/?q=kocert",
        "search: folded (faellessang)": "/arrangementer/?q=faellessang",
        "search: filter words": "/arrangementer/?q=roskilde+musik+weekend",
        "search: no match (Mente du)": "/arrangementer/?q=beatvarkstd+solnedgang",
        "suggestions (cached per query)": "/arrangementer/forslag.json?q=kon",
        "event detail": f"/arrangementer/{event}/",
        "municipality page": "/kommuner/roskilde/",
        "venue page": f"/steder/{venue.slug}/",
        "focus-area page": f"/indsatser/{focus.slug}/",
        "event ICS": f"/arrangementer/{event}.ics",
        "feed ICS: Køge": "/arrangementer/feed.ics?municipality=koege",
        "API occurrences": "/api/v1/occurrences/?municipality=koege",
        "API occurrences: last page": "/api/v1/occurrences/?page=last",
        "API events": "/api/v1/events/",
        "API events: last page": "/api/v1/events/?page=last",
        "sitemap index": "/sitemap.xml",
        "sitemap: events file": "/sitemap-events.xml",
        "sitemap: events, last file": f"/sitemap-events.xml?p={last_file}",
    }
