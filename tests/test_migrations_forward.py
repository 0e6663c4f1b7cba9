"""A database made by the code before the structure change migrates forward with every row.

The text pages and the e-mail outbox belonged to the app ``kulturmetropolen``, access requests
to ``municipalities``; they now belong to ``pages``, ``core`` and ``accounts``. This test takes
the last commit before the move out of the repository's history, migrates a fresh database
with it and fills it (``seed_demo`` and a row of each moved model, an edited page and an admin
history entry), then migrates it with the current code and compares: the same number of rows
in every model, the Sekretariat group keeps every permission (now on the moved models' new
content types), the admin history still points at its page, the old tables and content types
are gone, and undoing the text pages' migrations and redoing them gives the group back all it
had. A fresh database gives the group the same permissions as the old code did. It runs on the
database engine of ``DATABASE_URL`` (new databases of its own on PostgreSQL; files on SQLite).
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The last commit before the apps core, accounts and pages existed.
BEFORE_THE_MOVE = "4c8c12cf92e7aa9b6c71d1d6f5fd59be31ed3ee3"

#: (old app label, new app label, model) of every model that moved.
MOVED = [
    ("kulturmetropolen", "pages", "page"),
    ("kulturmetropolen", "core", "outgoingemail"),
    ("municipalities", "accounts", "accessrequest"),
]

ADD_ROWS = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from kulturmetropolen.models import OutgoingEmail, Page
from municipalities.models import AccessRequest, Venue

page = Page.objects.get(slug="om")
page.body = "Redigeret af sekretariatet."
page.save()
OutgoingEmail.objects.create(subject="Ikke sendt", body="Tekst", recipients="a@example.org")
AccessRequest.objects.create(name="Ida", email="ida@example.org", venue=Venue.objects.first())
LogEntry.objects.log_actions(
    user_id=get_user_model().objects.get(username="sekretariat").pk,
    queryset=[page],
    action_flag=CHANGE,
    change_message="Rettede teksten",
)
"""

COUNT_ROWS = """
import json
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group

counts = {
    f"{m._meta.app_label}.{m._meta.model_name}": m._default_manager.count()
    for m in apps.get_models()
}
group = Group.objects.get(name="Sekretariat")
permissions = sorted(
    f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
)
history = [
    [e.content_type.app_label, e.content_type.model, e.object_repr]
    for e in LogEntry.objects.select_related("content_type")
]
from django.db import connection
tables = sorted(connection.introspection.table_names())
like_indexes = []
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%\\_like'")
        like_indexes = sorted(row[0] for row in cursor.fetchall())
print(json.dumps({
    "counts": counts, "permissions": permissions, "history": history, "tables": tables,
    "like_indexes": like_indexes,
}))
"""


def _commit_available():
    if shutil.which("git") is None:
        return False
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{BEFORE_THE_MOVE}^{{commit}}"],
        capture_output=True,
    )
    return found.returncode == 0


@pytest.fixture
def new_database(tmp_path):
    """Makes new, empty databases on the engine the suite runs on (a file each on SQLite);
    returns their URLs; drops them afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    made = []
    server = None
    if configured.startswith("postgres"):
        settings = dj_database_url.parse(configured)
        server = {
            "host": settings["HOST"] or None,
            "port": settings["PORT"] or None,
            "user": settings["USER"] or None,
            "password": settings["PASSWORD"] or None,
            "dbname": "postgres",
            "autocommit": True,
        }

    def make():
        name = f"km_forward_{uuid.uuid4().hex[:8]}"
        if server is None:
            return f"sqlite:///{tmp_path / name}.sqlite3"
        import psycopg

        with psycopg.connect(**server) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return configured.rsplit("/", 1)[0] + f"/{name}"

    yield make
    if made:
        import psycopg

        with psycopg.connect(**server) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(cwd, database_url, *args, code=None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "kulturmetropolen.settings",
        "PYTHONPATH": str(cwd),
    }
    command = [sys.executable, "manage.py", *args]
    if code is not None:
        command += ["-c", code]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _state(cwd, database_url):
    return json.loads(_manage(cwd, database_url, "shell", code=COUNT_ROWS).strip().splitlines()[-1])


@pytest.mark.skipif(
    not _commit_available(), reason="the repository's history (git) is not available"
)
def test_a_database_of_the_old_structure_migrates_forward_with_every_row(tmp_path, new_database):
    old = _old_code(tmp_path)
    database_url = new_database()

    _manage(old, database_url, "migrate", "--noinput")
    _manage(old, database_url, "seed_demo")
    _manage(old, database_url, "shell", code=ADD_ROWS)
    before = _state(old, database_url)

    _manage(ROOT, database_url, "migrate", "--noinput")
    after = _state(ROOT, database_url)

    renamed = {f"{old_app}.{model}": f"{new_app}.{model}" for old_app, new_app, model in MOVED}
    renamed["kulturmetropolen.outgoingemail"] = "post_office.email"  # then into the queue
    expected_counts = {renamed.get(label, label): n for label, n in before["counts"].items()}
    expected_counts |= {
        label: 0 for label in after["counts"] if label.startswith("post_office.")
    } | {"post_office.email": 1}
    # The queue's four models came, the outbox went: their content types and permissions.
    expected_counts["contenttypes.contenttype"] += 4 - 1
    expected_counts["auth.permission"] += 4 * 4 - 4
    # Later the review history came (events 0011_moderation_versions): one empty model.
    expected_counts["events.moderationentry"] = 0
    expected_counts["contenttypes.contenttype"] += 1
    expected_counts["auth.permission"] += 4
    # The search table came (events/0013_search_table, no permissions): on PostgreSQL a
    # row per event, filled by the migration; on SQLite empty.
    expected_counts["contenttypes.contenttype"] += 1
    postgres = database_url.startswith("postgres")
    expected_counts["events.eventsearch"] = before["counts"]["events.event"] if postgres else 0
    # The event sources came (imports 0001, 0002): three empty models.
    expected_counts |= {f"imports.{model}": 0 for model in IMPORT_MODELS}
    expected_counts["contenttypes.contenttype"] += len(IMPORT_MODELS)
    expected_counts["auth.permission"] += 4 * len(IMPORT_MODELS)
    assert after["counts"] == expected_counts
    assert before["counts"]["events.event"] > 0
    assert after["counts"]["accounts.accessrequest"] == 1

    assert after["permissions"] == _now_held(before["permissions"])
    assert "pages.change_page" in after["permissions"]
    assert "post_office.change_email" in after["permissions"]
    assert "accounts.change_accessrequest" in after["permissions"]

    assert after["history"] == [["pages", "page", "Om Kulturmetropolen"]]
    old_tables = {"kulturmetropolen_page", "kulturmetropolen_outgoingemail"}
    old_tables.add("municipalities_accessrequest")
    new_tables = {"pages_page", "accounts_accessrequest", "events_moderationentry"}
    new_tables.add("events_eventsearch")
    new_tables |= {table for table in after["tables"] if table.startswith("imports_")}
    assert "imports_sourceitemdate" in new_tables
    new_tables |= {table for table in after["tables"] if table.startswith("post_office_")}
    assert "post_office_email" in new_tables
    assert old_tables <= set(before["tables"])
    assert set(after["tables"]) == set(before["tables"]) - old_tables | new_tables
    # PostgreSQL's pattern-matching (_like) indexes carry the new tables' names, as Django
    # computes them, so a later AlterField finds them.
    if before["like_indexes"]:
        assert any(name.startswith("kulturmetropolen_page_slug") for name in before["like_indexes"])
        assert not [name for name in after["like_indexes"] if name.startswith("kulturmetropolen")]
        assert any(name.startswith("pages_page_slug") for name in after["like_indexes"])
    # The page keeps its edited text, and migrating again changes nothing.
    assert "Redigeret af sekretariatet." in _manage(
        ROOT,
        database_url,
        "shell",
        code="from pages.models import Page; print(Page.objects.get(slug='om').body)",
    )
    assert "No migrations to apply." in _manage(ROOT, database_url, "migrate", "--noinput")
    stale = _manage(
        ROOT,
        database_url,
        "shell",
        code=(
            "from django.contrib.contenttypes.models import ContentType; "
            "print(ContentType.objects.filter("
            "app_label='kulturmetropolen').count(), ContentType.objects.filter("
            "app_label='municipalities', model='accessrequest').count())"
        ),
    )
    assert stale.split()[-2:] == ["0", "0"]

    # Undoing the text pages' migrations and doing them again gives the group back every
    # permission (the other apps' grants included), and every table its new name.
    _manage(ROOT, database_url, "migrate", "pages", "0001", "--noinput")
    _manage(ROOT, database_url, "migrate", "--noinput")
    again = _state(ROOT, database_url)
    assert again["permissions"] == after["permissions"]
    assert again["tables"] == after["tables"]


@pytest.mark.skipif(
    not _commit_available(), reason="the repository's history (git) is not available"
)
def test_a_fresh_database_gives_the_secretariat_the_same_permissions_as_before(
    tmp_path, new_database
):
    old = _old_code(tmp_path)
    before, now = new_database(), new_database()
    _manage(old, before, "migrate", "--noinput")
    _manage(ROOT, now, "migrate", "--noinput")
    expected = _now_held(_group_permissions(old, before))
    assert _group_permissions(ROOT, now) == expected
    assert len(expected) > 20


def _group_permissions(cwd, database_url):
    code = (
        "from django.contrib.auth.models import Group; "
        "print(*sorted(f'{p.content_type.app_label}.{p.codename}' "
        "for p in Group.objects.get(name='Sekretariat').permissions.all()))"
    )
    return _manage(cwd, database_url, "shell", code=code).strip().splitlines()[-1].split()


def _old_code(tmp_path):
    """The project's files at ``BEFORE_THE_MOVE``, in a folder of ``tmp_path``."""
    old = tmp_path / "before"
    old.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BEFORE_THE_MOVE], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    return old


#: The outbox then gave way to django-post-office's queue (core 0003): its rights on the
#: outbox became these on the queue.
QUEUE_PERMISSIONS = {
    "core.view_outgoingemail": ["post_office.view_email", "post_office.view_log"],
    "core.change_outgoingemail": ["post_office.change_email"],
    "core.delete_outgoingemail": [],
}


#: Later, the secretariat may delete access requests and venue-staff accounts, as the privacy
#: page promises (accounts 0004, pages 0006; docs/roles.md).
GAINED_PERMISSIONS = {"accounts.delete_accessrequest", "auth.delete_user"} | {
    f"imports.{codename}"
    for codename in (
        "add_eventsource",
        "change_eventsource",
        "delete_eventsource",
        "view_eventsource",
        "change_sourceitem",
        "view_sourceitem",
        "view_sourceitemdate",
    )
}
IMPORT_MODELS = ("eventsource", "sourceitem", "sourceitemdate")


def _now_held(permissions):
    """The permissions after the move, the outbox's replacement by the queue and the rights
    gained since."""
    held = set(GAINED_PERMISSIONS)
    for label in permissions:
        label = _renamed(label)
        held.update(QUEUE_PERMISSIONS.get(label, [label]))
    return sorted(held)


def _renamed(permission):
    """``app_label.codename`` of a permission after the move (unchanged if it did not move)."""
    app_label, codename = permission.split(".", 1)
    model = codename.split("_", 1)[1]
    for old_app, new_app, moved_model in MOVED:
        if app_label == old_app and model == moved_model:
            return f"{new_app}.{codename}"
    return permission
