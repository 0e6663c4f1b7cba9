"""Every page shape is valid HTML by the W3C Nu HTML checker (vnu.jar): the public pages,
the embed and its builder, the venue staff's pages, login and the error pages.

The pages are rendered through the real stack, written to files and checked in one run of
the checker (a Java program: starting it costs seconds, so it starts once for all). The
checker comes from the npm package ``vnu-jar`` (``make install`` runs ``npm ci``; the jar is
at ``node_modules/vnu-jar/build/dist/vnu.jar``, or wherever ``VNU_JAR`` says) and needs Java
11 or newer. Without either the test is skipped, except in CI (``CI=true``), where that is a
failure.
"""

import json
import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from events.models import Occurrence
from tests.factories import (
    EventFactory,
    OccurrenceFactory,
    UserFactory,
    VenueFactory,
    focus_area,
    municipality,
)

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=COPENHAGEN)
VNU_JAR = Path(
    os.environ.get("VNU_JAR")
    or Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def checker():
    """The command that runs the checker, or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    missing = [what for what, ok in (("java", java), (str(VNU_JAR), VNU_JAR.is_file())) if not ok]
    if missing:
        message = f"the Nu HTML checker needs {', '.join(missing)} (make install)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("da")


@pytest.fixture
def site():
    koege = municipality("koege")
    venue = VenueFactory(
        name="Kulturværftet", municipality=koege, website="https://kulturvaerftet.dk/"
    )
    event = EventFactory(
        title="Jazz på havnen",
        venue=venue,
        organizer="Køge Jazzklub",
        performer="Havnens Big Band",
        focus_areas=[focus_area("musik")],
        is_free=False,
        price_text="100 kr.",
        ticket_url="https://billet.example.dk/jazz",
        is_featured=True,
    )
    start = NOW + timedelta(days=2, hours=10)
    OccurrenceFactory(event=event, start=start, end=start + timedelta(hours=2))
    OccurrenceFactory(
        event=event, start=start + timedelta(days=7), status=Occurrence.Status.CANCELLED
    )
    OccurrenceFactory(
        event=EventFactory(title="Udstilling", venue=venue, is_free=True),
        start=NOW - timedelta(days=3),
        end=NOW + timedelta(days=20),
    )
    staff = UserFactory(username="booker")
    venue.staff.add(staff)
    return {"event": event, "venue": venue, "municipality": koege, "staff": staff}


def public_pages(site):
    event, venue = site["event"], site["venue"]
    return {
        "front": ("/", 200),
        "front-en": ("/en/", 200),
        "listing": ("/arrangementer/", 200),
        "listing-filtered": (
            "/arrangementer/?municipality=koege&focus_area=musik&free=on&period=month&q=jazz",
            200,
        ),
        "listing-invalid": ("/arrangementer/?free=maybe&date_from=i-morgen", 400),
        "listing-empty": ("/arrangementer/?q=findes-ikke-noget", 200),
        "event": (event.get_absolute_url(), 200),
        "event-en": (f"/en{event.get_absolute_url()}", 200),
        "municipalities": ("/kommuner/", 200),
        "municipality": (site["municipality"].get_absolute_url(), 200),
        "venue": (venue.get_absolute_url(), 200),
        "focus-area": ("/indsatser/musik/", 200),
        "embed": ("/embed/?municipality=koege", 200),
        "embed-invalid": ("/embed/?free=maybe", 400),
        "embed-builder": ("/embed/byg/?municipality=koege&limit=5", 200),
        "about": ("/om/", 200),
        "accessibility": ("/tilgaengelighed/", 200),
        "privacy": ("/privatliv/", 200),
        "api-docs": ("/api/v1/docs/", 200),
        "login": ("/konto/login/", 200),
        "password-reset": ("/konto/password_reset/", 200),
        "access-request": ("/konto/adgang/", 200),
        "not-found": ("/arrangementer/findes-ikke/", 404),
    }


def staff_pages(site):
    event = site["event"]
    occurrence = event.occurrences.order_by("start").first()
    return {
        "staff-dashboard": ("/mine-arrangementer/", 200),
        "staff-new": ("/mine-arrangementer/nyt/", 200),
        "staff-edit": (f"/mine-arrangementer/{event.pk}/", 200),
        "staff-duplicate": (f"/mine-arrangementer/{event.pk}/kopier/", 200),
        "staff-occurrence": (f"/mine-arrangementer/datoer/{occurrence.pk}/", 200),
    }


def test_every_page_shape_has_no_nu_html_checker_errors(client, site, tmp_path):
    command = checker()
    files = {}

    def render(name, path, status, method="get", data=None):
        response = getattr(client, method)(path, data) if data is not None else client.get(path)
        assert response.status_code == status, (name, path, response.status_code)
        assert response["Content-Type"].startswith("text/html"), (name, path)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[file.name] = (name, path)

    for name, (path, status) in public_pages(site).items():
        render(name, path, status)
    client.force_login(site["staff"])
    for name, (path, status) in staff_pages(site).items():
        render(name, path, status)
    # The staff form sent back with errors (the state where a kept image is carried).
    render("staff-new-invalid", "/mine-arrangementer/nyt/", 400, "post", {"title": ""})

    result = subprocess.run(
        [*command, *sorted(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], ('', m.get('url')))[1]} "
        f"line {m.get('lastLine')}: "
        f"{m.get('message')} «{(m.get('extract') or '').strip()}»"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
    # Every file was read (a file the checker could not read is an "non-document-error").
    assert not [m for m in messages if m.get("type") == "non-document-error"]
    assert len(files) == len(public_pages(site)) + len(staff_pages(site)) + 1


def test_the_staff_form_renders_the_kept_image_field_once(client, site):
    client.force_login(site["staff"])
    html = client.get("/mine-arrangementer/nyt/").content.decode()
    assert len(re.findall(r'id="id_image_kept"', html)) == 1


def test_the_embed_builder_form_names_its_address(client):
    html = client.get("/embed/byg/").content.decode()
    assert 'action=""' not in html
    assert re.search(r'<form method="get" action="/embed/byg/"', html)
