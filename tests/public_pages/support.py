"""What the public page tests share: a response's text, an object's Danish URL, an event's
page (Danish or in another language), and a published event with one upcoming date."""

from django.utils import translation

from tests.factories import EventFactory, OccurrenceFactory


def text(response) -> str:
    return response.content.decode()


def url(obj) -> str:
    with translation.override("da"):
        return obj.get_absolute_url()


def page_of(client, event, *, lang=""):
    return client.get(f"/{lang}{url(event)}" if lang else url(event))


def upcoming_event(**kwargs):
    return OccurrenceFactory(event=EventFactory(**kwargs)).event
