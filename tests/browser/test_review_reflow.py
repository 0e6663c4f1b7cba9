"""The review screen reflows at 375 px: the history (five columns) and the diff stack their
cells instead of making the page scroll sideways."""

from pathlib import Path

import pytest

from events.models import ModerationEntry

from .conftest import PHONE, log_in
from .test_review_screen import queue, review_path, reviewer  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

SHOTS = Path("/work/screenshots/h14-fixes")


@pytest.mark.parametrize("which", ["submission", "change"])
def test_the_review_screen_does_not_scroll_sideways_at_375_px(
    context,
    page,
    live_server,
    reviewer,  # noqa: F811
    queue,  # noqa: F811
    which,
):
    first, _second, revision = queue
    obj = first if which == "submission" else revision
    event = revision.event if which == "change" else first
    for action in ["submitted", "rejected", "submitted", "change_proposed"]:
        ModerationEntry.objects.create(
            event=event,
            action=action,
            version=3,
            user=reviewer,
            reason="Prisen mangler, og billedteksten beskriver ikke billedet godt nok."
            if action == "rejected"
            else "",
        )
    log_in(context, live_server, reviewer)
    page.set_viewport_size({"width": PHONE, "height": 900})
    assert page.goto(review_path(obj)).status == 200
    assert page.locator(".review__history").is_visible()
    if which == "change":
        assert page.locator(".review .diff").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"review-{which}-375.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(SHOTS / f"review-{which}-1280.png"), full_page=True)
    assert width <= PHONE
