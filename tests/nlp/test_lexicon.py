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
