"""The rule tables in kg/link/data parse and say what the code expects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.link.resources import (
    adverbials,
    anaphors,
    conduct_verbs,
    data_rows,
    deixis_words,
    expand_abbreviations,
    issue_verbs,
    plates,
    unscoped_organs,
)


def test_issue_verbs_have_known_kinds():
    kinds = issue_verbs()
    assert set(kinds.values()) <= {"issue", "agreement", "submit"}
    for verb in ("印发", "制定", "出台", "发布", "编制", "牵头编制", "下发", "联合印发", "审议通过", "形成"):
        assert kinds[verb] == "issue"
    assert kinds["签署"] == kinds["签订"] == "agreement"
    assert kinds["递交"] == "submit"


def test_tables_are_two_columns_without_duplicates():
    for name in ("abbreviations.tsv", "issue_verbs.tsv", "anaphora.tsv", "plates.tsv", "deixis.tsv"):
        rows = data_rows(name)
        assert rows and all(len(row) == 2 and all(row) for row in rows), name
        assert len({row for row in rows}) == len(rows), name


def test_lists_load():
    assert "开展" in conduct_verbs() and "近日" in adverbials() and "工作室" in unscoped_organs()
    assert anaphors()["该局"] == ("局",)
    assert set(anaphors()["该校"]) >= {"大学", "学院"}
    assert "市场监督管理局" in plates()["知识产权局"]
    assert deixis_words()["我区"] == "区" and deixis_words()["全市"] == "市"
    assert expand_abbreviations()["高院"] == "高级人民法院"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet="该局会议委员全市区", min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(alphabet="该局会议委员全市区场,", max_size=30),
    st.sampled_from(["", "(?![场域])"]),
)
def test_word_finder_finds_what_the_alternation_finds(words, text, after):
    from kg.link.resources import WordFinder, words_pattern

    expected = [(m.start(), m.end(), m.group()) for m in words_pattern(tuple(words), after).finditer(text)]
    assert [(m.start(), m.end(), m.group()) for m in WordFinder(words, after).finditer(text)] == expected


def test_word_finder_reads_the_anaphors_and_deixis_of_a_seed():
    from kg.link.resources import WordFinder, anaphors, deixis_words, words_pattern
    from tests.link.conftest import seed_text

    text = seed_text("000")
    for table, after in ((tuple(anaphors()), ""), (tuple(deixis_words()), "(?![场域级面长])")):
        expected = [m.span() for m in words_pattern(table, after).finditer(text)]
        assert expected and [m.span() for m in WordFinder(table, after).finditer(text)] == expected
