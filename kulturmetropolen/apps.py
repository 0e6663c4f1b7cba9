from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KulturmetropolenConfig(AppConfig):
    name = "kulturmetropolen"
    verbose_name = _("Site pages")

    def ready(self):
        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from municipalities.models import Municipality

        from .context_processors import NAV_CACHE_KEY

        def forget_nav(**kwargs):
            cache.delete(NAV_CACHE_KEY)

        post_save.connect(forget_nav, sender=Municipality, dispatch_uid="nav_save", weak=False)
        post_delete.connect(forget_nav, sender=Municipality, dispatch_uid="nav_delete", weak=False)
