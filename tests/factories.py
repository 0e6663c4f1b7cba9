"""factory_boy factories for the domain; the seeded vocabularies are looked up, not made."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import Event, FocusArea, Occurrence
from municipalities.models import Municipality, Venue


def municipality(slug="koege"):
    return Municipality.objects.get(slug=slug)


def focus_area(slug="musik"):
    return FocusArea.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Kulturhuset nr. {n}")
    municipality = factory.LazyFunction(lambda: municipality("koege"))
    street_address = factory.Sequence(lambda n: f"Torvet {n}")
    postal_code = "4600"
    city = "Køge"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Koncert nummer {n}")
    teaser = "En aften med levende musik."
    description = "Første afsnit.\n\nAndet afsnit."
    venue = factory.SubFactory(VenueFactory)
    status = Event.Status.PUBLISHED

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create:
            self.focus_areas.set(extracted or [focus_area("musik")])


class OccurrenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occurrence

    event = factory.SubFactory(EventFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
