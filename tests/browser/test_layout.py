"""Where things are on the page, at 375×740 (a phone) and 1280×800 (a laptop): the listing's
first result (or its "no results" message) starts in the first screen — plain, filtered by
tapping a municipality on the front page, and after a search with nothing found; on a wide
screen the results take at least 60 % of the content width; nothing scrolls sideways; the
header is one line on a phone. Screenshots of each shape are kept in test-artifacts/.

And the task a citizen comes with: "music in Roskilde this weekend", from the front page on a
phone, in at most four taps and without a long scroll."""

import math
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

from .conftest import new_context, screenshot, weekend_start

pytestmark = pytest.mark.browser

SCREENS = {"phone": (375, 740), "desktop": (1280, 800)}
HEADER_MAX = {"phone": 64, "desktop": 100}
NOTHING = "zzqx-ingen-træffere"


@pytest.fixture
def busy_site(site):
    """The shared site plus what makes a first screen crowded: several running exhibitions
    (the strip), a month of dated events across the municipalities, and weekend music in
    Roskilde among other weekend events there."""
    now = timezone.now()
    roskilde = VenueFactory(name="Gimle", municipality=municipality("roskilde"), city="Roskilde")
    herlev = VenueFactory(name="Herlev Bibliotek", municipality=municipality("herlev"))
    for n in range(5):
        OccurrenceFactory(
            event=EventFactory(title=f"Udstilling nr. {n}", venue=[roskilde, herlev][n % 2]),
            start=now - timedelta(days=14 + n),
            end=now + timedelta(days=30 + n),
        )
    for n in range(30):
        OccurrenceFactory(
            event=EventFactory(
                title=f"Foredrag nr. {n}",
                venue=[roskilde, herlev, site.venue][n % 3],
                focus_areas=[focus_area("kultur-og-sundhed")],
            ),
            start=now + timedelta(days=1 + n // 2, hours=n % 5),
        )
    weekend = weekend_start(now)
    OccurrenceFactory(
        event=EventFactory(
            title="Weekendjazz på Gimle", venue=roskilde, focus_areas=[focus_area("musik")]
        ),
        # The weekend's test moment itself: late on a Sunday an hour later is Monday.
        start=weekend,
    )
    OccurrenceFactory(
        event=EventFactory(
            title="Weekendforedrag i Roskilde",
            venue=roskilde,
            focus_areas=[focus_area("ungekultur")],
        ),
        start=weekend,
    )
    return site


def new_page(browser, live_server, media_root, screen, **options):
    """A page of a fresh browser context at one of :data:`SCREENS`."""
    width, height = SCREENS[screen]
    context = new_context(browser, live_server, media_root, **options)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    return context, page


MEASURE = """() => {
  const first = document.querySelector(".results .event-card, .results .empty");
  const results = document.querySelector(".results");
  const layout = document.querySelector(".listing__layout");
  const header = document.querySelector(".site-header");
  return {
    first: first ? first.getBoundingClientRect().top + window.scrollY : null,
    firstText: first ? first.innerText.slice(0, 60) : "",
    results: results.getBoundingClientRect().width,
    content: layout.getBoundingClientRect().width,
    header: header.getBoundingClientRect().height,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
}"""


def open_shape(page, shape):
    """Open the listing in one of its shapes, as a citizen gets there."""
    if shape == "plain":
        page.goto("/arrangementer/")
    elif shape == "filtered":
        page.goto("/")
        page.locator("main a[href$='?municipality=roskilde']").first.click()
        page.wait_for_url("**/arrangementer/?municipality=roskilde")
    else:
        page.goto(f"/arrangementer/?q={NOTHING}")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("shape", ["plain", "filtered", "no-results"])
def test_the_listing_shows_results_first(
    browser, live_server, media_root, busy_site, shape, screen
):
    width, height = SCREENS[screen]
    context, page = new_page(browser, live_server, media_root, screen)
    open_shape(page, shape)
    state = page.evaluate(MEASURE)
    screenshot(page, f"layout-listing-{shape}-{screen}")
    context.close()

    label = f"{shape} at {width}×{height}: {state}"
    assert state["first"] is not None, label
    # The first result (or the message) begins in the first screen, with a line of it shown.
    assert state["first"] + 48 <= height, label
    if shape == "no-results":
        assert "Ingen arrangementer" in state["firstText"], label
    else:
        assert "Udstilling nr." not in state["firstText"], "running exhibitions are in the strip"
    if screen == "desktop":
        assert state["results"] >= 0.6 * state["content"], label
    assert state["scrollWidth"] <= state["clientWidth"], label
    assert state["header"] <= HEADER_MAX[screen], label


@pytest.mark.parametrize("path", ["/", "/en/", "/kommuner/", "/arrangementer/?q=x"])
def test_the_header_is_one_line_on_a_phone_and_its_menu_opens(
    browser, live_server, media_root, busy_site, path
):
    context, page = new_page(browser, live_server, media_root, "phone")
    page.goto(path)
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= HEADER_MAX["phone"]
    menu = page.get_by_role("navigation", name="Hovedmenu" if path[:4] != "/en/" else "Main menu")
    assert not menu.is_visible()
    # By keyboard: the menu button is a real button (a <summary>).
    page.locator(".site-menu__toggle").focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    assert menu.get_by_role("link").count() >= 3
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_menu_and_the_filters_are_always_shown(
    browser, live_server, media_root, busy_site, javascript
):
    context, page = new_page(
        browser, live_server, media_root, "desktop", java_script_enabled=javascript
    )
    page.goto("/arrangementer/?municipality=roskilde")
    assert page.get_by_role("navigation", name="Hovedmenu").get_by_role("link").first.is_visible()
    assert page.get_by_label("Søg", exact=True).is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX["desktop"]
    if javascript:
        # Clicking the panel's label does not hide it.
        page.locator(".filters__toggle").click(force=True)
        assert page.get_by_label("Søg", exact=True).is_visible()
    context.close()


def test_on_a_phone_the_filter_button_opens_the_panel_without_javascript(
    browser, live_server, media_root, busy_site
):
    context, page = new_page(browser, live_server, media_root, "phone", java_script_enabled=False)
    page.goto("/arrangementer/?municipality=roskilde&focus_area=musik")
    # The search box stays in sight above the folded filters, on the first screen.
    search = page.get_by_label("Søg", exact=True)
    assert in_first_screen(search, *SCREENS["phone"])
    period = page.get_by_label("Hvornår", exact=True)
    assert not period.is_visible()
    toggle = page.locator(".filters__toggle")
    assert " ".join(toggle.inner_text().split()) == "Filtrér (2)"
    toggle.click()
    assert period.is_visible()
    # The open panel is some 2,000 px long: after ticking a box halfway down, its button is
    # on the screen, not at the bottom of the panel.
    page.get_by_label("Roskilde", exact=True).scroll_into_view_if_needed()
    apply = page.locator(".filters__actions button")
    assert in_first_screen(apply, *SCREENS["phone"])
    # Removing a chip is a plain link.
    page.get_by_role("link", name="Fjern filter: Musik").click()
    page.wait_for_url("**/arrangementer/?municipality=roskilde")
    context.close()


def in_first_screen(locator, width, height) -> bool:
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width


def test_music_in_roskilde_this_weekend_takes_at_most_four_taps_on_a_phone(
    browser, live_server, media_root, busy_site
):
    """From the front page: Roskilde, Denne weekend, Musik — each tap target found by at most
    a short scroll, and the answer first on the last page."""
    width, height = SCREENS["phone"]
    context, page = new_page(browser, live_server, media_root, "phone")
    page.goto("/")
    taps, scrolled = 0, 0

    def tap(locator):
        """Scroll (only as far as needed) until ``locator`` is in view, then tap it."""
        nonlocal taps, scrolled
        box = locator.bounding_box()
        needed = max(0, math.ceil(box["y"] + box["height"] - height))
        page.evaluate(f"window.scrollTo(0, {needed})")
        scrolled += needed
        assert in_first_screen(locator, width, height), (box, locator.bounding_box())
        locator.click()
        taps += 1

    tap(page.locator("main a[href$='?municipality=roskilde']").first)
    page.wait_for_url("**municipality=roskilde")
    tap(
        page.get_by_role("navigation", name="Hurtige valg").get_by_role(
            "link", name="Denne weekend"
        )
    )
    page.wait_for_url("**period=weekend**")
    tap(page.get_by_role("navigation", name="Hurtige valg").get_by_role("link", name="Musik"))
    page.wait_for_url("**focus_area=musik**")

    first = page.locator(".results .event-card").first
    assert "Weekendjazz på Gimle" in first.inner_text()
    assert in_first_screen(first.locator(".event-card__title"), width, height)
    assert "Weekendforedrag" not in page.locator(".results").inner_text()
    screenshot(page, "layout-task-music-roskilde-weekend-phone")
    context.close()
    assert taps <= 4
    # "No long scroll": at most half a screen in all, to reach the municipality on the front.
    assert scrolled <= height / 2, f"scrolled {scrolled} px"
    print(f"\ntask: {taps} taps, {scrolled} px scrolled")
