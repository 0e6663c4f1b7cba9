"""Access requests. Until the structure change the model belonged to ``municipalities``:
this migration replaces that app's, and keeps its table name until
``0003_moved_from_municipalities`` renames it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    replaces = [("municipalities", "0003_access_request")]
    dependencies = [
        ("municipalities", "0002_the_nine_municipalities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                (
                    "new_venue_name",
                    models.CharField(blank=True, max_length=200, verbose_name="new venue: name"),
                ),
                (
                    "new_venue_address",
                    models.CharField(blank=True, max_length=300, verbose_name="new venue: address"),
                ),
                ("message", models.TextField(blank=True, max_length=2000, verbose_name="message")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("approved", "approved"),
                            ("declined", "declined"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="received")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "new_venue_municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="municipalities.municipality",
                        verbose_name="new venue: municipality",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="access_requests",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="account",
                    ),
                ),
                (
                    "venue",
                    models.ForeignKey(
                        blank=True,
                        help_text="The venue the person gets access to. For a new venue, create it first and choose it here before approving.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="access_requests",
                        to="municipalities.venue",
                        verbose_name="venue",
                    ),
                ),
            ],
            options={
                "verbose_name": "access request",
                "verbose_name_plural": "access requests",
                "ordering": ["-created_at"],
                "db_table": "municipalities_accessrequest",
                "indexes": [
                    models.Index(fields=["status", "-created_at"], name="accessrequest_status_idx")
                ],
            },
        ),
    ]
