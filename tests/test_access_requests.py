"""The public "request access for your venue" form and the secretariat's decision on it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from accounts.models import AccessRequest
from tests.factories import UserFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db

URL = "/konto/adgang/"


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECRETARIAT_EMAIL = "sekretariat@example.org"
    translation.activate("da")
    yield
    translation.deactivate()


def form_data(**overrides):
    data = {
        "name": "Anna Berg",
        "email": "anna@example.org",
        "venue": "",
        "new_venue_name": "",
        "new_venue_address": "",
        "new_venue_municipality": "",
        "message": "Jeg booker koncerter.",
        "homepage": "",
    }
    data.update(overrides)
    return data


def test_the_form_is_at_konto_adgang(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("accounts:access_request") == URL
    html = response.content.decode()
    assert "<h1>Bed om adgang for dit sted</h1>" in html
    assert 'aria-hidden="true"' in html and 'name="homepage"' in html
    assert "Lad dette felt være tomt" in html


def test_a_request_for_an_existing_venue_is_saved_and_announced(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="Musikhuset")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(venue=venue.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_done")
    assert "Tak for din anmodning" in client.get(response["Location"]).content.decode()

    request = AccessRequest.objects.get()
    assert (request.name, request.email, request.venue) == ("Anna Berg", "anna@example.org", venue)
    assert request.status == AccessRequest.Status.PENDING
    assert [m.to for m in mailoutbox] == [["sekretariat@example.org"]]
    assert "Anna Berg" in mailoutbox[0].subject
    assert "Musikhuset" in mailoutbox[0].body
    assert f"/admin/accounts/accessrequest/{request.pk}/change/" in mailoutbox[0].body


def test_a_request_for_a_new_venue_is_saved(client):
    response = client.post(
        URL,
        form_data(
            new_venue_name="Kælderscenen",
            new_venue_address="Torvet 1, 4600 Køge",
            new_venue_municipality=municipality("koege").pk,
        ),
    )
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert request.venue is None
    assert request.new_venue_name == "Kælderscenen"
    assert request.new_venue_municipality == municipality("koege")


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": ""}, "Dette felt er påkrævet."),
        ({"email": "ikke-en-adresse"}, "Angiv en gyldig e-mailadresse."),
        ({}, "Vælg dit sted på listen, eller skriv navnet på det nye sted."),
        ({"new_venue_name": "Kælderscenen"}, "Skriv adressen på det nye sted."),
        ({"venue": "999999"}, "Marker en gyldig valgmulighed."),
        ({"name": "x" * 201, "new_venue_name": "Kælderscenen"}, "højst have 200 tegn"),
    ],
)
def test_bad_input_is_shown_again_with_a_message_and_nothing_saved(
    client, mailoutbox, overrides, message
):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert AccessRequest.objects.count() == 0
    assert mailoutbox == []


def test_both_a_venue_and_a_new_venue_is_an_error(client):
    venue = VenueFactory()
    response = client.post(URL, form_data(venue=venue.pk, new_venue_name="Kælderscenen"))
    assert response.status_code == 400
    assert "ikke begge dele" in response.content.decode()
    assert AccessRequest.objects.count() == 0


def test_html_in_the_form_is_shown_escaped(client):
    response = client.post(URL, form_data(name="<script>alert(1)</script>", email=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_filled_in_honeypot_shows_thanks_and_saves_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(venue=venue.pk, homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_done")
    assert AccessRequest.objects.count() == 0
    assert mailoutbox == []


def test_more_than_five_requests_an_hour_from_one_address_are_refused(client, settings):
    settings.ACCESS_REQUEST_RATE_LIMIT = 5
    venue = VenueFactory()
    for n in range(5):
        response = client.post(URL, form_data(venue=venue.pk, email=f"p{n}@example.org"))
        assert response.status_code == 302
    response = client.post(URL, form_data(venue=venue.pk, email="p6@example.org"))
    assert response.status_code == 429
    assert "For mange anmodninger" in response.content.decode()
    assert AccessRequest.objects.count() == 5

    other = client.post(
        URL, form_data(venue=venue.pk, email="p7@example.org"), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302
    assert AccessRequest.objects.count() == 6


def test_the_honeypot_counts_towards_the_limit(client, settings):
    settings.ACCESS_REQUEST_RATE_LIMIT = 2
    for _ in range(2):
        client.post(URL, form_data(homepage="spam"))
    response = client.post(URL, form_data(venue=VenueFactory().pk))
    assert response.status_code == 429
    assert AccessRequest.objects.count() == 0


# --- The secretariat's decision -----------------------------------------------------------


@pytest.fixture
def secretary(client):
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    client.force_login(user)
    return user


def act(client, name, requests):
    return client.post(
        reverse("admin:accounts_accessrequest_changelist"),
        {"action": name, "_selected_action": [r.pk for r in requests]},
        follow=True,
    )


def make_request(**kwargs):
    defaults = {"name": "Anna Berg", "email": "anna@example.org"}
    return AccessRequest.objects.create(**{**defaults, **kwargs})


def test_the_admin_lists_requests_newest_first_with_a_status_filter(client, secretary):
    old = make_request(name="Første")
    new = make_request(name="Anden", status=AccessRequest.Status.DECLINED)
    url = reverse("admin:accounts_accessrequest_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [new, old]
    response = client.get(url, {"status__exact": "pending"})
    assert list(response.context["cl"].result_list) == [old]


def test_approve_creates_the_account_and_sends_the_invite(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="Musikhuset")
    request = make_request(venue=venue)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, "approve", [request])
    assert response.status_code == 200

    request.refresh_from_db()
    user = get_user_model().objects.get(email="anna@example.org")
    assert request.status == AccessRequest.Status.APPROVED
    assert request.user == user
    assert request.decided_by == secretary
    assert request.decided_at is not None
    assert not user.is_staff and not user.has_usable_password()
    assert list(venue.staff.all()) == [user]
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    assert "/konto/reset/" in mailoutbox[0].body


def test_approving_a_new_venue_waits_until_the_secretariat_chooses_the_venue(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    request = make_request(new_venue_name="Kælderscenen", new_venue_address="Torvet 1")
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, "approve", [request])
    assert "Opret det nye sted" in response.content.decode()
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.PENDING
    assert not get_user_model().objects.filter(email="anna@example.org").exists()
    assert mailoutbox == []

    venue = VenueFactory(name="Kælderscenen")
    change_url = reverse("admin:accounts_accessrequest_change", args=[request.pk])
    assert client.get(change_url).status_code == 200
    response = client.post(change_url, {"venue": venue.pk})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.venue == venue
    assert request.name == "Anna Berg"  # what the person wrote is read-only

    with django_capture_on_commit_callbacks(execute=True):
        act(client, "approve", [request])
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.APPROVED
    assert venue.staff.filter(email="anna@example.org").exists()
    assert len(mailoutbox) == 1


def test_decline_without_and_with_an_email(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    quiet, told = make_request(name="Stille"), make_request(name="Bo", email="bo@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "decline", [quiet])
        act(client, "decline_with_email", [told])
    quiet.refresh_from_db()
    told.refresh_from_db()
    assert quiet.status == told.status == AccessRequest.Status.DECLINED
    assert [m.to for m in mailoutbox] == [["bo@example.org"]]
    assert "Hej Bo" in mailoutbox[0].body
    assert not get_user_model().objects.filter(email__in=["anna@example.org", "bo@example.org"])


def test_a_decided_request_is_not_decided_again(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    request = make_request(venue=VenueFactory(), status=AccessRequest.Status.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "approve", [request])
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.DECLINED
    assert mailoutbox == []


def test_venue_staff_cannot_see_the_requests(client):
    client.force_login(UserFactory(username="booker"))
    response = client.get(reverse("admin:accounts_accessrequest_changelist"))
    assert response.status_code == 302


def test_the_secretariat_may_delete_an_access_request(client, secretary):
    # The privacy page: «Ansøgningen gemmes, til sekretariatet sletter den».
    assert (
        Group.objects.get(name="Sekretariat")
        .permissions.filter(codename="delete_accessrequest")
        .exists()
    )
    request = make_request(name="Ida")
    url = reverse("admin:accounts_accessrequest_delete", args=[request.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessRequest.objects.filter(pk=request.pk).exists()


def test_a_line_break_in_the_name_still_gives_a_sendable_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """Django refuses a header with a line break: such a name made the secretariat's mail
    unsendable for good. The subject is folded to one line."""
    venue = VenueFactory(name="Musikhuset")
    name = "Anna\r\nBcc: alle@example.org\tBerg"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(venue=venue.pk, name=name))
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject == "Anmodning om adgang: Anna Bcc: alle@example.org Berg"
    assert message.to == ["sekretariat@example.org"]
    assert message.bcc == []
    assert "Bcc" not in message.message()["Subject"].splitlines()[1:]
    # Stored and shown on one line: the name adds no lines of its own to the e-mail's text.
    assert AccessRequest.objects.get().name == "Anna Bcc: alle@example.org Berg"
    assert "\nBcc:" not in message.body


def test_control_characters_leave_the_message_but_its_lines_stay(
    client, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="Musikhuset")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(venue=venue.pk, message="Hej\r\nJeg er\x1b[31m frivillig"))
    assert AccessRequest.objects.get().message == "Hej\nJeg er[31m frivillig"
