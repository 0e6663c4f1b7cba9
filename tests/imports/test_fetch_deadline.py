"""The whole fetch ends by its time limit, whatever phase a slow server holds it in."""

import socket
import threading
import time

import pytest
from django.urls import reverse

from events.models import FocusArea
from imports.fetch import TooSlow, fetch
from imports.fetch_deadline import request_budget

pytestmark = pytest.mark.usefixtures("allow_loopback")


@pytest.fixture
def header_drip():
    """A server that answers ``HTTP/1.1 200 OK`` and then one header line a second, for
    ever (until the client goes); yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve(conn):
        with conn:
            try:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                n = 0
                while not stop.is_set():
                    conn.sendall(f"X-Drip-{n}: {n}\r\n".encode())
                    n += 1
                    time.sleep(0.2)
            except OSError:
                return

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/headdrip"
    stop.set()
    listener.close()


def test_headers_that_drip_in_are_stopped_at_the_total_limit(header_drip, settings):
    settings.IMPORTS_TOTAL_SECONDS = 1
    with pytest.raises(TooSlow, match=r"svarede ikke færdigt inden for 1 sekund\."):
        fetch(header_drip, kind="ics")


def test_a_request_gives_a_fetch_its_shorter_budget(header_drip, settings):
    settings.IMPORTS_TOTAL_SECONDS = 60
    settings.IMPORTS_REQUEST_SECONDS = 1
    with request_budget(), pytest.raises(TooSlow, match=r"inden for 1 sekund\."):
        fetch(header_drip, kind="page")


def test_all_fetches_of_a_request_share_its_total_budget(header_drip, settings):
    settings.IMPORTS_TOTAL_SECONDS = 60
    settings.IMPORTS_REQUEST_SECONDS = 15
    settings.IMPORTS_REQUEST_TOTAL_SECONDS = 1
    with request_budget():
        with pytest.raises(TooSlow):
            fetch(header_drip, kind="page")
        with pytest.raises(TooSlow, match=r"inden for 0 sekunder\."):
            fetch(header_drip, kind="image")  # nothing left for the images


@pytest.mark.django_db
def test_staff_try_of_a_header_drip_answers_in_time_with_the_reason(
    header_drip, settings, client, venue_staff
):
    settings.IMPORTS_TOTAL_SECONDS = 60  # cron's limit: the request's own one stops it
    settings.IMPORTS_REQUEST_SECONDS = 1
    venue, user = venue_staff
    client.force_login(user)
    data = {
        "venue": venue.pk,
        "url": header_drip,
        "kind": "ics",
        "name": "",
        "focus_areas": [FocusArea.objects.get(slug="musik").pk],
        "action": "try",
    }
    response = client.post(reverse("imports_staff:add"), data)
    assert response.status_code == 400
    assert "svarede ikke færdigt inden for 1 sekund" in response.content.decode()
