"""Danish is the active language at the start of every public page test."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _danish():
    """A request to /en/ leaves English active in the thread; reverse() in Danish again."""
    translation.activate("da")
    yield
    translation.deactivate()
