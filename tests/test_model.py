"""kg/model.py: the ``kg extract`` JSON of an extraction."""

from __future__ import annotations

import json

from kg.ingest import read_article
from kg.pipeline import extract
from tests.conftest import seed_paths


def test_json_line_is_the_json_object_on_one_compact_line():
    for path in seed_paths():
        extraction = extract(read_article(path))
        line = extraction.to_json_line()
        assert line.endswith("\n") and line.count("\n") == 1
        assert json.loads(line) == extraction.to_json()
        # Chinese stays readable text, and the separators are the compact ones.
        assert line == json.dumps(extraction.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        assert extraction.entities and all(f'"text":{json.dumps(m.text, ensure_ascii=False)}' in line for e in extraction.entities for m in e.mentions)


def test_a_record_equals_the_instance_init_makes_and_stays_frozen():
    import dataclasses

    import pytest

    from kg.model import Evidence, Relation, record

    evidence = Evidence("a", 0, 2, "甲乙")
    made = record(Relation, kind="ISSUED", subject="s", object="o", evidence=evidence, explicit=False)
    expected = Relation("ISSUED", "s", "o", evidence, False)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "CONDUCTS"
    assert dataclasses.replace(made, explicit=True) == Relation("ISSUED", "s", "o", evidence, True)


def test_every_class_the_stages_make_with_record_may_be_filled():
    """record() skips __init__: Entity, Relation, Evidence (kg.link.linker, kg.link.relations) and
    Section (kg.link.locale) must stay free of __post_init__ and slots."""
    import dataclasses

    from kg.link.locale import Section
    from kg.model import Entity, Evidence, Relation, fills_dict

    for cls in (Entity, Relation, Evidence, Section):
        assert fills_dict(cls), cls

    @dataclasses.dataclass(frozen=True)
    class Checked:
        start: int

        def __post_init__(self):
            pass

    assert not fills_dict(Checked)
