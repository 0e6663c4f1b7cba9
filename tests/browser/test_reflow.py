"""Reflow (WCAG 1.4.10) and text resize (1.4.4): at 320 CSS px, and with the text at 200 %,
nothing scrolls sideways and nothing sticks out of the viewport."""

import pytest

from .test_axe import path_of

pytestmark = pytest.mark.browser

PAGES = ["home", "listing-filtered", "listing-error", "event", "venue", "municipality", "login"]

# Elements that reach outside the viewport (the skip link hides above it on purpose). A row
# that scrolls sideways inside the page (the listing's quick choices, the strip of running
# exhibitions) is no overflow as long as the row itself fits: its items are reached by
# scrolling the row, as with a wide table.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const inScrollingRow = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") {
        const box = up.getBoundingClientRect();
        return box.left >= -1 && box.right <= width + 1;
      }
    }
    return false;
  };
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, .skip-link")) continue;
    if (inScrollingRow(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) out.push(el.outerHTML.slice(0, 120));
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    outside: out.slice(0, 5),
  };
}"""


def assert_reflows(page, label):
    state = page.evaluate(OVERFLOW)
    assert state["scrollWidth"] <= state["clientWidth"], f"{label} scrolls sideways: {state}"
    assert not state["outside"], f"{label}: cut off at the edge: {state['outside']}"


@pytest.mark.parametrize("name", PAGES)
def test_page_reflows_at_320_px_and_at_200_percent_text(page, site, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path_of(name, site, "da"))
    assert_reflows(page, f"{name} at 320 px")

    page.set_viewport_size({"width": 640, "height": 640})
    page.goto(path_of(name, site, "da"))
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert_reflows(page, f"{name} at 640 px with 200 % text")
