"""该局 and friends resolve to the last-named body of the same kind in the same news item."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.link.anaphora import _outermost, find_anaphors


def test_resolves_to_last_body_with_matching_head():
    text = "市市场监管局与市中院开展调解。该局还印发方案,该院审结案件。"
    bodies = [(0, 6, "iri:bureau", "余姚市市场监督管理局"), (7, 10, "iri:court", "余姚市中级人民法院")]
    found = {(a.text, a.iri) for a in find_anaphors(text, bodies, [(0, len(text))])}
    assert found == {("该局", "iri:bureau"), ("该院", "iri:court")}


def test_a_body_named_inside_another_is_no_antecedent():
    text = "省高院审结上诉案件,其中不服中院判决上诉至最高人民法院知识产权法庭的案件3件。该院还发布典型案例。"
    tribunal = text.index("最高人民法院知识产权法庭")
    bodies = [
        (0, 3, "iri:high-court", "云南省高级人民法院"),
        (tribunal, tribunal + 12, "iri:tribunal", "最高人民法院知识产权法庭"),
        (tribunal, tribunal + 6, "iri:supreme-court", "最高人民法院"),
    ]
    found = {(a.text, a.iri) for a in find_anaphors(text, bodies, [(0, len(text))])}
    assert found == {("该院", "iri:high-court")}


def test_does_not_reach_into_an_earlier_news_item():
    text = "市市场监管局开展检查。\n\n另一条消息:该局发布通知。"
    bodies = [(0, 6, "iri:bureau", "余姚市市场监督管理局")]
    assert find_anaphors(text, bodies, [(0, 12), (12, len(text))]) == []


def test_anaphor_without_antecedent_is_dropped():
    assert find_anaphors("该局发布通知。", [], [(0, 7)]) == []


def test_seed001_anaphor_is_not_an_entity(linked_seed):
    ex = linked_seed("001")
    assert not any(m.text == "该局" for e in ex.entities for m in e.mentions)


class _CountingName(str):
    """A canonical name that counts how often the resolver tests its ending."""

    calls = 0

    def endswith(self, *args):  # type: ignore[override]
        _CountingName.calls += 1
        return super().endswith(*args)


def _reference(text, bodies, sections):
    """The rule as written: scan every earlier body for each anaphor (quadratic, for checking)."""
    from kg.link.anaphora import _anaphor_finder
    from kg.link.resources import anaphors

    table, ordered, found = anaphors(), sorted(bodies), []
    for match in _anaphor_finder().finditer(text):
        at = match.start()
        section = next(((s, e) for s, e in sections if s <= at < e), (0, len(text)))
        antecedent = None
        for start, end, iri, canonical in ordered:
            if end > at:
                break
            if start >= section[0] and str.endswith(canonical, table[match.group()]):
                antecedent = iri
        if antecedent is not None:
            found.append((at, match.end(), antecedent))
    return found


@pytest.mark.parametrize("one_item", [False, True], ids=["items", "one-line"])
def test_long_page_resolves_like_the_rule_without_rescanning_bodies(one_item):
    # 600 news items (or one item: a page on a single line), each naming a bureau and a court and then 该局/该院/该委: a long, entity-dense page.
    parts, bodies, sections = [], [], []
    at = 0
    for i in range(600):
        item = f"第{i}局与第{i}院开展调解,该局印发方案,该院审结案件,该委未出现。"
        bodies.append((at, at + len(f"第{i}局"), f"iri:b{i}", _CountingName(f"余姚市第{i}局")))
        court = at + item.index("院") - len(f"第{i}")
        bodies.append((court, court + len(f"第{i}院"), f"iri:c{i}", _CountingName(f"余姚市第{i}院")))
        sections.append((at, at + len(item)))
        parts.append(item)
        at += len(item)
    text = "".join(parts)
    if one_item:
        sections = [(0, len(text))]
    _CountingName.calls = 0
    found = [(a.start, a.end, a.iri) for a in find_anaphors(text, bodies, sections)]
    assert found == _reference(text, bodies, sections)
    assert len(found) == 1200  # 该委 has no 委 before it
    # Each body's ending is tested once per head met (局, 院, 委), not once per anaphor and
    # earlier body (about a million tests on the one-line page).
    assert _CountingName.calls <= 3 * len(bodies)


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["iri:a", "iri:b"]), st.sampled_from(["局", "院"])),
        max_size=12,
    )
)
def test_outermost_drops_exactly_the_bodies_inside_an_earlier_one(raw):
    # Bodies as the linker hands them over: any order, spans possibly nested or repeated.
    bodies = [(start, start + length, iri, name) for start, length, iri, name in raw]
    by_span = sorted(bodies, key=lambda body: (body[0], -body[1]))  # stable: a repeated span keeps its first
    expected = sorted(
        body for i, body in enumerate(by_span)
        if not any(other[0] <= body[0] and body[1] <= other[1] for other in by_span[:i])
    )
    assert _outermost(bodies) == expected
