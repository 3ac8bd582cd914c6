"""kg/graph/__init__.py: an article's triples, deduplicated and in a stable order; the reference graph."""

from __future__ import annotations

import dataclasses

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.graph import article_triples, reference_triples, triple_order
from kg.graph._example import example_extraction
from kg.ingest import read_articles
from kg.pipeline import extract
from tests.conftest import seed_paths


def test_article_triples_are_unique_and_sorted_on_plain_strings():
    for article in read_articles(seed_paths()[:2]):
        triples = article_triples(extract(article))
        assert len(triples) == len(set(triples))
        assert triples == sorted(set(triples), key=triple_order)
        # rdflib's own (slow) order agrees: no two typed literals share a subject and predicate here.
        assert triples == sorted(triples)


def test_duplicated_entities_give_each_triple_once():
    extraction = example_extraction()
    doubled = dataclasses.replace(extraction, entities=extraction.entities + extraction.entities)
    assert article_triples(doubled) == article_triples(extraction)


def test_triple_order_puts_iris_before_literals_and_tells_languages_and_datatypes_apart():
    s = URIRef("urn:s")
    rows = [
        (s, SKOS.altLabel, Literal("1", datatype=XSD.integer)),
        (s, SKOS.altLabel, Literal("1", lang="zh")),
        (s, SKOS.altLabel, Literal("1")),
        (s, SKOS.altLabel, URIRef("urn:z")),
        (s, RDF.type, URIRef("urn:t")),
    ]
    ordered = sorted(rows, key=triple_order)
    assert ordered[0][1] == RDF.type and ordered[1][2] == URIRef("urn:z")
    assert len({triple_order(r) for r in rows}) == len(rows)


def test_reference_triples_of_some_codes_are_a_sorted_subset_of_all():
    everything = reference_triples()
    assert everything == sorted(everything, key=triple_order)
    some = reference_triples(["540100"])  # 拉萨市 and its ancestors
    assert some == sorted(some, key=triple_order) and set(some) < set(everything)
    assert any(str(o) == "拉萨市" for s, p, o in some)
