"""kg.viz.style: the style table agrees with the ontology and the graph stage."""

from __future__ import annotations

from kg.graph import RELATION_PREDICATES, TYPE_CLASSES
from kg.viz.style import style


def test_types_are_the_graph_stage_types():
    table = style()
    assert {t: s.class_iri for t, s in table.types.items()} == {t: str(c) for t, c in TYPE_CLASSES.items()}
    assert all(s.color.startswith("#") and len(s.color) == 7 for s in table.types.values())


def test_relations_use_the_graph_stage_predicates():
    table = style()
    predicates = {str(p) for p in RELATION_PREDICATES.values()}
    drawn = {s.predicate for s in table.relations.values() if s.predicate is not None}
    assert drawn == predicates
    assert table.kind_of_predicate("https://w3id.org/kg-ip/ontology#issued") == "issued"


def test_column_mapping_names_known_types_and_relations():
    table = style()
    assert set(table.columns.values()) <= set(table.types)
    for source, target, kind in table.column_relations:
        assert source in table.columns and target in table.columns and kind in table.relations
