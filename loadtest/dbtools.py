"""Database work for the load test and the fault scenarios, in the database the
environment points at (run by loadtest/common.py; never in production).

    python loadtest/dbtools.py setup CONFIG.json [STAFF]
    python loadtest/dbtools.py check OUTDIR TITLE_PREFIX
    python loadtest/dbtools.py event TITLE
    python loadtest/dbtools.py outbox TEXT
    python loadtest/dbtools.py only_mail TEXT
    python loadtest/dbtools.py mail_due TEXT

``setup`` removes the events earlier test runs submitted, creates STAFF (default 5) venue
staff users ``loadtest-staff-N`` with fresh random passwords, each on its own venue that is *not*
trusted (so a submission awaits review and the secretariat is told by e-mail), clears any
login lockout, and writes what the simulated users need as JSON: logins, venue ids, focus
area ids, slugs of public events and municipalities.

``check`` compares the markers (unique event titles) the simulated staff recorded in
OUTDIR/attempted.txt and OUTDIR/submitted.txt with the events in the database, and prints
the result as JSON: every accepted submission must be there exactly once, awaiting review,
with all its dates; nothing else with the prefix may exist.

``event`` prints the rows with exactly that title (status, dates, image); ``outbox`` the
queued e-mails whose subject contains TEXT (status, retries, last error); ``only_mail``
removes every other e-mail still waiting in the queue, so that a fault scenario's worker run
handles its own message alone; ``mail_due`` makes the e-mails with TEXT in their subject that
wait for a retry due now, as if ``MAIL_RETRY_MINUTES`` had passed.
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturmetropolen.settings")

import django  # noqa: E402

django.setup()

from axes.models import AccessAttempt  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from events.models import Event, FocusArea, Occurrence  # noqa: E402
from municipalities.models import Municipality, Venue  # noqa: E402

TEST_TITLES = ("Belastningstest ", "Fejltest ")


def setup(config_path: str, staff: int = 5) -> None:
    User = get_user_model()
    with transaction.atomic():
        leftovers = Q()
        for prefix in TEST_TITLES:
            leftovers |= Q(title__startswith=prefix)
        deleted, _ = Event.objects.filter(leftovers).delete()
        venues = list(Venue.objects.filter(is_active=True).order_by("pk")[:staff])
        if len(venues) < staff:
            raise SystemExit(f"the database has {len(venues)} venues; {staff} are needed")
        accounts = []
        for n, venue in enumerate(venues, start=1):
            username = f"loadtest-staff-{n}"
            password = secrets.token_urlsafe(18)
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.set_password(password)
            user.is_active, user.is_staff, user.is_superuser = True, False, False
            user.save()
            venue.staff.add(user)
            if venue.is_trusted:
                venue.is_trusted = False
                venue.save(update_fields=["is_trusted"])
            accounts.append({"username": username, "password": password, "venue": venue.pk})
        AccessAttempt.objects.filter(username__startswith="loadtest-staff-").delete()
        from post_office.models import Email

        for prefix in TEST_TITLES:  # e-mails about earlier test events
            Email.objects.filter(subject__contains=prefix).delete()

    upcoming = (
        Occurrence.objects.public()
        .upcoming()
        .order_by("start")
        .values_list("event__slug", flat=True)[:400]
    )
    config = {
        "staff": accounts,
        "focus_areas": list(FocusArea.objects.values_list("pk", flat=True)),
        "focus_area_slugs": list(FocusArea.objects.values_list("slug", flat=True)),
        "events": sorted(set(upcoming)),
        "municipalities": list(Municipality.objects.values_list("slug", flat=True)),
        "deleted_test_rows": deleted,
    }
    Path(config_path).write_text(json.dumps(config, indent=2))
    print(
        f"  {len(accounts)} venue staff accounts, {len(config['events'])} public events; "
        f"removed {deleted} rows left by earlier test runs"
    )


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line] if path.exists() else []


def check(out: str, prefix: str, dates: int = 2) -> dict:
    out = Path(out)
    submitted, attempted = _lines(out / "submitted.txt"), _lines(out / "attempted.txt")
    rows = {}
    found = (
        Event.objects.filter(title__startswith=prefix)
        .annotate(dates=Count("occurrences"))
        .values_list("title", "status", "dates")
    )
    for title, status, n in found:
        rows.setdefault(title, []).append((status, n))
    result = {
        "attempted": len(attempted),
        "submitted": len(submitted),
        "distinct_submitted": len(set(submitted)),
        "rows": sum(len(r) for r in rows.values()),
        "missing": [m for m in submitted if m not in rows],
        "duplicated": [t for t, r in rows.items() if len(r) > 1],
        "without_their_dates": [t for t, r in rows.items() if any(n != dates for _, n in r)],
        "not_awaiting_review": [
            t for t, r in rows.items() if any(s != Event.Status.SUBMITTED for s, _ in r)
        ],
        "unexpected": [t for t in rows if t not in set(attempted)],
        "orphan_dates": Occurrence.objects.filter(event__isnull=True).count(),
        "axes_failures": AccessAttempt.objects.filter(
            username__startswith="loadtest-staff-"
        ).count(),
    }
    print(json.dumps(result))
    return result


def event(title: str) -> None:
    rows = (
        Event.objects.filter(title=title)
        .annotate(dates=Count("occurrences"))
        .values("pk", "status", "dates", "image")
    )
    print(json.dumps(list(rows)))


def outbox(text: str) -> None:
    """The queued e-mails (django-post-office) whose subject contains ``text``: status by
    name, retries, and the last delivery attempt's error."""
    from post_office.models import STATUS, Email

    rows = [
        {
            "status": STATUS._fields[email.status],
            "retries": email.number_of_retries or 0,
            "to": email.to,
            "last_error": next(
                (log.message for log in email.logs.order_by("-date") if log.message), ""
            ),
        }
        for email in Email.objects.filter(subject__contains=text)
    ]
    print(json.dumps(rows, default=str))


def only_mail(text: str) -> None:
    from post_office.models import STATUS, Email

    waiting = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued])
    removed, _ = waiting.exclude(subject__contains=text).delete()
    print(json.dumps({"removed": removed}))


def mail_due(text: str) -> None:
    from post_office.models import STATUS, Email

    due = Email.objects.filter(subject__contains=text, status=STATUS.requeued)
    print(json.dumps({"due": due.update(scheduled_time=None)}))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "setup":
        setup(args[0], int(args[1]) if len(args) > 1 else 5)
    elif command == "check":
        check(*args)
    elif command == "event":
        event(*args)
    elif command == "outbox":
        outbox(*args)
    elif command == "only_mail":
        only_mail(*args)
    elif command == "mail_due":
        mail_due(*args)
    else:
        raise SystemExit(f"unknown command {command!r}")
