"""Links built from the request's own path."""

import re

# Browsers read a leading "//" — and "/\", which they treat alike — as the start of another
# host's address (a protocol-relative URL, RFC 3986 §4.2).
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def local_path(path: str) -> str:
    """``path`` (a request's path, possibly with its query string) as a link that stays on
    this site: any run of leading slashes and backslashes becomes one ``/``, so that
    ``//evil.example/arrangementer/`` can never become a link to ``evil.example``.

    Use it on every link built from ``request.path`` or ``request.get_full_path()``."""
    return _LEADING_SLASHES.sub("/", path, count=1) if path else "/"
