"""kg/query/text.py: the SPARQL token scan (SERVICE/LOAD) and VALUES binding."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.query.text import forbidden_keywords, inline_values, tokens


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        "SELECT * WHERE { ?s ?p 'LOAD <http://example.org/x>' }",
        'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://e/> { }""" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX service: <http://e/> SELECT ?load WHERE { ?load service:load ?o }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE in a comment",
        "SELECT * WHERE { ?s ?p ?o . FILTER(CONTAINS(?o, \"load\")) }",
    ],
)
def test_words_in_data_are_not_keywords(sparql):
    assert forbidden_keywords(sparql) == []


@pytest.mark.parametrize(
    "sparql,keyword",
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("select * where { service silent <http://e/> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("LoAd SILENT <http://e/x> INTO GRAPH <http://g/>", "LOAD"),
        # hidden by escapes or glued to other tokens
        ("SELECT * WHERE { \\u0053ERVICE <http://e/> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o }.SERVICE<http://e/>{?s ?p ?o}", "SERVICE"),
        ("SELECT * WHERE { ?s a?o.SERVICE <http://e/> {} }", "SERVICE"),
        ('SELECT * WHERE { ?s ?p "unterminated SERVICE <http://e/> { } }', "SERVICE"),
        ("SELECT * WHERE {?s ?p ?o}1SERVICE<http://e/>{}", "SERVICE"),
    ],
)
def test_service_and_load_are_found(sparql, keyword):
    assert keyword in forbidden_keywords(sparql)


def test_tokens_keep_iris_with_hash_whole():
    kinds = [(t.kind, t.text) for t in tokens("ASK { <http://x/#a> ?p 'b#c' } # end")]
    assert ("iri", "<http://x/#a>") in kinds
    assert ("string", "'b#c'") in kinds
    assert kinds[-1] == ("comment", "# end")


HOSTILE = [
    'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "',
    "'} UNION { ?s ?p ?o } #",
    '"""\n} } LOAD <http://evil.example/x>',
    "\\\" } INSERT DATA { <a> <b> <c> } #",
    "${body} ?body <http://evil/> }",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_values_block_keeps_hostile_text_as_one_literal(value):
    store = ox.Store()
    query = inline_values("SELECT ?v (STRLEN(?v) AS ?n) WHERE { }", {"v": ox.Literal(value)})
    rows = list(store.query(query))
    assert [r["v"].value for r in rows] == [value]
    assert int(rows[0]["n"].value) == len(value)
    assert forbidden_keywords(query) == []  # LOAD inside the value stays data
    assert len(store) == 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_through_values(value):
    store = ox.Store()
    query = inline_values("SELECT ?v WHERE { }", {"v": ox.Literal(value, language="zh")})
    assert [r["v"] for r in store.query(query)] == [ox.Literal(value, language="zh")]


def test_values_go_into_the_where_group_not_a_construct_template():
    query = inline_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    assert query.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o)")


def test_values_skip_braces_in_strings_and_subqueries():
    query = inline_values('SELECT ?x WHERE { { SELECT ?x WHERE { BIND("{" AS ?x) } } }', {"y": ox.Literal(1)})
    assert query.startswith('SELECT ?x WHERE { VALUES (?y) { ("1"^^')


def test_values_need_a_where_group():
    with pytest.raises(QueryError, match="no WHERE group"):
        inline_values("CONSTRUCT WHERE", {"o": ox.Literal("x")})


def test_values_refuse_bad_variable_names():
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        inline_values("SELECT * WHERE { }", {"a b": ox.Literal("x")})


def test_values_reach_sub_selects_that_project_the_variable():
    query = inline_values(
        "SELECT ?p ?n WHERE { { SELECT DISTINCT ?p ?x WHERE { ?x ?y ?p } } { SELECT (COUNT(?p) AS ?n) WHERE { ?a ?b ?p } } }",
        {"p": ox.Literal("v")},
    )
    # the first sub-SELECT projects ?p and gets the block; the second only counts it and does not
    assert query.count('VALUES (?p) { ("v") }') == 2
    assert "SELECT DISTINCT ?p ?x WHERE { VALUES (?p)" in query
    assert "WHERE { ?a ?b ?p }" in query


def test_sub_select_binding_matches_substitution():
    store = ox.Store()
    for name in ("a", "b"):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{name}"), ox.NamedNode("http://e/label"), ox.Literal(name)))
    sparql = "SELECT ?l ?s WHERE { { SELECT DISTINCT ?l ?s WHERE { ?s <http://e/label> ?l } } }"
    via_values = [(r["l"], r["s"]) for r in store.query(inline_values(sparql, {"l": ox.Literal("b")}))]
    via_substitution = [(r["l"], r["s"]) for r in store.query(sparql, substitutions={ox.Variable("l"): ox.Literal("b")})]
    assert via_values == via_substitution == [(ox.Literal("b"), ox.NamedNode("http://e/b"))]
