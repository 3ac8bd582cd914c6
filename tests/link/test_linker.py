"""link() end to end on the seeds: the extract contract and the seed scores."""

from __future__ import annotations

import importlib.util

import pytest

from kg.model import RELATION_KINDS
from tests.conftest import GOLD, SHARED
from tests.link.conftest import STEMS_ALL


@pytest.mark.parametrize("stem", STEMS_ALL)
def test_extract_json_contract(linked_seed, stem):
    ex = linked_seed(stem)
    body = ex.to_json()
    text = ex.article.text
    for row in body["entities"]:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["iri"].startswith("https://") and row["canonical"]
    iris = {e.iri for e in ex.entities}
    for relation in ex.relations:
        assert relation.kind in RELATION_KINDS
        assert relation.subject in iris
        if relation.kind in ("ISSUED", "CONDUCTS"):
            assert relation.object in iris
        assert relation.evidence is not None


@pytest.mark.parametrize("stem", STEMS_ALL)
def test_no_entity_type_clash_and_sorted_relations(linked_seed, stem):
    ex = linked_seed(stem)
    assert len({e.iri for e in ex.entities}) == len(ex.entities)
    keys = [(r.kind, r.subject, r.object) for r in ex.relations]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_seed_scores_meet_the_linker_targets(linked_seed):
    script = SHARED / "eval" / "score.py"
    if not script.exists() or not GOLD.exists():
        pytest.skip("../shared/eval/score.py and the gold files are not available")
    spec = importlib.util.spec_from_file_location("score", script)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for stem in STEMS_ALL:
            fh.write(json.dumps(linked_seed(stem).to_json(), ensure_ascii=False) + "\n")
    result, _ = score.score(str(GOLD), fh.name)
    assert result["ISSUED"]["f1"] >= 0.85
    assert result["ENTITIES.canonical"]["f1"] >= 0.85
    assert result["AGENCY.canonical"]["f1"] >= 0.85


def test_blank_and_attribute_less_mentions_are_handled():
    from kg.link import link
    from kg.model import Article, Mention

    text = "某局印发《A》。 "
    mentions = [
        Mention("AGENCY", 0, 2, "某局", "某局"),  # no attrs at all
        Mention("POLICY", 5, 6, "A", "A"),
        Mention("ORG", 8, 9, " ", " "),  # blank: dropped
        Mention("PLACE", 0, 1, "某", "某", {"codes": ["999999"]}),  # code not in the gazetteer
    ]
    ex = link(Article("t", text), mentions)
    assert {(e.type, e.canonical) for e in ex.entities} == {("AGENCY", "某局"), ("POLICY", "A"), ("PLACE", "某")}
    assert [r.kind for r in ex.relations if r.kind == "ISSUED"] == ["ISSUED"]


def test_memoised_agency_readings_match_a_fresh_reading_in_every_context():
    # Every body of the seeds, read in several locales and with several counterparts, memo first:
    # a reading shared across contexts must be the one resolve_agency gives in each.
    from kg.gazetteer import load_gazetteer
    from kg.link.canonical import resolve_agency
    from kg.link.linker import _agency_reading
    from kg.link.locale import locale_chain
    from tests.link.conftest import ner, seed_text

    gazetteer = load_gazetteer()
    # (districts of one city share a deixis body's reading: 330110/330106, 540102/540100, 620402/620400)
    codes = ("330281", "540100", "620400", "110000", "330110", "330106", "540102", "620402")
    chains = [()] + [locale_chain(gazetteer.by_code[code], gazetteer) for code in codes]
    bodies = [m for stem in STEMS_ALL for m in ner(seed_text(stem)) if m.label == "AGENCY"]
    assert {m.attrs.get("jurisdiction_kind") for m in bodies} >= {"place", "deixis", "national", "none"}
    for chain in chains:
        for counterpart in (None, "市场监督管理局"):
            for mention in bodies:
                expected = resolve_agency(mention, chain, gazetteer, counterpart)
                assert _agency_reading(mention, chain, gazetteer, counterpart) == expected, mention


def test_place_forms_drop_short_forms_as_is_short_form_hit_does():
    # The linker reads the short-form test off a cached form per written place; it must drop
    # exactly what is_short_form_hit drops, for every place of the seeds in several provinces.
    from kg.gazetteer import load_gazetteer
    from kg.link.canonical import is_short_form_hit
    from kg.link.linker import _place_form
    from kg.model import Mention
    from tests.link.conftest import ner, seed_text

    gazetteer = load_gazetteer()
    places = [m for stem in STEMS_ALL for m in ner(seed_text(stem)) if m.label == "PLACE"]
    places.append(Mention("PLACE", 0, 2, "合作", "合作", {"codes": ["623001"]}))
    provinces = [gazetteer.by_code[code] for code in ("430000", "620000", "540000", "330000", "110000")]
    tested = 0
    for mention in places:
        form = _place_form(gazetteer, mention.text, tuple(mention.attrs.get("codes") or ()))
        if form.place is None:
            continue
        for province in provinces:
            dropped = form.enclosing is not None and province.code not in form.enclosing
            assert dropped == is_short_form_hit(mention, form.place, gazetteer, province), (mention, province)
            tested += dropped
    assert tested  # 合作 at least is an ordinary word outside 甘肃


def test_the_agency_memo_stays_within_its_bounds_and_reads_the_same(monkeypatch):
    """With bounds small enough to evict bodies and drop readings, every article still links as before."""
    from kg.link import linker
    from kg.pipeline import extract_text
    from tests.link.conftest import seed_text

    texts = [seed_text(stem) for stem in ("000", "001", "002", "003", "004")]
    expected = [extract_text(text, f"a{i}").to_json() for i, text in enumerate(texts)]
    monkeypatch.setattr(linker, "_bodies", {})
    monkeypatch.setattr(linker, "_reading_count", 0)
    monkeypatch.setattr(linker, "AGENCY_BODIES_MAX", 4)
    monkeypatch.setattr(linker, "AGENCY_READINGS_MAX", 6)
    dropped, before = False, 0
    for _ in range(2):
        for i, text in enumerate(texts):
            assert extract_text(text, f"a{i}").to_json() == expected[i]
            held = sum(len(body.readings) for body in linker._bodies.values())
            # (a body evicted while its article still reads it counts readings it no longer holds)
            assert held <= linker._reading_count <= 6 and len(linker._bodies) <= 4
            dropped = dropped or linker._reading_count < before  # readings were let go
            before = linker._reading_count
    assert dropped


@pytest.mark.parametrize("stem", ["000", "001", "002"])
def test_the_linker_output_holds_every_field_of_every_record(stem):
    """The linker makes its entities, relations and evidence with kg.model.record: each has all
    its fields (a missing one would raise here) and equals the object its __init__ makes."""
    import dataclasses

    from kg.model import Entity, Evidence, Relation
    from kg.pipeline import extract_text
    from tests.link.conftest import seed_text

    def remade(obj):
        return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})

    ex = extract_text(seed_text(stem))
    assert ex.entities and ex.relations
    for kind, objects in (
        (Entity, ex.entities),
        (Relation, ex.relations),
        (Evidence, [r.evidence for r in ex.relations if r.evidence is not None]),
    ):
        assert objects
        for obj in objects:
            assert type(obj) is kind and remade(obj) == obj
            assert vars(obj).keys() == {f.name for f in dataclasses.fields(kind)}


def test_nested_titles_with_fewer_than_two_titles_match_the_sweep():
    """_nested_titles returns at once for one title or none; the sweep gives the same (nothing nests)."""
    from kg.link.linker import _nested_titles
    from kg.model import Mention

    def swept(titles):  # the sweep as written, with no shortcut
        nested, reach = set(), -1
        for start, end in sorted({(m.start, m.end) for m in titles}, key=lambda span: (span[0], -span[1])):
            if end <= reach:
                nested.add((start, end))
            reach = max(reach, end)
        return nested

    outer, inner, apart = (Mention("POLICY", s, e, "x" * (e - s), "x") for s, e in ((0, 10), (2, 5), (12, 14)))
    for titles in ([], [outer], [inner], [outer, inner], [outer, inner, apart], [outer, outer]):
        assert _nested_titles(titles) == swept(titles)
    assert _nested_titles([outer, inner, apart]) == {(2, 5)}
