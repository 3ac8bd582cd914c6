"""Identity across articles: one IRI per thing, whatever the article or the input order."""

from __future__ import annotations

import json
import random

import pytest

from kg.link import link
from kg.link.iri import place_iri
from kg.model import Article
from tests.link.conftest import ner, seed_text

STEMS = ("000", "001", "002", "003", "004")


def _iris(extraction, canonical: str) -> set[str]:
    return {e.iri for e in extraction.entities if e.canonical == canonical}


def test_campaign_in_two_seeds_is_one_node(linked_seed):
    # "持续开展"蓝天"专项行动" (000) and "…"龙腾""蓝\n\n天"等行政执法专项行动" (004)
    a, b = _iris(linked_seed("000"), "蓝天专项行动"), _iris(linked_seed("004"), "蓝天专项行动")
    assert len(a) == 1 and a == b


def test_document_written_with_hyphen_or_dash_is_one_node(linked_seed):
    hyphen = _iris(linked_seed("000"), "知识产权强国建设纲要(2021-2035年)")
    dash = _iris(linked_seed("003"), "知识产权强国建设纲要(2021—2035年)")
    assert len(hyphen) == 1 and hyphen == dash == _iris(linked_seed("004"), "知识产权强国建设纲要(2021—2035年)")


def test_body_and_place_in_two_seeds_are_one_node(linked_seed):
    assert _iris(linked_seed("000"), "国家知识产权局") == _iris(linked_seed("003"), "国家知识产权局")
    assert _iris(linked_seed("000"), "中共中央") == _iris(linked_seed("002"), "中共中央")
    assert _iris(linked_seed("001"), "中华人民共和国") == {place_iri("ISO:CN")}


def test_same_body_written_differently_in_two_articles():
    # 市市场监管局 in a 株洲 article and 株洲市市场监督管理局 in another.
    a = link(Article("a", "株洲日报讯 市市场监管局召开会议。"), ner("株洲日报讯 市市场监管局召开会议。"))
    b = link(Article("b", "株洲市市场监督管理局召开会议。"), ner("株洲市市场监督管理局召开会议。"))
    assert _iris(a, "株洲市市场监督管理局") == _iris(b, "株洲市市场监督管理局") != set()


def test_places_are_keyed_by_division_code(linked_seed):
    ex = linked_seed("000")
    assert _iris(ex, "拉萨市") == {place_iri("540100")}
    assert _iris(ex, "西藏自治区") == {place_iri("540000")}


def _dump(extraction) -> str:
    body = extraction.to_json()
    body["relations"] = [
        (r.kind, r.subject, r.object, r.explicit, r.evidence.start if r.evidence else None) for r in extraction.relations
    ]
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def test_output_does_not_depend_on_article_order():
    forward = {stem: _dump(link(Article(stem, seed_text(stem)), ner(seed_text(stem)))) for stem in STEMS}
    backward = {stem: _dump(link(Article(stem, seed_text(stem)), ner(seed_text(stem)))) for stem in reversed(STEMS)}
    assert forward == backward


def test_output_does_not_depend_on_mention_order():
    text = seed_text("002")
    mentions = ner(text)
    shuffled = list(mentions)
    random.Random(4).shuffle(shuffled)
    assert _dump(link(Article("002", text), mentions)) == _dump(link(Article("002", text), shuffled))


def test_iris_are_stable_across_runs(linked_seed):
    # The IRI is a function of the canonical name alone: no counters, no hashes of order.
    ex = linked_seed("004")
    again = link(Article(ex.article.id, ex.article.text), ner(ex.article.text))
    assert [(e.iri, e.canonical) for e in ex.entities] == [(e.iri, e.canonical) for e in again.entities]


@pytest.mark.parametrize("stem", ["002", "004"])
def test_traditional_version_of_a_seed_links_to_the_same_graph(linked_seed, stem):
    opencc = pytest.importorskip("opencc")
    simplified = linked_seed(stem)
    traditional_text = opencc.OpenCC("s2t").convert(simplified.article.text)
    assert traditional_text != simplified.article.text
    traditional = link(Article(stem, traditional_text), ner(traditional_text))
    assert traditional.locale == simplified.locale
    assert {(e.type, e.iri) for e in traditional.entities} == {(e.type, e.iri) for e in simplified.entities}
    assert _edges(traditional) == _edges(simplified)


def _edges(extraction) -> set[tuple[str, str, str]]:
    return {(r.kind, r.subject, r.object) for r in extraction.relations}
