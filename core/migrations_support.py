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


def rename_like_indexes(app_label: str, model_name: str, old_table: str):
    """A ``RunPython`` operation, for after an ``AlterModelTable``: on PostgreSQL, renames the
    ``…_like`` indexes (``varchar_pattern_ops``/``text_pattern_ops``) Django made for the
    model's indexed text columns under ``old_table`` to the names it computes for the new table.

    Django renames a table but not its indexes, and a later ``AlterField`` drops a ``_like``
    index by the name computed from the *current* table name: without this, it would leave the
    old index behind. Other engines have no such index; nothing happens there. Reversible.
    """

    def rename(apps, schema_editor, backwards):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        new_table = model._meta.db_table
        for field in model._meta.local_fields:
            db_type = field.db_type(connection=connection) or ""
            if not (field.db_index or field.unique) or field.primary_key:
                continue
            if not db_type.startswith(("varchar", "text")) or "[" in db_type:
                continue
            old = schema_editor._create_index_name(old_table, [field.column], suffix="_like")
            new = schema_editor._create_index_name(new_table, [field.column], suffix="_like")
            source, target = (new, old) if backwards else (old, new)
            schema_editor.execute(
                f"ALTER INDEX IF EXISTS {schema_editor.quote_name(source)} "
                f"RENAME TO {schema_editor.quote_name(target)}"
            )

    return migrations.RunPython(
        lambda apps, editor: rename(apps, editor, backwards=False),
        lambda apps, editor: rename(apps, editor, backwards=True),
    )


def normalize_text_to_nfc(app_label: str, *models: str, batch_size: int = 500):
    """A ``RunPython`` operation that rewrites every text column (``CharField``,
    ``TextField`` and their subclasses) of ``app_label``'s ``models`` in Unicode NFC
    (``core.text.nfc``), for rows stored before text was normalised on save. Reads each
    table once in primary-key order and writes only the rows that change. Nothing to undo:
    the reverse does nothing."""

    def forwards(apps, schema_editor):
        import unicodedata

        alias = schema_editor.connection.alias
        for name in models:
            model = apps.get_model(app_label, name)
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if f.get_internal_type()
                in {"CharField", "TextField", "SlugField", "URLField", "EmailField"}
            ]
            changed = []
            rows = model._default_manager.using(alias).only("pk", *fields).order_by("pk")
            for row in rows.iterator(chunk_size=2000):
                dirty = False
                for attname in fields:
                    value = getattr(row, attname)
                    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                        setattr(row, attname, unicodedata.normalize("NFC", value))
                        dirty = True
                if dirty:
                    changed.append(row)
            model._default_manager.using(alias).bulk_update(changed, fields, batch_size=batch_size)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
