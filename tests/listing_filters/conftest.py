"""The clock of the filter tests: stopped at ``NOW``, Wednesday 18 March 2026 at noon."""

import pytest
import time_machine

from tests.listing_filters.support import NOW


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield
