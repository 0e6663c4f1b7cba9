"""The fetcher's limits: size (after decompression), time, content type, HTTP status."""

import gzip
import socket
import time
import zlib

import pytest

from imports.errors import SourceError
from imports.fetch import FetchError, TooLarge, TooSlow, WrongContentType, fetch

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sted//DA\r\nEND:VCALENDAR\r\n"
pytestmark = pytest.mark.usefixtures("allow_loopback")


def test_fetched_gives_final_url_type_charset_and_body(web_server):
    url = web_server.route("/side", "<p>Æblekage</p>", content_type="text/html; charset=UTF-8")
    fetched = fetch(url, kind="page")
    assert (fetched.url, fetched.content_type, fetched.charset, fetched.body) == (
        url,
        "text/html",
        "utf-8",
        "<p>Æblekage</p>".encode(),
    )


def test_user_agent_names_the_site(web_server, settings):
    settings.SITE_URL = "https://kulturmetropolen.dk"
    fetch(web_server.route("/", "<p>x</p>"), kind="page")
    ((_path, headers),) = web_server.requests
    assert headers["User-Agent"] == "Kulturmetropolen-import/1.0 (+https://kulturmetropolen.dk/)"


def test_a_body_over_the_limit_is_refused_by_its_content_length(web_server):
    url = web_server.route("/stor", b"x" * 2000)
    with pytest.raises(TooLarge, match="større end de 0,0 MB"):
        fetch(url, kind="page", max_bytes=1000)


def test_a_chunked_body_without_length_is_cut_off_at_the_limit(web_server, settings):
    settings.IMPORTS_MAX_BYTES = {**settings.IMPORTS_MAX_BYTES, "ics": 1024 * 1024}

    def endless():
        yield CALENDAR
        while True:  # 64 KB at a time, for ever: only the limit stops it
            yield b"X" * 65536

    url = web_server.route("/cal.ics", endless(), content_type="text/calendar")
    with pytest.raises(TooLarge, match="større end de 1,0 MB"):
        fetch(url, kind="ics")


def test_a_content_length_that_lies_does_not_lift_the_limit(web_server):
    url = web_server.route("/", [b"<p>" + b"x" * 5000 + b"</p>"], chunked=True, content_length=10)
    with pytest.raises(TooLarge):
        fetch(url, kind="page", max_bytes=1000)


def test_gzip_is_decompressed(web_server):
    page = "<p>Koncert i salen</p>" * 500
    url = web_server.route("/", page, gzip=True)
    assert fetch(url, kind="page").body == page.encode()


def test_deflate_is_decompressed(web_server):
    url = web_server.route(
        "/", zlib.compress(b"<p>Program</p>"), headers={"Content-Encoding": "deflate"}
    )
    assert fetch(url, kind="page").body == b"<p>Program</p>"


def test_a_zip_bomb_is_refused_after_decompression(web_server):
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros in ~50 KB
    assert len(bomb) < 100_000
    url = web_server.route("/", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge, match="større end de 5,0 MB"):
        fetch(url, kind="page")


def test_a_broken_gzip_body_is_reported(web_server):
    url = web_server.route(
        "/", b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="komprimeret, men beskadiget"):
        fetch(url, kind="page")


def test_an_unknown_compression_is_refused(web_server):
    url = web_server.route("/", b"????", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match=r"komprimering, vi ikke kan læse \(br\)"):
        fetch(url, kind="page")


def test_an_answer_that_does_not_start_in_time_is_refused(web_server, settings):
    settings.IMPORTS_TOTAL_SECONDS = 1
    url = web_server.route("/", "<p>Sent</p>", delay=3)
    with pytest.raises(TooSlow, match=r"svarede ikke færdigt inden for 1 sekund\."):
        fetch(url, kind="page")


def test_an_answer_that_drips_in_is_stopped_at_the_total_limit(web_server, settings):
    settings.IMPORTS_TOTAL_SECONDS = 1

    def drip():
        for _ in range(20):  # each byte well within a read timeout, the whole far beyond
            yield b"<"
            time.sleep(0.2)

    url = web_server.route("/", drip())
    with pytest.raises(TooSlow):
        fetch(url, kind="page")


def test_a_closed_port_is_reported():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: the connection is refused
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"
        with pytest.raises(FetchError, match=r"Serveren bag .* svarer ikke\."):
            fetch(url, kind="page")


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("page", "text/calendar"),
        ("page", "application/json"),
        ("page", None),
        ("ics", "text/html; charset=utf-8"),
        ("image", "text/html"),
        ("image", "image/svg+xml"),
    ],
)
def test_a_content_type_that_does_not_fit_the_kind_is_refused(web_server, kind, content_type):
    url = web_server.route("/", CALENDAR, content_type=content_type)
    with pytest.raises(WrongContentType, match=r"gav ikke .*, men «"):
        fetch(url, kind=kind)


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream", None])
def test_a_calendar_with_a_generic_type_is_accepted_when_it_is_one(web_server, content_type):
    url = web_server.route("/cal", b"\xef\xbb\xbf" + CALENDAR, content_type=content_type)
    assert fetch(url, kind="ics").body.endswith(CALENDAR)


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream"])
def test_a_generic_type_that_is_not_a_calendar_is_refused(web_server, content_type):
    url = web_server.route("/cal", "<html>Log ind</html>", content_type=content_type)
    with pytest.raises(WrongContentType, match="gav ikke en kalender"):
        fetch(url, kind="ics")


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (404, "findes ikke"),
        (410, "findes ikke"),
        (403, "kræver login"),
        (429, "beder os vente"),
        (500, "har en fejl lige nu"),
        (304, "svarede med HTTP 304"),
    ],
)
def test_http_errors_are_reported_in_danish(web_server, status, words):
    url = web_server.route("/", "<p>Fejl</p>", status=status)
    with pytest.raises(SourceError, match=words) as error:
        fetch(url, kind="page")
    assert str(error.value).endswith(".")


def test_a_redirect_without_location_is_reported(web_server):
    url = web_server.route("/", status=302, content_type=None)
    with pytest.raises(FetchError, match="viderestiller uden at sige hvorhen"):
        fetch(url, kind="page")


def test_a_body_cut_short_is_reported(web_server):
    url = web_server.route("/", b"<p>Halvt", content_length=5000)
    with pytest.raises(FetchError, match="blev afbrudt, før svaret var hentet"):
        fetch(url, kind="page")
