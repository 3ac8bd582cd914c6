"""kg.nlp.grammar: left edges, word cuts, and scanning only where a match can start."""

from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp import lexicon
from kg.nlp.grammar import COUNT, PUNCT, Boundaries, common_words, finditer_at

# 以/以及, 向/向着, 被/被告, 获/获得: one-character boundary words that open longer ones.
_TEXT = st.text(alphabet=st.sampled_from(list("的和与在对从把12家个年月，。、 \nA一二三万余拉萨市场应对“”以及向着被告获得权利人")), max_size=40)


def test_left_edge_after_a_function_word():
    b = Boundaries(("的", "与"))
    text = "涉及非正常专利12件的成都弘毅天承知识产权代理有限公司"
    assert text[b.left_edge(text, len(text) - 4, 30) :] == "成都弘毅天承知识产权代理有限公司"


@lru_cache(maxsize=1)
def _boundary_patterns() -> tuple[re.Pattern, re.Pattern]:
    words = lexicon.words("boundaries.txt")
    plain = re.compile(rf"{COUNT}|[{PUNCT}]+|[0-9０-９]+|(?:{lexicon.alternation(list(words))})")
    return plain, Boundaries(words, common_words("common_words.txt")).pattern


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_guarded_boundary_pattern_matches_like_the_plain_one(text, lo, hi):
    # The lookahead over first characters and the set of one-character words
    # tried before the trie are speed-ups only.
    plain, guarded = _boundary_patterns()
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    assert [m.span() for m in guarded.finditer(text, lo, hi)] == [m.span() for m in plain.finditer(text, lo, hi)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”\"「」蓝天铁拳等专项行动、")), max_size=40))
def test_finditer_at_quotes_equals_finditer(text):
    pattern = re.compile(r"((?:[“\"「]([^“”\"「」]{2,6})[”\"」]、?)*[“\"「]([^“”\"「」]{2,6})[”\"」])(等)?(专项行动|行动)")
    starts = [m.start() for m in re.finditer(r"[“\"「]", text)]
    assert [m.span() for m in finditer_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


def test_word_cut():
    words = common_words("common_words.txt")
    assert words.left_cut("示范县", 1)  # 示范 is a word: 范县 is not a place here
    assert not words.left_cut("到范县", 1)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5)), max_size=8), st.booleans())
def test_place_cover_equals_a_table_of_every_position(raw, last):
    from kg.nlp.grammar import PlaceCover

    places = [(a, a + n) for a, n in raw]
    table: dict[int, int] = {}
    for a, b in places if last else sorted(places):
        for pos in range(a, b):
            if last:
                table[pos] = a
            else:
                table.setdefault(pos, a)
    cover = PlaceCover(places, last=last)
    assert [cover.start_at(pos) for pos in range(30)] == [table.get(pos) for pos in range(30)]


def test_class_count_ends_only_in_its_measure_words():
    import re

    from kg.nlp.grammar import CLASS_COUNT, CLASS_MEASURES

    # The agencies test the character before a jurisdiction against
    # CLASS_MEASURES before running the regex: no other character may end a count.
    count = re.compile(CLASS_COUNT)
    ends = {ch for ch in map(chr, range(0x20, 0xA000)) if count.fullmatch("5" + ch)}
    assert ends == set(CLASS_MEASURES) and "家" in ends
