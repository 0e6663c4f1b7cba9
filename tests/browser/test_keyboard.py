"""Keyboard-only journeys: Tab, Space and Enter reach everything, focus is always visible
and lands where a keyboard user needs it."""

import pytest

from .conftest import WIDTHS

pytestmark = pytest.mark.browser

MAX_TABS = 150

# What the focused element shows: an outline or a box shadow (the focus ring), and where it is.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, visible: false, html: "<body>"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    ok: Boolean(outline || shadow),
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
    html: el.outerHTML.slice(0, 160),
  };
}"""


def assert_focus_visible(page):
    state = page.evaluate(FOCUS_STATE)
    assert state["ok"], f"no visible focus indicator on {state['html']}"
    assert state["visible"], f"focused element is off screen: {state['html']}"


def tab_to(page, selector):
    """Press Tab until ``selector`` has focus, checking the focus ring at every stop."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab")


def focused_matches(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def test_skip_link_comes_first_and_moves_focus_to_the_content(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main")


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_keyboard_user_filters_to_a_municipality_and_the_weekend_and_opens_an_event(
    page, site, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/arrangementer/")
    if not page.evaluate("document.querySelector('details.filters').open"):
        # On a phone the filter panel starts closed: open it from the keyboard.
        tab_to(page, "details.filters > summary")
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('details.filters').open")
    tab_to(page, "input[name=municipality][value=koege]")
    page.keyboard.press("Space")
    assert page.is_checked("input[name=municipality][value=koege]")
    tab_to(page, ".filters__actions button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "municipality=koege" in page.url

    tab_to(page, "a.chip[href*='period=weekend']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "municipality=koege" in page.url and "period=weekend" in page.url
    # The weekend's concert is listed; the workshop in Roskilde is not.
    assert page.locator(".results").get_by_text("Jazz på Torvet").count() == 1
    assert page.locator(".results").get_by_text("Skriveværksted for unge").count() == 0

    concert_url = site.concert.get_absolute_url()
    tab_to(page, f".results a[href='{concert_url}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(concert_url)
    assert page.locator("h1").inner_text() == "Jazz på Torvet"


def test_keyboard_reaches_the_event_pages_links(page, site):
    """Tickets, more information, the map and — where the page offers one — the calendar
    file, each in turn with a visible focus ring."""
    page.goto(site.concert.get_absolute_url())
    targets = [
        "a[href='https://example.org/billetter']",
        "a[href='https://example.org/jazz']",
        "a[href^='https://www.openstreetmap.org/']",
    ]
    if page.locator("a[href$='.ics']").count():
        targets.insert(0, "a[href$='.ics']")
    for selector in targets:
        page.goto(site.concert.get_absolute_url())
        tab_to(page, selector)


def test_after_a_filter_error_focus_lands_on_the_error_summary(page, site):
    page.goto("/arrangementer/?date_from=2030-05-10")
    tab_to(page, "#id_date_to")
    # An end date before the start date, typed as Chromium's date field takes it.
    page.keyboard.type("05012030")
    tab_to(page, ".filters__actions button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused_matches(page, ".error-summary")
    assert_focus_visible(page)
    # The summary's link takes the keyboard user to the field in question.
    tab_to(page, ".error-summary a[href='#id_date_to']")
    page.keyboard.press("Enter")
    assert focused_matches(page, "#id_date_to")
    described_by = page.get_attribute("#id_date_to", "aria-describedby") or ""
    assert "id_date_to_error" in described_by.split()
    assert page.get_attribute("#id_date_to", "aria-invalid") == "true"
