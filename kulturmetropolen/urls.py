"""The site's URLs: unprefixed (health, API, feeds without language) and, under i18n_patterns,
every page in Danish at / and in English under /en/."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from core import views as core_views
from events.urls import event_patterns, focus_area_patterns, place_patterns
from events.urls_feeds import localized_feed_patterns, unprefixed_patterns
from events.urls_staff import staff_patterns
from imports.urls import staff_source_patterns
from pages.urls import page_patterns

admin.site.site_header = "Kulturmetropolen"
admin.site.site_title = "Kulturmetropolen"
admin.site.index_title = "Sekretariatet"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # /was: the customary short address of a Danish public site's accessibility statement.
    path("was", RedirectView.as_view(pattern_name="page_tilgaengelighed", permanent=False)),
    path("livez", core_views.livez, name="livez"),
    path("i18n/", include("django.conf.urls.i18n")),
    # API, sitemap, robots.txt: one address for every language.
    path("", include(unprefixed_patterns)),
]

urlpatterns += i18n_patterns(
    path("", include(page_patterns)),
    # Feeds, calendars and embeds come before the event detail's <slug>/.
    path("", include(localized_feed_patterns)),
    path("arrangementer/", include(event_patterns)),
    path("indsatser/", include(focus_area_patterns)),
    path("", include(place_patterns)),
    path("mine-arrangementer/kalendere/", include(staff_source_patterns)),
    path("mine-arrangementer/", include(staff_patterns)),
    path("konto/", include("accounts.urls")),
    # The admin's addresses of the models that moved between apps (bookmarks, old e-mails).
    *[
        re_path(
            rf"^{re.escape(settings.ADMIN_URL)}{old}/",
            core_views.MovedView.as_view(old=f"/{old}/", new=f"/{new}/"),
        )
        for old, new in [
            ("kulturmetropolen/page", "pages/page"),
            ("kulturmetropolen/outgoingemail", "post_office/email"),
            ("core/outgoingemail", "post_office/email"),
            ("municipalities/accessrequest", "accounts/accessrequest"),
        ]
    ],
    path(settings.ADMIN_URL, admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
