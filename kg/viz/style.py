"""Colours, shapes and names of entity types and relations, read from ``data/style.json``.

>>> style().types["AGENCY"].zh
'机构'
>>> style().relations["issued"].label
'issued'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.graph.namespace import ONTOLOGY_IRI


@dataclass(frozen=True)
class TypeStyle:
    """How one entity type is drawn and named."""

    type: str  # AGENCY | ORG | POLICY | CAMPAIGN | PLACE
    class_iri: str  # the kg ontology class
    name: str  # English name, for legends
    zh: str  # Chinese name, for legends
    color: str
    shape: str  # a vis-network node shape


@dataclass(frozen=True)
class RelationStyle:
    """How one relation kind is drawn and named."""

    kind: str  # issued | conducted | jurisdiction | part_of | co_issued
    predicate: str | None  # the RDF predicate, None for derived relations
    label: str  # the edge label
    zh: str
    color: str


@dataclass(frozen=True)
class Style:
    """Every type and relation style, plus how query-result columns map to types."""

    types: dict[str, TypeStyle]
    relations: dict[str, RelationStyle]
    columns: dict[str, str]  # result column name → entity type
    kind_values: dict[str, str]  # value of a result's "kind" column → entity type of its "name" column
    column_relations: tuple[tuple[str, str, str], ...]  # (source column, target column, relation kind)

    def type_of_class(self, class_iri: str) -> str | None:
        """The entity type whose ontology class is ``class_iri``, or None."""
        for item in self.types.values():
            if item.class_iri == class_iri:
                return item.type
        return None

    def kind_of_predicate(self, predicate: str) -> str | None:
        """The relation kind written with ``predicate``, or None."""
        for item in self.relations.values():
            if item.predicate == predicate:
                return item.kind
        return None


@lru_cache(maxsize=1)
def style() -> Style:
    """The style table, loaded once per process."""
    raw = json.loads(resources.files("kg.viz").joinpath("data", "style.json").read_text(encoding="utf-8"))
    types = {
        key: TypeStyle(key, ONTOLOGY_IRI + value["class"], value["name"], value["zh"], value["color"], value["shape"])
        for key, value in raw["types"].items()
    }
    relations = {
        key: RelationStyle(key, value["predicate"], value["label"], value["zh"], value["color"])
        for key, value in raw["relations"].items()
    }
    return Style(types, relations, dict(raw["columns"]), dict(raw.get("kind_values", {})),
                 tuple(tuple(r) for r in raw["column_relations"]))


__all__ = ["RelationStyle", "Style", "TypeStyle", "style"]
