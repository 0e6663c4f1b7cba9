"""``manage.py import_events`` against hostile names and sources it must not run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.imports.sync_helpers import make_source

pytestmark = pytest.mark.django_db


def test_a_name_with_line_breaks_cannot_forge_a_line_of_output():
    make_source(url="", name="Kalender\r\nFjordscenen … ok (0 created)\x1b[2J")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_events", stdout=out)
    lines = out.getvalue().splitlines()
    assert not any(line.startswith("Fjordscenen … ok") for line in lines)
    assert (
        "Kalender\\u000d\\u000aFjordscenen … ok (0 created)\\u001b[2J (Fjordscenen) … failed: "
        "Kilden har ingen adresse." in lines
    )
    assert "\x1b" not in out.getvalue()
