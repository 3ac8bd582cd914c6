"""kg/commit.py: validated, atomic, idempotent writes of article graphs."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib.namespace import RDF

from kg.commit import ArticleWriter, commit_extraction, ensure_reference
from kg.graph import REFERENCE_GRAPH, article_triples
from kg.graph._example import example_extraction
from kg.graph.namespace import KG
from kg.graph.ontology import ONTOLOGY_GRAPH, ontology_graph
from kg.graph.validate import ArticleValidationError
from kg.link import article_iri
from kg.store import GraphStore


@pytest.fixture()
def store():
    store = GraphStore()
    ensure_reference(store)
    return store


def test_ensure_reference_loads_gazetteer_and_ontology_once(store):
    before = sorted(map(str, store.quads()))
    ensure_reference(store)
    assert sorted(map(str, store.quads())) == before
    assert store.graph_triples(ONTOLOGY_GRAPH) == set(ontology_graph())
    assert len(store.graph_triples(str(REFERENCE_GRAPH))) > 10_000


def test_commit_writes_the_article_graph_and_is_idempotent(store):
    extraction = example_extraction()
    n = commit_extraction(store, extraction)
    graph = article_iri("demo")
    assert store.graph_triples(graph) == set(article_triples(extraction))
    assert n == len(article_triples(extraction))
    before = sorted(map(str, store.quads()))
    commit_extraction(store, extraction)
    assert sorted(map(str, store.quads())) == before


def _untyped_issuer(extraction):
    # The issuer's entity dropped: kg:issued then points from an untyped node.
    entities = tuple(e for e in extraction.entities if e.type != "AGENCY")
    return dataclasses.replace(extraction, entities=entities)


def test_commit_refuses_a_graph_that_violates_the_shapes_and_keeps_the_old_one(store):
    good = example_extraction()
    commit_extraction(store, good)
    before = store.graph_triples(article_iri("demo"))
    with pytest.raises(ArticleValidationError) as info:
        commit_extraction(store, _untyped_issuer(good))
    message = str(info.value)
    assert message.startswith("demo.txt: graph violates ontology/shapes.ttl")
    assert "kg:GovernmentBody or kg:Organization" in message and "kg validate" in message
    assert info.value.path == "demo.txt"
    assert store.graph_triples(article_iri("demo")) == before


def test_refused_article_is_not_written_at_all(store):
    with pytest.raises(ArticleValidationError):
        commit_extraction(store, _untyped_issuer(example_extraction("other")))
    assert article_iri("other") not in store.graphs()


def test_organisation_issuer_is_fine(store):
    good = example_extraction()
    entities = tuple(dataclasses.replace(e, type="ORG") if e.type == "AGENCY" else e for e in good.entities)
    commit_extraction(store, dataclasses.replace(good, entities=entities))
    triples = store.graph_triples(article_iri("demo"))
    assert any(p == RDF.type and o == KG.Organization for s, p, o in triples)



def test_reference_graph_is_the_same_in_every_new_store(store):
    from kg.graph import reference_triples

    other = GraphStore()
    ensure_reference(other)  # reuses the quads converted for the first store
    assert sorted(map(str, other.quads())) == sorted(map(str, store.quads()))
    # oxigraph keeps decimals in canonical form (29.650000 → 29.65), so compare sizes, not sets.
    assert len(store.graph_triples(str(REFERENCE_GRAPH))) == len(set(reference_triples()))


def test_committing_a_changed_article_replaces_its_graph(store):
    extraction = example_extraction()
    commit_extraction(store, extraction)
    fewer = dataclasses.replace(extraction, relations=extraction.relations[:1])
    commit_extraction(store, fewer)
    assert store.graph_triples(article_iri("demo")) == set(article_triples(fewer))
    assert set(article_triples(fewer)) != set(article_triples(extraction))


def test_writer_bulk_loads_new_articles_as_a_batch_with_what_commit_would_write(tmp_path):
    extractions = [example_extraction(f"a{i}") for i in range(5)]
    committed = GraphStore()
    for extraction in extractions:
        commit_extraction(committed, extraction)
    on_disk = GraphStore(tmp_path / "store")
    size = len(article_triples(extractions[0]))  # the content hash, written apart, is not counted
    with ArticleWriter(on_disk, batch_quads=2 * size + 1, batch_seconds=3600) as writer:
        counts = [writer.write(e) for e in extractions]
        writer.wait()
        # Three articles fill the first batch, which is then loaded; the last two wait for the end.
        assert [g.rsplit("/", 1)[-1] for g in on_disk.graphs()] == ["a0", "a1", "a2"]
    assert counts == [len(article_triples(e)) for e in extractions]
    assert set(on_disk.quads()) == set(committed.quads())


def test_writer_replaces_a_stored_article_at_once_and_a_repeated_one_keeps_the_last(store):
    extraction = example_extraction()
    fewer = dataclasses.replace(extraction, relations=extraction.relations[:1])
    commit_extraction(store, extraction)
    with ArticleWriter(store) as writer:
        writer.write(fewer)  # stored already: replaced in its own transaction, not batched
        assert store.graph_triples(article_iri("demo")) == set(article_triples(fewer))
        writer.write(example_extraction("new"))
        writer.write(dataclasses.replace(fewer, article=dataclasses.replace(fewer.article, id="new")))
    assert store.graph_triples(article_iri("new")) == set(
        article_triples(dataclasses.replace(fewer, article=dataclasses.replace(fewer.article, id="new")))
    )


def test_writer_validates_before_queueing(store):
    with ArticleWriter(store) as writer:
        with pytest.raises(ArticleValidationError):
            writer.write(_untyped_issuer(example_extraction("bad")))
        writer.write(example_extraction("good"))
    assert article_iri("bad") not in store.graphs() and article_iri("good") in store.graphs()
