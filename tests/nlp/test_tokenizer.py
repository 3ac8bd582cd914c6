"""kg.nlp.tokenizer: one token per character, the text kept exactly, spans at any offset."""

from __future__ import annotations

import pickle

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from kg.nlp.tokenizer import CharDoc, CharTokenizer
from tests.conftest import seed_paths


@pytest.fixture(scope="module")
def tokenizer():
    return CharTokenizer(spacy.blank("zh").vocab)


@pytest.mark.parametrize("path", seed_paths()[:2], ids=lambda p: p.name)
def test_seed_text_round_trips_one_token_per_character(tokenizer, path):
    text = path.read_text(encoding="utf-8")
    doc = tokenizer(text)
    assert isinstance(doc, CharDoc)
    assert doc.text == text and len(doc) == len(text)
    plain = Doc(tokenizer.vocab, words=list(text), spaces=[False] * len(text))
    assert [t.text for t in doc] == [t.text for t in plain]
    assert "".join(t.text_with_ws for t in doc) == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("知识产权局拉萨市《》“”\n \t　ＡＢ2021年國家😀")), max_size=40), st.data())
def test_any_character_range_is_a_span(tokenizer, text, data):
    doc = tokenizer(text)
    assert doc.text == text and len(doc) == len(text)
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        span = doc.char_span(start, end)
        assert span is not None and span.text == text[start:end]


def test_empty_text(tokenizer):
    doc = tokenizer("")
    assert len(doc) == 0 and doc.text == ""


def test_pickled_doc_is_a_plain_doc_with_the_same_text(tokenizer):
    doc = tokenizer("拉萨市 市场监管局\n印发")
    copy = pickle.loads(pickle.dumps(doc))
    assert type(copy) is Doc
    assert copy.text == doc.text and [t.text for t in copy] == [t.text for t in doc]


@pytest.mark.parametrize("text", ["拉萨市市场监管局", "國家知识产权局😀印发\n　ＡＢ", "😀", "ab c"])
def test_tokens_carry_the_lexemes_of_their_characters(tokenizer, text):
    # Twice: the first call meets new characters, the second finds them known.
    for _ in range(2):
        doc = tokenizer(text)
        assert [t.orth for t in doc] == [tokenizer.vocab[c].orth for c in text]
        assert [t.text for t in doc] == list(text) and [t.idx for t in doc] == list(range(len(text)))


@pytest.mark.parametrize("text", ["拉萨市 市场监管局\n\n印发", "國家　知識產權😀\t局", "", " \n "])
def test_the_compact_view_reads_the_code_points_the_tokenizer_read(tokenizer, text):
    from kg.nlp.spans import compact_view
    from kg.nlp.text import CompactText
    from kg.nlp.tokenizer import codepoints

    assert codepoints(text).tolist() == [ord(c) for c in text]
    view, plain = compact_view(tokenizer(text)), CompactText.of(text)
    assert (view.text, list(view.offsets), view.simplified) == (plain.text, list(plain.offsets), plain.simplified)
    assert all(t.whitespace_ == "" for t in tokenizer(text))


@pytest.mark.parametrize("text", ["拉萨市拉萨 ＡB\n", "知识产权😀局", ""])
def test_lexeme_ids_are_the_vocabs_on_first_sight_and_after(text):
    tokenizer = CharTokenizer(spacy.blank("zh").vocab)  # an empty table: every character is new
    expected = [tokenizer.vocab[char].orth for char in text]
    assert list(tokenizer._orths(text)) == expected
    assert list(tokenizer._orths(text)) == expected  # read from the table this time
    assert [token.orth for token in tokenizer(text)] == expected


def test_without_tokens_the_doc_carries_its_text_and_code_points():
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import codepoints, is_tokenless

    text = "拉萨市 印发《方案》\n"
    doc = CharTokenizer(Vocab(), tokens=False)(text)
    assert len(doc) == 0 and doc.text == text and is_tokenless(doc)
    assert doc._kg_codes.tolist() == codepoints(text).tolist()
    assert not is_tokenless(CharTokenizer(Vocab())(text))


def test_a_doc_without_tokens_refuses_to_be_pickled_rather_than_lose_its_text():
    import pickle

    import pytest

    from kg.errors import PipelineError
    from kg.nlp import load

    doc = load(annotate=False)("拉萨市市场监管局")
    assert doc.text == "拉萨市市场监管局" and len(doc) == 0
    with pytest.raises(PipelineError, match="cannot be pickled"):
        pickle.dumps(doc)
    annotated = pickle.loads(pickle.dumps(load()("拉萨市市场监管局")))
    assert annotated.text == "拉萨市市场监管局"
