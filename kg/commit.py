"""Commit extractions to the store: an article's RDF, validated, written as one transaction.

This is where the graph stage meets the store stage; ``kg build`` calls
:func:`ensure_reference` once and :func:`commit_extraction` for every article.

>>> from kg.graph._example import example_extraction
>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> ensure_reference(store)
>>> commit_extraction(store, example_extraction()) > 0
True
"""

from __future__ import annotations

from functools import lru_cache

from kg.graph import REFERENCE_GRAPH, article_triples, reference_triples, triple_order
from kg.graph.ontology import ONTOLOGY_GRAPH, ontology_graph
from kg.graph.validate import ArticleValidationError, validate_article
from kg.link import article_iri
from kg.model import Extraction
from kg.store import GraphStore, to_quads

__all__ = ["commit_extraction", "ensure_reference"]


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
    triples = article_triples(extraction)
    if validate:
        report = validate_article(triples)
        if not report.conforms:
            raise ArticleValidationError(extraction.article.path or extraction.article.id, report)
    return store.replace_graph(article_iri(extraction.article.id), triples)
