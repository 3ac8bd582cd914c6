"""Deterministic exports of the store: the same store gives the same bytes.

N-Triples is written as sorted, unique lines.  Turtle, TriG and JSON-LD go
through rdflib, whose serializers order subjects and predicates.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, GEO, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KgError
from kg.graph import SCHEMA, WGS84
from kg.graph.namespace import KG

PREFIXES = {
    "kg": KG._NS,
    "schema": SCHEMA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "geo": GEO,
    "wgs84": WGS84,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "org": "http://www.w3.org/ns/org#",
}


def _ntriples_lines(store) -> list[str]:
    lines = {f"{q.subject} {q.predicate} {q.object} ." for q in store.quads()}
    return sorted(lines)


def _nquads_lines(store) -> list[str]:
    lines = set()
    for q in store.quads():
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else f" {q.graph_name}"
        lines.add(f"{q.subject} {q.predicate} {q.object}{graph} .")
    return sorted(lines)


def _bind(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def export_store(store, export_format: str = "turtle") -> bytes:
    """Serialise the whole store.

    Args:
        export_format: ``turtle`` (the union of all graphs), ``trig`` (with
            the per-article named graphs), ``nt`` or ``jsonld``.

    Raises:
        KgError: an unknown format.
    """
    if export_format == "nt":
        return ("\n".join(_ntriples_lines(store)) + "\n").encode("utf-8")
    if export_format == "trig":
        dataset = Dataset()
        dataset.parse(data="\n".join(_nquads_lines(store)), format="nquads")
        _bind(dataset)
        return dataset.serialize(format="trig").encode("utf-8")
    if export_format in ("turtle", "jsonld"):
        graph = Graph()
        graph.parse(data="\n".join(_ntriples_lines(store)), format="nt")
        _bind(graph)
        if export_format == "turtle":
            return graph.serialize(format="turtle").encode("utf-8")
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, sort_keys=True, indent=1).encode("utf-8")
    raise KgError(f"unknown export format {export_format!r}; use turtle, trig, nt or jsonld")


__all__ = ["export_store", "PREFIXES"]
