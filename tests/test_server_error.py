"""The 500 page renders whatever failed: a missing static files manifest, a template that
raises, an unreachable database. It loads no template and no static file, and its inline
style is allowed by hash in its Content-Security-Policy, nothing more."""

import json
import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from core.security import style_hash
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_errors(settings):
    """Errors as production shows them: DEBUG off, the exception turned into the 500 page."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.fixture
def empty_manifest(settings, tmp_path):
    """Hashed static files (as in production) with a manifest that lists nothing: every
    ``{% static %}`` raises ValueError."""
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }


def assert_the_error_page(response):
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Der skete en fejl</h1>" in html
    assert '<a href="/">Gå til forsiden</a>' in html
    assert "/static/" not in html  # nothing that needs the manifest, nor the files
    # The one inline style is allowed by its hash, and only it.
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert "style=" not in html
    policy = response["Content-Security-Policy"]
    style_src = next(d for d in policy.split("; ") if d.startswith("style-src "))
    assert style_src == f"style-src 'self' {style_hash(css)}"
    assert "'unsafe-inline'" not in policy


def test_a_missing_manifest_entry_gives_the_500_page(production_errors, empty_manifest):
    OccurrenceFactory()
    response = production_errors.get("/arrangementer/")
    assert_the_error_page(response)


def test_a_template_that_raises_gives_the_500_page(production_errors):
    with mock.patch("django.template.base.Template.render", side_effect=RuntimeError("broken")):
        response = production_errors.get("/om/")
    assert_the_error_page(response)


def test_an_unreachable_database_gives_the_500_page(production_errors):
    down = OperationalError("could not connect to server")
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", side_effect=down
    ):
        response = production_errors.get("/arrangementer/")
    assert_the_error_page(response)


def test_other_pages_keep_the_policy_without_inline_style(client):
    policy = client.get("/livez")["Content-Security-Policy"]
    assert "style-src 'self';" in policy
    assert "sha256" not in policy
