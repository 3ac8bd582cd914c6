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


def _settle_by_brute_force(resolver, entries, get_record):
    """What settle() does, comparing every candidate with every kept span (no index)."""
    rank = resolver.rank

    def attrs_of(entry):
        record = get_record(entry)
        return (record[1] if record else None) or {}

    order = sorted(
        range(len(entries)),
        key=lambda i: (rank.get(entries[i][0], len(rank)), entries[i][1] - entries[i][2], entries[i][1], i),
    )
    kept = []
    for i in order:
        entry = entries[i]
        others = sorted(
            (k for k in kept if k[1] < entry[2] and entry[1] < k[2]), key=lambda k: k[1]
        )  # overlapping kept spans, by start
        if others and _loses(resolver, entry, others, attrs_of):
            continue
        kept.append(entry)
    return sorted(kept, key=lambda e: (e[1], e[2], e[0]))


def _loses(resolver, entry, others, attrs_of):
    """The clash rule spelt out in the order the docs give it (settle's own test reads attrs only when needed)."""
    label, start, end = entry
    for other_label, other_start, other_end in others:
        holes = attrs_of((other_label, other_start, other_end)).get("holes") or ()
        inside = other_start <= start and end <= other_end
        if any(a <= start and end <= b for a, b in holes):
            continue  # inside a caption hole of a title
        if inside and label in resolver.nestable and label != other_label:
            continue
        if inside and attrs_of(entry).get("nested"):
            continue
        if inside and label == "POLICY" and other_label == "POLICY":
            continue
        return True
    return False


def _candidates(last_start: int, longest: int):
    """Up to 30 candidates (label, start, length, attrs) starting in 0..last_start."""
    return st.lists(
        st.tuples(
            st.sampled_from(["PLACE", "AGENCY", "POLICY", "CAMPAIGN", "ORG", "OTHER"]),
            st.integers(0, last_start),
            st.integers(1, longest),
            st.sampled_from([None, {"nested": True}, {"holes": [(2, 20)]}]),
        ),
        max_size=30,
    )


_CANDIDATES = _candidates(40, 12)


@settings(max_examples=200, deadline=None)
@given(_CANDIDATES)
def test_settle_keeps_what_comparing_every_pair_keeps(raw):
    _assert_settles_as_brute_force(raw)


def _assert_settles_as_brute_force(raw):
    from kg.nlp.resolver import DEFAULT_PRIORITY, SpanResolver

    resolver = SpanResolver("kg_resolver", "kg", DEFAULT_PRIORITY, ["PLACE", "AGENCY"])
    entries = [(label, start, start + length) for label, start, length, _ in raw]
    records = {}
    for (label, start, length, attrs) in raw:
        records.setdefault((label, start, start + length), ("name", attrs, "rules") if attrs else None)
    assert resolver.settle(entries, records.get) == _settle_by_brute_force(resolver, entries, records.get)


#: Candidates spread wide, so most stretches hold one or two (settle's pair path), as in articles.
_SPREAD_CANDIDATES = _candidates(200, 10)


@settings(max_examples=200, deadline=None)
@given(_SPREAD_CANDIDATES)
def test_settle_on_pairs_keeps_what_comparing_every_pair_keeps(raw):
    _assert_settles_as_brute_force(raw)


@settings(max_examples=200, deadline=None)
@given(_SPREAD_CANDIDATES)
def test_stretches_are_the_overlapping_runs_of_the_entries(raw):
    from kg.nlp.resolver import _stretches

    entries = [(label, start, start + length) for label, start, length, _ in raw]
    stretches = _stretches(entries)
    assert sorted(e for stretch in stretches for e in stretch) == sorted(entries)
    for stretch in stretches:
        assert [e[1] for e in stretch] == sorted(e[1] for e in stretch)
        reach = stretch[0][2]
        for entry in stretch[1:]:  # each one overlaps what came before it in the stretch
            assert entry[1] < reach
            reach = max(reach, entry[2])
    for before, after in zip(stretches, stretches[1:]):  # and nothing overlaps across stretches
        assert max(e[2] for e in before) <= after[0][1]


def test_without_annotations_the_mentions_are_the_same_and_the_doc_carries_only_its_text():
    from kg.nlp import find_mentions, load
    from kg.nlp.spans import entries
    from tests.conftest import seed_paths

    annotated, bare_nlp = load(), load(annotate=False)
    assert bare_nlp.get_pipe("kg_resolver").annotate is False and bare_nlp.tokenizer.tokens is False
    for path in seed_paths():
        text = path.read_text(encoding="utf-8")
        full, bare = annotated(text), bare_nlp(text)
        assert find_mentions(bare) == find_mentions(full)
        assert len(find_mentions(bare)) > 10
        assert bare.text == text and len(bare) == 0
        assert "kg" not in bare.spans and bare.ents == ()
        assert entries(bare) == entries(full)


def test_a_resolver_that_does_not_annotate_keeps_mentions_a_span_group_can_take_later():
    from kg.nlp import find_mentions, load
    from kg.nlp.spans import flush
    from tests.conftest import seed_paths

    text = seed_paths()[0].read_text(encoding="utf-8")
    full = load()(text)
    kept = load(components__kg_resolver__annotate=False)(text)
    assert len(kept) == len(text) and "kg" not in kept.spans
    assert find_mentions(kept) == find_mentions(full)
    assert [(s.label_, s.start, s.end) for s in flush(kept)] == [(s.label_, s.start, s.end) for s in full.spans["kg"]]
    assert find_mentions(kept) == find_mentions(full)


def test_annotating_a_doc_without_tokens_is_refused_with_the_fix():
    import pytest

    from kg.errors import PipelineError
    from kg.nlp import load

    with pytest.raises(PipelineError, match="tokens = true"):
        load(nlp__tokenizer__tokens=False)  # at load time, before any text is read
