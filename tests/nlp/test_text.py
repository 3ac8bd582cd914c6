"""kg.nlp.text: the compact view keeps offsets into the original text."""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.nlp.text import JOIN_LINES_FROM, WHITESPACE_CHARS, CompactText, canonical_text, simplify


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


def _reference(original: str) -> tuple[str, list[int]]:
    """The compact text and one offset per character, built the plain way (one list entry a character)."""
    simplified = simplify(original)
    chars, keep, last, line, open_titles = [], [], 0, 0, 0
    for match in re.finditer(r"\s+", simplified):
        start, end = match.span()
        segment = simplified[last:start]
        chars.append(segment)
        keep.extend(range(last, start))
        line += start - last
        open_titles += segment.count("《") - segment.count("》")
        if "\n" in match.group():
            cjk = "\u4e00" <= simplified[start - 1 : start] <= "\u9fff" and "\u4e00" <= simplified[end : end + 1] <= "\u9fff"
            if not (line >= JOIN_LINES_FROM and open_titles <= 0 and 0 < start and end < len(simplified) and cjk):
                chars.append("\n")
                keep.append(start + match.group().index("\n"))
                line = open_titles = 0
        last = end
    chars.append(simplified[last:])
    keep.extend(range(last, len(simplified)))
    return "".join(chars), keep


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("知识产权局 \n\u3000\t《》ＡＢ")), max_size=90))
@example("知识产权保护" * 5 + " \n\n 局局")  # a long line runs on
@example("《知识产权保护" * 5 + "\n\n局》")  # an open title keeps its break
# Titles counted across a joined break, a kept one, then a line that closes one more than it opens.
@example("知识产权保护工作" * 3 + "\n" + "知识产权保护工作" * 3 + "《局\n局》" + "知识产权保护工作" * 3 + "\n局")
@example(" \n知识 产权\t")
def test_span_and_compact_index_agree_with_the_offsets(original):
    # span() and compact_index() read the runs directly; the per-character
    # offsets are the reference.
    view = CompactText.of(original)
    text, offsets = _reference(original)
    assert view.text == text and list(view.offsets) == offsets
    for i in range(len(offsets)):
        assert view.offsets[i] == offsets[i]
        for j in range(i + 1, min(len(offsets), i + 6) + 1):
            assert view.span(i, j) == (offsets[i], offsets[j - 1] + 1)
    for position in range(len(original) + 2):
        assert view.compact_index(position) == bisect.bisect_left(offsets, position)


def test_whitespace_chars_are_what_isspace_says():
    assert WHITESPACE_CHARS == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def test_text_without_whitespace_shares_offsets():
    view = CompactText.of("拉萨市市场监管局")
    assert list(view.offsets) == list(range(8))
    assert view.span(0, 3) == (0, 3) and view.compact_index(5) == 5


@pytest.mark.parametrize(
    "original", ["乾隆年間，國家知識產權局（ＣＮＩＰＡ）", "國家　知識產權", "ＡＢＣ１２３", "知识产权", "乾燥的天氣"]
)
def test_simplify_is_the_phrase_pass_then_the_character_table(original):
    from kg.nlp.text import _char_table, _opencc

    # The way simplify() is defined: OpenCC's phrase pass, then every character
    # through the table; the character table alone when the phrase pass changes the length.
    phrase = _opencc().convert(original).translate(_char_table())
    expected = phrase if len(phrase) == len(original) else original.translate(_char_table())
    assert simplify(original) == expected


@settings(max_examples=80, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_flag_runs_are_the_runs_a_regex_finds(flags):
    import numpy

    from kg.nlp.text import _flag_runs

    as_text = "".join("x" if flag else "." for flag in flags)
    assert _flag_runs(numpy.array(flags, dtype=bool)) == [m.span() for m in re.finditer("x+", as_text)]


@pytest.mark.parametrize("original", ["知识 产权\n\n保护", "國家　知識產權", "😀 拉萨\t市", "\ud800 拉萨", "", "   ", "拉萨市"])
def test_view_from_code_points_given_or_read(original):
    import numpy

    codes = numpy.array([ord(c) for c in original], dtype=numpy.uint32)
    given_codes, read = CompactText.of(original, codes), CompactText.of(original)
    assert (given_codes.text, list(given_codes.offsets), given_codes.simplified) == (read.text, list(read.offsets), read.simplified)
    text, offsets = _reference(original)
    assert read.text == text and list(read.offsets) == offsets


@pytest.mark.parametrize("original", ["國家知識產權局（ＣＮＩＰＡ）印發 方案", "拉萨市 市场监管局印发方案"])
def test_simplify_does_not_read_again_the_text_the_compact_view_read(original, monkeypatch):
    import kg.nlp.text as text_module

    view = CompactText.of(original)
    # The linker simplifies the same text object after the NER stage: it gets
    # the view's result without a pass over the text (no character search).
    monkeypatch.setattr(text_module, "_mapped_chars", lambda: pytest.fail("the text was read again"))
    assert simplify(original) is view.simplified
    monkeypatch.undo()
    # An equal text that is another object is worked out, to the same result.
    copy = "".join(list(original))
    assert copy is not original
    assert simplify(copy) == view.simplified
    assert simplify(copy) is not view.simplified  # not taken for the text the view read


@pytest.mark.parametrize("text,compact", [
    ("本报苏州讯 苏州中院知识产权法庭发布", "本报苏州讯\n苏州中院知识产权法庭发布"),
    ("无锡日报讯　市市场监管局印发", "无锡日报讯\n市市场监管局印发"),
    ("本报雄安电 新区综合执法局", "本报雄安电\n新区综合执法局"),
    ("加强通讯 设备检测", "加强通讯设备检测"),  # 讯 ending a word, not a dateline
    ("知识 产权", "知识产权"),
])
def test_a_space_after_a_dateline_breaks_as_a_line_does(text, compact):
    assert CompactText.of(text).text == compact


def test_no_body_runs_back_into_the_dateline():
    from kg.nlp import find_mentions, load

    mentions = find_mentions(load(annotate=False)("本报苏州讯 苏州中院知识产权法庭发布典型案例。"))
    # (the tribunal, an internal unit, mentions its court too)
    assert [m.text for m in mentions if m.label == "AGENCY"] == ["苏州中院", "苏州中院知识产权法庭"]
