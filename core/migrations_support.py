"""Helpers for migrations that move a model from one app to another.

A moved model keeps its rows, and its content type is renamed rather than created anew, so
that the permissions granted on it (the Sekretariat group's) and the admin's history of its
rows stay attached to it.
"""

from django.db import migrations


def move_content_type(old_app_label: str, new_app_label: str, model: str):
    """A ``RunPython`` operation that renames the content type ``old_app_label.model`` to
    ``new_app_label.model`` (``model`` in lower case, as Django stores it).

    On a fresh database neither exists yet and nothing happens. If both exist (Django made the
    new one before this ran), the old one's permissions and admin log entries are moved to the
    new one and the old one is deleted. Reversible.
    """

    def forwards(apps, schema_editor, old=old_app_label, new=new_app_label):
        _rename(apps, schema_editor.connection.alias, old, new, model)

    def backwards(apps, schema_editor, old=old_app_label, new=new_app_label):
        _rename(apps, schema_editor.connection.alias, new, old, model)

    return migrations.RunPython(forwards, backwards)


def _rename(apps, alias, old, new, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    types = ContentType.objects.using(alias)
    stale = types.filter(app_label=old, model=model).first()
    if stale is None:
        return
    current = types.filter(app_label=new, model=model).first()
    if current is None:
        stale.app_label = new
        stale.save(update_fields=["app_label"])
        return
    existing = set(
        Permission.objects.using(alias)
        .filter(content_type=current)
        .values_list("codename", flat=True)
    )
    for permission in Permission.objects.using(alias).filter(content_type=stale):
        if permission.codename in existing:
            twin = Permission.objects.using(alias).get(
                content_type=current, codename=permission.codename
            )
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for user in permission.user_set.all():
                user.user_permissions.add(twin)
            permission.delete()
        else:
            permission.content_type = current
            permission.save(update_fields=["content_type"])
    LogEntry.objects.using(alias).filter(content_type=stale).update(content_type=current)
    stale.delete()
