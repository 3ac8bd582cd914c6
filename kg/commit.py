"""Commit extractions to the store: RDF for an article, written as one transaction.

This is where the graph stage meets the store stage; ``kg build`` calls it
for every article.
"""

from __future__ import annotations

from kg.graph import REFERENCE_GRAPH, article_triples, reference_triples
from kg.link import article_iri
from kg.model import Extraction
from kg.store import GraphStore

__all__ = ["commit_extraction", "ensure_reference"]


def ensure_reference(store: GraphStore) -> None:
    """Load the gazetteer's reference graph once."""
    if str(REFERENCE_GRAPH) not in store.graphs():
        store.replace_graph(str(REFERENCE_GRAPH), reference_triples())


def commit_extraction(store: GraphStore, extraction: Extraction) -> int:
    """Replace the article's named graph with what ``extraction`` asserts; return the triple count."""
    return store.replace_graph(article_iri(extraction.article.id), article_triples(extraction))
