"""An edited text page makes cached pages stale."""

from core.pagecache import watch

from .models import Page

watch(Page)
