"""Commit extractions to the store: an article's RDF, validated, written as one transaction.

This is where the graph stage meets the store stage; ``kg build`` calls
:func:`ensure_reference` once and writes every article through an
:class:`ArticleWriter`; :func:`commit_extraction` writes one article on its own.

>>> from kg.graph._example import example_extraction
>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> ensure_reference(store)
>>> commit_extraction(store, example_extraction()) > 0
True
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

from kg.errors import StoreError
from kg.graph import REFERENCE_GRAPH, Triple, article_triples, reference_triples, triple_order
from kg.graph.namespace import KG
from kg.graph.ontology import ONTOLOGY_GRAPH, ontology_graph
from kg.graph.validate import ArticleValidationError, validate_article
from kg.link import article_iri
from kg.model import Extraction
from kg.store import GraphStore, to_nquads, to_quads

__all__ = ["ArticleWriter", "BULK_QUADS", "BULK_SECONDS", "FLUSH_EVERY", "commit_extraction", "ensure_reference"]

#: A batch of new articles is bulk-loaded once it holds this many quads
#: (~200 articles) ...
BULK_QUADS = 50_000
#: ... or once it is this many seconds old, so a long build shows its progress
#: in the store and a crash costs at most this much work.  Per article, a
#: bulk load of 100+ articles costs ~1.5 ms of CPU against ~4 ms for one
#: transaction each (docs/ontology.md).
BULK_SECONDS = 2.0

_SEAL = KG.sha256


def ensure_reference(store: GraphStore) -> None:
    """Load the gazetteer's reference graph and the ontology graph unless the store has them as they are.

    The reference graph (~30k triples) is written once; the ontology graph
    (a few hundred) is compared and replaced when ``ontology/kg.ttl`` changed.
    """
    if not store.has_graph(str(REFERENCE_GRAPH)):
        store.replace_graph(str(REFERENCE_GRAPH), _reference_quads())
        # Flushed once, the ~30k reference quads leave the write buffer and
        # later article writes run about 1.5x faster.
        store.flush()
    ontology = sorted(ontology_graph(), key=triple_order)
    if store.graph_triples(ONTOLOGY_GRAPH) != set(ontology):
        store.replace_graph(ONTOLOGY_GRAPH, ontology)


@lru_cache(maxsize=1)
def _reference_quads() -> tuple:
    """The reference graph as store quads, converted once per process (tests and benchmarks open many stores)."""
    return to_quads(str(REFERENCE_GRAPH), reference_triples())


def commit_extraction(store: GraphStore, extraction: Extraction, *, validate: bool = True) -> int:
    """Replace the article's named graph with what ``extraction`` asserts; return the triple count.

    The graph is checked against ``ontology/shapes.ttl`` first (with the
    reference data of the places it points at); the store is only written
    when it conforms.

    Raises:
        ArticleValidationError: the graph violates a shape; the article's
            previous graph, if any, stays.
        StoreError: the store could not be written.
    """
    return store.replace_graph(article_iri(extraction.article.id), _checked_triples(extraction, validate))


def _checked_triples(extraction: Extraction, validate: bool) -> list[Triple]:
    triples = article_triples(extraction)
    if validate:
        report = validate_article(triples)
        if not report.conforms:
            raise ArticleValidationError(extraction.article.path or extraction.article.id, report)
    return triples


#: Articles replaced in transactions between two flushes.  pyoxigraph keeps
#: what transactions write in memory until a flush: without one, a
#: 10,000-article rebuild grew to 1.7 GB; flushing every 200 keeps it flat at
#: no measurable cost (bench/RESULTS.md).  Bulk loads write files directly
#: and need none.
FLUSH_EVERY = 200


class ArticleWriter:
    """Writes article graphs to a store: new articles in bulk batches, changed ones one transaction each.

    New articles (no graph in the store yet) are gathered as N-Quads text and
    bulk-loaded by :meth:`GraphStore.load_new_graphs` once the batch holds
    ``batch_quads`` quads or is ``batch_seconds`` old, with each article's
    content hash (``kg:sha256``) as its seal: a crash part-way leaves
    articles without their hash, which the next ``kg build`` re-extracts.
    The load runs in a background thread — pyoxigraph parses and indexes
    without the GIL — so the next batch is extracted meanwhile; at most one
    batch loads while the next fills.  An article whose graph exists is
    replaced by :meth:`GraphStore.replace_graph`, in one transaction, after
    the load in flight.  Leaving the ``with`` block writes what is pending,
    also when the build was interrupted.

    >>> from kg.graph._example import example_extraction
    >>> from kg.store import GraphStore
    >>> store = GraphStore()
    >>> with ArticleWriter(store) as writer:
    ...     n = writer.write(example_extraction())
    ...     store.has_graph(article_iri("demo"))       # still in the batch
    False
    >>> store.has_graph(article_iri("demo"))
    True
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        validate: bool = True,
        batch_quads: int = BULK_QUADS,
        batch_seconds: float = BULK_SECONDS,
    ):
        self.store = store
        self.validate = validate
        self.batch_quads = batch_quads
        self.batch_seconds = batch_seconds
        self._lines: list[str] = []
        self._seals: list[str] = []
        self._graphs: list[str] = []
        self._quads = 0
        self._started = 0.0
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk-load")
        self._loading: Future | None = None
        self._loading_graphs: frozenset[str] = frozenset()
        self._replaced = 0

    def write(self, extraction: Extraction) -> int:
        """Write (or queue) ``extraction``'s article graph; return its triple count.

        Raises:
            ArticleValidationError: the graph violates a shape (with
                ``validate=True``); nothing of it is written.
            StoreError: the store could not be written (also a failed
                background load of an earlier batch).
        """
        triples = _checked_triples(extraction, self.validate)
        graph = article_iri(extraction.article.id)
        if graph in self._loading_graphs or graph in self._graphs:
            self.flush()  # the same article twice: the later one replaces the earlier, in order
        if self.store.has_graph(graph):
            self.wait()  # a transaction must not run beside a bulk load
            written = self.store.replace_graph(graph, triples)
            self._replaced += 1
            if self._replaced % FLUSH_EVERY == 0:
                self.store.flush()
            return written
        seals = [t for t in triples if t[1] == _SEAL]
        body = [t for t in triples if t[1] != _SEAL] if seals else triples
        self._lines.append(to_nquads(graph, body))
        if seals:
            self._seals.append(to_nquads(graph, seals))
        if not self._graphs:
            self._started = time.monotonic()
        self._graphs.append(graph)
        self._quads += len(body)
        if self._quads >= self.batch_quads or time.monotonic() - self._started >= self.batch_seconds:
            self._submit()
        return len(triples)

    def _submit(self) -> None:
        """Hand the pending batch to the loader thread, once the batch before it is in."""
        self.wait()
        if not self._graphs:
            return
        graphs, lines, seals = self._graphs, "".join(self._lines), "".join(self._seals)
        self._lines, self._seals, self._graphs, self._quads = [], [], [], 0
        self._loading_graphs = frozenset(graphs)
        self._loading = self._loader.submit(self.store.load_new_graphs, graphs, lines, seals)

    def wait(self) -> None:
        """Wait until the batch in flight, if any, is in the store; its error is raised here."""
        loading, self._loading = self._loading, None
        self._loading_graphs = frozenset()
        if loading is not None:
            loading.result()

    def flush(self) -> None:
        """Write every pending article now, and wait until it is in the store."""
        self._submit()
        self.wait()
        self.store.flush()

    def close(self) -> None:
        """Write what is pending and stop the loader thread."""
        try:
            self.flush()
        finally:
            self._loader.shutdown(wait=True)

    def __enter__(self) -> "ArticleWriter":
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if isinstance(exc, StoreError):  # a failed write is not retried
            self._loader.shutdown(wait=True)
        else:
            self.close()
