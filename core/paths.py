"""Links built from the request's own path."""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation

# Browsers read a leading "//" — and "/\", which they treat alike — as the start of another
# host's address (a protocol-relative URL, RFC 3986 §4.2).
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def local_path(path: str) -> str:
    """``path`` (a request's path, possibly with its query string) as a link that stays on
    this site: any run of leading slashes and backslashes becomes one ``/``, so that
    ``//evil.example/arrangementer/`` can never become a link to ``evil.example``.

    Use it on every link built from ``request.path`` or ``request.get_full_path()``."""
    return _LEADING_SLASHES.sub("/", path, count=1) if path else "/"


def translated_path(request, path: str, code: str) -> str:
    """``path`` (this site's, possibly with a query string) in language ``code``, as
    Django's :func:`~django.urls.translate_url` makes it; ``path`` itself when it does not
    resolve. For the request's own path the view it resolved to is reused (its
    ``resolver_match``) rather than resolved again: a page links itself in both languages
    three times (the language switch and the hreflang alternates)."""
    parsed = urlsplit(path)
    match = getattr(request, "resolver_match", None)
    if match is None or unquote(parsed.path) != request.path:
        return translate_url(path, code)
    with translation.override(code):
        try:
            translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    return urlunsplit((parsed.scheme, parsed.netloc, translated, parsed.query, parsed.fragment))
