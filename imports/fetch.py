"""Fetching a venue's calendar, page or image from the internet, without being turned on us.

A source address is typed by a venue coordinator, and a page links wherever it likes, so
every fetch is treated as hostile: it must not reach the server's own network (loopback,
private ranges, the cloud metadata address 169.254.169.254 …), hang a worker, fill its
memory or hand a reader something it did not ask for. :func:`fetch` is the one way the
imports app reaches the network; the rules are in its docstring and in docs/imports.md
(«Fetching safely»). The address checks live in :mod:`imports.fetch_guard`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
from django.conf import settings
from django.utils.http import parse_header_parameters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NewConnectionError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import Timeout, parse_url

from .fetch_deadline import Deadline
from .fetch_guard import (
    AddressRefused,
    FetchError,
    TooLarge,
    TooSlow,
    WrongContentType,
    resolve,
)

#: The content types each kind accepts. ``ics`` also accepts what misconfigured servers send
#: for a calendar, when the body starts with ``BEGIN:VCALENDAR`` (RFC 5545 §3.4).
CONTENT_TYPES = {
    "ics": {"text/calendar"},
    "page": {"text/html", "application/xhtml+xml"},
    "image": {"image/jpeg", "image/png", "image/webp"},  # what events/images.py accepts
}
_ICS_FALLBACK_TYPES = {"text/plain", "application/octet-stream", ""}
_KIND_WORDS = {"ics": "en kalender (ICS)", "page": "en webside (HTML)", "image": "et billede"}
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024

__all__ = [
    "CONTENT_TYPES",
    "AddressRefused",
    "FetchError",
    "Fetched",
    "TooLarge",
    "TooSlow",
    "WrongContentType",
    "fetch",
]


@dataclass(frozen=True)
class Fetched:
    """What :func:`fetch` got: the final ``url`` (after redirects), the ``content_type`` in
    lower case without parameters (``"text/html"``), its ``charset`` parameter (``""`` when
    not given) and the ``body`` bytes, already decompressed."""

    url: str
    content_type: str
    charset: str
    body: bytes


def fetch(url: str, *, kind: str, max_bytes: int | None = None) -> Fetched:
    """GET ``url`` as ``kind`` (``"ics"``, ``"page"`` or ``"image"``) and return it.

    - Only ``http``/``https`` URLs without user name or password.
    - The host is resolved once (``socket.getaddrinfo``) and refused unless every address is
      public (:func:`imports.fetch_guard.resolve`); the connection goes to that checked address
      (no second lookup: DNS rebinding), with the name in ``Host`` and, for https, in TLS SNI
      and the certificate check.
    - Redirects (301, 302, 303, 307, 308) are followed by hand, at most
      ``IMPORTS_MAX_REDIRECTS``, each target checked the same way.
    - ``IMPORTS_CONNECT_SECONDS`` per connection attempt; ``IMPORTS_TOTAL_SECONDS`` for the
      whole fetch — connect, TLS, status line, headers, body, every redirect — kept by a
      watchdog that shuts the socket down (:class:`imports.fetch_deadline.Deadline`); inside
      a web request at most ``IMPORTS_REQUEST_SECONDS``.
    - At most ``max_bytes`` (default ``IMPORTS_MAX_BYTES[kind]``) of body, counted after
      gzip/deflate decompression and read in chunks, whatever Content-Length says.
    - The content type must fit the kind (:data:`CONTENT_TYPES`).

    Raises a :class:`~imports.errors.SourceError` subclass (:class:`AddressRefused`,
    :class:`TooSlow`, :class:`TooLarge`, :class:`WrongContentType`, :class:`FetchError`)
    whose text is a Danish sentence for the source's status.
    """
    if kind not in CONTENT_TYPES:
        raise ValueError(f"Unknown kind {kind!r}")
    limit = max_bytes or settings.IMPORTS_MAX_BYTES[kind]
    with Deadline(settings.IMPORTS_TOTAL_SECONDS) as deadline:
        return _fetch(url, kind, limit, deadline)


def _fetch(url: str, kind: str, limit: int, deadline: Deadline) -> Fetched:
    current = url
    for _hop in range(settings.IMPORTS_MAX_REDIRECTS + 1):
        response = _get(current, deadline)
        try:
            if response.status in _REDIRECTS:
                location = response.headers.get("Location", "")
                if not location:
                    raise FetchError(f"Adressen {current} viderestiller uden at sige hvorhen.")
                current = urljoin(current, location.strip())
                continue
            _check_status(response.status, current)
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            _check_type(kind, content_type, current)
            body = _read_body(response, limit, deadline, current)
        finally:
            response.close()  # the socket too: nothing is reused between fetches
            response.release_conn()
        if kind == "ics" and content_type != "text/calendar" and not _is_calendar(body):
            raise WrongContentType(
                f"Adressen {current} gav ikke en kalender (ICS), men «{content_type}»."
            )
        return Fetched(url=current, content_type=content_type, charset=charset, body=body)
    raise FetchError(
        f"Adressen {url} viderestiller mere end {settings.IMPORTS_MAX_REDIRECTS} gange."
    )


class _WatchedHTTPConnection(HTTPConnection):
    """A connection whose socket the fetch's :class:`Deadline` shuts down when time is up."""

    deadline: Deadline | None = None

    def _new_conn(self):
        sock = super()._new_conn()
        if self.deadline is not None:
            self.deadline.watch(sock)
        return sock


class _WatchedHTTPSConnection(HTTPSConnection):
    deadline: Deadline | None = None

    def _new_conn(self):  # the raw socket, before TLS: the handshake is watched too
        sock = super()._new_conn()
        if self.deadline is not None:
            self.deadline.watch(sock)
        return sock


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection
    deadline: Deadline | None = None

    def _new_conn(self):
        conn = super()._new_conn()
        conn.deadline = self.deadline
        return conn


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection
    deadline: Deadline | None = None

    def _new_conn(self):
        conn = super()._new_conn()
        conn.deadline = self.deadline
        return conn


def _is_calendar(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def user_agent() -> str:
    """The ``User-Agent`` every fetch sends: names the site, so a venue knows who reads it."""
    return f"Kulturmetropolen-import/1.0 (+{settings.SITE_URL}/)"


def _get(url: str, deadline: Deadline):
    """Open ``url`` (checked) and return the urllib3 response with its body unread."""
    try:
        parsed = parse_url(url)
    except (LocationParseError, ValueError) as exc:
        raise AddressRefused(f"«{url}» er ikke en gyldig adresse.") from exc
    scheme = (parsed.scheme or "").lower()
    if scheme not in ("http", "https"):
        raise AddressRefused(
            f"Adressen {url} kan ikke hentes: kun adresser med http:// eller https:// kan bruges."
        )
    if parsed.auth is not None:
        raise AddressRefused(
            f"Adressen {url} indeholder brugernavn eller adgangskode; brug en offentlig adresse."
        )
    if not parsed.host:
        raise AddressRefused(f"«{url}» er ikke en gyldig adresse.")
    host = parsed.host.strip("[]").rstrip(".")
    port = parsed.port or (443 if scheme == "https" else 80)
    addresses = resolve(host, port, url)
    default_port = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    host_header = parsed.host if default_port else f"{parsed.host}:{port}"
    target = parsed.request_uri or "/"
    headers = {
        "Host": host_header,
        "User-Agent": user_agent(),
        "Accept": "*/*",
        "Accept-Encoding": "gzip, deflate",
    }
    last_error: Exception | None = None
    for address in addresses:
        remaining = deadline.left()
        if remaining <= 0:
            break
        timeout = Timeout(connect=min(settings.IMPORTS_CONNECT_SECONDS, remaining), read=remaining)
        if scheme == "https":
            pool = _HTTPSPool(
                address,
                port,
                timeout=timeout,
                maxsize=1,
                retries=False,
                server_hostname=host,
                assert_hostname=host,
                cert_reqs="CERT_REQUIRED",
            )
        else:
            pool = _HTTPPool(address, port, timeout=timeout, maxsize=1, retries=False)
        pool.deadline = deadline
        try:
            response = pool.urlopen(
                "GET",
                target,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except (ConnectTimeoutError, NewConnectionError) as exc:
            last_error = exc  # the next address, if the name has several
            continue
        except ReadTimeoutError as exc:
            raise _too_slow(url, deadline) from exc
        except (HTTPError, OSError) as exc:
            if deadline.expired:  # the watchdog shut the socket down
                raise _too_slow(url, deadline) from exc
            if isinstance(exc, SSLError):
                raise FetchError(
                    f"Adressen {url} har et sikkerhedscertifikat, der ikke kan godkendes."
                ) from exc
            if isinstance(getattr(exc, "reason", None), ConnectTimeoutError | NewConnectionError):
                last_error = exc
                continue
            raise FetchError(f"Forbindelsen til {url} blev afbrudt.") from exc
        if deadline.expired:  # the headers were cut short by the watchdog
            response.close()
            raise _too_slow(url, deadline)
        return response
    if deadline.left() <= 0:
        raise _too_slow(url, deadline) from last_error
    raise FetchError(f"Serveren bag {url} svarer ikke.") from last_error


def _check_status(status: int, url: str) -> None:
    if 200 <= status < 300:
        return
    if status in (404, 410):
        text = f"Adressen {url} findes ikke (længere) (HTTP {status})."
    elif status in (401, 403):
        text = f"Adressen {url} er ikke offentlig: serveren kræver login (HTTP {status})."
    elif status == 429:
        text = f"Serveren bag {url} beder os vente, før vi henter igen (HTTP 429)."
    elif status >= 500:
        text = f"Serveren bag {url} har en fejl lige nu (HTTP {status}). Vi prøver igen senere."
    else:
        text = f"Adressen {url} svarede med HTTP {status} i stedet for indholdet."
    raise FetchError(text)


def _content_type(header: str) -> tuple[str, str]:
    if not header.strip():
        return "", ""
    value, params = parse_header_parameters(header)
    return value.strip().lower(), params.get("charset", "").strip().strip('"').lower()


def _check_type(kind: str, content_type: str, url: str) -> None:
    if content_type in CONTENT_TYPES[kind]:
        return
    if kind == "ics" and content_type in _ICS_FALLBACK_TYPES:
        return  # checked against the body once it is read
    shown = content_type or "uden angivet type"
    raise WrongContentType(f"Adressen {url} gav ikke {_KIND_WORDS[kind]}, men «{shown}».")


def _read_body(response, limit: int, deadline: Deadline, url: str) -> bytes:
    """Read the body in chunks, decompressed, refusing at ``limit`` bytes or the deadline."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        # wbits 47: gzip or zlib header, detected; max_length bounds every step (zip bombs).
        decoder = zlib.decompressobj(47)
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FetchError(
            f"Adressen {url} svarede i en komprimering, vi ikke kan læse ({encoding})."
        )
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and decoder is None and int(length) > limit:
        raise _too_large(url, limit)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            remaining = deadline.left()
            if remaining <= 0:
                raise _too_slow(url, deadline)
            _set_read_timeout(response, remaining)
            chunk = response.read1(_CHUNK, decode_content=False)
            if not chunk:
                if deadline.expired:  # the end the watchdog made, not the server's
                    raise _too_slow(url, deadline)
                break
            if decoder is not None:
                chunk = decoder.decompress(chunk, limit - size + 1)
                if decoder.unconsumed_tail:
                    raise _too_large(url, limit)
            size += len(chunk)
            if size > limit:
                raise _too_large(url, limit)
            parts.append(chunk)
        if decoder is not None:
            tail = decoder.flush()
            size += len(tail)
            if size > limit:
                raise _too_large(url, limit)
            parts.append(tail)
    except ReadTimeoutError as exc:
        raise _too_slow(url, deadline) from exc
    except zlib.error as exc:
        raise FetchError(f"Svaret fra {url} er komprimeret, men beskadiget.") from exc
    except (HTTPError, OSError) as exc:
        if deadline.expired:
            raise _too_slow(url, deadline) from exc
        raise FetchError(f"Forbindelsen til {url} blev afbrudt, før svaret var hentet.") from exc
    return b"".join(parts)


def _set_read_timeout(response, seconds: float) -> None:
    """Bound the next socket read by what is left of the total time."""
    sock = getattr(response.connection, "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def _too_slow(url: str, deadline: Deadline) -> TooSlow:
    seconds = round(deadline.seconds, 1)
    unit = "sekund" if seconds == 1 else "sekunder"
    return TooSlow(f"Adressen {url} svarede ikke færdigt inden for {seconds:g} {unit}.")


def _too_large(url: str, limit: int) -> TooLarge:
    megabytes = f"{limit / 1024 / 1024:.1f}".replace(".", ",")
    return TooLarge(f"Svaret fra {url} er større end de {megabytes} MB, vi højst henter.")
