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
"""

from django.conf import settings

FRAMEABLE_ANCESTORS = ["*"]


def build_policy(directives: dict[str, list[str]], *, frameable: bool = False) -> str:
    directives = dict(directives)
    if frameable:
        directives["frame-ancestors"] = FRAMEABLE_ANCESTORS
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
        response.headers["Content-Security-Policy"] = (
            self.frameable_policy if frameable else self.policy
        )
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
