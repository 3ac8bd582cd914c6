"""kg.link.records: instances made without __init__ are the instances __init__ makes."""

import dataclasses

import pytest

from kg.link.records import record
from kg.model import Entity, Evidence, Extraction, Relation
from kg.pipeline import extract_text
from tests.link.conftest import seed_text


def _remade(obj):
    """``obj`` made again by its dataclass's own __init__, field by field."""
    return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})


def test_a_record_equals_the_instance_init_makes_and_stays_frozen():
    evidence = Evidence("a", 0, 2, "甲乙")
    made = record(Relation, kind="ISSUED", subject="s", object="o", evidence=evidence, explicit=False)
    expected = Relation("ISSUED", "s", "o", evidence, False)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "CONDUCTS"
    assert dataclasses.replace(made, explicit=True) == Relation("ISSUED", "s", "o", evidence, True)


@pytest.mark.parametrize("stem", ["000", "001", "002"])
def test_the_linker_output_holds_every_field_of_every_record(stem):
    # Every entity, relation and evidence the linker made has all its fields (a missing one
    # would raise here) and equals the object its __init__ makes from them.
    ex: Extraction = extract_text(seed_text(stem))
    assert ex.entities and ex.relations
    for entity in ex.entities:
        assert isinstance(entity, Entity) and _remade(entity) == entity
        assert vars(entity).keys() == {f.name for f in dataclasses.fields(Entity)}
    for relation in ex.relations:
        assert _remade(relation) == relation
        assert vars(relation).keys() == {f.name for f in dataclasses.fields(Relation)}
        if relation.evidence is not None:
            assert _remade(relation.evidence) == relation.evidence
            assert vars(relation.evidence).keys() == {f.name for f in dataclasses.fields(Evidence)}
