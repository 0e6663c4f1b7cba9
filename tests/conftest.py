import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated(settings):
    """Each test starts with an empty cache and plain static file storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()
