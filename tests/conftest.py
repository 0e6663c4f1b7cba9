import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated(settings):
    """Each test starts with an empty cache and plain static file storage, and without the
    anonymous SQL budget (tests/test_ceiling.py sets it for itself): on a busy test machine a
    slow statement elsewhere must not turn the page under test into a 503."""
    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.utils import translation

    from core.templatetags.fragments import forget_local_fragments

    # The site's language: a request to /en/ leaves English active in this thread.
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    forget_local_fragments()  # this process's copies of cached fragments
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


class DeliveredMail:
    """The e-mails delivered so far, as a list: each read first runs the mail queue's worker
    (django-post-office's ``send_queued``, what ``manage.py send_queued_mail`` does) through
    ``EMAIL_BACKEND`` (pytest-django's in-memory backend), then reads Django's test outbox.
    A test reads it after the request, as a recipient would after the next cron run."""

    def _delivered(self):
        from django.core import mail
        from post_office.mail import send_queued

        send_queued(log_level=0)
        return mail.outbox

    def __len__(self):
        return len(self._delivered())

    def __getitem__(self, index):
        return self._delivered()[index]

    def __iter__(self):
        return iter(list(self._delivered()))

    def __eq__(self, other):
        return list(self._delivered()) == other

    def __repr__(self):
        return repr(self._delivered())


@pytest.fixture
def mailoutbox(django_mail_patch_dns, _dj_autoclear_mailbox, db):
    """pytest-django's ``mailoutbox``, but of mail that went through the queue: see
    :class:`DeliveredMail`."""
    return DeliveredMail()


@pytest.fixture
def danish_review_site(settings):
    """The review tests' setting: quick password hashing, links in e-mails to the test
    server, and Danish active (the texts the secretariat and the venues read)."""
    from django.utils import translation

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "http://testserver"
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys read from the shared cache during the test, in order (a list the test may
    clear); the reads still answer."""
    read = []
    real_get = cache.get

    def recording_get(key, *args, **kwargs):
        read.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", recording_get)
    return read
