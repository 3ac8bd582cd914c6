"""``kg build``: extract articles and write them to the store, one named graph each.

New articles are bulk-loaded in batches and a changed article is replaced in
one transaction (:class:`kg.commit.ArticleWriter`): a build that fails or is
killed half-way leaves what the store held before, and an article counts as
built only once its content hash is written, last.  Extraction may run on an
engine (worker processes, a Dask cluster); the store is always written here,
in input order, so every engine builds the same store.

Builds are incremental: an article whose content hash (``kg:sha256`` in its
graph) is already in the store is skipped, so re-running on a grown folder
costs only the new and changed files.

>>> from kg.build import build
>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> report = build(["seeds/001_33a5e50e001da68a.txt"], store)
>>> report.articles, report.skipped, report.failures
(1, 0, [])
>>> build(["seeds/001_33a5e50e001da68a.txt"], store).skipped
1
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.commit import ArticleWriter, ensure_reference
from kg.engines import InProcessEngine
from kg.errors import IngestError
from kg.graph.namespace import KG
from kg.graph.validate import ArticleValidationError
from kg.ingest import read_articles
from kg.link import article_iri
from kg.model import Article, Extraction
from kg.pipeline import extract_articles
from kg.store import GraphStore

if TYPE_CHECKING:
    from kg.engines import Engine

__all__ = ["BuildReport", "build", "stored_hash"]

_SHA256 = ox.NamedNode(str(KG.sha256))


@dataclass
class BuildReport:
    """What a build did."""

    articles: int = 0  # articles extracted and written
    skipped: int = 0  # articles already in the store with the same content hash
    triples: int = 0
    chars: int = 0  # characters of the articles extracted
    seconds: float = 0.0
    entities: Counter = field(default_factory=Counter)
    failures: list[IngestError] = field(default_factory=list)


def stored_hash(store: GraphStore, graph_iri: str) -> str | None:
    """The content hash (``kg:sha256``) the article graph ``graph_iri`` was built from, or None.

    One index lookup, so a build asks per article instead of holding every
    hash of the store in memory.
    """
    for quad in store.oxigraph.quads_for_pattern(None, _SHA256, None, ox.NamedNode(graph_iri)):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return None


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: GraphStore,
    progress: Callable[[str], None] | None = None,
    *,
    engine: "Engine | None" = None,
    force: bool = False,
    validate: bool = True,
    max_bytes: int | None = None,
) -> BuildReport:
    """Extract every article under ``paths`` into ``store``; bad files are reported and skipped.

    Args:
        paths: files and folders (folders are walked).
        store: the store to write.
        progress: called with each file's path once it is done (written,
            skipped or failed).
        engine: where extraction runs (see :func:`kg.engines.make_engine`);
            this process by default.  The store is the same for every engine.
        force: extract and write every article, even those whose content
            hash is already in the store (after a change to the pipeline).
        max_bytes: refuse files larger than this (default: ``$KG_MAX_BYTES``
            or 20 MB), with a one-line failure.
        validate: check each article's graph against ``ontology/shapes.ttl``
            before writing it (on the engine's workers, so it runs in
            parallel, or here when extraction runs here); an article that
            violates the shapes is reported as a failure and not written.
    """
    started = time.perf_counter()
    report = BuildReport()
    ensure_reference(store)
    # A store with no article yet (a first build) has nothing to compare with.
    compare = not force and next(store.oxigraph.quads_for_pattern(None, _SHA256, None, None), None) is not None

    def unchanged(article: Article) -> bool:
        return compare and bool(article.sha256) and stored_hash(store, article_iri(article.id)) == article.sha256

    def to_extract() -> Iterator[Article | IngestError]:
        for item in read_articles(paths, max_bytes=max_bytes):
            if isinstance(item, Article) and unchanged(item):
                report.skipped += 1
                if progress is not None:
                    progress(item.path)
                continue
            yield item

    # In this process the writer checks the very triples it writes (building them once); with worker
    # processes the check runs there, in parallel (kg.engines.extract_chunk), and the writer skips it.
    check_here = validate and (engine is None or isinstance(engine, InProcessEngine))
    with ArticleWriter(store, validate=check_here) as writer:
        for item in extract_articles(to_extract(), engine, validate=validate and not check_here):
            if isinstance(item, Extraction):
                try:
                    triples = writer.write(item)
                except ArticleValidationError as error:
                    item = IngestError(error.path, error.reason)
                else:
                    report.articles += 1
                    report.chars += len(item.article.text)
                    report.triples += triples
                    report.entities.update(e.type for e in item.entities)
            if isinstance(item, IngestError):
                report.failures.append(item)
            if progress is not None:
                progress(item.path if isinstance(item, IngestError) else item.article.path)
    report.seconds = time.perf_counter() - started
    return report
