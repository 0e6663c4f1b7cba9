"""Security headers on every kind of page, and the session and CSRF cookies, under the
settings production runs with (read from a fresh interpreter with DEBUG off)."""

import json
import re
from importlib import import_module

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.urls import reverse

from pages.models import Page
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.test_settings import random_key, run

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"

# The settings behind the headers and cookies; their production values are used below.
SECURITY_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_DOMAIN",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "PAGE_CACHE_SECONDS",
    "ADMIN_URL",
]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
HSTS = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture(scope="module")
def production():
    """The security settings as production loads them: DEBUG off, a real key and host."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = run("-c", code, DEBUG="0", SECRET_KEY=random_key(), ALLOWED_HOSTS="kulturmetropol.dk")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def prod(settings, production):
    """This test runs with the production values of the security settings."""
    for name, value in production.items():
        if name != "ADMIN_URL":  # the URLconf is loaded once; the default is the same
            setattr(settings, name, value)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def world():
    venue = VenueFactory(name="Portalen")
    event = EventFactory(venue=venue, title="Jazz i Portalen")
    OccurrenceFactory(event=event)
    return venue, event


def staff_member(venue):
    user = UserFactory(username="sted")
    venue.staff.add(user)
    return user


def secretariat_member():
    user = UserFactory(username="sekretariat", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


def page_types(venue, event):
    """(name, path, who is logged in, expected status) for each kind of page."""
    return [
        ("front", "/", None, 200),
        ("front, English", "/en/", None, 200),
        ("listing", "/arrangementer/?municipality=koege", None, 200),
        ("event", event.get_absolute_url(), None, 200),
        ("municipality", "/kommuner/koege/", None, 200),
        ("municipalities", "/kommuner/", None, 200),
        ("venue", venue.get_absolute_url(), None, 200),
        ("focus area", "/indsatser/musik/", None, 200),
        ("text page", "/privatliv/", None, 200),
        ("login", reverse("login"), None, 200),
        ("access request", reverse("accounts:access_request"), None, 200),
        ("staff dashboard", reverse("staff:dashboard"), "staff", 200),
        ("staff event form", reverse("staff:create"), "staff", 200),
        ("admin login", reverse("admin:login"), None, 200),
        ("admin index", reverse("admin:index"), "secretariat", 200),
        ("admin change list", reverse("admin:events_event_changelist"), "secretariat", 200),
        (
            "admin change form",
            reverse("admin:events_event_change", args=[event.pk]),
            "secretariat",
            200,
        ),
        ("embed builder", reverse("feeds:embed_builder"), None, 200),
        ("ICS", reverse("feeds:ics"), None, 200),
        ("event ICS", reverse("feeds:event_ics", args=[event.slug]), None, 200),
        ("RSS", reverse("feeds:rss"), None, 200),
        ("API", "/api/v1/occurrences/", None, 200),
        ("API docs", "/api/v1/docs/", None, 200),
        ("sitemap", "/sitemap.xml", None, 200),
        ("robots.txt", "/robots.txt", None, 200),
        ("404", "/findes-ikke/", None, 404),
        ("404, unknown event", "/arrangementer/findes-ikke/", None, 404),
        ("healthz", "/healthz", None, 200),
    ]


def get_as(client, who, venue, path):
    if who == "staff":
        client.force_login(staff_member(venue))
    elif who == "secretariat":
        client.force_login(secretariat_member())
    return client.get(path, secure=True)


def assert_hardened(response, *, frameable=False):
    assert response["Content-Security-Policy"] == (EMBED_CSP if frameable else CSP)
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    if frameable:
        assert "X-Frame-Options" not in response
    else:
        assert response["X-Frame-Options"] == "DENY"


def test_every_page_type_carries_the_security_headers(client, prod, world):
    venue, event = world
    checked = []
    for name, path, who, status in page_types(venue, event):
        client.logout()
        response = get_as(client, who, venue, path)
        assert response.status_code == status, (name, path, response.status_code)
        assert_hardened(response)
        assert response["Strict-Transport-Security"] == HSTS, name
        checked.append(name)
    assert len(checked) == 28


def test_the_embed_list_alone_may_be_framed_by_any_site(client, prod, world):
    for path in ("/embed/", "/en/embed/?municipality=koege&limit=5"):
        response = client.get(path, secure=True)
        assert response.status_code == 200
        assert_hardened(response, frameable=True)
    # Its error page too (it is what the frame shows), but not the builder around it.
    assert_hardened(client.get("/embed/?limit=x", secure=True), frameable=True)
    assert_hardened(client.get("/embed/byg/", secure=True))


def test_headers_are_also_on_pages_served_from_the_page_cache(client, prod, world):
    _venue, event = world
    for path in ("/", event.get_absolute_url(), "/embed/"):
        first = client.get(path, secure=True)
        second = client.get(path, secure=True)
        assert first["X-Page-Cache"] == "miss"
        assert second["X-Page-Cache"] == "hit", path
        assert_hardened(second, frameable=path == "/embed/")
        assert second["Strict-Transport-Security"] == HSTS


def test_plain_http_is_redirected_except_the_health_checks(client, prod):
    response = client.get("/arrangementer/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/arrangementer/"
    assert response["Content-Security-Policy"] == CSP  # a redirect has no page to frame
    for path in ("/healthz", "/livez"):
        response = client.get(path)
        assert response.status_code == 200
        assert_hardened(response)
        assert "Strict-Transport-Security" not in response  # only ever sent over https


def test_the_policy_allows_no_inline_script_style_or_foreign_source(prod):
    directives = dict(part.split(" ", 1) for part in CSP.split("; "))
    assert all("unsafe" not in sources for sources in directives.values())
    assert all("http" not in sources and "*" not in sources for sources in directives.values())
    assert directives["frame-ancestors"] == "'none'"


INLINE = [
    ("<style> element", re.compile(r"<style[\s>]", re.I)),
    ("style attribute", re.compile(r"<[^>]+\sstyle\s*=", re.I)),
    ("event handler attribute", re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)),
]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def inline_code(html):
    """What in ``html`` the policy would block: inline scripts (a JSON-LD data block is not
    a script), style elements and attributes, event handlers, javascript: URLs."""
    found = [name for name, pattern in INLINE if pattern.search(html)]
    for attributes in SCRIPT.findall(html):
        if "src=" not in attributes and "application/ld+json" not in attributes:
            found.append(f"inline <script{attributes}>")
    return found


def test_no_page_of_the_site_has_inline_script_or_style(client, prod, world):
    venue, event = world
    for name, path, who, _status in page_types(venue, event):
        client.logout()
        response = get_as(client, who, venue, path)
        if "html" not in response.get("Content-Type", "") or name.startswith("admin"):
            continue
        assert inline_code(response.content.decode()) == [], name
    detail = client.get(event.get_absolute_url(), secure=True).content.decode()
    assert '<script type="application/ld+json">' in detail


def test_the_error_page_has_no_inline_script_and_only_its_hashed_style(client):
    from core.views import SERVER_ERROR_STYLE, server_error

    response = server_error(None)
    html = response.content.decode()
    assert inline_code(html) == ["<style> element"]  # allowed by its hash, see test_server_error
    assert f"<style>{SERVER_ERROR_STYLE}</style>" in html


# --- Cookies ------------------------------------------------------------------------------


def test_production_cookie_settings(production):
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    for kind in ("SESSION", "CSRF"):
        assert production[f"{kind}_COOKIE_SECURE"] is True
        assert production[f"{kind}_COOKIE_HTTPONLY"] is True
        assert production[f"{kind}_COOKIE_SAMESITE"] == "Lax"
        # The __Host- prefix is only accepted for path / and without a Domain.
        assert production[f"{kind}_COOKIE_PATH"] == "/"
        assert production[f"{kind}_COOKIE_DOMAIN"] is None


def assert_host_cookie(cookie):
    assert cookie.key.startswith("__Host-")
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


def test_login_sets_host_prefixed_secure_http_only_cookies(client, prod):
    UserFactory(username="sted")
    form = client.get(reverse("login"), secure=True)
    csrf = form.cookies["__Host-csrftoken"]
    assert_host_cookie(csrf)
    response = client.post(
        reverse("login"), {"username": "sted", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    assert_host_cookie(response.cookies["__Host-sessionid"])
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    # The session cookie is the one the next request is recognised by.
    assert client.get(reverse("staff:dashboard"), secure=True).status_code == 200


def test_anonymous_visitors_get_no_cookies(client, prod, world):
    _venue, event = world
    for path in ("/", "/arrangementer/", event.get_absolute_url(), "/embed/", "/privatliv/"):
        response = client.get(path, secure=True)
        assert not response.cookies, path


# --- Admin path ---------------------------------------------------------------------------


def test_admin_path_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'), reverse('admin:login'))"
    )
    result = run("-c", code, DEBUG="1", ADMIN_URL="/forvaltning-7q2/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/forvaltning-7q2/", "/forvaltning-7q2/login/"]
    result = run("-c", code, DEBUG="1")
    assert result.stdout.split() == ["/admin/", "/admin/login/"]


# --- Privacy ------------------------------------------------------------------------------

privacy_migration = import_module("pages.migrations.0004_privacy_text")


def test_privacy_page_documents_the_personal_data_in_danish_and_english(client):
    html = client.get("/privatliv/").content.decode()
    for fact in (
        "sætter siden ingen cookies",
        "henter intet fra andre hjemmesider",
        "Mislykkede login",
        "15 minutter",
        "IP-adressen gemmes kun i den midlertidige tæller",
        "sende den igen",
        "Ishøj Kommune er sekretariat for Kulturmetropolen og dataansvarlig",
        "Datatilsynet",
        'href="mailto:kulturmetropolen@ishoj.dk"',
    ):
        assert fact in html, fact
    english = client.get("/en/privatliv/").content.decode()
    assert "the site sets no cookies and keeps nothing about you" in english
    assert "Failed logins." in english


def test_privacy_text_replaces_only_the_untouched_default(settings):
    from django.apps import apps

    page = Page.objects.get(slug="privatliv")
    original, _original_en = privacy_migration.ORIGINAL
    page.body, page.body_en = original, "Our own English text."
    page.save()
    privacy_migration.update(apps, None)
    page.refresh_from_db()
    assert page.body == privacy_migration.BODY
    assert page.body_en == "Our own English text."  # edited by the secretariat: kept

    privacy_migration.restore(apps, None)
    page.refresh_from_db()
    assert page.body == original


def test_logins_leave_no_log_and_failed_attempts_are_cleared(client, prod):
    UserFactory(username="sted")
    client.post(reverse("login"), {"username": "sted", "password": "forkert"}, secure=True)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("sted", "127.0.0.1")
    assert "forkert" not in attempt.post_data
    client.post(reverse("login"), {"username": "sted", "password": PASSWORD}, secure=True)
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


def test_staff_messages_travel_in_the_session_not_in_a_cookie_of_their_own(client, prod):
    UserFactory(username="sted")
    client.post(reverse("login"), {"username": "sted", "password": PASSWORD}, secure=True)
    response = client.post(reverse("logout"), secure=True)
    assert set(response.cookies) <= {"__Host-sessionid", "__Host-csrftoken"}
    assert prod.MESSAGE_STORAGE.endswith("SessionStorage")
