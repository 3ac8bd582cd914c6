"""kg_titles: 《》 titles, nested titles, captions, short names, named laws."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tests.nlp.conftest import labelled


def policies(mentions):
    return [m for m in mentions if m.label == "POLICY"]


def test_nested_titles(found):
    text = "制定《西藏自治区2023年贯彻落实〈知识产权强国建设纲要(2021-2035年)〉和〈\"十四五\"国家知识产权保护和运用规划〉的推进计划》"
    names = {m.name for m in policies(found(text))}
    assert "知识产权强国建设纲要(2021-2035年)" in names
    assert '"十四五"国家知识产权保护和运用规划' in names
    assert any(n.startswith("西藏自治区2023年贯彻落实〈") for n in names)


def test_nested_double_angle(found):
    names = {m.name for m in policies(found("印发《关于印发《知识产权保护规划》的通知》"))}
    assert names == {"关于印发《知识产权保护规划》的通知", "知识产权保护规划"}


def test_caption_inside_title_seed000(found):
    text = Path(SEEDS / "000_270aec11aeae12c3.txt").read_text(encoding="utf-8")
    mentions = found(text)
    names = {m.name for m in policies(mentions)}
    assert "2023年西藏自治区知识产权行政保护工作实施方案" in names
    # The caption's agency survives inside the title's hole.
    assert "山南市人民检察院" in labelled(mentions, "AGENCY")


def test_line_break_and_spaces(found):
    text = "先后制定 印发《拉萨市关于进一步强化知识产权 保护实施方案》《拉萨市地理标志监督\n理办法(试行)》"
    names = [m.name for m in policies(found(text))]
    assert names == ["拉萨市关于进一步强化知识产权保护实施方案", "拉萨市地理标志监督理办法(试行)"]


def test_short_name_seed003(found):
    text = "印发《2023年全区知识产权行政保护工作实施方案》(以下简称《方案》),部署全区工作任务,《方案》提出了9项重点工作任务。"
    short = [m for m in policies(found(text)) if m.name == "方案"]
    assert len(short) == 2
    assert all(m.attrs["short_for"] == "2023年全区知识产权行政保护工作实施方案" for m in short)


@pytest.mark.parametrize(
    "text,laws",
    [
        ("今年是专利法实施27周年,商标法修订后", {"专利法", "商标法"}),
        ("该案依据商标法第五十七条认定侵权成立", {"商标法"}),
        ("完善专利法律制度", set()),
    ],
    ids=["guidelines-example", "fixture-f05", "word-cut"],
)
def test_named_laws(found, text, laws):
    assert labelled(found(text), "POLICY") == laws


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中华人民共和国专利商标法实施细则条例和")), max_size=40))
def test_law_words_match_like_the_optional_prefix(text):
    from kg.nlp import lexicon
    from kg.nlp.titles import _law_words

    laws = lexicon.words("laws.txt")
    plain = re.compile(rf"(?:中华人民共和国)?(?:{lexicon.alternation(laws)})")
    scanner = lexicon.Scanner()
    word_list = scanner.register(_law_words(laws))
    assert scanner.scan(text).longest(word_list) == [m.span() for m in plain.finditer(text)]


def test_laws_starting_with_the_prefix_are_read_by_the_regex(tmp_path):
    from kg.nlp import lexicon
    from kg.nlp.titles import TitleFinder, _law_words

    assert _law_words(("中国专利法", "专利法")) is None
    laws = tmp_path / "laws.txt"
    laws.write_text("中国专利法\n专利法\n", encoding="utf-8")
    lists_before = len(lexicon.SCANNER._lists)
    finder = TitleFinder("titles", "kg", 120, str(laws), "common_words.txt", 8)
    assert finder.law_list is None
    text = "中华人民共和国专利法和中国专利法"
    assert [m.group() for m in finder.laws.finditer(text)] == ["中华人民共和国专利法", "中国专利法"]
    assert len(lexicon.SCANNER._lists) == lists_before  # the laws went to the regex, not the scanner
