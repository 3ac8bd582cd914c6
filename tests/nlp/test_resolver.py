"""kg_resolver: overlaps settled on offsets give what spaCy's filter_spans gives."""

from __future__ import annotations

from functools import lru_cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from kg.nlp.resolver import outermost


@lru_cache(maxsize=1)
def _doc():
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})("字" * 40)

_SPANS = st.lists(
    st.tuples(st.sampled_from(["PLACE", "AGENCY", "POLICY"]), st.integers(0, 30), st.integers(1, 8)), max_size=25
)


@settings(max_examples=150, deadline=None)
@given(_SPANS)
def test_outermost_equals_filter_spans(raw):
    doc = _doc()
    kept = sorted({(label, start, start + length) for label, start, length in raw}, key=lambda e: (e[1], e[2], e[0]))
    spans = [Span(doc, start, end, label=label) for label, start, end in kept]
    expected = spacy.util.filter_spans(spans)
    assert [spans[i] for i in outermost(kept)] == expected


def test_place_inside_agency_stays_and_ents_are_outermost(nlp):
    doc = nlp("拉萨市市场监管局印发《实施方案》")
    assert [(s.label_, s.text) for s in doc.spans["kg"]] == [
        ("PLACE", "拉萨市"), ("AGENCY", "拉萨市市场监管局"), ("POLICY", "实施方案")
    ]
    assert [(e.label_, e.text) for e in doc.ents] == [("AGENCY", "拉萨市市场监管局"), ("POLICY", "实施方案")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6)), max_size=8))
def test_outermost_on_nested_spans_equals_filter_spans(raw):
    # Nested or apart, as the resolver keeps them: the one-pass way.
    kept: list[tuple[str, int, int]] = []
    for start, length in raw:
        end = start + length
        if all(e <= start or end <= s or (s <= start and end <= e) or (start <= s and e <= end) for _, s, e in kept):
            kept.append(("PLACE" if length < 3 else "AGENCY", start, end))
    kept.sort(key=lambda e: (e[1], e[2], e[0]))
    doc = _doc()
    spans = [Span(doc, start, end, label=label) for label, start, end in kept]
    assert [spans[i] for i in outermost(kept)] == spacy.util.filter_spans(spans)
