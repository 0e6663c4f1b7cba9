"""What the load test and the fault scenarios send: an HTTP client that stands where the
TLS-terminating proxy stands in production, and the staff event form's POST data."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import requests
from requests.cookies import RequestsCookieJar

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_INPUT = re.compile(r'name="submission_token" value="([^"]+)"')
LOGIN = "/konto/login/"
NEW_EVENT = "/mine-arrangementer/nyt/"
DASHBOARD = "/mine-arrangementer/"


class ProxyCookieJar(RequestsCookieJar):
    """The site's cookies are Secure (``__Host-``); this client speaks plain HTTP to gunicorn
    in the place of the TLS proxy, so it keeps them as if the connection were HTTPS."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def proxy_headers(address: str) -> dict:
    """What the reverse proxy adds (the site runs with BEHIND_PROXY=1)."""
    return {"X-Forwarded-Proto": "https", "X-Forwarded-For": address}


def form_headers(base_url: str, path: str) -> dict:
    """Origin and Referer as a browser sends them with a form on the https site."""
    origin = base_url.replace("http://", "https://")
    return {"Origin": origin, "Referer": origin + path}


def csrf_token(html: str) -> str:
    found = CSRF_INPUT.search(html)
    return found.group(1) if found else ""


def form_tokens(html: str) -> dict:
    """The hidden inputs a form page hands out and its post must return: the CSRF token and
    the staff form's one-time ``submission_token`` (events/views/tokens.py)."""
    found = TOKEN_INPUT.search(html)
    tokens = {"csrfmiddlewaretoken": csrf_token(html)}
    if found:
        tokens["submission_token"] = found.group(1)
    return tokens


def event_data(title: str, venue: int, focus_area: int, days: int = 14) -> dict:
    """The staff form for a new event with two dates (one with an end, one with an open end),
    sent for review."""
    day = datetime.now(COPENHAGEN) + timedelta(days=days)
    start = day.replace(hour=19, minute=30, second=0, microsecond=0)
    second = start + timedelta(days=7)
    return {
        "title": title,
        "teaser": "Et arrangement fra en test af driften.",
        "description": "Første afsnit.\n\nAndet afsnit.",
        "focus_areas": [str(focus_area)],
        "venue": str(venue),
        "organizer": "",
        "image_alt": "",
        "price_text": "100 kr.",
        "price_min": "100",
        "price_max": "",
        "ticket_url": "",
        "info_url": "",
        "dates-TOTAL_FORMS": "2",
        "dates-INITIAL_FORMS": "0",
        "dates-MIN_NUM_FORMS": "0",
        "dates-MAX_NUM_FORMS": "500",
        "dates-0-id": "",
        "dates-0-start": start.strftime("%Y-%m-%dT%H:%M"),
        "dates-0-end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "dates-1-id": "",
        "dates-1-start": second.strftime("%Y-%m-%dT%H:%M"),
        "dates-1-end": "",
        "dates-1-open_end": "on",  # no end time: said so, as the form asks
        "submit": "1",  # the "Send til godkendelse" button
    }


def accepted(response) -> bool:
    """A submission is accepted when the form redirects to the staff dashboard."""
    return response.status_code == 302 and response.headers.get("Location", "").endswith(DASHBOARD)


class StaffClient:
    """One venue staff member with a plain requests session (used by the fault scenarios)."""

    def __init__(self, base_url: str, account: dict, address: str = "10.98.0.1"):
        self.base_url, self.account = base_url, account
        self.session = requests.Session()
        self.session.cookies = ProxyCookieJar()
        self.session.headers.update(proxy_headers(address))

    def login(self) -> bool:
        page = self.session.get(self.base_url + LOGIN, timeout=30)
        response = self.session.post(
            self.base_url + LOGIN,
            data={
                "csrfmiddlewaretoken": csrf_token(page.text),
                "username": self.account["username"],
                "password": self.account["password"],
            },
            headers=form_headers(self.base_url, LOGIN),
            allow_redirects=False,
            timeout=30,
        )
        return response.status_code == 302 and DASHBOARD in response.headers.get("Location", "")

    def submit(self, data: dict, files=None, timeout: float = 30):
        form = self.session.get(self.base_url + NEW_EVENT, timeout=timeout)
        form.raise_for_status()
        return self.session.post(
            self.base_url + NEW_EVENT,
            data={**data, **form_tokens(form.text)},
            files=files,
            headers=form_headers(self.base_url, NEW_EVENT),
            allow_redirects=False,
            timeout=timeout,
        )
