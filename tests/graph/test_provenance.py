"""kg/graph/provenance.py: every extracted fact carries its article, span and sentence; `why` finds them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.graph import article_triples
from kg.graph._example import example_extraction
from kg.graph.namespace import KG
from kg.graph.provenance import OA, assertion_iri, assertion_triples, why
from tests.conftest import SEEDS

FACTS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?p IN (<%s>, <%s>, <%s>)) }" % (
    KG.issued,
    KG.conducted,
    KG.jurisdiction,
)

EVIDENCE = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://w3id.org/kg-ip/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?s ?p ?o ?id ?start ?end ?exact WHERE { GRAPH ?g {
  ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?g ; kg:evidence ?span .
  ?span oa:hasSource ?g ; oa:hasSelector ?pos, ?quote .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
  ?g dcterms:identifier ?id } }
"""


def test_every_fact_in_the_seed_store_has_a_sentence_from_its_article(seed_store):
    facts = {tuple(row[v].value for v in ("g", "s", "p", "o")) for row in seed_store.query(FACTS)}
    assert facts, "the seeds give facts"
    found = {}
    for row in seed_store.query(EVIDENCE):
        key = tuple(row[v].value for v in ("g", "s", "p", "o"))
        found[key] = (row["id"].value, int(row["start"].value), int(row["end"].value), row["exact"].value)
    assert facts - set(found) == set()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for article, start, end, exact in found.values():
        assert texts[article][start:end] == exact


def test_no_blank_nodes_and_stable_iris():
    first = article_triples(example_extraction())
    assert first == article_triples(example_extraction())
    assert not [t for t in first if any(isinstance(x, ox.BlankNode) or type(x).__name__ == "BNode" for x in t)]


def test_assertion_iri_depends_on_article_predicate_span_subject_and_object():
    base = assertion_iri("a", str(KG.issued), "urn:s", "urn:o", (1, 5))
    variants = [
        assertion_iri("b", str(KG.issued), "urn:s", "urn:o", (1, 5)),
        assertion_iri("a", str(KG.conducted), "urn:s", "urn:o", (1, 5)),
        assertion_iri("a", str(KG.issued), "urn:s", "urn:o", (2, 5)),
        assertion_iri("a", str(KG.issued), "urn:t", "urn:o", (1, 5)),
        assertion_iri("a", str(KG.issued), "urn:s", "urn:p", (1, 5)),
    ]
    assert base not in variants and len(set(variants)) == len(variants)


def test_inferred_fact_points_at_the_name_it_was_read_from():
    triples = assertion_triples(example_extraction())
    jurisdiction = [s for s, p, o in triples if p == RDF.predicate and o == KG.jurisdiction]
    assert len(jurisdiction) == 1
    node = jurisdiction[0]
    assert (node, KG.explicit, Literal(False)) in triples
    assert (node, PROV.wasDerivedFrom, URIRef("https://w3id.org/kg-ip/article/demo")) in triples
    assert (URIRef(f"https://w3id.org/kg-ip/article/demo/span/0-8/quote"), OA.exact, Literal("拉萨市市场监管局")) in triples


def _seed_issued_row(seed_store):
    from kg.query import run

    rows = run(seed_store, "issuers").rows
    assert rows
    return rows[0]


def test_why_finds_the_sentence_behind_an_issuers_row(seed_store):
    row = _seed_issued_row(seed_store)
    reasons = why(seed_store, row["issuer"], row["document"])
    assert reasons
    text = (SEEDS / f"{reasons[0].article}.txt").read_text(encoding="utf-8")
    assert any(r.article == row["article"] for r in reasons)
    for reason in reasons:
        assert text[reason.start : reason.end] == reason.sentence or reason.article != row["article"]
        assert row["document"].strip("《》")[:4] in reason.sentence or reason.explicit is False


def test_why_accepts_iris_and_quoted_titles(seed_store):
    row = _seed_issued_row(seed_store)
    by_name = why(seed_store, row["issuer"], row["document"])
    by_iri = why(seed_store, by_name[0].subject, by_name[0].object)
    quoted = why(seed_store, row["issuer"], f"《{row['document']}》")
    assert by_name == by_iri == quoted


@pytest.mark.parametrize("issuer,document", [("不存在的机构", "不存在的文件"), ("国家知识产权局", "https://example.org/nothing")])
def test_why_finds_nothing_for_facts_not_extracted(seed_store, issuer, document):
    assert why(seed_store, issuer, document) == []


@pytest.mark.parametrize("text", ["", "拉萨市", " 两端 空白\n\t", "《纲要》（2021-2035年）“十四五”", "𠮷野家", "true", "01", "a\u3000b"])
@pytest.mark.parametrize("lang", [None, "zh"])
def test_text_literal_is_the_literal_rdflib_builds(text, lang):
    from kg.graph.provenance import text_literal

    fast, plain = text_literal(text, lang), Literal(text, lang=lang)
    assert type(fast) is Literal and fast == plain and str(fast) == str(plain)
    for attribute in ("value", "language", "datatype", "ill_typed"):
        assert getattr(fast, attribute) == getattr(plain, attribute)
