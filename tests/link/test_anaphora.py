"""该局 and friends resolve to the last-named body of the same kind in the same news item."""

from __future__ import annotations

from kg.link.anaphora import find_anaphors


def test_resolves_to_last_body_with_matching_head():
    text = "市市场监管局与市中院开展调解。该局还印发方案,该院审结案件。"
    bodies = [(0, 6, "iri:bureau", "余姚市市场监督管理局"), (7, 10, "iri:court", "余姚市中级人民法院")]
    found = {(a.text, a.iri) for a in find_anaphors(text, bodies, [(0, len(text))])}
    assert found == {("该局", "iri:bureau"), ("该院", "iri:court")}


def test_does_not_reach_into_an_earlier_news_item():
    text = "市市场监管局开展检查。\n\n另一条消息:该局发布通知。"
    bodies = [(0, 6, "iri:bureau", "余姚市市场监督管理局")]
    assert find_anaphors(text, bodies, [(0, 12), (12, len(text))]) == []


def test_anaphor_without_antecedent_is_dropped():
    assert find_anaphors("该局发布通知。", [], [(0, 7)]) == []


def test_seed001_anaphor_is_not_an_entity(linked_seed):
    ex = linked_seed("001")
    assert not any(m.text == "该局" for e in ex.entities for m in e.mentions)
