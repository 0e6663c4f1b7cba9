"""https: the connection goes to the checked address, but TLS speaks and checks the name."""

import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from imports.fetch import FetchError, fetch

pytestmark = [
    pytest.mark.usefixtures("allow_loopback"),
    pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command"),
]


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hosts.append(self.headers["Host"])
        body = b"<p>Sikker side</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate (and its key) for «kalender.example»."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", key, "-out", cert, "-subj", "/CN=kalender.example",
         "-addext", "subjectAltName=DNS:kalender.example"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate, monkeypatch):
    """An https server on 127.0.0.1 with the certificate for «kalender.example», every
    ``*.example`` name resolving to it; ``.names`` are the TLS SNI names it was greeted
    with, ``.hosts`` the Host headers of the requests that got through."""
    cert, key = certificate
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    server.daemon_threads = True
    server.block_on_close = False
    server.names, server.hosts = [], []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: server.names.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    server.cert = str(cert)
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # every name is this server
        if host.endswith(".example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield server
    server.shutdown()
    server.server_close()


def test_https_to_the_checked_address_with_the_name_in_sni_host_and_certificate(
    tls_server, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", tls_server.cert)  # trust the test certificate
    port = tls_server.server_address[1]
    fetched = fetch(f"https://kalender.example:{port}/", kind="page")
    assert fetched.body == b"<p>Sikker side</p>"
    assert tls_server.names == ["kalender.example"]
    assert tls_server.hosts == [f"kalender.example:{port}"]


def test_a_certificate_for_another_name_is_refused(tls_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", tls_server.cert)
    url = f"https://andet.example:{tls_server.server_address[1]}/"
    with pytest.raises(FetchError, match="sikkerhedscertifikat, der ikke kan godkendes"):
        fetch(url, kind="page")
    assert tls_server.names == ["andet.example"]
    assert tls_server.hosts == []


def test_an_untrusted_certificate_is_refused(tls_server):
    url = f"https://kalender.example:{tls_server.server_address[1]}/"
    with pytest.raises(FetchError, match="sikkerhedscertifikat, der ikke kan godkendes"):
        fetch(url, kind="page")
    assert tls_server.hosts == []
