"""Content-Security-Policy and Permissions-Policy on every response.

Django's ``SecurityMiddleware`` already sends HSTS, ``X-Content-Type-Options``,
``Referrer-Policy`` and ``Cross-Origin-Opener-Policy``; Django 5.2 has no CSP of its own.

The policy (``settings.CONTENT_SECURITY_POLICY``; enforced, not report-only) allows only the
site's own files: no inline script or style anywhere, so no nonces are needed — which also
keeps whole pages shareable through the page cache. (The event page's
``<script type="application/ld+json">`` is a data block: never executed, so ``script-src``
does not apply to it.)

Pages may not be framed (``frame-ancestors 'none'``, besides ``X-Frame-Options: DENY``),
except a view marked ``@xframe_options_exempt`` — the embeddable event list — which any site
may frame. The mark is the one ``XFrameOptionsMiddleware`` reads, so the two headers cannot
disagree.

The one exception to "no inline style" is the 500 page, which may not depend on any file:
a response may list the hashes of its own ``<style>`` elements in ``csp_style_hashes``
(:func:`style_hash`), and its policy then allows exactly those (CSP Level 3, hash-source).
"""

import base64
import hashlib

from django.conf import settings

FRAMEABLE_ANCESTORS = ["*"]


def style_hash(css: str) -> str:
    """The CSP hash-source (``'sha256-…'``, CSP Level 3 §2.3.1) of a ``<style>`` element whose
    content is exactly ``css``."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def build_policy(
    directives: dict[str, list[str]], *, frameable: bool = False, style_hashes=()
) -> str:
    """The policy's header value from ``directives`` (name → sources); ``frameable`` lets any
    site frame the page, ``style_hashes`` (from :func:`style_hash`) allow those inline styles."""
    directives = dict(directives)
    if frameable:
        directives["frame-ancestors"] = FRAMEABLE_ANCESTORS
    if style_hashes:
        directives["style-src"] = [*directives.get("style-src", []), *style_hashes]
    return "; ".join(" ".join([name, *sources]).strip() for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Adds the CSP and Permissions-Policy headers (computed once, two variants)."""

    def __init__(self, get_response):
        self.get_response = get_response
        directives = settings.CONTENT_SECURITY_POLICY
        self.policy = build_policy(directives)
        self.frameable_policy = build_policy(directives, frameable=True)
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        frameable = getattr(response, "xframe_options_exempt", False)
        # Replaces any narrower policy a view set itself (the embed list sets frame-ancestors
        # only): every response carries the whole policy.
        hashes = getattr(response, "csp_style_hashes", None)
        if hashes:  # the 500 page: its own inline style, by hash
            policy = build_policy(
                settings.CONTENT_SECURITY_POLICY, frameable=frameable, style_hashes=hashes
            )
        else:
            policy = self.frameable_policy if frameable else self.policy
        response.headers["Content-Security-Policy"] = policy
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
