"""The staff event form without JavaScript: date rows are added and removed by the server."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import log_in, new_context

pytestmark = pytest.mark.browser


def test_date_rows_are_added_and_removed_without_javascript(
    browser, live_server, media_root, staff
):
    context = new_context(browser, live_server, media_root, java_script_enabled=False)
    log_in(context, live_server, staff.user)
    page = context.new_page()
    event = staff.submitted
    old_date = event.occurrences.get()
    page.goto(f"/mine-arrangementer/{event.pk}/")
    rows = page.locator(".date-row").count()

    page.click("button[name=add_dates]")
    assert page.locator(".date-row").count() == rows + 3
    new_start = (timezone.localtime() + timedelta(days=30)).replace(hour=20, minute=0)
    page.fill(f"#id_dates-{rows}-start", new_start.strftime("%Y-%m-%dT%H:%M"))
    page.check(f"#id_dates-{rows}-open_end")  # an end, all day, or «end not known»
    page.check("#id_dates-0-DELETE")
    with page.expect_navigation():
        page.click("button[name=submit]")
    landed = page.url
    context.close()

    assert landed.endswith("/mine-arrangementer/")
    dates = list(event.occurrences.all())
    assert [d.start for d in dates] == [new_start.replace(second=0, microsecond=0)]
    assert old_date.pk not in {d.pk for d in dates}
