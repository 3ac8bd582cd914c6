"""kg.nlp.lexicon: the trie alternation matches what a longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp import lexicon

_ALPHABET = st.sampled_from(list("市场监管局委办(.)*"))
_WORDS = st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=12)


def _flat(items) -> str:
    """The spelling alternation() replaced: literals, longest first."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=lambda s: (-len(s), s)))


@settings(max_examples=150, deadline=None)
@given(_WORDS, st.text(alphabet=_ALPHABET, max_size=40))
def test_trie_finds_what_the_flat_alternation_finds(words, text):
    trie, flat = re.compile(lexicon.alternation(words)), re.compile(f"(?:{_flat(words)})")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(_WORDS, st.text(alphabet=_ALPHABET, max_size=20))
def test_trie_backtracks_like_the_flat_alternation(words, text):
    # Inside a larger pattern the engine backtracks into the alternation.
    trie = re.compile(f"(?:{lexicon.alternation(words)})+局$")
    flat = re.compile(f"(?:{_flat(words)})+局$")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    trie_group, flat_group = re.compile(f"({lexicon.alternation(words)})(.)"), re.compile(f"({_flat(words)})(.)")
    assert [m.groups() for m in trie_group.finditer(text)] == [m.groups() for m in flat_group.finditer(text)]


def test_every_lexicon_alternation_matches_its_words():
    for name in ("organs.tsv", "org_suffixes.tsv", "boundaries.txt", "campaign_kinds.txt", "laws.txt"):
        words = [row[0] for row in lexicon.rows(name)]
        pattern = re.compile(lexicon.alternation(words))
        for word in words:
            assert pattern.fullmatch(word), (name, word)


def test_empty_list_gives_an_empty_pattern():
    assert lexicon.alternation([]) == ""


_SCAN_ALPHABET = st.sampled_from(list("市场监管局委办和😀"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=_SCAN_ALPHABET, min_size=1, max_size=5), max_size=8), min_size=1, max_size=4),
       st.text(alphabet=_SCAN_ALPHABET, max_size=40))
def test_scanner_finds_what_each_lists_alternation_finds(word_lists, text):
    # One pass for all lists gives, per list, the regex scan's leftmost-longest matches
    # (lists may share words and overlap one another; 😀 is beyond the BMP).
    scanner = lexicon.Scanner()
    ids = [scanner.register(words) for words in word_lists]
    hits = scanner.scan(text)
    for words, word_list in zip(word_lists, ids):
        expected = [m.span() for m in re.finditer(lexicon.alternation(words), text)] if words else []
        assert hits.longest(word_list) == expected
        every = sorted({(i, i + len(w)) for w in set(words) for i in range(len(text)) if text.startswith(w, i)},
                       key=lambda span: (span[0], -span[1]))
        assert hits.spans(word_list) == every
        assert hits.spans(word_list) == every and hits.longest(word_list) == expected  # kept views, read again


def test_scanner_reads_around_surrogates_and_keeps_the_last_scan():
    scanner = lexicon.Scanner()
    organs = scanner.register(["局", "市场监管局"])
    text = "x\ud800市场监管局\udfff局"
    assert scanner.scan(text).longest(organs) == [(2, 7), (8, 9)]
    assert scanner.scan(text) is scanner.scan(text)
    assert scanner.register(["市场监管局", "局", ""]) == organs  # the same words: the same list
    laws = scanner.register(["专利法"])  # a new list: the next scan sees it
    assert scanner.scan("专利法局").longest(laws) == [(0, 3)]
    assert scanner.scan("专利法局").longest(organs) == [(3, 4)]
    # The same text object scanned again after a list is registered: no stale hits.
    same = "专利法局"
    scanner.scan(same)
    courts = scanner.register(["法局"])
    assert scanner.scan(same).longest(courts) == [(2, 4)]
    assert scanner.scan(same) is scanner.scan(same)


def test_a_pickled_scanner_builds_its_automaton_again():
    import pickle

    scanner = lexicon.Scanner()
    organs = scanner.register(["局", "市场监管局"])
    scanner.scan("市场监管局")
    copy = pickle.loads(pickle.dumps(scanner))
    assert copy.scan("市市场监管局").longest(organs) == [(1, 6)]


def test_both_views_of_a_list_agree_whichever_is_read_first():
    # Both views sort the same list of the automaton's hits (by end) in place: the view read
    # second must read it right as the first left it (办 and 办办 share starts).
    for first in ("longest", "spans"):
        scanner = lexicon.Scanner()
        words = scanner.register(["办", "办办"])
        hits = scanner.scan("办办办")
        getattr(hits, first)(words)
        assert hits.spans(words) == [(0, 2), (0, 1), (1, 3), (1, 2), (2, 3)]
        assert hits.longest(words) == [(0, 2), (2, 3)]
