import pytest

from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_front_page_lists_an_upcoming_event(client):
    occurrence = OccurrenceFactory(event__title="Jazz på havnen")
    response = client.get("/")
    assert response.status_code == 200
    assert occurrence.event.title in response.content.decode()
