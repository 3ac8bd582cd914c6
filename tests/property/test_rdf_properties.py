"""Hostile names and ids still make valid IRIs and RDF that round-trips through every format and the store.

A title such as 《a>b"c\\d<newline>e》, a campaign in quotes with control
characters, or a file whose name holds ``>`` must never produce an IRI that a
parser rejects or a literal that breaks Turtle, N-Triples or JSON-LD.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.graph import article_triples
from kg.graph.export import export_store
from kg.link import article_iri
from kg.link.iri import TYPE_PATHS, entity_iri
from kg.pipeline import extract_text
from kg.store import GraphStore
from tests.property.strategies import examples, ANY_CHAR, AGENCIES, hostile_name
from tests.property.strategies import article_id as article_ids

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PROFILE = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The characters an N-Triples IRIREF may not hold (RDF 1.1 N-Triples, production [8]).
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}

RDFLIB_FORMATS = ("turtle", "nt", "json-ld")


def assert_valid_iri(iri: str) -> None:
    assert not (set(iri) & _IRI_FORBIDDEN), repr(iri)
    ox.NamedNode(iri)  # pyoxigraph validates RFC 3987 syntax and raises ValueError


def roundtrip(triples: list) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    for fmt in RDFLIB_FORMATS:
        data = graph.serialize(format=fmt, encoding="utf-8")
        back = Graph().parse(data=data, format=fmt)
        assert isomorphic(graph, back), fmt
    return graph


def hostile_article(agency: str, title: str, campaign: str, org: str) -> str:
    return (
        f"{agency}印发《{title}》。\n"
        f"{agency}开展“{campaign}”专项行动，联合{org}有限公司打击侵权。\n"
        f"市委办和市政府办联合印发《关于{title}的实施方案》。"
    )


@PROFILE
@given(st.sampled_from(AGENCIES), hostile_name, hostile_name, hostile_name, article_ids)
@example("拉萨市市场监管局", 'a>b"c\\d\ne', "铁\x00拳\x1b", "{x}|^`", 'dir/x>"y\\')
@example("国家知识产权局", "\r\n\u2028\u2029", "\ufffe\uffff", "\U0010ffff𠮷", "%2F..%zz")
def test_hostile_names_give_valid_iris_and_rdf_that_round_trips(agency, title, campaign, org, doc_id):
    text = hostile_article(agency, title, campaign, org)
    extraction = extract_text(text, doc_id)
    event(f"entity types: {sorted({e.type for e in extraction.entities})}")
    triples = article_triples(extraction)
    assert triples
    for triple in triples:
        for term in triple:
            if isinstance(term, URIRef):
                assert_valid_iri(str(term))
    graph = roundtrip(triples)

    # The store keeps exactly these triples in the article's graph ...
    store = GraphStore()
    name = article_iri(doc_id)
    assert store.replace_graph(name, triples) == len(triples)
    stored = Graph()
    for quad in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        stored.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    assert isomorphic(graph, stored)
    # ... and kg's own exporters write what parsers read back as the same graph.
    for fmt, rdflib_fmt in (("nt", "nt"), ("turtle", "turtle"), ("jsonld", "json-ld")):
        exported = Graph().parse(data=export_store(store, fmt), format=rdflib_fmt)
        assert isomorphic(graph, exported), fmt


@settings(max_examples=examples(100), deadline=None)
@given(st.sampled_from(sorted(TYPE_PATHS)), st.text(ANY_CHAR, min_size=1, max_size=30) | hostile_name)
def test_entity_iris_are_valid_for_any_name(entity_type, name):
    assert_valid_iri(entity_iri(entity_type, name))


_ids = article_ids | st.text(ANY_CHAR, min_size=1, max_size=30)


@settings(max_examples=examples(100), deadline=None)
@given(_ids, _ids)
@example("a/b", "a%2Fb")  # an id that looks like another id's encoding
@example("x y", "x%20y")
@example("字\U000E0100", "字")  # a variation selector outside RFC 3987's ucschar: encoded, not kept
def test_article_iris_are_valid_and_distinct_for_distinct_ids(one, other):
    assert_valid_iri(article_iri(one))
    # Distinct ids must not share a named graph: one article would overwrite the other in the store.
    assert (article_iri(one) == article_iri(other)) == (one == other)
