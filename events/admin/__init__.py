"""The secretariat's admin for events, their pending changes and the vocabularies.

Importing this package (Django's admin autodiscovery does) registers every ModelAdmin and
adds the accessibility features to the venue admin of ``municipalities``.
"""

from . import event, revisions, vocabularies  # noqa: F401 - registers the ModelAdmins
