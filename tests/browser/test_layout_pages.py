"""Where things are on the front, municipality, venue, focus-area and event pages, on a phone
(375×740) and a desktop (1280×800): nothing scrolls sideways; on the event page the next
date, the place and «Tilføj til kalender» are in the first screen; a long list of dates is
collapsed and opens without JavaScript; the share control copies the address; and a citizen
on a phone finds «music in Roskilde this weekend» from the front page in at most four taps.

Screenshots of every page at both sizes are saved in test-artifacts/screenshots/layout-*."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

from .conftest import new_context, screenshot, weekend_start
from .test_axe import AXE_OPTIONS

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (375, 740), "desktop": (1280, 800)}


@pytest.fixture
def pages(site):
    """The site's data, a music event in Roskilde this weekend, and an event with 24 dates."""
    now = timezone.now()
    roskilde = VenueFactory(
        name="Musikhuset Gimle",
        municipality=municipality("roskilde"),
        postal_code="4000",
        city="Roskilde",
    )
    rock = EventFactory(
        title="Rock i Gimle", venue=roskilde, focus_areas=[focus_area("musik")], is_free=True
    )
    OccurrenceFactory(event=rock, start=weekend_start(now))  # late on Sunday: the time left
    course = EventFactory(
        title="Kor for alle",
        teaser="Syng med hver uge, uden forudsætninger.",
        description="Koret øver hver uge.\n\n" * 8,
        venue=site.venue,
        price_text="50 kr. pr. gang",
        focus_areas=[focus_area("kultur-og-sundhed")],
    )
    first = timezone.localtime(now).replace(hour=17, minute=0, second=0, microsecond=0)
    for week in range(24):
        OccurrenceFactory(
            event=course,
            start=first + timedelta(days=1 + 7 * week),
            status=Occurrence.Status.CANCELLED if week == 3 else Occurrence.Status.SCHEDULED,
        )
    return SimpleNamespace(site=site, rock=rock, course=course)


PATHS = {
    "home": lambda data: "/",
    "municipality": lambda data: "/kommuner/koege/",
    "venue": lambda data: data.site.venue.get_absolute_url(),
    "focus-area": lambda data: "/indsatser/musik/",
    "event": lambda data: data.site.concert.get_absolute_url(),
    "event-many-dates": lambda data: data.course.get_absolute_url(),
}

SIDEWAYS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
})"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PATHS))
def test_page_does_not_scroll_sideways(page, pages, name, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(PATHS[name](pages))
    assert response is not None and response.status == 200

    state = page.evaluate(SIDEWAYS)
    assert state["scrollWidth"] <= state["clientWidth"], f"{name} at {width} px: {state}"
    screenshot(page, f"layout-{name}-{viewport}")


def top_and_bottom(locator):
    """The element's top and bottom in page coordinates (px from the top of the document)."""
    box = locator.bounding_box()
    assert box is not None, locator
    scroll = locator.page.evaluate("window.scrollY")
    return box["y"] + scroll, box["y"] + scroll + box["height"]


@pytest.mark.parametrize("name", ["event", "event-many-dates"])
def test_event_page_on_a_phone_shows_date_place_and_calendar_in_the_first_screen(page, pages, name):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(PATHS[name](pages))
    key = page.locator(".event-detail__key")

    essentials = {
        "next date": key.locator("time").first,
        "place": key.get_by_role("link", name=pages.site.venue.name),
        "Tilføj til kalender": key.get_by_role("link", name="Tilføj til kalender"),
    }
    description_top, _ = top_and_bottom(page.locator(".event-detail__main .prose"))
    dates_top, _ = top_and_bottom(page.locator("#dates-heading"))
    for label, locator in essentials.items():
        top, bottom = top_and_bottom(locator)
        assert bottom <= 740, f"{label} ends at {bottom:.0f} px, below the first screen"
        assert top < description_top < dates_top, label


def test_event_page_on_a_desktop_has_the_key_facts_beside_the_text(page, pages):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(PATHS["event"](pages))
    key = page.locator(".event-detail__key").bounding_box()
    text = page.locator(".event-detail__main").bounding_box()

    assert key["x"] >= text["x"] + text["width"]  # a column of its own, right of the text
    assert key["y"] + key["height"] <= 800  # wholly in the first screen
    assert page.locator(".event-detail__key time").first.is_visible()


def test_long_date_list_is_collapsed_and_opens_without_javascript(
    browser, live_server, media_root, pages
):
    context = new_context(browser, live_server, media_root, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(PATHS["event-many-dates"](pages))
    dates = page.locator(".event-detail__facts .dates__item")

    assert dates.count() == 24
    assert sum(dates.nth(n).is_visible() for n in range(24)) == 5
    page.get_by_text("Vis alle 24 datoer").click()
    assert all(dates.nth(n).is_visible() for n in range(24))
    # Without JavaScript the share control is the address in a field; its buttons stay hidden.
    field = page.get_by_label("Link til siden")
    assert field.input_value().endswith(pages.course.get_absolute_url())
    assert not page.get_by_role("button", name="Kopiér link").is_visible()
    context.close()


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(context, pages):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(PATHS["event"](pages))

    page.get_by_role("button", name="Kopiér link").click()
    status = page.locator(".share__status")
    status.filter(has_text="Linket er kopieret.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(pages.site.concert.get_absolute_url())
    assert copied == page.get_by_label("Link til siden").input_value()


def test_new_page_shapes_have_no_axe_violations(page, pages):
    """The collapsed and the opened date list, the key facts, the share control, the related
    lists and the quick ways of the focus-area page «Musik» (nine «Musik i …» links)."""
    axe = Axe()
    problems = []
    for viewport, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        for name in ["event-many-dates", "focus-area"]:
            page.goto(PATHS[name](pages))
            if name == "event-many-dates":
                page.get_by_text("Vis alle 24 datoer").click()
            result = axe.run(page, options=AXE_OPTIONS)
            if result.response["violations"]:
                problems.append(f"{name} ({viewport}):\n{result.generate_report()}")
    assert not problems, "\n\n".join(problems)


def test_music_in_roskilde_this_weekend_in_at_most_four_taps_on_a_phone(page, pages):
    """Front page → «Musik» → «Musik i Roskilde» → «Denne weekend»: three taps. The taps on
    the front and focus-area pages are on links in the first two screens (no long scroll);
    where the listing puts its «Denne weekend» is the listing's own layout, pinned by its
    own tests, so it is recorded here (``taps``) but not bounded."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/")
    taps = []

    def tap(locator, *, bounded=True):
        top, _ = top_and_bottom(locator)
        taps.append((page.url, round(top)))
        if bounded:
            assert top < 2 * 740, f"tap {len(taps)} is {top:.0f} px down {page.url}"
        with page.expect_navigation():
            locator.click()

    tap(page.locator(".focus-tiles").get_by_role("link", name="Musik"))
    tap(page.locator(".quick-areas").get_by_role("link", name="Musik i Roskilde"))
    tap(page.get_by_role("link", name="Denne weekend").first, bounded=False)

    assert len(taps) <= 4
    assert "municipality=roskilde" in page.url and "focus_area=musik" in page.url
    assert "period=weekend" in page.url
    assert page.get_by_role("link", name="Rock i Gimle").count() == 1
    assert page.get_by_role("link", name="Jazz på Torvet").count() == 0  # Køge's concert
    print("taps (page, px from the top):", taps)
