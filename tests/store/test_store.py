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
