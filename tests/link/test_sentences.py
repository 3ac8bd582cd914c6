"""Sentences and clauses with offsets; prose broken by the page layout is rejoined."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.link.sentences import _PIECE, ClauseIndex, clauses, split_sentences
from tests.link.conftest import seed_text


def test_offsets_point_into_the_text():
    text = seed_text("003")
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_headlines_stay_apart_from_the_next_paragraph():
    text = "知识产权强区建设扎实推进\n\n4月26日是第23个世界知识产权日。"
    assert [s.text for s in split_sentences(text)] == ["知识产权强区建设扎实推进", "4月26日是第23个世界知识产权日。"]


def test_seed000_broken_paragraph_is_one_sentence():
    # "…加强西藏自治区海外知识产权纠纷应\n\n印发《2023年西藏自治区知识产权…"
    text = seed_text("000")
    sentence = next(s for s in split_sentences(text) if "海外知识产权纠纷应对机制建设的实施意见" in s.text)
    assert "印发《2023年西藏自治区知识产权" in sentence.text


def test_clauses_split_at_commas_and_colons():
    sentence = split_sentences("甲印发《A》,并制定《B》：见附件。")[0]
    parts = [sentence.text[s - sentence.start : e - sentence.start] for s, e in clauses(sentence)]
    assert parts == ["甲印发《A》,", "并制定《B》：", "见附件。"]


# The reading of pieces before the one-scan version: every stretch up to closing
# punctuation or a line break, blanks stripped (the reference for the fast path).
_REFERENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”\"」』)）]?|\n|$)")


def _reference_pieces(text: str) -> list[tuple[int, int, str]]:
    out = []
    for match in _REFERENCE_END.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + len(raw) - len(raw.lstrip())
            out.append((start, start + len(stripped), stripped))
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="甲乙 。！？；!?;\n”\"」』)）\t\u3000，,：\x85", max_size=24))
def test_pieces_match_the_reference_reading(text):
    """A piece runs from its first to its last non-blank character."""
    assert [(m.start(), m.end(), m.group()) for m in _PIECE.finditer(text)] == _reference_pieces(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙 。！,，：:\n", max_size=30))
def test_clause_index_matches_clauses(text):
    index = ClauseIndex(text)
    for sentence in split_sentences(text):
        assert index.of(sentence) == clauses(sentence)


def test_clause_index_on_a_seed():
    text = seed_text("000")
    index = ClauseIndex(text)
    assert all(index.of(s) == clauses(s) for s in split_sentences(text))
