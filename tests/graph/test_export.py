"""kg/graph/export.py: byte-identical exports that rdflib parses back to the same graph."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.commit import commit_extraction, ensure_reference
from kg.graph import REFERENCE_GRAPH
from kg.graph._example import example_extraction
from kg.graph.export import EXPORT_FORMATS, export_store, select_quads
from kg.graph.ontology import ONTOLOGY_GRAPH
from kg.model import Evidence, Relation
from kg.store import GraphStore, from_oxigraph
from tests.conftest import SEEDS

RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}


# Two seeds that share entities (国家知识产权局) keep the double build quick.
PAIR = [SEEDS / "000_270aec11aeae12c3.txt", SEEDS / "002_fd5c015d66bd1487.txt"]


def _build(path):
    from kg.build import build

    store = GraphStore(path)
    report = build(PAIR, store)
    assert report.failures == [] and report.articles == 2
    return store


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("a") / "store"), _build(tmp_path_factory.mktemp("b") / "store")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_two_fresh_builds_export_the_same_bytes(two_stores, fmt):
    first, second = (export_store(s, fmt) for s in two_stores)
    assert first == second
    assert len(first) > 5_000


def _expected(store, fmt: str = "turtle", **options):
    """What an export in ``fmt`` should parse back to: a Graph, or a Dataset for TriG."""
    expected = Dataset() if fmt == "trig" else Graph()
    for q in select_quads(store, **options):
        triple = tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object))
        (expected.graph(URIRef(q.graph_name.value)) if fmt == "trig" else expected).add(triple)
    return expected


def _parse(data: bytes, fmt: str):
    if fmt == "trig":
        parsed = Dataset()
        parsed.parse(data=data.decode("utf-8"), format="trig")
        return parsed
    parsed = Graph()
    parsed.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    return parsed


def _same_dataset(parsed: Dataset, expected: Dataset) -> None:
    names = lambda d: {g.identifier for g in d.graphs() if len(g)}  # noqa: E731
    assert names(parsed) == names(expected)
    for name in names(expected):
        assert set(parsed.graph(name)) == set(expected.graph(name)), name


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_parses_back_to_an_isomorphic_graph(seed_store, fmt):
    parsed = _parse(export_store(seed_store, fmt), fmt)
    expected = _expected(seed_store, fmt)
    if fmt == "trig":
        _same_dataset(parsed, expected)
    else:
        assert isomorphic(parsed, expected)


def test_default_export_keeps_only_the_places_used_and_their_ancestors(seed_store):
    kept = select_quads(seed_store)
    everything = select_quads(seed_store, all_places=True)
    reference = [q for q in kept if q.graph_name.value == str(REFERENCE_GRAPH)]
    assert 0 < len(reference) < len([q for q in everything if q.graph_name.value == str(REFERENCE_GRAPH)])
    used = {q.object.value for q in kept if q.graph_name.value != str(REFERENCE_GRAPH) and isinstance(q.object, ox.NamedNode)}
    subjects = {q.subject.value for q in reference}
    parents = {q.object.value for q in reference if q.predicate.value == "https://schema.org/containedInPlace"}
    assert parents <= subjects  # ancestors come along
    gazetteer = {q.subject.value for q in everything if q.graph_name.value == str(REFERENCE_GRAPH)}
    assert used & gazetteer and used & gazetteer <= subjects
    assert not [q for q in kept if q.graph_name.value == ONTOLOGY_GRAPH]
    assert [q for q in select_quads(seed_store, ontology=True) if q.graph_name.value == ONTOLOGY_GRAPH]


def test_all_places_export_has_the_whole_gazetteer(seed_store):
    lines = export_store(seed_store, "nt", all_places=True).decode("utf-8").splitlines()
    expected = {f"{q.subject} {q.predicate} {q.object} ." for q in select_quads(seed_store, all_places=True)}
    assert lines == sorted(expected)
    assert len([line for line in lines if "ontology#divisionCode>" in line]) > 3000


NASTY = 'a "quoted" \\ back>slash\nnew line\ttab \x01 control \u2028 sep 《》'


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_hostile_text_round_trips(fmt):
    good = example_extraction("nasty id with space")
    body, doc = good.relations[0].subject, good.relations[0].object
    relation = Relation("ISSUED", body, doc, Evidence(good.article.id, 0, 26, NASTY))
    store = GraphStore()
    ensure_reference(store)
    commit_extraction(store, dataclasses.replace(good, relations=(relation,)))
    data = export_store(store, fmt)
    parsed = _parse(data, fmt)
    expected = _expected(store, fmt)
    if fmt == "trig":
        _same_dataset(parsed, expected)
    else:
        assert isomorphic(parsed, expected)
    assert any(o == Literal(NASTY) for o in (parsed.objects() if fmt != "trig" else (q[2] for q in parsed.quads())))


def test_unknown_format_is_a_clear_error(seed_store):
    from kg.errors import KgError

    with pytest.raises(KgError, match="use turtle, trig, nt or jsonld"):
        export_store(seed_store, "rdfxml")
