"""kg.nlp.text: the compact view keeps offsets into the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.text import CompactText, canonical_text, simplify


def test_traditional_and_full_width_keep_length():
    original = "福州市市場監督管理局（福州市知識產權局）"
    assert simplify(original) == "福州市市场监督管理局(福州市知识产权局)"
    assert len(simplify(original)) == len(original)


def test_spaces_dropped_and_mapped_back():
    original = "拉萨市市场监管局先后制定 印发《拉萨市关于进一步强化知识产权 保护实施方案》"
    view = CompactText.of(original)
    i = view.text.index("《") + 1
    j = view.text.index("》")
    start, end = view.span(i, j)
    assert canonical_text(original[start:end]) == "拉萨市关于进一步强化知识产权保护实施方案"


def test_short_lines_keep_their_breaks():
    view = CompactText.of("加强顶层设计\n\n推进知识产权强市建设")
    assert view.text == "加强顶层设计\n推进知识产权强市建设"


def test_layout_break_inside_a_sentence_runs_on():
    # seed 004: "中国(株洲)知识产权维权援助中⏎⏎心"
    original = "在全省率先整合举报电话,在市民中心设立了“中国(株洲)知识产权维权援助中\n\n心”的服务窗口"
    view = CompactText.of(original)
    assert "维权援助中心" in view.text
    start, end = view.span(view.text.index("中国"), view.text.index("心”") + 1)
    assert original[start:end] == "中国(株洲)知识产权维权援助中\n\n心"


def test_open_title_keeps_its_break_for_the_caption_rule():
    original = "加强西藏自治区海外知识产权纠纷应\n\n印发《2023年西藏自治区知识产权\n\n山南市人民检察院举行揭牌仪式。\n\n行政保护工作实施方案》"
    view = CompactText.of(original)
    assert "知识产权\n山南市" in view.text


def test_compact_index_round_trip():
    original = "知识 产权\n\n保护"
    view = CompactText.of(original)
    for i, ch in enumerate(view.text):
        if ch != "\n":
            assert original[view.offsets[i]] == ch
            assert view.compact_index(view.offsets[i]) == i


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("知识产权局市場監督 \n\u3000，。“”《》ＡＢ12")), max_size=60))
def test_every_compact_char_points_back(original):
    view = CompactText.of(original)
    simplified = simplify(original)
    assert len(view.offsets) == len(view.text)
    for i, ch in enumerate(view.text):
        if ch != "\n":
            assert simplified[view.offsets[i]] == ch
    assert list(view.offsets) == sorted(view.offsets)
