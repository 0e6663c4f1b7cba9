"""`manage.py seed_demo`: believable demo data, idempotent, scalable, logins only in DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, Occurrence
from municipalities.models import Municipality, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed(*args, **kwargs):
    """Run seed_demo; without posters unless asked for (they take a moment to draw)."""
    out = StringIO()
    if "--posters" not in args:
        args = (*args, "--posters", "none")
    call_command("seed_demo", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_demo_data_covers_every_municipality_and_focus_area(settings):
    settings.DEBUG = True
    seed()
    # 150 invented events, and the four series of Fjordscenen's imported calendar.
    assert Event.objects.filter(imported_from="").count() == 150
    imported = Event.objects.exclude(imported_from="")
    assert set(imported.values_list("imported_from", flat=True)) == {"Fjordscenens kalender"}
    assert imported.count() == 4 and all(e.is_published for e in imported)
    for municipality in Municipality.objects.all():
        assert Venue.objects.filter(municipality=municipality).count() >= 3, municipality
    published = Event.objects.published()
    for slug in ["musik", "ungekultur", "kultur-og-sundhed"]:
        assert published.filter(focus_areas__slug=slug).exists(), slug
    now = timezone.now()
    upcoming = Occurrence.objects.public().upcoming(now)
    assert upcoming.filter(start__lt=now).exists(), "an exhibition already running"
    assert upcoming.filter(status=Occurrence.Status.CANCELLED).exists()
    assert upcoming.filter(status=Occurrence.Status.SOLD_OUT).exists()
    assert published.filter(is_free=True).exists()
    assert published.filter(is_featured=True).exists()
    assert Event.objects.exclude(status=Event.Status.PUBLISHED).exists()
    # Spread over the coming three months.
    latest = Occurrence.objects.order_by("-start").first().start
    assert (latest - now).days <= 100


def test_running_it_again_creates_nothing(settings):
    settings.DEBUG = True
    seed()
    counts = (Venue.objects.count(), Event.objects.count(), Occurrence.objects.count())
    seed()
    assert (Venue.objects.count(), Event.objects.count(), Occurrence.objects.count()) == counts


def test_demo_logins_are_made_only_with_debug_on(settings):
    settings.DEBUG = False
    output = seed()
    users = get_user_model().objects
    assert not users.filter(username__in=["sekretariat", "sted", "admin"]).exists()
    assert not users.exists()
    # Not silently: the output says why and how.
    assert "Logins skipped (DEBUG is off; pass --with-logins to create them)." in output
    assert "kulturmetropolen-demo" not in output


def test_demo_logins_without_debug_only_when_asked_for(settings):
    settings.DEBUG = False
    output = seed("--with-logins")
    users = get_user_model().objects
    assert set(users.values_list("username", flat=True)) == {"sekretariat", "sted", "admin"}
    assert "kulturmetropolen-demo" in output


def test_demo_logins_with_debug_on(settings):
    settings.DEBUG = True
    seed()
    users = get_user_model().objects
    secretariat = users.get(username="sekretariat")
    assert secretariat.is_staff and not secretariat.is_superuser
    assert secretariat.groups.filter(name="Sekretariat").exists()
    assert secretariat.check_password("kulturmetropolen-demo")
    staff = users.get(username="sted")
    assert not staff.is_staff
    assert staff.venues.count() == 2


def test_scaled_data_set_spreads_over_years(settings):
    seed("--events", "600", "--batch-size", "250")
    assert Event.objects.filter(imported_from="").count() == 600
    now = timezone.now()
    assert Occurrence.objects.filter(start__lt=now - timezone.timedelta(days=365 * 2)).exists()
    event = Event.objects.published().select_related("venue").first()
    assert event.search_text == event.build_search_text()
    assert len(set(Event.objects.values_list("slug", flat=True))) == 604


def test_most_demo_events_get_a_poster_with_renditions_and_alt_text(settings, tmp_path):
    seed("--events", "20", "--posters", "each")
    with_poster = Event.objects.exclude(image="")
    assert with_poster.count() >= 12  # most (about 85 %)
    assert with_poster.count() < 20  # some show the placeholder
    for event in with_poster:
        assert event.image_alt.startswith(f"Plakat med teksten «{event.title}»")
        assert (event.image_width, event.image_height) == (800, 450)
        stem = event.image.name.rsplit(".", 1)[0]
        assert (tmp_path / f"{stem}-400.webp").is_file()
        assert (tmp_path / f"{stem}-800.webp").is_file()
    assert len({e.image.name for e in with_poster}) == with_poster.count()  # one each


def test_a_large_data_set_shares_a_small_pool_of_posters(settings, tmp_path):
    seed("--events", "120", "--posters", "shared")
    names = set(Event.objects.exclude(image="").values_list("image", flat=True))
    assert 3 <= len(names) <= 30
    assert Event.objects.exclude(image="").count() > 90
    assert len([p for p in tmp_path.rglob("*.jpg") if "-" not in p.stem]) == len(names)


def test_a_poster_is_the_same_picture_for_the_same_event():
    from events.demo.posters import draw

    first, alt = draw("Jazz i kælderen", "musik", "jazz-i-kaelderen")
    again, alt_again = draw("Jazz i kælderen", "musik", "jazz-i-kaelderen")
    other, _ = draw("Jazz i kælderen", "musik", "en-anden")
    assert first.tobytes() == again.tobytes() and alt == alt_again
    assert first.tobytes() != other.tobytes()
    assert first.getpixel((5, 5)) != (255, 255, 255)  # tinted in the focus area's colour
