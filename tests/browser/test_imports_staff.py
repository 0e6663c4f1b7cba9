"""A venue coordinator adds their calendar in the browser, at phone and desktop width: paste
the address (served by a local HTTP server), «Prøv», see the preview where it belongs (beside
the form on a desktop, right after the button on a phone, with focus on it), «Gem og følg
kalenderen», see the status. Every step is axe-clean; the screenshots are
docs/imports-staff/*.png."""

from pathlib import Path

import pytest

from .conftest import WIDTHS, log_in, new_context
from .test_axe import check

pytest.importorskip("imports.fetch")
pytest.importorskip("imports.ics")

from tests.imports import staff_feeds

# The imports tests' local HTTP server and loopback switch, as fixtures of this module.
from tests.imports.conftest import allow_loopback, web_server  # noqa: F401

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "imports-staff"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def box(page, selector):
    """The element's box in page coordinates (not the viewport's)."""
    return page.evaluate(
        """(s) => { const r = document.querySelector(s).getBoundingClientRect();
        return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,
        bottom: r.bottom + scrollY}; }""",
        selector,
    )


def press(page, selector, status=200):
    with page.expect_navigation() as navigation:
        page.click(selector)
    assert navigation.value.status == status, page.url


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_coordinator_tries_saves_and_sees_the_status(
    browser,
    live_server,
    media_root,
    migrated_rows,
    staff,
    web_server,  # noqa: F811 (the imports tests' fixture, above)
    allow_loopback,  # noqa: F811
    width_name,
):
    width = WIDTHS[width_name]
    url = web_server.route("/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    context = new_context(browser, live_server, media_root)
    context.set_default_timeout(30_000)
    log_in(context, live_server, staff.user)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800 if width_name == "desktop" else 740})
    problems = []

    page.goto("/mine-arrangementer/")
    page.click("main a[href$='/mine-arrangementer/kalendere/']")
    assert page.locator("h1").inner_text() == "Kalendere"
    problems += check(page, f"list, empty ({width} px)")
    shoot(page, f"1-list-{width_name}")

    page.click("main a[href$='/kalendere/ny/']")
    page.fill("#id_url", url)
    problems += check(page, f"add ({width} px)")
    shoot(page, f"2-add-{width_name}")

    press(page, "button[value='try']")
    preview = page.locator("#preview")
    assert "Jazz på fjorden" in preview.inner_text()
    assert "Solokoncert med Ida" in preview.inner_text()
    assert preview.locator(".source-preview__areas").first.inner_text() == "Indsatser: Musik"
    assert page.evaluate("document.activeElement.id") == "preview"
    form, button, shown = (
        box(page, "#source-form"),
        box(page, "button[value='try']"),
        box(page, "#preview"),
    )
    if width_name == "desktop":
        # Beside the form, starting at its top: seen without scrolling past the form.
        assert shown["x"] >= form["x"] + form["width"] - 1
        assert shown["y"] < form["y"] + 200
    else:
        # Right after the «Prøv» button.
        assert 0 <= shown["y"] - button["bottom"] < 60
    assert page.input_value("#id_url") == url  # the form keeps what was typed
    problems += check(page, f"preview ({width} px)")
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, f"3-preview-{width_name}")

    press(page, "#preview button[value='save']")
    assert "Siden følger nu kalenderen." in page.locator(".messages").inner_text()
    status = page.locator(".source-status").first.inner_text()
    assert "Hentet sidst" in status and "2 nye" in status
    assert "Jazz på fjorden" in page.locator(".source-events").inner_text()
    # «Hent nu» waits after the first fetch, and says until when.
    assert page.locator(".source-actions button[disabled]").inner_text() == "Hent nu"
    assert "Kan bruges igen kl." in page.locator("#fetch-again").inner_text()
    problems += check(page, f"saved ({width} px)")
    shoot(page, f"4-saved-{width_name}")

    page.goto("/mine-arrangementer/kalendere/")
    assert "Stedets" not in page.content()
    assert "Køge Kulturhus' kalender" in page.locator(".source-list").inner_text()
    problems += check(page, f"list ({width} px)")
    shoot(page, f"5-list-{width_name}")
    context.close()
    assert not problems, "\n\n".join(problems)


def test_adding_a_calendar_works_without_javascript(
    browser,
    live_server,
    media_root,
    migrated_rows,
    staff,
    web_server,  # noqa: F811 (the imports tests' fixture, above)
    allow_loopback,  # noqa: F811
):
    url = web_server.route("/kalender.ics", staff_feeds.fjordscenen(), content_type="text/calendar")
    context = new_context(browser, live_server, media_root, java_script_enabled=False)
    log_in(context, live_server, staff.user)
    page = context.new_page()
    page.goto("/mine-arrangementer/kalendere/ny/")
    page.fill("#id_url", url)
    press(page, "button[value='try']")
    assert page.url.endswith("#preview")
    assert "Jazz på fjorden" in page.locator("#preview").inner_text()
    press(page, "#preview button[value='save']")
    assert "Siden følger nu kalenderen." in page.locator(".messages").inner_text()
    context.close()
