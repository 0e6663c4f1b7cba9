"""The role matrix tests (docs/roles.md): an account of every kind."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory, VenueFactory


@pytest.fixture
def accounts(settings):
    """Every kind of account, by name."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    group = Group.objects.get(name="Sekretariat")
    venue = VenueFactory(name="Rytmisk Sal")
    venue_staff = UserFactory(username="koordinator", first_name="Kim")
    venue.staff.add(venue_staff)
    other_venue_staff = UserFactory(username="frivillig")
    venue.staff.add(other_venue_staff)
    secretary = UserFactory(username="sekretaer", is_staff=True)
    secretary.groups.add(group)
    colleague = UserFactory(username="kollega", is_staff=True)
    colleague.groups.add(group)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    return {
        "venue_staff": venue_staff,
        "other_venue_staff": other_venue_staff,
        "secretary": secretary,
        "colleague": colleague,
        "superuser": superuser,
    }
