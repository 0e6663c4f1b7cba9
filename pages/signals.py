"""An edited text page makes cached pages stale; its text is stored in Unicode NFC."""

from django.db.models.signals import pre_save

from core.pagecache import watch
from core.text import nfc_text_fields

from .models import Page

watch(Page)
pre_save.connect(nfc_text_fields, sender=Page, dispatch_uid="nfc_pages.Page")
