"""Files: uploads go through Django's storage API (so an object store is a setting), and the
static files are served compressed, under hashed names, cached for a year."""

import re
import subprocess
import sys

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.urls import reverse

from events.models import Event
from tests.factories import UserFactory, VenueFactory
from tests.staff_helpers import event_data, soon
from tests.test_images import picture
from tests.test_settings import ROOT, import_settings, run

pytestmark = pytest.mark.django_db


def test_an_upload_lands_in_whatever_storage_is_configured(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # a file system storage would write here
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    storages._storages.pop("default", None)
    try:
        venue = VenueFactory()
        person = UserFactory()
        venue.staff.add(person)
        client.force_login(person)
        data = event_data(venue, dates=[soon()], save="1", image_alt="En sal med publikum")
        data["image"] = SimpleUploadedFile("sal.jpg", picture(), content_type="image/jpeg")
        assert client.post(reverse("staff:create"), data).status_code == 302
        event = Event.objects.get()
        storage = storages["default"]
        assert type(storage).__name__ == "InMemoryStorage"
        assert storage.exists(event.image.name)
        assert storage.size(event.image.name) > 1000
        # The renditions go the same way (events.renditions uses only the storage API).
        assert storage.exists(event.image.name.rsplit(".", 1)[0] + "-400.webp")
        assert event.image_width
        assert not any(tmp_path.rglob("*.jpg"))  # nothing written beside the storage
    finally:
        storages._storages.pop("default", None)


def test_media_storage_is_chosen_by_the_environment():
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    result = run(
        "-c",
        script,
        DEBUG="1",
        MEDIA_STORAGE="storages.backends.s3.S3Storage",
        MEDIA_STORAGE_OPTIONS='{"bucket_name": "kulturmetropolen-media", "region_name": "eu"}',
    )
    assert result.returncode == 0, result.stderr
    assert '"BACKEND": "storages.backends.s3.S3Storage"' in result.stdout
    assert '"bucket_name": "kulturmetropolen-media"' in result.stdout


def test_media_storage_options_that_are_not_json_fail_clearly():
    result = import_settings(DEBUG="1", MEDIA_STORAGE_OPTIONS="{bucket: media}")
    assert result.returncode != 0
    assert "MEDIA_STORAGE_OPTIONS is not valid JSON" in result.stderr


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic as production runs it (DEBUG off: hashed, gzip and brotli)."""
    static_root = tmp_path_factory.mktemp("static")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "0",
            "SECRET_KEY": "x" * 64,
            "ALLOWED_HOSTS": "example.org",
            "STATIC_ROOT": str(static_root),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return static_root


def hashed(static_root, folder, stem, suffix):
    pattern = re.compile(rf"{stem}\.[0-9a-f]{{12}}\.{suffix}$")
    names = [p for p in (static_root / folder).iterdir() if pattern.match(p.name)]
    assert len(names) == 1, names
    return names[0]


@pytest.mark.parametrize(
    ("folder", "stem", "suffix"), [("css", "site", "css"), ("js", "site", "js")]
)
def test_static_files_get_hashed_names_and_brotli_and_gzip_copies(collected, folder, stem, suffix):
    original = hashed(collected, folder, stem, suffix)
    for compressed in (".br", ".gz"):
        copy = original.with_name(original.name + compressed)
        assert copy.is_file(), copy
        assert copy.stat().st_size < original.stat().st_size


def test_hashed_static_files_are_served_compressed_and_cached_for_a_year(collected, settings):
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.WHITENOISE_MAX_AGE = 31_536_000
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())
    css = hashed(collected, "css", "site", "css")
    url = f"/static/css/{css.name}"
    for encoding, expected in (("br", "br"), ("gzip", "gzip")):
        response = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=encoding))
        assert response.status_code == 200
        assert response["Content-Encoding"] == expected
        assert "immutable" in response["Cache-Control"]
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= 31_536_000
        assert response["Content-Type"].startswith("text/css")
        response.close()
