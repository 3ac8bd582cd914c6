"""Sentences and clauses with offsets; prose broken by the page layout is rejoined."""

from __future__ import annotations

from kg.link.sentences import clauses, split_sentences
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
