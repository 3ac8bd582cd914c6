"""The store stage: a persistent pyoxigraph store, one named graph per article.

>>> from kg.store import GraphStore
>>> store = GraphStore()          # in memory; GraphStore("kg-store") on disk
>>> len(store)
0
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["GraphStore", "to_oxigraph"]


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to the pyoxigraph term with the same value."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


class GraphStore:
    """A pyoxigraph store holding one named graph per source article.

    Args:
        path: a directory for a persistent store, or None for one in memory.

    Raises:
        StoreError: the directory cannot be opened (for example another
            process holds it).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`, for what this wrapper does not cover."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def replace_graph(self, graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace named graph ``graph`` with ``triples`` in one transaction; return their number.

        Either the whole new graph is written or the old one stays: a crash
        or error half-way never leaves half a graph.
        """
        name = ox.NamedNode(graph)
        lines = [f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} ." for s, p, o in triples]
        update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n" + "\n".join(lines) + "\n} }"
        try:
            self._store.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph <{graph}> to the store: {exc}") from exc
        return len(lines)

    def remove_graph(self, graph: str) -> bool:
        """Drop named graph ``graph``; return whether it was there."""
        name = ox.NamedNode(graph)
        if not self._store.contains_named_graph(name):
            return False
        self._store.remove_graph(name)
        return True

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, substitutions: dict[str, Node] | None = None):
        """Run a SPARQL query over the union of all graphs.

        ``substitutions`` binds variables to RDF terms (never spliced into the text).
        """
        bound = {ox.Variable(k.lstrip("?$")): to_oxigraph(v) for k, v in (substitutions or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=bound or None)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store."""
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if self.path is not None:
            self._store.flush()
