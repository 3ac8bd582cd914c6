"""kg.nlp.spans: mentions are recorded as tuples and become Spans only where needed."""

from __future__ import annotations

import dataclasses

import pytest
import spacy

from kg.model import Mention
from kg.nlp import find_mentions
from kg.nlp.spans import add, add_span, compact_spans, compact_view, entries, flush, to_mentions


def _blank():
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})


def test_add_maps_compact_offsets_back_and_names_the_span():
    doc = _blank()("拉萨 市市场监管局")
    assert add(doc, "kg", "PLACE", 0, 3, attrs={"codes": ["540100"]}) == (0, 4)
    assert entries(doc) == [("PLACE", 0, 4, "拉萨市", {"codes": ["540100"]}, "rules")]
    assert compact_spans(doc, "kg", "PLACE") == [(0, 3, ("拉萨市", {"codes": ["540100"]}, "rules"))]
    assert add(doc, "kg", "PLACE", 2, 2) is None  # empty stretch


def test_add_span_returns_a_span_with_its_extensions():
    doc = _blank()("拉萨市市场监管局")
    span = add_span(doc, "kg", "AGENCY", 0, 8, attrs={"organ": "市场监督管理局"})
    assert (span.text, span.label_, span._.kg_name, span._.kg_attrs["organ"]) == ("拉萨市市场监管局", "AGENCY", "拉萨市市场监管局", "市场监督管理局")
    assert [s.text for s in flush(doc, "kg")] == ["拉萨市市场监管局"]


def test_mentions_follow_spans_changed_after_the_pipeline(nlp):
    doc = nlp("拉萨市市场监管局印发《实施方案》")
    before = find_mentions(doc)
    group = doc.spans["kg"]
    group.append(doc.char_span(10, 12, label="POLICY"))  # a user adds a span of their own
    after = to_mentions(doc)
    assert len(after) == len(before) + 1
    assert ("POLICY", 10, 12) in {(m.label, m.start, m.end) for m in after}


def test_mentions_made_without_init_are_real_mentions(nlp):
    """to_mentions fills each Mention's __dict__; the objects must be what Mention(...) makes."""
    mentions = find_mentions(nlp("拉萨市市场监管局印发《拉萨市知识产权保护实施方案》"))
    assert mentions
    for fast in mentions:
        slow = Mention(**{f.name: getattr(fast, f.name) for f in dataclasses.fields(Mention)})
        assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
        assert vars(fast) == vars(slow)
        assert dataclasses.replace(fast, name="x").name == "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.name = "x"


def test_doc_spans_ents_and_extensions_on_seeds(nlp):
    from tests.conftest import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        mentions = find_mentions(doc)
        spans = {(s.label_, s.start_char, s.end_char): s for s in doc.spans["kg"]}
        assert {(m.label, m.start, m.end) for m in mentions} == set(spans)
        for m in mentions:
            span = spans[(m.label, m.start, m.end)]
            assert (span.text, span._.kg_name, span._.kg_attrs) == (m.text, m.name, m.attrs)
        ents = list(doc.ents)
        assert ents == spacy.util.filter_spans(list(doc.spans["kg"]))


def test_doc_pickles_with_its_mentions(nlp):
    import pickle

    doc = nlp("拉萨市 市场监管局印发《实施方案》")
    again = pickle.loads(pickle.dumps(doc))
    assert find_mentions(again) == find_mentions(doc)
    assert [s._.kg_name for s in again.spans["kg"]] == ["拉萨市", "拉萨市市场监管局", "实施方案"]


def test_a_doc_of_word_tokens_gets_spans_on_token_boundaries(nlp):
    # Not one token per character: spans expand to whole tokens, ents still come from filter_spans.
    from spacy.tokens import Doc

    words = ["拉萨市", "市场监管局", "印发", "《", "拉萨市知识产权", "保护", "实施方案", "》"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    for _name, component in nlp.pipeline:
        doc = component(doc)
    mentions = {(m.label, m.text) for m in find_mentions(doc)}
    assert {("AGENCY", "拉萨市市场监管局"), ("PLACE", "拉萨市知识产权"), ("POLICY", "拉萨市知识产权保护实施方案")} <= mentions
    assert [(e.label_, e.text) for e in doc.ents] == [("AGENCY", "拉萨市市场监管局"), ("POLICY", "拉萨市知识产权保护实施方案")]


def test_compact_spans_follow_new_places_but_not_other_labels():
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
    doc = nlp("拉萨 市市场监管局和林芝市")
    add(doc, "kg", "PLACE", 0, 3, attrs={"codes": ["540100"]})
    first = compact_spans(doc, "kg", "PLACE")
    assert [(s, e) for s, e, _ in first] == [(0, 3)]
    add(doc, "kg", "AGENCY", 0, 8)
    assert compact_spans(doc, "kg", "PLACE") == first  # another label: the same places
    add(doc, "kg", "PLACE", 9, 12)
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "PLACE")] == [(0, 3), (9, 12)]
    add(doc, "kg", "PLACE", 0, 3, attrs={"codes": ["540102"]})  # the same place again, new attrs
    assert compact_spans(doc, "kg", "PLACE")[0][2][1] == {"codes": ["540102"]}
    flush(doc, "kg")  # the mentions move into the span group
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "PLACE")] == [(0, 3), (9, 12), (0, 3)]
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "AGENCY")] == [(0, 8)]


def _recorded(doc):
    from kg.nlp.spans import _KNOWN_COMPACT, _PENDING, _RECORDS

    data = doc.user_data
    return data.get(_PENDING), data.get(_RECORDS), data.get(_KNOWN_COMPACT)


def test_add_all_records_what_one_add_each_records():
    from spacy.tokens import Doc

    from kg.nlp.spans import add_all

    text = "拉萨 市市场监管局\n\n和林芝市 、 國家知識產權局"
    found = [(0, 3, None, {"codes": ["540100"]}), (0, 8, "拉萨市市场监督管理局", None), (4, 4, None, None),
             (9, 12, None, {"codes": ["540400"]}), (13, 20, None, {}), (0, 3, "拉萨", {"codes": ["540102"]})]
    nlp = _blank()
    one_by_one, together = nlp(text), nlp(text)
    add(one_by_one, "kg", "PLACE", 1, 2)  # something recorded before, in both
    add(together, "kg", "PLACE", 1, 2)
    for start, end, name, attrs in found:
        add(one_by_one, "kg", "PLACE", start, end, name=name, attrs=attrs)
    add_all(together, "kg", "PLACE", found)
    assert _recorded(together) == _recorded(one_by_one)
    assert entries(together) == entries(one_by_one)
    # attrs are copied, as add copies them
    assert entries(together)[1][4] is not found[-1][3] and entries(together)[1][4] == found[-1][3]
    # unless the caller hands them over: then they are kept as given, and the records are the same
    handed = nlp(text)
    add(handed, "kg", "PLACE", 1, 2)
    add_all(handed, "kg", "PLACE", found, handed_over=True)
    assert _recorded(handed) == _recorded(one_by_one) and entries(handed) == entries(one_by_one)
    assert entries(handed)[1][4] is found[-1][3]  # the last mention of a stretch gives its record
    # a doc of word tokens goes the way of add (spans widen to whole tokens)
    words = ["拉萨", " ", "市", "市场监管局"]
    by_words = [Doc(nlp.vocab, words=words, spaces=[False] * 4) for _ in range(2)]
    for start, end, name, attrs in found[:2]:
        add(by_words[0], "kg", "PLACE", start, end, name=name, attrs=attrs)
    add_all(by_words[1], "kg", "PLACE", found[:2])
    assert entries(by_words[1]) == entries(by_words[0])


def test_entry_list_and_record_getter_read_what_entries_reads(nlp):
    from kg.nlp.spans import entry_list, record_getter

    doc = nlp.make_doc("拉萨市市场监管局印发《拉萨市知识产权保护实施方案》")
    for name, component in nlp.pipeline:
        if name != "kg_resolver":
            doc = component(doc)
    get = record_getter(doc)
    assert [entry + get(entry) for entry in entry_list(doc)] == entries(doc)
    assert {e[0] for e in entry_list(doc)} == {"PLACE", "AGENCY", "POLICY"}


def test_a_plain_doc_of_characters_gets_what_a_chardoc_gets(nlp):
    # A CharDoc keeps the kept tuples and the compact place lists as attributes
    # of its own; a plain Doc (no attributes) keeps them in weak maps.
    from spacy.tokens import Doc

    from tests.conftest import seed_paths

    text = seed_paths()[0].read_text(encoding="utf-8")
    char_doc = nlp(text)
    plain = Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))
    for _name, component in nlp.pipeline:
        plain = component(plain)
    assert not hasattr(plain, "__dict__") and "_kg_final" in vars(char_doc)
    assert find_mentions(plain) == find_mentions(char_doc)
    assert len(find_mentions(plain)) > 20
    assert [(s.label_, s.start, s.end) for s in plain.spans["kg"]] == [
        (s.label_, s.start, s.end) for s in char_doc.spans["kg"]
    ]
    assert [(e.label_, e.start, e.end) for e in plain.ents] == [(e.label_, e.start, e.end) for e in char_doc.ents]


def test_kept_mentions_without_a_span_group_are_what_the_doc_reads():
    from kg.nlp.spans import all_spans, keep_final

    doc = _blank()("拉萨市和林芝市的市场监管局")
    add(doc, "kg", "PLACE", 0, 3)
    add(doc, "kg", "PLACE", 4, 7)
    add(doc, "kg", "AGENCY", 8, 13)
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "PLACE")] == [(0, 3), (4, 7)]
    keep_final(doc, [("PLACE", 4, 7), ("AGENCY", 8, 13)])  # the resolver dropped 拉萨市
    assert "kg" not in doc.spans
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "PLACE")] == [(4, 7)]
    assert [e[:3] for e in entries(doc)] == [("PLACE", 4, 7), ("AGENCY", 8, 13)]
    assert [(s.label_, s.text) for s in all_spans(doc)] == [("PLACE", "林芝市"), ("AGENCY", "市场监管局")]
    assert [(m.label, m.text, m.name) for m in to_mentions(doc)] == [
        ("PLACE", "林芝市", "林芝市"), ("AGENCY", "市场监管局", "市场监管局")
    ]
    add(doc, "kg", "PLACE", 0, 3)  # a later component adds one again
    assert [e[:3] for e in entries(doc)][-1] == ("PLACE", 0, 3)
    assert [m.start for m in to_mentions(doc)] == [0, 4, 8]


def test_keep_final_replaces_a_span_group_an_earlier_component_wrote(nlp):
    """The settled mentions win over an unsettled group, as set_final's do."""
    from kg.nlp.spans import keep_final

    doc = nlp.make_doc("拉萨市和林芝市")
    add(doc, "kg", "PLACE", 0, 3)
    flush(doc, "kg")  # a user component wrote the group
    add(doc, "kg", "PLACE", 4, 7)
    keep_final(doc, [("PLACE", 4, 7)], "kg")
    assert "kg" not in doc.spans
    assert [(m.start, m.end) for m in to_mentions(doc, "kg")] == [(4, 7)]


def test_add_all_maps_offsets_as_compact_span_does():
    """add_all maps compact offsets inline; the records must be those of CompactText.span (add's way)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.nlp.spans import add_all

    nlp = _blank()
    texts = st.text(alphabet="拉萨市局县区 \n\u3000\t", min_size=1, max_size=30)

    @settings(max_examples=200, deadline=None)
    @given(texts, st.data())
    def check(text, data):
        size = len(compact_view(nlp(text)).text)  # mostly within the compact text, a few beyond its ends
        bounds = st.integers(min_value=-1, max_value=size + 1)
        found = [(start, end, None, None) for start, end in data.draw(st.lists(st.tuples(bounds, bounds), max_size=6))]
        one_by_one, together = nlp(text), nlp(text)
        try:
            for start, end, name, attrs in found:
                add(one_by_one, "kg", "PLACE", start, end, name=name, attrs=attrs)
        except IndexError:  # out of range either way: add_all must refuse it too
            with pytest.raises(IndexError):
                add_all(together, "kg", "PLACE", found)
            return
        add_all(together, "kg", "PLACE", found)
        assert entries(together) == entries(one_by_one)
        # (add_all sets up the doc's tables even for no mention; add only at its first)
        pending, records, known = _recorded(together)
        pending_one, records_one, known_one = _recorded(one_by_one)
        assert pending["kg"] == (pending_one or {}).get("kg", [])
        assert (records, known) == (records_one or {}, known_one or {})

    check()


def test_first_reading_of_kept_mentions_hands_the_attrs_over(nlp):
    """Without spans the records' attrs go to the first reading's Mentions; any other reading copies them."""
    from kg.nlp import load

    text = "拉萨市市场监管局（知识产权局）和林芝市人民政府印发《实施方案》"
    tokenless = load(annotate=False)
    doc = tokenless(text)
    first, second = find_mentions(doc), find_mentions(doc)
    plain = find_mentions(nlp(text))  # the annotated Doc: the plain path, every dict copied
    assert first == second == plain and any(m.attrs for m in first)
    records = {(e[0], e[1], e[2]): e[4] for e in entries(doc)}
    for a, b in zip(first, second):
        if a.attrs:
            assert a.attrs is records[(a.label, a.start, a.end)]  # handed over, not copied
        assert b.attrs == a.attrs and (b.attrs is not a.attrs or not a.attrs)
    # With tokens the span group hands the records out (Span._.kg_attrs): never to a Mention as well.
    full = nlp(text)
    full_records = {(e[0], e[1], e[2]): e[4] for e in entries(full)}
    for reading in (find_mentions(full), find_mentions(full)):
        assert all(m.attrs is not full_records[(m.label, m.start, m.end)] for m in reading if m.attrs)


def test_kept_mentions_are_sorted_unless_the_resolver_said_they_are_in_order():
    """keep_final(in_order=True) skips to_mentions' sort; a later add, or no such promise, sorts again."""
    from kg.nlp.spans import keep_final

    out_of_order = [("AGENCY", 8, 13), ("PLACE", 0, 3), ("PLACE", 4, 7)]
    doc = _blank()("拉萨市和林芝市的市场监管局")
    keep_final(doc, out_of_order)  # no promise: sorted
    assert [m.start for m in to_mentions(doc)] == [0, 4, 8]

    doc = _blank()("拉萨市和林芝市的市场监管局")
    keep_final(doc, [("PLACE", 4, 7), ("AGENCY", 8, 13)], in_order=True)
    add(doc, "kg", "PLACE", 0, 3)  # added after the resolver, before what it kept
    assert [m.start for m in to_mentions(doc)] == [0, 4, 8]

    doc = _blank()("拉萨市和林芝市的市场监管局")
    keep_final(doc, out_of_order, in_order=True)  # the promise is trusted: no sort
    assert [m.start for m in to_mentions(doc)] == [8, 0, 4]


@pytest.mark.parametrize(
    "found",
    [
        [(0, 3, None, {"codes": ["540100"]}), (4, 7, "林芝市", None), (9, 11, None, None)],
        # A repeated mention: compact_spans lists it twice, with its last record.
        [(0, 3, None, {"codes": ["540100"]}), (4, 7, None, None), (0, 3, "拉萨", {"codes": ["540102"]})],
    ],
)
def test_compact_spans_kept_by_the_first_add_all_equal_those_worked_out(found):
    """The first add_all of a doc keeps the compact spans of its label; they equal compact_spans' own."""
    from kg.nlp import spans
    from kg.nlp.spans import add_all

    def fresh(doc, label):
        spans._side_table(doc, spans._COMPACT_SPANS, "_kg_compact_spans").clear()  # no kept list
        return compact_spans(doc, "kg", label)

    doc = _blank()("拉萨 市和林芝市，\n 山南与日喀则")
    add_all(doc, "kg", "PLACE", found)
    kept = compact_spans(doc, "kg", "PLACE")
    assert kept == fresh(doc, "PLACE") and [r for *_, r in kept] == [r for *_, r in fresh(doc, "PLACE")]
    add_all(doc, "kg", "AGENCY", [(4, 9, None, None)])  # another label: the places stand
    assert compact_spans(doc, "kg", "PLACE") == fresh(doc, "PLACE")
    add_all(doc, "kg", "PLACE", [(12, 15, None, None)])  # more places: worked out again, all of them
    assert [(s, e) for s, e, _ in compact_spans(doc, "kg", "PLACE")] == [(s, e) for s, e, *_ in found] + [(12, 15)]
    assert compact_spans(doc, "kg", "PLACE") == fresh(doc, "PLACE")
