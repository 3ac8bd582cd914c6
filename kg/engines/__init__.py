"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Every engine takes a stream of :class:`~kg.model.Article` objects and gives
back, in the same order, one :class:`~kg.model.Extraction` or
:class:`Failure` per article.  Extraction of one article depends on that
article alone, so every engine gives the same results; only the store writes
(done by the caller, in this process) have to be sequential.

Engines keep a bounded number of chunks in flight, so memory stays flat
however many articles stream through.

>>> from kg.model import Article
>>> with make_engine("local", jobs=1) as engine:
...     [r.article.id for r in engine.run([Article("a", "拉萨市印发《方案》")])]
['a']
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

from kg.errors import KgError, PipelineError
from kg.model import Article, Extraction

__all__ = [
    "ENGINES",
    "Engine",
    "Failure",
    "InProcessEngine",
    "chunked",
    "extract_chunk",
    "make_engine",
    "ordered_map",
]

#: Engine names ``kg build --engine`` accepts.
ENGINES: tuple[str, ...] = ("local", "dask")


@dataclass(frozen=True)
class Failure:
    """An article whose extraction failed: where and why (picklable, unlike exceptions with extra args)."""

    path: str
    reason: str


Result = Extraction | Failure


def _check(extraction: Extraction) -> Failure | None:
    """Validate the article graph against the SHACL shapes; a Failure if it violates them."""
    from kg.graph import article_triples
    from kg.graph.validate import ArticleValidationError, validate_article

    report = validate_article(article_triples(extraction))
    if report.conforms:
        return None
    article = extraction.article
    error = ArticleValidationError(article.path or article.id, report)
    return Failure(error.path, error.reason)


def extract_chunk(articles: Sequence[Article], validate: bool = False) -> list[Result]:
    """Extract a chunk of articles; the function workers run.

    With ``validate``, each article's graph is also checked against the
    SHACL shapes here, in the worker, so that checking scales with the
    workers; an article that violates them becomes a :class:`Failure` and
    is not written.

    A broken pipeline (:class:`~kg.errors.PipelineError`) stops the run; any
    other error is the article's own and becomes a :class:`Failure`, so one
    odd article never stops a batch of thousands.
    """
    from kg.pipeline import extract

    results: list[Result] = []
    for article in articles:
        try:
            extraction = extract(article)
            failure = _check(extraction) if validate else None
            results.append(extraction if failure is None else failure)
        except PipelineError:
            raise
        except KgError as exc:
            path = getattr(exc, "path", None) or article.path or article.id
            results.append(Failure(path, getattr(exc, "reason", None) or str(exc)))
        except Exception as exc:  # noqa: BLE001 - one article's bug must not end the batch
            reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this file"
            results.append(Failure(article.path or article.id, reason))
    return results


def chunked(articles: Iterable[Article], size: int, max_chars: int = 2_000_000) -> Iterator[list[Article]]:
    """Group articles into chunks of at most ``size`` articles and about ``max_chars`` characters.

    >>> [len(c) for c in chunked([Article(str(i), "x") for i in range(5)], 2)]
    [2, 2, 1]
    """
    chunk: list[Article] = []
    chars = 0
    for article in articles:
        chunk.append(article)
        chars += len(article.text)
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


class _Future(Protocol):
    def result(self) -> Any: ...


def ordered_map(
    submit: Callable[[list[Article]], _Future], chunks: Iterable[list[Article]], window: int
) -> Iterator[Result]:
    """Submit chunks, at most ``window`` in flight, and yield their results in input order.

    A bounded window is what keeps memory flat: ``Executor.map`` would read
    the whole corpus ahead.
    """
    pending: deque[_Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class Engine(Protocol):
    """Runs extraction; use as a context manager so workers are shut down."""

    name: str
    workers: int

    def run(self, articles: Iterable[Article], validate: bool = False) -> Iterator[Result]:
        """One result per article, in input order (``validate``: see :func:`extract_chunk`)."""
        ...

    def __enter__(self) -> "Engine": ...

    def __exit__(self, *exc: object) -> None: ...


class InProcessEngine:
    """Extraction in this process, one article at a time (``--jobs 1``)."""

    name = "local"
    workers = 1

    def run(self, articles: Iterable[Article], validate: bool = False) -> Iterator[Result]:
        for article in articles:
            yield from extract_chunk([article], validate)

    def __enter__(self) -> "InProcessEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def make_engine(name: str = "local", jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` with ``jobs`` workers.

    Args:
        name: ``local`` (this machine) or ``dask`` (a Dask cluster).
        jobs: local worker processes (1 = in this process); for ``dask``
            without ``scheduler``, the workers of the local cluster started.
        scheduler: address of a running Dask scheduler (``tcp://host:8786``).

    Raises:
        KgError: an unknown engine, a bad ``jobs``, or a scheduler option
            given to the local engine.
    """
    if jobs < 1:
        raise KgError(f"--jobs must be at least 1, got {jobs}")
    if name == "local":
        if scheduler:
            raise KgError("--scheduler needs --engine dask; the local engine runs on this machine")
        if jobs == 1:
            return InProcessEngine()
        from kg.engines.local import ProcessEngine

        return ProcessEngine(jobs)
    if name == "dask":
        from kg.engines.distributed import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=jobs)
    raise KgError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
