"""kg/graph/shacl.py: the fast engine reports what pyshacl reports, on kg's graphs and on broken ones."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.graph import article_triples
from kg.graph._example import example_extraction
from kg.graph.ontology import shapes_graph
from kg.graph.shacl import Shapes, UnsupportedShape
from kg.graph.validate import reference_for, validate_triples
from tests.graph.test_validate import BROKEN, good


def _key(report):
    return {(f.severity, f.focus, f.path, f.value, f.message) for f in report.findings}


def _both(triples):
    triples = list(triples) + reference_for(triples)
    fast, slow = validate_triples(triples, "fast"), validate_triples(triples, "pyshacl")
    assert fast.conforms == slow.conforms
    assert _key(fast) == _key(slow)
    return fast


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_fast_engine_agrees_with_pyshacl_on_broken_graphs(case):
    breaker, _words = BROKEN[case]
    assert not _both(breaker(good())).conforms


def test_fast_engine_agrees_with_pyshacl_on_the_seed_graphs(seed_store):
    from kg.graph.validate import _reference_closure

    for graph in seed_store.graphs():
        if "/article/" in graph:
            triples = seed_store.graph_triples(graph)
            fast = validate_triples(list(triples) + _reference_closure(seed_store, triples), "fast")
            slow = validate_triples(list(triples) + _reference_closure(seed_store, triples), "pyshacl")
            assert _key(fast) == _key(slow), graph


def test_fast_engine_agrees_on_warnings_and_datatypes():
    town = URIRef("https://w3id.org/kg-ip/place/x-镇")
    lhasa = URIRef("https://w3id.org/kg-ip/place/540100")
    extra = [
        (town, RDF.type, URIRef("https://w3id.org/kg-ip/ontology#Place")),
        (town, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("镇", lang="zh")),
        (town, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("plain, no language")),
        (lhasa, URIRef("https://w3id.org/kg-ip/ontology#divisionLevel"), Literal("city")),
        (URIRef("https://w3id.org/kg-ip/article/demo"), URIRef("https://w3id.org/kg-ip/ontology#sha256"), Literal("XYZ")),
    ]
    report = _both(good() + extra)
    assert {f.severity for f in report.findings} == {"violation", "warning"}


def test_unsupported_features_are_refused_not_skipped():
    shapes = Graph()
    shape, prop = URIRef("urn:shape"), BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef("urn:C")))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, URIRef("urn:p")))
    shapes.add((prop, SH.hasValue, Literal(1)))
    with pytest.raises(UnsupportedShape, match="hasValue"):
        Shapes(shapes)


def test_compiles_kg_shapes():
    assert len(Shapes(shapes_graph()).shapes) >= 10
    assert Shapes(shapes_graph()).validate(article_triples(example_extraction()) + reference_for(article_triples(example_extraction()))) == []
