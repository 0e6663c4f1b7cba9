"""What a run did (or, dry, would do): the preview and the source's status are read from it."""

from dataclasses import dataclass, field


@dataclass
class Change:
    """One source event's change: ``uid`` and ``title`` from the source, ``event`` ours (None
    when deleted here), ``fields`` the event fields set from the source, ``kept`` those
    edited here and so not overwritten, ``dates`` the ``Occurrence``s created, moved or
    cancelled; ``suspect`` a new event held as a possible duplicate."""

    uid: str
    title: str
    event: object = None
    fields: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    suspect: bool = False


@dataclass
class RunReport:
    """The outcome of ``imports.sync.run``: ``created``, ``updated`` and ``cancelled`` are
    lists of :class:`Change` (cancelled: events gone from the source, their dates
    cancelled), ``unchanged`` a count; ``errors`` Danish sentences (a failed run has
    ``failed`` set and changed nothing; a problem with one event or image does not fail the
    run). ``dry_run``: nothing was saved."""

    source: object
    dry_run: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    failed: bool = False
    #: Not run: another run of the source was under way (``imports.run_guard``).
    busy: bool = False
    #: The document's SHA-256 and horizon; ``document_unchanged``: the same as the last
    #: good run read today, so it was not read again (``unchanged`` is that run's count).
    digest: str = ""
    document_unchanged: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def counts(self) -> dict:
        """``{"created", "updated", "cancelled", "unchanged"}`` → numbers. A changed event
        whose dates were cancelled counts as updated; ``cancelled`` counts events gone."""
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "cancelled": len(self.cancelled),
            "unchanged": self.unchanged,
        }

    @property
    def suspects(self) -> list:
        return [c for c in self.created if c.suspect]
