"""Properties of NER + linking on arbitrary text: no crash, exact offsets, JSON out, determinism."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, event, example, given, settings

from kg.model import ENTITY_TYPES
from kg.pipeline import extract_text
from tests.property.strategies import examples, article_text

PROFILE = settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _json(text: str) -> str:
    return json.dumps(extract_text(text, "prop").to_json(), ensure_ascii=False, sort_keys=True)


@PROFILE
@given(article_text)
@example("")
@example("《")
@example("》》《《")
@example("拉萨市市场监管局印发《关于《进一步》加强知识产权保护的实施方案")  # unbalanced, nested
@example("市委办和市政府办印发《》")  # empty title
@example("“”“铁拳”行动\x00\x1b[31m我市\u202e开展")
@example("拉萨市\r\n市场\n监管局\u3000印发《实施\n方案》")
def test_extraction_never_crashes_and_offsets_are_exact(text: str):
    extraction = extract_text(text, "prop")
    event(f"entity types: {sorted({e.type for e in extraction.entities})}")
    event(f"relations: {bool(extraction.relations)}")
    for entity in extraction.entities:
        assert entity.type in ENTITY_TYPES
        assert entity.mentions, entity
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text), mention
            assert text[mention.start : mention.end] == mention.text, mention
    for relation in extraction.relations:
        if relation.evidence is not None:
            ev = relation.evidence
            assert 0 <= ev.start <= ev.end <= len(text)
    out = extraction.to_json()
    json.loads(json.dumps(out, ensure_ascii=False))  # serialisable, and back
    for row in out["entities"]:
        assert text[row["start"] : row["end"]] == row["text"]


@settings(max_examples=examples(50), deadline=None)
@given(article_text)
def test_extraction_is_deterministic(text: str):
    assert _json(text) == _json(text)
