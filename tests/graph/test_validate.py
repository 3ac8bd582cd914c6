"""kg/graph/validate.py: kg's graphs satisfy ontology/shapes.ttl, and broken graphs are caught with a reason."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.graph import article_triples
from kg.graph._example import example_extraction
from kg.graph.namespace import KG
from kg.graph.provenance import OA
from kg.graph.validate import reference_for, validate_article, validate_store

BODY = URIRef("https://w3id.org/kg-ip/agency/拉萨市市场监督管理局")
DOC = URIRef("https://w3id.org/kg-ip/document/拉萨市知识产权保护实施方案")
LHASA = URIRef("https://w3id.org/kg-ip/place/540100")


def good() -> list:
    return article_triples(example_extraction())


def test_example_graph_conforms():
    report = validate_article(good())
    assert report.conforms, report.text()
    assert report.findings == ()


def test_seed_store_graphs_conform(seed_store):
    reports = validate_store(seed_store)
    assert len(reports) == 5
    assert {g: r.text() for g, r in reports.items() if not r.conforms} == {}


def test_union_of_seed_graphs_conforms_with_one_label_per_entity(seed_store):
    """Seeds 000 and 003 spell the 纲要's year range with - and —: one IRI, so one prefLabel in the union."""
    from rdflib import Graph

    union = Graph()
    lines = {f"{q.subject} {q.predicate} {q.object} ." for q in seed_store.quads() if "article/" in str(q.graph_name)}
    union.parse(data="\n".join(sorted(lines)), format="nt")
    report = validate_article(list(union))
    assert report.conforms, report.text()
    labels = {
        str(o)
        for s, p, o in union.triples((None, SKOS.prefLabel, None))
        if "知识产权强国建设纲要(2021" in str(s) and str(s).endswith("年)")
    }
    assert labels == {"知识产权强国建设纲要(2021—2035年)"}


def test_reference_for_brings_the_places_and_their_ancestors():
    codes = {str(o) for s, p, o in reference_for(good()) if p == KG.divisionCode}
    assert codes == {"540100", "540000", "ISO:CN"}


def _without(triples, predicate=None, obj=None, subject=None):
    return [
        t
        for t in triples
        if not ((predicate is None or t[1] == predicate) and (obj is None or t[2] == obj) and (subject is None or t[0] == subject))
    ]


def _assertion(triples, predicate):
    return next(s for s, p, o in triples if p == RDF.predicate and o == predicate)


BROKEN = {
    "issuer not typed as an organisation": (
        lambda t: _without(t, RDF.type, KG.GovernmentBody, BODY),
        "kg:GovernmentBody or kg:Organization",
    ),
    "issuer typed as a place": (
        lambda t: _without(t, RDF.type, KG.GovernmentBody, BODY) + [(BODY, RDF.type, KG.Place)],
        "kg:GovernmentBody or kg:Organization",
    ),
    "issued thing not a document": (
        lambda t: _without(t, RDF.type, KG.PolicyDocument, DOC) + [(DOC, RDF.type, KG.Campaign)],
        "kg:PolicyDocument",
    ),
    "fact without assertion": (
        lambda t: _without(t, subject=_assertion(t, KG.issued)),
        "has no kg:Assertion",
    ),
    "assertion without article": (
        lambda t: _without(t, PROV.wasDerivedFrom, subject=_assertion(t, KG.issued)),
        "prov:wasDerivedFrom",
    ),
    "assertion without evidence": (
        lambda t: _without(t, KG.evidence, subject=_assertion(t, KG.issued)),
        "kg:evidence",
    ),
    "entity without a name": (
        lambda t: _without(t, SKOS.prefLabel, subject=DOC),
        "skos:prefLabel",
    ),
    "two canonical names": (
        lambda t: t + [(DOC, SKOS.prefLabel, Literal("另一个名字", lang="zh"))],
        "skos:prefLabel",
    ),
    "span backwards": (
        lambda t: [
            (s, p, Literal(99, datatype=o.datatype)) if p == OA.start and str(s).endswith("/0-26/position") else (s, p, o)
            for s, p, o in t
        ],
        "oa:start",
    ),
    "jurisdiction not a place": (
        lambda t: t + [(BODY, KG.jurisdiction, DOC)],
        "kg:Place",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_is_a_violation_that_says_why(case):
    breaker, words = BROKEN[case]
    report = validate_article(breaker(good()))
    assert not report.conforms
    assert any(words in f.message for f in report.violations), report.text()


def test_place_without_code_is_only_a_warning():
    town = URIRef("https://w3id.org/kg-ip/place/540100-某某镇")
    article = URIRef("https://w3id.org/kg-ip/article/demo")
    report = validate_article(good() + [(town, RDF.type, KG.Place), (town, SKOS.prefLabel, Literal("某某镇", lang="zh")), (article, KG.locale, LHASA)])
    assert report.conforms
    assert [f.focus for f in report.warnings] == [str(town)]
    assert "divisionCode" in report.warnings[0].line()
