import pytest

from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_front_page_lists_an_upcoming_event(client):
    occurrence = OccurrenceFactory(event__title="Jazz på havnen")
    response = client.get("/")
    assert response.status_code == 200
    assert occurrence.event.title in response.content.decode()


def test_livez_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
