from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure that knows no domain model: the e-mail outbox, the page cache and its
    content version, the cache backend, security headers and text helpers. Domain apps
    connect their own models to the content version (``core.pagecache.watch``)."""

    name = "core"
    verbose_name = _("E-mail")
