"""``manage.py import_events``: due sources, named ones, one-off files, the summary table
and the exit status."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from imports.models import EventSource
from tests.imports.sync_helpers import make_source

pytestmark = pytest.mark.django_db


def command(*args):
    out = StringIO()
    call_command("import_events", *args, stdout=out)
    return out.getvalue()


def test_nothing_due_says_so():
    make_source(is_active=False)
    assert "No source is due." in command()


def test_a_failed_source_is_reported_in_the_table_and_exits_non_zero():
    source = make_source(url="")
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 sources failed"):
        call_command("import_events", stdout=out)
    text = out.getvalue()
    assert "Fjordscenens kalender (Fjordscenen) … failed: Kilden har ingen adresse." in text
    lines = text.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith("id"))
    assert lines[heading].split() == [
        "id",
        "source",
        "venue",
        "outcome",
        "created",
        "updated",
        "cancelled",
        "unchanged",
    ]
    assert lines[heading + 2].split()[0] == str(source.pk)
    assert "failed" in lines[heading + 2]
    source.refresh_from_db()
    assert source.last_outcome == "failed"


def test_a_source_run_within_its_interval_is_not_due():
    source = make_source(url="")
    EventSource.objects.filter(pk=source.pk).update(
        last_run_at=timezone.now() - timedelta(hours=5), fetch_interval_hours=6
    )
    assert "No source is due." in command()
    EventSource.objects.filter(pk=source.pk).update(last_run_at=timezone.now() - timedelta(hours=7))
    with pytest.raises(CommandError):
        command()


def test_quiet_run_prints_only_failures():
    make_source(url="")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_events", verbosity=0, stdout=out)
    assert out.getvalue().strip() == (
        "Fjordscenens kalender (Fjordscenen) … failed: Kilden har ingen adresse."
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "999"], r"No source with id 999\."),
        (["--file", "/x.ics", "--venue", "fjordscenen"], "No venue with the slug"),
        (["--file", "/x.ics"], "--venue SLUG is needed"),
    ],
)
def test_bad_arguments_get_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        command(*args)


def test_missing_file_gets_a_clear_message():
    source = make_source()
    with pytest.raises(CommandError, match=r"Cannot read /nonexistent\.ics"):
        command("--file", "/nonexistent.ics", "--venue", source.venue.slug)
