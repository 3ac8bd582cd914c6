"""Typed errors.  Messages say what went wrong, where, and how to fix it.

The CLI turns any :class:`KgError` into one line on stderr.
"""


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class IngestError(KgError):
    """A file could not be read as an article (not text, undecodable, unreadable)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):
        # Worker processes (kg build --jobs, Dask) send errors back pickled.
        return (type(self), (self.path, self.reason))


class PipelineError(KgError):
    """The NLP pipeline could not be built (a missing model or a bad config)."""


class StoreError(KgError):
    """The store could not be opened, written or read."""


class QueryError(KgError):
    """A query is unknown, malformed, or got a bad parameter."""


class ValidationError(KgError):
    """A graph violates the SHACL shapes in ``ontology/shapes.ttl``."""
