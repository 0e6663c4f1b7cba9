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


@pytest.fixture
def secretary(db, settings):
    """A member of the secretariat as the migrations set it up: ``is_staff`` with the
    «Sekretariat» group's permissions, not a superuser."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(username="sekretariatet", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


@pytest.fixture
def venue_staff(db, settings):
    """A venue and a member of its staff (an ordinary user, not ``is_staff``)."""
    from tests.factories import UserFactory, VenueFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    venue = VenueFactory(name="Stedets Scene")
    user = UserFactory(username="stedets-koordinator")
    venue.staff.add(user)
    return venue, user
