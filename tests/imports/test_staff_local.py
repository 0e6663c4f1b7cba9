"""Trying a calendar on a laptop: ``IMPORTS_ALLOW_LOOPBACK`` from the environment counts only
with DEBUG on, and ``make run`` points absolute links at the port it serves on.

Settings are read once per process, so each case imports them in a fresh interpreter.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_LOOPBACK = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.IMPORTS_ALLOW_LOOPBACK)"
)
KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


def settings_value(**env) -> str:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "IMPORTS_ALLOW_LOOPBACK", "DATABASE_URL", "SECRET_KEY"}
    }
    environ.update(DJANGO_SETTINGS_MODULE="kulturmetropolen.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_LOOPBACK],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_development_server_may_fetch_a_calendar_on_loopback_when_asked():
    assert settings_value(DEBUG="1", IMPORTS_ALLOW_LOOPBACK="1") == "True"
    assert settings_value(DEBUG="1") == "False"


def test_production_ignores_loopback_from_the_environment():
    production = {"DEBUG": "0", "SECRET_KEY": KEY, "ALLOWED_HOSTS": "events.example.org"}
    assert settings_value(IMPORTS_ALLOW_LOOPBACK="1", **production) == "False"
    assert settings_value(IMPORTS_ALLOW_LOOPBACK="true", **production) == "False"


def run_target(**env) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "HOST"}}
    environ.update(env)
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "run", "PORT=8110"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if "runserver" in line)


def test_make_run_links_to_the_port_it_serves_on():
    line = run_target()
    assert line.startswith("SITE_URL='http://127.0.0.1:8110' ")
    assert line.endswith("runserver 127.0.0.1:8110")


def test_make_run_keeps_a_site_url_that_is_set():
    assert run_target(SITE_URL="https://events.example.org").startswith(
        "SITE_URL='https://events.example.org' "
    )
