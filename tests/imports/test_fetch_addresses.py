"""The fetcher reaches public internet addresses only: after DNS, and after every redirect."""

import ipaddress
import socket

import pytest

from imports.errors import SourceError
from imports.fetch import AddressRefused, FetchError, fetch

INTERNAL = [
    "127.0.0.1",  # loopback
    "127.0.0.2",
    "10.0.0.1",  # private
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # link-local: the cloud metadata service
    "169.254.1.1",
    "100.64.0.1",  # shared address space (CGNAT)
    "100.127.255.254",
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "0.0.0.0",  # unspecified
    "192.0.2.10",  # documentation
    "198.18.0.1",  # benchmarking
    "::1",
    "::",
    "fd00::1",  # unique local
    "fc00::1",
    "fe80::1",  # link-local
    "ff02::1",  # multicast
    "::ffff:10.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::ffff:127.0.0.1",
    "::10.0.0.1",  # IPv4-compatible
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2001:db8::1",  # documentation
]


def resolving_to(monkeypatch, *addresses):
    """Make every name resolve to ``addresses``; returns the list of names looked up."""
    looked_up = []

    def getaddrinfo(host, port, *args, **kwargs):
        looked_up.append(host)
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (address, port, 0, 0) if ":" in address else (address, port),
            )
            for address in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return looked_up


@pytest.mark.parametrize("address", INTERNAL)
def test_name_resolving_to_an_internal_address_is_refused(monkeypatch, address):
    resolving_to(monkeypatch, address)
    with pytest.raises(AddressRefused) as refused:
        fetch("https://kalender.example/events.ics", kind="ics")
    assert str(refused.value) == (
        "Adressen https://kalender.example/events.ics kan ikke hentes: den findes ikke på det "
        "offentlige internet. Tjek adressen; kun offentlige adresser kan bruges."
    )
    assert str(ipaddress.ip_address(address)) not in str(refused.value)


def test_an_internal_name_and_an_unknown_name_are_refused_alike(monkeypatch):
    resolving_to(monkeypatch, "10.1.2.3")
    with pytest.raises(AddressRefused) as internal:
        fetch("https://intern.example/", kind="page")

    def unknown(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(FetchError) as missing:
        fetch("https://intern.example/", kind="page")
    assert str(internal.value) == str(missing.value)
    assert "10.1.2.3" not in str(internal.value)


@pytest.mark.parametrize("address", ["10.0.0.1", "169.254.169.254", "::ffff:10.0.0.1"])
def test_internal_address_written_in_the_url_is_refused(address):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(AddressRefused, match="findes ikke på det offentlige internet"):
        fetch(f"http://{host}/latest/meta-data/", kind="page")


def test_one_internal_address_among_public_ones_is_refused(monkeypatch):
    resolving_to(monkeypatch, "93.184.215.14", "10.1.2.3")
    with pytest.raises(AddressRefused, match="findes ikke på det offentlige internet"):
        fetch("http://kalender.example/", kind="page")


@pytest.mark.parametrize(
    "address", ["127.0.0.2", "10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1", "0.0.0.0"]
)
def test_allowing_loopback_allows_nothing_but_127_0_0_1_and_1(monkeypatch, allow_loopback, address):
    resolving_to(monkeypatch, address)
    with pytest.raises(AddressRefused):
        fetch("http://kalender.example/", kind="page")


def test_loopback_is_refused_unless_allowed(web_server):
    url = web_server.route("/", "<p>Program</p>")
    with pytest.raises(AddressRefused, match="findes ikke på det offentlige internet"):
        fetch(url, kind="page")
    assert web_server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://kalender.example/events.ics",
        "gopher://127.0.0.1:6379/_INFO",
        "dict://127.0.0.1:11211/stats",
        "javascript:alert(1)",
        "//kalender.example/events.ics",
    ],
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(AddressRefused, match="kun adresser med http:// eller https://"):
        fetch(url, kind="ics")


@pytest.mark.parametrize(
    "url", ["http://user:secret@kalender.example/", "https://user@kalender.example/cal.ics"]
)
def test_a_user_name_or_password_in_the_url_is_refused(monkeypatch, url):
    looked_up = resolving_to(monkeypatch, "93.184.215.14")
    with pytest.raises(AddressRefused, match="brugernavn eller adgangskode"):
        fetch(url, kind="ics")
    assert looked_up == []


def test_the_checked_address_is_the_one_connected_to_with_the_name_as_host(
    monkeypatch, web_server, allow_loopback
):
    web_server.route("/program", "<p>Program</p>")
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1", "10.0.0.1"])  # a rebinding name: public first, then internal
    looked_up = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "kalender.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    fetched = fetch(f"http://kalender.example:{web_server.port}/program", kind="page")
    assert fetched.body == b"<p>Program</p>"
    assert fetched.url == f"http://kalender.example:{web_server.port}/program"
    # One lookup, then the connection to the address checked: the second answer is never read.
    assert looked_up == ["kalender.example"]
    ((_path, headers),) = web_server.requests
    assert headers["Host"] == f"kalender.example:{web_server.port}"


def test_a_name_that_does_not_resolve_is_reported(monkeypatch):
    def getaddrinfo(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(
        SourceError, match=r"kalender\.example.* findes ikke på det offentlige internet"
    ):
        fetch("https://kalender.example/cal.ics", kind="ics")


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin"]
)
def test_a_redirect_to_an_internal_address_is_refused_even_with_loopback_allowed(
    web_server, allow_loopback, target
):
    url = web_server.redirect("/cal.ics", target)
    with pytest.raises(AddressRefused, match="findes ikke på det offentlige internet"):
        fetch(url, kind="ics")
    assert web_server.paths_requested() == ["/cal.ics"]


def test_a_redirect_to_a_name_resolving_to_an_internal_address_is_refused(
    monkeypatch, web_server, allow_loopback
):
    real_getaddrinfo = socket.getaddrinfo
    url = web_server.redirect("/", "https://intern.example/")

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "intern.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.0.10", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(AddressRefused, match=r"https://intern.example/ kan ikke hentes"):
        fetch(url, kind="page")


def test_a_redirect_to_another_scheme_is_refused(web_server, allow_loopback):
    url = web_server.redirect("/", "file:///etc/passwd")
    with pytest.raises(AddressRefused, match="http:// eller https://"):
        fetch(url, kind="page")


def test_redirects_are_followed_up_to_five(web_server, allow_loopback):
    for hop in range(5):
        web_server.redirect(f"/{hop}", f"/{hop + 1}", status=(301, 302, 303, 307, 308)[hop])
    web_server.route("/5", "<p>Fundet</p>")
    fetched = fetch(web_server.url("/0"), kind="page")
    assert fetched.body == b"<p>Fundet</p>"
    assert fetched.url == web_server.url("/5")


def test_a_sixth_redirect_is_refused(web_server, allow_loopback):
    for hop in range(6):
        web_server.redirect(f"/{hop}", f"/{hop + 1}")
    web_server.route("/6", "<p>For langt væk</p>")
    with pytest.raises(SourceError, match="viderestiller mere end 5 gange"):
        fetch(web_server.url("/0"), kind="page")
    assert "/6" not in web_server.paths_requested()
