"""Keyboard-only journeys: Tab, Space and Enter reach everything, focus is always visible
and lands where a keyboard user needs it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event

from .conftest import STAFF_PASSWORD, WIDTHS, log_in

pytestmark = pytest.mark.browser

MAX_TABS = 150

# What the focused element shows: an outline or a box shadow (the focus ring), and where it is.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, visible: false, html: "<body>"};
  // An event card's one link shows its focus on the whole card (:focus-within).
  const style = getComputedStyle(el.closest(".event-card") || el);
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


def fill_focused(page, value):
    """Type ``value`` into the focused field. Date and time fields take ISO values
    (2030-05-01, 2030-05-01T19:30) independent of the browser's locale."""
    page.locator(":focus").fill(value)


def test_skip_link_comes_first_and_moves_focus_to_the_content(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main")


def test_the_listing_skips_past_the_filters_to_the_results_in_two_tabs(page, site):
    """The filter column holds some 40 controls: the second Tab offers the results, and Enter
    puts focus on their heading, from where Tab goes on through the results."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/arrangementer/?municipality=koege")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_matches(page, 'a.skip-link[href="#results-heading"]')
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused_matches(page, "#results-heading")
    tab_to(page, ".results a")
    assert page.evaluate("document.activeElement.closest('.results') !== null")


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
    # An end date before the start date. fill() puts an ISO date into the focused field
    # whatever order the browser's locale shows the parts in.
    fill_focused(page, "2030-05-01")
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


def local_input(days, hour):
    """An ISO value for <input type=datetime-local>, ``days`` ahead at ``hour`` o'clock."""
    when = timezone.localtime() + timedelta(days=days)
    return when.replace(hour=hour, minute=30).strftime("%Y-%m-%dT%H:%M")


def press_and_land(page, key="Enter"):
    with page.expect_navigation() as navigation:
        page.keyboard.press(key)
    return navigation.value.status


def test_keyboard_user_logs_in_and_submits_an_event_with_two_dates(page, staff):
    page.goto("/konto/login/")
    # The user name field has focus from the start (autofocus).
    assert focused_matches(page, "#id_username")
    assert_focus_visible(page)
    page.keyboard.type(staff.user.username)
    tab_to(page, "#id_password")
    page.keyboard.type(STAFF_PASSWORD)
    assert press_and_land(page) == 200
    assert page.url.endswith("/mine-arrangementer/")

    tab_to(page, "main a[href$='/mine-arrangementer/nyt/']")
    press_and_land(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Orgelkoncert i Sankt Nicolai")
    tab_to(page, "#id_focus_areas_0")
    page.keyboard.press("Space")
    assert page.is_checked("#id_focus_areas_0")
    # The one venue the person works for is chosen already.
    assert page.input_value("#id_venue") == str(staff.site.venue.pk)

    # "Add more date rows" is a submit button: new rows come from the server, with what
    # was typed kept, and the page opens at the dates, where the next Tab continues.
    rows = page.locator(".date-row").count()
    tab_to(page, "button[name=add_dates]")
    assert press_and_land(page, "Space") == 200
    assert page.locator(".date-row").count() == rows + 3
    assert page.input_value("#id_title") == "Orgelkoncert i Sankt Nicolai"
    assert page.is_checked("#id_focus_areas_0")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_dates-0-start")
    assert_focus_visible(page)

    fill_focused(page, local_input(days=20, hour=19))
    # A date needs an end (or «Hele dagen», or «Sluttidspunktet kendes ikke»).
    tab_to(page, "#id_dates-0-end")
    fill_focused(page, local_input(days=20, hour=21))
    tab_to(page, "#id_dates-1-start")
    fill_focused(page, local_input(days=27, hour=19))
    tab_to(page, "#id_dates-1-end")
    fill_focused(page, local_input(days=27, hour=21))

    tab_to(page, "button[name=submit]")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Send til godkendelse"
    assert press_and_land(page, "Space") == 200
    assert page.url.endswith("/mine-arrangementer/")
    assert page.locator("#group-submitted + ul").get_by_text("Orgelkoncert i Sankt Nicolai").count()
    event = Event.objects.get(title="Orgelkoncert i Sankt Nicolai")
    assert event.status == Event.Status.SUBMITTED
    assert event.occurrences.count() == 2


def test_after_an_event_form_error_focus_lands_on_the_error_summary(
    context, page, live_server, staff
):
    log_in(context, live_server, staff.user)
    page.goto("/mine-arrangementer/nyt/")
    tab_to(page, "#id_title")
    page.keyboard.type("Koncert uden emne")
    # An end before the start, and no focus area chosen.
    tab_to(page, "#id_dates-0-start")
    fill_focused(page, local_input(days=20, hour=19))
    tab_to(page, "#id_dates-0-end")
    fill_focused(page, local_input(days=20, hour=17))
    tab_to(page, "button[name=submit]")
    assert press_and_land(page) == 400

    assert focused_matches(page, ".error-summary")
    assert_focus_visible(page)
    tab_to(page, ".error-summary a[href='#id_dates-0-end']")
    page.keyboard.press("Enter")
    assert focused_matches(page, "#id_dates-0-end")
    assert_focus_visible(page)
    described_by = (page.get_attribute("#id_dates-0-end", "aria-describedby") or "").split()
    assert "id_dates-0-end_error" in described_by
    assert page.get_attribute("#id_dates-0-end", "aria-invalid") == "true"

    # A group's link lands on its first choice.
    page.focus(".error-summary")
    tab_to(page, ".error-summary a[href='#id_focus_areas']")
    page.keyboard.press("Enter")
    assert focused_matches(page, "#id_focus_areas_0")
    assert_focus_visible(page)
