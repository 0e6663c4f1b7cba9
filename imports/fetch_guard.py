"""Which network addresses a fetch may reach: the public internet, and nothing else.

Used by :mod:`imports.fetch` for the first address and every redirect target. Ranges follow
the IANA special-purpose registries (RFC 6890 and its updates) as Python's ``ipaddress``
reads them, plus the embedded IPv4 address of IPv4-mapped, IPv4-compatible, NAT64
(RFC 6052), 6to4 and Teredo IPv6 addresses, so that ``::ffff:10.0.0.1`` is refused like
``10.0.0.1``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket

from django.conf import settings

from .errors import SourceError

logger = logging.getLogger(__name__)


class FetchError(SourceError):
    """The address could not be fetched (no answer, an HTTP error, a broken connection)."""


class AddressRefused(SourceError):
    """The address is not one we fetch: not http(s), with a login, or not on the public
    internet (after DNS, and after every redirect)."""


class TooLarge(SourceError):
    """The answer is larger than the kind's byte limit (after decompression)."""


class TooSlow(SourceError):
    """The server did not connect or finish answering within the time limits."""


class WrongContentType(SourceError):
    """The answer is not the kind of document asked for."""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: What IMPORTS_ALLOW_LOOPBACK lets through (the tests' local server): these two, no range.
LOOPBACK = {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def resolve(host: str, port: int, url: str) -> list[str]:
    """Resolve ``host`` once and return its addresses, all of them public.

    Raises :class:`AddressRefused` (a ``SourceError``) when *any* address is not public
    (:func:`is_public`): a name that points at one public and one internal address is
    refused, not half-trusted; :class:`FetchError` when the name does not resolve. Both say
    the same (:func:`not_public`): which internal address a name has, or whether an internal
    name exists, is logged here and never shown to whoever typed the address.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        logger.info("Fetch of %s refused: %s does not resolve (%s)", url, host, exc)
        raise FetchError(not_public(url)) from exc
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]  # an IPv6 zone id is no part of the address
        address = ipaddress.ip_address(text)
        if not is_public(address):
            logger.warning("Fetch of %s refused: %s is not public", url, address)
            raise AddressRefused(not_public(url))
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise FetchError(not_public(url))
    return addresses


def not_public(url: str) -> str:
    """The one Danish refusal for an address that is internal or does not resolve."""
    return (
        f"Adressen {url} kan ikke hentes: den findes ikke på det offentlige internet. "
        "Tjek adressen; kun offentlige adresser kan bruges."
    )


def is_public(address: IPAddress) -> bool:
    """Whether a fetch may connect to ``address``.

    False for loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
    (169.254/16 with the metadata address 169.254.169.254, fe80::/10), shared/CGNAT
    (100.64/10), multicast, reserved, unspecified (0.0.0.0, ::), documentation and
    benchmarking ranges, and any IPv6 address carrying such an IPv4 address. With
    ``settings.IMPORTS_ALLOW_LOOPBACK`` exactly 127.0.0.1 and ::1 are allowed, nothing else.
    """
    if settings.IMPORTS_ALLOW_LOOPBACK and address in LOOPBACK:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return _is_global(embedded)
    return _is_global(address)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_global(address: IPAddress) -> bool:
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
    )
