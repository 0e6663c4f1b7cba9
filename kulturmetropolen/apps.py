from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KulturmetropolenConfig(AppConfig):
    name = "kulturmetropolen"
    verbose_name = _("Site pages")

    def ready(self):
        from django.core.cache import cache
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from events.models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence
        from municipalities.models import Municipality, Venue

        from .context_processors import NAV_CACHE_KEY
        from .models import Page
        from .pagecache import bump_content_version

        def forget_nav(**kwargs):
            cache.delete(NAV_CACHE_KEY)

        post_save.connect(forget_nav, sender=Municipality, dispatch_uid="nav_save", weak=False)
        post_delete.connect(forget_nav, sender=Municipality, dispatch_uid="nav_delete", weak=False)

        # Any change to what public pages show makes every cached page stale.
        public_models = [
            Event,
            Occurrence,
            Venue,
            Municipality,
            FocusArea,
            Audience,
            AccessibilityFeature,
            Page,
        ]
        for model in public_models:
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_content_version,
                    sender=model,
                    dispatch_uid=f"pagecache_{signal is post_save}_{model.__name__}",
                    weak=False,
                )
        through_models = [
            Event.focus_areas.through,
            Event.audiences.through,
            Event.accessibility_features.through,
            AccessibilityFeature.venues.through,
        ]
        for through in through_models:
            m2m_changed.connect(
                bump_content_version,
                sender=through,
                dispatch_uid=f"pagecache_m2m_{through.__name__}",
                weak=False,
            )
