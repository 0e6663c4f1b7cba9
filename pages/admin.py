"""The editable text pages in the admin (edited, never added or deleted)."""

from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """The three text pages: the secretariat edits their Danish and English text."""

    list_display = ["title", "slug", "updated_at"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "body"]}),
        ("English", {"fields": ["title_en", "body_en"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False  # the three pages are part of the site; edit them, don't delete them
