"""What a run did (or, dry, would do): the preview and the source's status are read from it."""

from dataclasses import dataclass, field


@dataclass
class Change:
    """One source event's change: ``uid`` and ``title`` from the source, ``event`` ours (None
    when deleted here), ``fields`` the event fields set from the source, ``kept`` those
    edited here and so not overwritten (``held``: for each, ``(source's new value, value
    here)``), ``dates`` the ``Occurrence``s created, moved or cancelled; ``suspect`` a new
    event held as a possible duplicate."""

    uid: str
    title: str
    event: object = None
    fields: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    held: dict = field(default_factory=dict)
    #: The value each field in ``fields`` had before, by name; a moved or (un)cancelled
    #: date's ``Occurrence`` as it was (unsaved), by the occurrence's pk.
    was: dict = field(default_factory=dict)
    was_dates: dict = field(default_factory=dict)
    dates: list = field(default_factory=list)
    suspect: bool = False


@dataclass
class RunReport:
    """The outcome of ``imports.sync.run``: ``created``, ``updated``, ``cancelled`` and
    ``kept`` are lists of :class:`Change`, ``unchanged`` a count; each event read (or gone)
    is in exactly one of them (docs/imports.md, "What a run counts"):

    - ``created``: new here;
    - ``cancelled``: every date that changed was cancelled — by the source (``STATUS:
      CANCELLED``, the whole event cancelled) or because it is gone from it — and no field
      changed;
    - ``updated``: a field changed, or a date was added, moved or un-cancelled (any
      cancelled dates with it are listed in its row);
    - ``kept``: the source changed only fields edited here, so nothing was written
      (``Change.held`` says what the source has now);
    - ``unchanged``: nothing at the source changed.

    ``errors`` Danish sentences (a failed run has
    ``failed`` set and changed nothing; a problem with one event or image does not fail the
    run). ``dry_run``: nothing was saved."""

    source: object
    dry_run: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    kept: list = field(default_factory=list)
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
        """``{"created", "updated", "cancelled", "kept", "unchanged"}`` → numbers of events
        (see the class)."""
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "cancelled": len(self.cancelled),
            "kept": len(self.kept),
            "unchanged": self.unchanged,
        }

    @property
    def suspects(self) -> list:
        return [c for c in self.created if c.suspect]
