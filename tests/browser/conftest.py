"""Browser tests: headless Chromium driven by Playwright against pytest-django's live server.

The live server runs on the test database (PostgreSQL in CI). Each test seeds its own data
with the factories. The live server needs committed rows, so every test is transactional and
the database is emptied after it; the rows made by data migrations (municipalities, focus
areas, audiences, accessibility features, text pages) are put back before each test.

Without Chromium the tests skip with the reason; with ``CI=true`` they fail instead, so that
CI can never pass by quietly skipping them.
"""

import os
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import AccessibilityFeature, Audience, Occurrence
from events.periods import period_window
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Date and time fields are filled with ISO values (fill("2030-05-01T19:30")), never typed: the
# order a date field takes typed digits in depends on the browser's locale and build (headless
# Chromium shows en-US order even in a da-DK context).
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE, DESKTOP = 375, 1280
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def _unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module. Playwright's sync API keeps an event loop
    running in this thread while it is started, which makes Django refuse database calls
    here; so it runs only for the browser tests and stops after each module."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the lock file pins it
        _unavailable("Playwright is not installed")
    # The test code's database calls are ordinary synchronous calls all the same.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _migrated_models():
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from events.models import FocusArea
    from municipalities.models import Municipality
    from pages.models import Page

    # Content types and permissions with the numbers the migrations gave them: the flush's
    # post_migrate makes them anew with other numbers, and a later test that restores the
    # database as migrations left it (serialized_rollback) would then collide with them.
    return [
        ContentType,
        Permission,
        Group,
        Municipality,
        FocusArea,
        Audience,
        AccessibilityFeature,
        Page,
    ]


_SNAPSHOT = {}


def _restore_migrated_rows():
    from municipalities.models import Municipality

    if "rows" in _SNAPSHOT and not Municipality.objects.exists():
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.all().delete()  # and the permissions post_migrate made anew
        for row in serializers.deserialize("json", _SNAPSHOT["rows"]):
            row.save()
        ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def _migrated_rows_snapshot(django_db_setup, django_db_blocker):
    """The data-migration rows as JSON, taken before any browser test empties the tables."""
    with django_db_blocker.unblock():
        _SNAPSHOT["rows"] = serializers.serialize(
            "json", [row for model in _migrated_models() for row in model.objects.all()]
        )
    _SNAPSHOT["blocker"] = django_db_blocker


@pytest.fixture
def migrated_rows(_migrated_rows_snapshot, live_server):
    """The data-migration rows, there for this test (see the teardown hook below)."""
    _restore_migrated_rows()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a browser test's flush, put the data-migration rows back, so that the tests
    that come after it (in any module) find the database as migrations left it."""
    result = yield
    # After the last test the test database is gone: nothing comes after it to restore for.
    if nextitem is None:
        return result
    if "migrated_rows" in getattr(item, "fixturenames", ()) and "blocker" in _SNAPSHOT:
        with _SNAPSHOT["blocker"].unblock():
            _restore_migrated_rows()
    return result


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _serve_media(root):
    """Uploaded images, as the production proxy serves /media/ (Django serves it only when
    DEBUG was on at start-up)."""

    def handler(route):
        relative = unquote(urlsplit(route.request.url).path)[len(django_settings.MEDIA_URL) :]
        path = (root / relative).resolve()
        if root.resolve() in path.parents and path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404, body="")

    return handler


def new_context(browser, live_server, media_root, **options):
    """A browser context (cookies, viewport) against the live server, in Danish and
    Copenhagen time; ``options`` go to Playwright (e.g. ``java_script_enabled=False``)."""
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": DESKTOP, "height": 900},
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        **options,
    )
    ctx.set_default_timeout(10_000)
    ctx.route(f"{live_server.url}{django_settings.MEDIA_URL}**", _serve_media(media_root))
    return ctx


@pytest.fixture
def context(browser, live_server, media_root, migrated_rows):
    """A fresh browser context against the live server."""
    ctx = new_context(browser, live_server, media_root)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def jpeg(width=480, height=270, colour=(11, 79, 138)):
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name="koncert.jpg")


def weekend_start(now):
    """A moment inside this (or the coming) weekend, Friday evening when it lies ahead."""
    window = period_window("weekend", now)
    friday_evening = window.start.astimezone(timezone.get_current_timezone()).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    if friday_evening > now + timedelta(minutes=10):
        return friday_evening
    return now + (window.end - now) / 2


@pytest.fixture
def site(media_root, live_server, migrated_rows):
    """Believable data for every page type: an event with an image, a cancelled and a sold
    out date, a free event in another municipality, a running exhibition and a past event."""
    now = timezone.now()
    step_free = AccessibilityFeature.objects.order_by("position").first()
    features = list(AccessibilityFeature.objects.order_by("position")[:3])
    venue = VenueFactory(
        name="Køge Kulturhus",
        street_address="Torvet 1",
        website="https://example.org/kulturhus",
        email="kulturhus@example.org",
        phone="56 67 00 00",
        description="Et hus for musik, teater og foredrag.\n\nCafé i stueetagen.",
    )
    venue.accessibility_features.set(features)
    roskilde_venue = VenueFactory(
        name="Roskilde Bibliotek",
        municipality=municipality("roskilde"),
        postal_code="4000",
        city="Roskilde",
    )
    concert = EventFactory(
        title="Jazz på Torvet",
        teaser="Køge Jazzorkester spiller sommerens sange.",
        venue=venue,
        is_featured=True,
        price_text="120 kr., børn 60 kr.",
        ticket_url="https://example.org/billetter",
        info_url="https://example.org/jazz",
        image=jpeg(),
        image_alt="Orkestret på scenen foran et publikum på Torvet",
        focus_areas=[focus_area("musik")],
    )
    concert.audiences.set(Audience.objects.all()[:2])
    concert.accessibility_features.set([step_free])
    weekend = weekend_start(now)
    OccurrenceFactory(event=concert, start=weekend)
    OccurrenceFactory(
        event=concert, start=weekend + timedelta(days=7), status=Occurrence.Status.CANCELLED
    )
    OccurrenceFactory(
        event=concert, start=weekend + timedelta(days=14), status=Occurrence.Status.SOLD_OUT
    )
    workshop = EventFactory(
        title="Skriveværksted for unge",
        teaser="Skriv din egen sangtekst sammen med en forfatter.",
        venue=roskilde_venue,
        is_free=True,
        focus_areas=[focus_area("ungekultur")],
    )
    OccurrenceFactory(event=workshop, start=now + timedelta(days=2, hours=3))
    exhibition = EventFactory(
        title="Kunst og trivsel",
        teaser="En udstilling om kunst, der gør godt.",
        venue=venue,
        is_free=True,
        focus_areas=[focus_area("kultur-og-sundhed")],
    )
    OccurrenceFactory(
        event=exhibition, start=now - timedelta(days=10), end=now + timedelta(days=20)
    )
    past = EventFactory(
        title="Forårskoncert i Hallen", venue=venue, focus_areas=[focus_area("musik")]
    )
    OccurrenceFactory(event=past, start=now - timedelta(days=30))
    for day in range(3, 9):
        OccurrenceFactory(
            event=EventFactory(title=f"Koncert i Køge nr. {day}", venue=venue),
            start=now + timedelta(days=day, hours=2),
        )
    return SimpleNamespace(
        venue=venue,
        concert=concert,
        workshop=workshop,
        exhibition=exhibition,
        past=past,
        municipality=venue.municipality,
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def localized(path, lang):
    """``path`` (a Danish address) in ``lang``: English lives under /en/."""
    return path if lang == "da" else f"/{lang}{path}"


STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture
def fast_passwords(settings):
    """A quick password hasher: the live server hashes at every login attempt."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(site, fast_passwords):
    """A venue staff member of Køge Kulturhus, whose dashboard has an event in every group:
    rejected (with a reason), draft, awaiting review, published (one with changes awaiting
    review) and past."""
    from events.models import Event, EventRevision
    from tests.factories import UserFactory

    user = UserFactory(username="hanne", first_name="Hanne", last_name="Holm")
    site.venue.staff.add(user)
    now = timezone.now()
    rejected = EventFactory(
        title="Sangskriverværksted",
        venue=site.venue,
        status=Event.Status.REJECTED,
        rejection_reason="Skriv venligst, hvem værkstedet er for.",
        submitted_by=user,
    )
    OccurrenceFactory(event=rejected, start=now + timedelta(days=12))
    draft = EventFactory(title="Koncert i gården", venue=site.venue, status=Event.Status.DRAFT)
    submitted = EventFactory(
        title="Foredrag om byens musik",
        venue=site.venue,
        status=Event.Status.SUBMITTED,
        submitted_by=user,
    )
    OccurrenceFactory(event=submitted, start=now + timedelta(days=9))
    EventRevision.objects.create(
        event=site.concert, data={"fields": {}, "m2m": {}, "dates": []}, submitted_by=user
    )
    return SimpleNamespace(
        user=user,
        site=site,
        rejected=rejected,
        draft=draft,
        submitted=submitted,
        concert=site.concert,
        date=site.concert.occurrences.order_by("start").first(),
    )


def log_in(context, live_server, user):
    """Give the browser context a logged-in session for ``user``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
