from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The front page and the editable text pages (about, accessibility statement, privacy)."""

    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from . import signals  # noqa: F401
