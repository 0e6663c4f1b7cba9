"""Why a source could not be read, in words a venue coordinator understands."""


class SourceError(Exception):
    """A source could not be fetched or read.

    ``str(error)`` is a complete sentence in Danish for the source's status, the staff page
    and the console (e.g. «Adressen svarede ikke inden for 20 sekunder.»); it never contains
    a traceback or the document's content. Readers and the fetcher raise it (or a subclass);
    the importer catches it, leaves the source's events untouched and stores the message.
    """
