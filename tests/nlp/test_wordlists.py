"""The word lists derived from jieba's dictionary are reproducible from it."""

from __future__ import annotations

import pytest

from kg.nlp import lexicon


def test_generated_lists_match_jieba():
    pytest.importorskip("jieba")
    from kg.nlp.wordlists import build

    common, ordinary = build()
    assert list(lexicon.words("common_words.txt")) == common
    assert list(lexicon.words("place_ordinary_words.txt")) == ordinary


def test_lists_hold_the_words_that_motivated_them():
    assert {"示范", "市场", "应对"} <= set(lexicon.words("common_words.txt"))
    assert {"资源", "合作", "新兴", "比如"} <= set(lexicon.words("place_ordinary_words.txt"))
