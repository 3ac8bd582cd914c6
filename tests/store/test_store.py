"""kg/store: one named graph per article, atomic replacement, a clear error when another process writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.store import GraphStore, from_oxigraph, to_oxigraph

G1 = "https://w3id.org/kg-ip/article/one"
G2 = "https://w3id.org/kg-ip/article/two"
G3 = "https://w3id.org/kg-ip/article/three"
S = URIRef("https://w3id.org/kg-ip/agency/国家知识产权局")
P = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


@pytest.mark.parametrize(
    "term",
    [
        S,
        Literal("国家知识产权局", lang="zh"),
        Literal('quote " back \\ new\nline'),
        Literal("12", datatype=XSD.integer),
        Literal("true", datatype=XSD.boolean),
        Literal("29.652341", datatype=XSD.decimal),
    ],
)
def test_terms_round_trip(term):
    assert from_oxigraph(to_oxigraph(term)) == term


def test_replace_graph_replaces_only_that_graph():
    store = GraphStore()
    store.replace_graph(G1, [(S, P, Literal("a", lang="zh"))])
    store.replace_graph(G2, [(S, P, Literal("b", lang="zh"))])
    store.replace_graph(G1, [(S, P, Literal("c", lang="zh"))])
    assert store.graph_triples(G1) == {(S, P, Literal("c", lang="zh"))}
    assert store.graph_triples(G2) == {(S, P, Literal("b", lang="zh"))}
    assert store.graphs() == [G1, G2]


def test_remove_graph_keeps_what_other_graphs_say():
    store = GraphStore()
    store.replace_graph(G1, [(S, P, Literal("国家知识产权局", lang="zh"))])
    store.replace_graph(G2, [(S, P, Literal("国家知识产权局", lang="zh"))])
    assert store.remove_graph(G1) is True
    assert store.remove_graph(G1) is False
    rows = list(store.query("SELECT ?l WHERE { ?s ?p ?l }"))
    assert [r["l"].value for r in rows] == ["国家知识产权局"]


def test_a_failed_write_leaves_the_old_graph(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.replace_graph(G1, [(S, P, Literal("old", lang="zh"))])
    bad = [(S, P, Literal("new", lang="zh")), (URIRef("http://bad iri"), P, Literal("x"))]
    with pytest.raises(StoreError, match="cannot write graph"):
        store.replace_graph(G1, bad)
    assert store.graph_triples(G1) == {(S, P, Literal("old", lang="zh"))}


HOLDER = """
import sys
from kg.store import GraphStore
store = GraphStore(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


@pytest.fixture()
def held_store(tmp_path):
    """A store another process has open for writing until the fixture ends."""
    path = tmp_path / "store"
    GraphStore(path).replace_graph(G1, [(S, P, Literal("x", lang="zh"))])
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        yield path, child
    finally:
        child.stdin.close()
        child.wait(timeout=30)


def test_second_writer_gets_one_clear_line(held_store):
    path, child = held_store
    with pytest.raises(StoreError) as info:
        GraphStore(path)
    message = str(info.value)
    assert message == (
        f"{path}: the store is in use by another kg process (pid {child.pid}); wait for it or pass another --store"
    )


def test_reader_works_while_another_process_holds_the_store(held_store):
    path, _child = held_store
    reader = GraphStore(path, read_only=True)
    assert reader.graph_triples(G1) == {(S, P, Literal("x", lang="zh"))}


def test_writer_can_wait_for_the_other_process(held_store):
    path, child = held_store
    child.stdin.close()  # the holder exits
    store = GraphStore(path, wait=20)
    store.replace_graph(G2, [(S, P, Literal("y", lang="zh"))])
    assert store.graphs() == [G1, G2]


def test_missing_store_read_only_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        GraphStore(tmp_path / "nothing", read_only=True)


# ------------------------------------------------------------------ fast write path


def _sparql_insert(store: GraphStore, graph: str, triples) -> None:
    """The way replace_graph used to write: N-Triples text in one SPARQL INSERT DATA."""
    lines = "\n".join(f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} ." for s, p, o in triples)
    store.oxigraph.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{lines}\n}} }}")


def _dump(store: GraphStore) -> list[str]:
    return sorted(str(q) for q in store.quads())


HOSTILE = [
    (S, P, Literal('quote " back \\ new\nline\r\ttab', lang="zh")),
    (S, P, Literal("\x00\x1b\u2028\ufffe\U0010ffff𠮷")),
    (S, URIRef("https://w3id.org/kg-ip/ontology#start"), Literal("0012", datatype=XSD.integer)),
    (S, URIRef("https://w3id.org/kg-ip/ontology#flag"), Literal("true", datatype=XSD.boolean)),
    (S, URIRef("https://w3id.org/kg-ip/ontology#lat"), Literal("29.650000", datatype=XSD.decimal)),
    (S, URIRef("https://w3id.org/kg-ip/ontology#to"), URIRef("https://w3id.org/kg-ip/document/%E3%80%8A%3E")),
]


def test_new_and_replaced_graphs_hold_what_a_sparql_insert_holds():
    from kg.graph import article_triples
    from kg.graph._example import example_extraction

    triples = article_triples(example_extraction()) + HOSTILE
    expected = GraphStore()
    _sparql_insert(expected, G1, triples)
    fresh = GraphStore()
    assert fresh.replace_graph(G1, triples) == len(triples)
    replaced = GraphStore()
    replaced.replace_graph(G1, [(S, P, Literal("old")), triples[0]])  # overlaps the new graph in one triple
    replaced.replace_graph(G1, triples)
    assert _dump(fresh) == _dump(expected)
    assert _dump(replaced) == _dump(expected)
    replaced.replace_graph(G1, [(S, P, Literal("old"))])  # deletes every hostile term again
    assert replaced.graph_triples(G1) == {(S, P, Literal("old"))}


def test_replacing_with_an_overlapping_or_equal_graph_leaves_exactly_the_new_triples():
    a, b, c = ((S, P, Literal(x, lang="zh")) for x in "abc")
    store = GraphStore()
    store.replace_graph(G1, [a, b])
    store.replace_graph(G2, [a])
    store.replace_graph(G1, [b, c, c])
    assert store.graph_triples(G1) == {b, c}
    store.replace_graph(G1, [c, b])
    assert store.graph_triples(G1) == {b, c}
    assert store.graph_triples(G2) == {a}


def test_replacing_with_nothing_removes_the_graph():
    store = GraphStore()
    store.replace_graph(G1, [(S, P, Literal("a"))])
    assert store.replace_graph(G1, []) == 0
    assert store.graphs() == [] and not store.has_graph(G1)
    store.replace_graph(G2, [])
    assert store.graphs() == []


def test_a_failed_write_of_a_new_graph_writes_nothing(tmp_path):
    store = GraphStore(tmp_path / "s")
    bad = [(S, P, Literal("new", lang="zh")), (S, URIRef("http://bad iri"), Literal("x"))]
    with pytest.raises(StoreError, match=r"cannot write graph <https://w3id.org/kg-ip/article/one>.*nothing was written"):
        store.replace_graph(G1, bad)
    assert len(store) == 0 and store.graphs() == []


def test_converted_quads_can_be_written_to_several_stores_but_only_to_their_graph():
    from kg.store import to_quads

    quads = to_quads(G1, HOSTILE)
    first, second = GraphStore(), GraphStore()
    assert first.replace_graph(G1, quads) == second.replace_graph(G1, quads) == len(HOSTILE)
    expected = GraphStore()
    _sparql_insert(expected, G1, HOSTILE)
    assert _dump(first) == _dump(second) == _dump(expected)
    with pytest.raises(StoreError, match="quads for another graph"):
        first.replace_graph(G2, quads)
    assert first.graphs() == [G1]


def test_graphs_with_blank_nodes_are_replaced_whole():
    from rdflib import BNode

    store = GraphStore()
    store.replace_graph(G1, [(BNode("b1"), P, Literal("a")), (S, P, Literal("keep"))])
    store.replace_graph(G1, [(BNode("b2"), P, Literal("b")), (S, P, Literal("keep"))])
    rows = store.graph_triples(G1)
    assert {(p, o) for s, p, o in rows} == {(P, Literal("b")), (P, Literal("keep"))} and len(rows) == 2


def test_bulk_loading_new_graphs_writes_what_a_transaction_would_and_refuses_existing_graphs(tmp_path):
    from kg.store import to_nquads

    store = GraphStore(tmp_path / "s")
    store.replace_graph(G1, [(S, P, Literal("old"))])
    seal = [(URIRef(G2), URIRef("urn:sealed"), Literal("yes"))]
    store.load_new_graphs([G2], to_nquads(G2, HOSTILE), to_nquads(G2, seal))
    expected = GraphStore()
    expected.replace_graph(G2, [*HOSTILE, *seal])
    assert store.graph_triples(G2) == expected.graph_triples(G2)
    with pytest.raises(StoreError, match=f"cannot bulk-load graph <{G1}>: the store holds it already"):
        store.load_new_graphs([G3, G1], to_nquads(G3, [(S, P, Literal("x"))]) + to_nquads(G1, [(S, P, Literal("new"))]))
    assert store.graph_triples(G1) == {(S, P, Literal("old"))}
    assert not store.has_graph(G3)


@pytest.mark.parametrize("bad", [URIRef("http://bad iri"), URIRef("no-scheme"), Literal("lone \udc80 surrogate")])
def test_a_term_n_quads_cannot_hold_fails_its_own_graph_only(bad):
    from kg.store import to_nquads

    with pytest.raises(StoreError, match=f"cannot write graph <{G1}>"):
        to_nquads(G1, [(S, P, Literal("fine")), (S, P, bad)])
    assert to_nquads(G2, [(S, P, Literal("fine"))])
