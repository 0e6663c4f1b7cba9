"""The secretariat's pages for event sources (``sources``) and the imported events with
their possible duplicates (``items``)."""

from . import items, sources  # noqa: F401 - registers the model admins
