"""kg/graph/namespace.py: the KG DefinedNamespace and ontology/kg.ttl declare the same terms."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.namespace import KG, ONTOLOGY_IRI
from kg.graph.ontology import ontology_graph

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def ttl_terms() -> set[str]:
    graph = ontology_graph()
    return {
        str(s)[len(ONTOLOGY_IRI) :]
        for kind in DECLARATIONS
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(ONTOLOGY_IRI)
    }


def class_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def test_every_class_term_is_declared_in_the_ttl():
    assert class_terms() - ttl_terms() == set()


def test_every_ttl_term_is_in_the_class():
    assert ttl_terms() - class_terms() == set()


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.isued  # noqa: B018


@pytest.mark.parametrize("term", sorted(ttl_terms()))
def test_every_term_has_a_chinese_and_an_english_label(term):
    labels = {label.language for label in ontology_graph().objects(URIRef(ONTOLOGY_IRI + term), RDFS.label)}
    assert {"zh", "en"} <= labels


def test_reused_vocabularies():
    graph = ontology_graph()
    assert (KG.issued, OWL.inverseOf, URIRef("https://schema.org/legislationPassedBy")) in graph
    assert (KG.GovernmentBody, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert (KG.PolicyDocument, RDFS.subClassOf, URIRef("https://schema.org/Legislation")) in graph
    assert (KG.Assertion, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in graph


def test_ontology_has_no_blank_nodes():
    from rdflib import BNode

    assert not [t for t in ontology_graph() if any(isinstance(x, BNode) for x in t)]
