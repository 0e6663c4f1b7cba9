"""Settings come from the environment; with DEBUG off the site refuses unsafe configuration.

Each case imports the settings in a fresh interpreter with a controlled environment, because
settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Everything settings.py reads that could leak in from the shell running the tests.
CONTROLLED = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DATABASE_POOL_MAX_SIZE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_PROXY",
    "TRUSTED_PROXY_COUNT",
    "FORWARDED_ALLOW_IPS",
    "EMAIL_BACKEND",
    "CSRF_TRUSTED_ORIGINS",
    "ADMIN_URL",
    "CSP_EXTRA_IMG_SRC",
    "PAGE_CACHE_SECONDS",
]

PRINT_DATABASE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps(settings.DATABASES['default'], default=str))"
)


def run(*args, **env):
    """Run ``python *args`` in the project with only ``env`` set of the controlled names."""
    environ = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    environ["DJANGO_SETTINGS_MODULE"] = "kulturmetropolen.settings"
    environ.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def import_settings(**env):
    return run("-c", "import django; django.setup()", **env)


def random_key() -> str:
    key = secrets.token_urlsafe(48)
    assert len(key) == 64
    return key


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "kort-nøgle", "django-insecure-" + "x" * 60],
    ids=["missing", "empty", "short", "insecure-prefix"],
)
def test_debug_off_without_a_real_secret_key_fails_clearly(secret_key):
    env = {"DEBUG": "0", "ALLOWED_HOSTS": "kulturmetropol.dk"}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    result = import_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_off_without_allowed_hosts_fails_clearly():
    result = import_settings(DEBUG="0", SECRET_KEY=random_key())
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_debug_off_with_key_and_hosts_passes_the_deploy_check():
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=random_key(),
        ALLOWED_HOSTS="kulturmetropol.dk,www.kulturmetropol.dk",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_on_needs_no_secret_key():
    result = import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def database_settings(**env) -> dict:
    result = run("-c", PRINT_DATABASE, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgres_database_url_uses_the_connection_pool():
    database = database_settings(
        DATABASE_URL="postgres://kultur:hemmelig@db.example.dk:5432/kulturmetropolen",
        DATABASE_POOL_MAX_SIZE="7",
    )
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "kulturmetropolen"
    assert database["HOST"] == "db.example.dk"
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"]["max_size"] == 7


def test_default_database_is_sqlite_in_the_project():
    database = database_settings()
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")
    assert "pool" not in database.get("OPTIONS", {})


# --- Passwords ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_choosing_a_password_needs_twelve_characters_told_in_danish(client, settings):
    """The invitation's set-password page: Django's validators, minimum length 12."""
    from accounts.invitations import set_password_url
    from tests.factories import UserFactory

    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(username="anna", password=None)
    user.set_unusable_password()
    user.save()
    response = client.get(set_password_url(user).removeprefix("http://testserver"), follow=True)
    form_url = response.redirect_chain[-1][0]

    short = "kulturhus-1"  # 11 characters
    response = client.post(form_url, {"new_password1": short, "new_password2": short})
    assert response.status_code == 200
    assert "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn." in (
        response.content.decode()
    )
    for weak in ("123456789012", "password1234"):  # numeric; a common password
        response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
        assert response.status_code == 200, weak
    user.refresh_from_db()
    assert not user.has_usable_password()

    good = "kulturhus-12"
    response = client.post(form_url, {"new_password1": good, "new_password2": good})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(good)


GUNICORN_FORWARDED = (
    "import runpy; from gunicorn.config import Config; config = Config(); "
    "config.set('forwarded_allow_ips', runpy.run_path('gunicorn.conf.py')['forwarded_allow_ips']); "
    "print(config.forwarded_allow_ips)"
)


@pytest.mark.parametrize(
    ("env", "count", "gunicorn_trusts"),
    [
        ({}, "0", "[]"),  # no proxy: gunicorn believes no X-Forwarded-Proto, not even local
        ({"BEHIND_PROXY": "1"}, "1", "['127.0.0.1', '::1']"),
        ({"BEHIND_PROXY": "1", "TRUSTED_PROXY_COUNT": "2"}, "2", "['127.0.0.1', '::1']"),
        ({"TRUSTED_PROXY_COUNT": "1", "FORWARDED_ALLOW_IPS": "10.0.0.2"}, "1", "['10.0.0.2']"),
    ],
)
def test_gunicorn_trusts_forwarded_headers_only_behind_the_configured_proxies(
    env, count, gunicorn_trusts
):
    settings = run(
        "-c",
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.TRUSTED_PROXY_COUNT)",
        DEBUG="1",
        **env,
    )
    assert settings.stdout.strip().splitlines()[-1] == count, settings.stderr
    gunicorn = run("-c", GUNICORN_FORWARDED, DEBUG="1", **env)
    assert gunicorn.stdout.strip().splitlines()[-1] == gunicorn_trusts, gunicorn.stderr


def test_a_negative_proxy_count_is_refused():
    result = import_settings(DEBUG="1", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr
