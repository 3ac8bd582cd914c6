"""Generalisation guard: NER on articles written for the tests, scored at mention level.

The fixtures in ``tests/fixtures/articles`` are short notices and news from
provinces the seeds do not cover (浙江, 四川, 福建 in traditional characters,
贵州 encoded as GBK, 山东), each with its expected entities in the gold
format.  Scoring follows ``score.py``'s mention level: a predicted surface
form is right when it is any gold form of that type; a gold entity is found
when any of its forms is predicted.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
HEADLINE = ("AGENCY", "POLICY", "CAMPAIGN", "PLACE")
_DROP = set("“”\"‘’'「」『』《》〈〉")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _DROP)


def read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def score(found, path: Path) -> dict[str, list[int]]:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    mentions = found(read(path))
    counts = {}
    for typ in HEADLINE + ("ORG",):
        entities = [e for e in gold["entities"] if e["type"] == typ]
        forms = {norm(f) for e in entities for f in e["mentions"] + [e["canonical"]]}
        predicted = {norm(m.text) for m in mentions if m.label == typ}
        found_entities = sum(1 for e in entities if {norm(f) for f in e["mentions"] + [e["canonical"]]} & predicted)
        counts[typ] = [len(predicted & forms), len(predicted - forms), len(entities) - found_entities, found_entities]
    return counts


def f1(tp: int, fp: int, fn: int, tp_r: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp_r / (tp_r + fn) if tp_r + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


ARTICLES = sorted(FIXTURES.glob("*.txt"))


def test_fixture_set_is_varied():
    texts = [read(p) for p in ARTICLES]
    assert 4 <= len(ARTICLES) <= 8
    assert any(p.read_bytes() != t.encode("utf-8") for p, t in zip(ARTICLES, texts))  # one GBK file
    assert any("產權" in t for t in texts)  # one in traditional characters


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_each_fixture_mention_f1(found, path):
    counts = score(found, path)
    head = [sum(counts[t][i] for t in HEADLINE) for i in range(4)]
    assert f1(*head) >= 0.85, counts


def test_fixtures_overall(found):
    totals = {t: [0, 0, 0, 0] for t in HEADLINE + ("ORG",)}
    for path in ARTICLES:
        for typ, row in score(found, path).items():
            totals[typ] = [a + b for a, b in zip(totals[typ], row)]
    head = [sum(totals[t][i] for t in HEADLINE) for i in range(4)]
    assert f1(*head) >= 0.90, totals
    for typ in HEADLINE:
        assert f1(*totals[typ]) >= 0.85, (typ, totals[typ])
    assert f1(*totals["ORG"]) >= 0.70, totals["ORG"]
