"""kg/query/registry.py: the .rq headers, parameter types and checks."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query.registry import Param, parse_question, questions

REQUIRED = {"issuers", "body_documents", "joint_documents", "campaigns", "within_place", "documents_by_year", "co_issuance"}


def test_every_required_question_is_there_with_a_description():
    found = questions()
    assert REQUIRED <= set(found)
    for question in found.values():
        assert question.description, question.name
        assert question.sparql.lstrip().startswith("#"), question.name


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_parameters_are_projected_and_exemplified(name):
    question = questions()[name]
    select = re.search(r"SELECT(.*?)WHERE", question.sparql, re.S).group(1)
    for param in question.params:
        # pyoxigraph binds only variables of the SELECT clause.
        assert f"?{param.name}" in select, (name, param.name)
        assert f"?{param.name}" in question.sparql.split("WHERE", 1)[1]
    if any(p.required for p in question.params):
        assert question.example, name


def test_issuers_keeps_its_columns():
    select = re.search(r"SELECT DISTINCT(.*?)WHERE", questions()["issuers"].sparql, re.S).group(1).split()
    assert select == ["?issuer", "?document", "?article"]


def test_param_types_make_rdf_terms():
    assert Param("body", "label").term("拉萨市") == ox.Literal("拉萨市", language="zh")
    assert Param("year", "integer").term(" 2021") == ox.Literal(2021)
    assert Param("x", "string").term("a") == ox.Literal("a")
    assert Param("g", "iri").term("https://w3id.org/kg-ip/place/540000") == ox.NamedNode("https://w3id.org/kg-ip/place/540000")


@pytest.mark.parametrize(
    "param,value,message",
    [
        (Param("year", "integer"), "2021 OR 1=1", "takes an integer"),
        (Param("year", "integer"), True, "takes an integer"),
        (Param("g", "iri"), "http://x/> } DROP ALL { <y", "absolute IRI"),
        (Param("g", "iri"), "not an iri", "absolute IRI"),
    ],
)
def test_bad_values_are_refused(param, value, message):
    with pytest.raises(QueryError, match=message):
        param.term(value)


def test_bind_checks_names_and_required():
    question = questions()["body_documents"]
    with pytest.raises(QueryError, match="needs --param body=VALUE"):
        question.bind({})
    with pytest.raises(QueryError, match="has no parameter 'bdy'"):
        question.bind({"bdy": "x"})
    optional = questions()["documents_by_year"]
    assert optional.bind({}) == {}


def test_header_parsing():
    text = "# name: q\n# description: d\n# param: place label  where, e.g. 拉萨\n# param: year integer optional  y\n# example: place=拉萨\nSELECT ?place ?year WHERE {}"
    question = parse_question("file", text)
    assert question.name == "q" and question.example == "place=拉萨"
    assert question.params == (Param("place", "label", True, "where, e.g. 拉萨"), Param("year", "integer", False, "y"))


def test_bad_param_line_names_the_file():
    with pytest.raises(QueryError, match=r"broken\.rq: bad param line"):
        parse_question("broken", "# param: year date\nSELECT * {}")


def test_to_term_keeps_rdflib_iris_as_iris():
    """rdflib terms are str subclasses; they must bind as IRIs/typed literals, not plain strings."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.query.registry import to_term

    assert to_term(URIRef("https://w3id.org/kg-ip/agency/x")) == ox.NamedNode("https://w3id.org/kg-ip/agency/x")
    assert to_term(Literal("2021", datatype=XSD.gYear)) == ox.Literal("2021", datatype=ox.NamedNode(str(XSD.gYear)))
    assert to_term("plain") == ox.Literal("plain")
