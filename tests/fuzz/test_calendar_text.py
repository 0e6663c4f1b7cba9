"""Fuzzing the text of the site's calendars: any feed name (it carries the visitor's ``q``)
and any event title or teaser — control characters, line breaks, ``;``, ``,`` and ``\\`` —
stays inside its own property, and icalendar and vobject both read the calendar."""

import pytest
import vobject
from hypothesis import example, given
from hypothesis import strategies as st

from events.ics import build_calendar
from events.models import Occurrence
from tests.fuzz.support import check_calendar, controls, fuzz, hostile

pytestmark = pytest.mark.django_db

text = st.one_of(controls, hostile, st.text(max_size=60))


def absolute_url(path):
    return f"http://testserver{path}"


@fuzz
@given(name=text, title=text, teaser=text)
@example(name="x\rURL:https://evil.example/", title="a\x0bb", teaser="a;b,c\\d\r\n")
def test_any_name_title_or_teaser_stays_in_its_property(world, name, title, teaser):
    occurrence = Occurrence.objects.public().for_listing().filter(event=world).first()
    occurrence.event.title = title
    occurrence.event.teaser = teaser
    body = build_calendar([occurrence], absolute_url=absolute_url, name=f"Kulturmetropolen{name}")
    check_calendar(body)
    calendar = vobject.readOne(body.decode("utf-8"))
    assert len(calendar.contents["name"]) == 1
    assert len(calendar.contents["x-wr-calname"]) == 1
    assert "url" not in calendar.contents
    (vevent,) = calendar.vevent_list
    assert len(vevent.contents["summary"]) == 1
    assert len(vevent.contents["url"]) == 1
