"""Load the lexicons and patterns in ``kg/nlp/data/``.

Every lexicon is a plain UTF-8 file, one item a line, ``#`` starting a comment
line.  ``.txt`` files are word lists; ``.tsv`` files are tab-separated rows.
Components receive file names through their config, so a user can point a
pipeline at a lexicon of their own.
"""

from __future__ import annotations

import importlib.util
import operator
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

DATA_PACKAGE = "kg.nlp"


def _read(name: str) -> str:
    path = Path(name)
    if path.is_absolute() or path.exists() and path.parent != Path("."):
        return path.read_text(encoding="utf-8")
    return resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Items of a word list, in file order, without comments or blanks."""
    return tuple(line.strip() for line in _read(name).splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file, without comments or blanks."""
    return tuple(
        tuple(cell.strip() for cell in line.split("\t"))
        for line in _read(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """A two-column TSV file as a dict from the first column to the second."""
    return {row[0]: row[1] for row in rows(name) if len(row) >= 2}


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal ``items`` in which the longest wins, spelt as a trie.

    ``a|ab|abc`` tried longest first and ``a(?:b(?:c)?)?`` try the items that
    fit at a position in the same order (they are prefixes of one another,
    longest first), so either spelling matches the same text anywhere in a
    pattern.  The trie is faster: the regex engine tries the alternatives of
    a branch one by one, and a trie's branches hold one alternative per next
    character instead of one per item.

    >>> alternation(["局", "市场监管局", "市场监督管理局", "市委"])
    '(?:局|市(?:场监(?:督管理局|管局)|委))'
    >>> re.compile(alternation(["局", "市场监管局", "市委"])).findall("市市场监管局市委")
    ['市场监管局', '市委']
    """
    words = sorted(set(items))
    if not words:
        return ""
    atom = _atom(words)
    return atom if atom.startswith("(?:") else f"(?:{atom})"  # a literal run starts with an escaped character


def _atom(words: list[str]) -> str:
    """A regex for exactly the sorted, distinct literal ``words`` ("" allowed), usable as one unit."""
    optional = words[0] == ""
    branches = []
    children: dict[str, list[str]] = {}
    for word in words[1:] if optional else words:
        children.setdefault(word[0], []).append(word[1:])
    for char, rest in children.items():
        run = re.escape(char)
        while len(rest) == 1 and rest[0]:  # a chain of single children is one literal run
            run += re.escape(rest[0][0])
            rest = [rest[0][1:]]
        branches.append(run if rest == [""] else run + _atom(rest))
    body = "|".join(branches)
    if optional:
        return f"(?:{body})?"  # greedy: the longer item is tried first
    return body if len(branches) == 1 else f"(?:{body})"


@lru_cache(maxsize=1)
def ethnic_groups() -> tuple[str, ...]:
    """The 56 ethnic groups, from the ``cpca`` package's data."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return ()
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "56_nations.csv"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


class TextHits:
    """Where the words of each registered list occur in one text (see :class:`Scanner`).

    Each list's hits are sorted, and its views (every occurrence, the
    leftmost-longest ones) worked out, on first use and kept: components that
    read the same list of the same text share them (kg_campaigns reads its kind
    words twice).  The result is the same whoever asks first; do not change
    the lists returned.
    """

    __slots__ = ("_hits", "_longest", "_spans")

    def __init__(self, hits: list[list[tuple[int, int, int]]]):
        # Per list: the automaton's own (word, start, end) of every occurrence, in
        # the order it reported them, by end (no tuple of our own made per hit).
        self._hits = hits
        self._longest: dict[int, list[tuple[int, int]]] = {}
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def spans(self, word_list: int) -> list[tuple[int, int]]:
        """``(start, end)`` of every occurrence of the list's words, by start, the longest first at a start."""
        found = self._spans.get(word_list)
        if found is None:
            hits = _by_start_longest_first(self._hits[word_list])
            found = self._spans[word_list] = [(start, end) for _, start, end in hits]
        return found

    def longest(self, word_list: int) -> list[tuple[int, int]]:
        """``(start, end)`` of the leftmost-longest occurrences, not overlapping.

        The matches ``re.finditer`` of the list's :func:`alternation` gives.
        """
        found = self._longest.get(word_list)
        if found is None:
            found = []
            done = 0
            for _, start, end in _by_start_longest_first(self._hits[word_list]):
                if start >= done:
                    done = end
                    found.append((start, end))
            self._longest[word_list] = found
        return found


class Scanner:
    """One Aho-Corasick pass over a text for the words of every registered list.

    A regex scan of a word list (its :func:`alternation`) costs the regex
    engine a first-character test at every position of the text however rare
    the words are, and the rule components made about a dozen such scans of
    each article.  One automaton over the words of all lists (Rust, from
    ``ahocorasick_rs``) reports every occurrence of every word in one pass;
    each list's hits are then read in Python only where a hit is.  The last
    text's hits are kept, so components that scan the same compact text
    share one pass.

    >>> scanner = Scanner()
    >>> organs = scanner.register(["局", "市场监管局"])
    >>> laws = scanner.register(["专利法"])
    >>> hits = scanner.scan("市市场监管局依据专利法")
    >>> hits.longest(organs), hits.longest(laws)
    ([(1, 6)], [(8, 11)])
    >>> hits.spans(organs)
    [(1, 6), (5, 6)]
    """

    def __init__(self):
        self._lists: dict[tuple[str, ...], int] = {}
        # The words and the list of each (a word in two lists appears twice),
        # one attribute: a scan in another thread sees both old or both new.
        self._vocabulary: tuple[list[str], list[int]] = ([], [])
        self._automaton: tuple | None = None  # (automaton, the owners of its words)
        self._last: tuple = (None, None, None)  # (text, automaton, hits): replaced in one assignment

    def __getstate__(self) -> dict:
        # The automaton cannot be pickled: a copy builds its own at its first scan.
        return {**self.__dict__, "_automaton": None, "_last": (None, None, None)}

    def register(self, words) -> int:
        """The id of a word list (empty words dropped); registering the same words again gives the same id."""
        key = tuple(sorted({word for word in words if word}))
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = len(self._lists)
            known, owners = self._vocabulary
            self._vocabulary = (known + list(key), owners + [found] * len(key))
            self._automaton = None  # rebuilt with the new words at the next scan
        return found

    def _built(self) -> tuple | None:
        built = self._automaton
        if built is None:
            words, owners = self._vocabulary
            if not words:
                return None
            import ahocorasick_rs

            # The contiguous NFA over the DFA: the DFA runs fewer instructions
            # but its tables (~14 MB with the gazetteer) miss the caches; in the
            # pipeline its pass took 64-74 µs an article against 49-56.
            automaton = ahocorasick_rs.AhoCorasick(
                words,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA,
            )
            built = self._automaton = (automaton, owners)
        return built

    def scan(self, text: str) -> TextHits:
        """The hits of every registered list in ``text`` (offsets are code points)."""
        last_text, last_built, last_hits = self._last
        if last_text is text and last_built is not None and last_built is self._automaton:
            return last_hits  # same text, no list registered since: the ~15 calls an article after the first
        built = self._built()
        hits: list[list[tuple[int, int, int]]] = [[] for _ in self._lists]
        if built is not None:
            automaton, owner = built
            try:
                for match in automaton.find_matches_as_indexes(text, overlapping=True):
                    hits[owner[match[0]]].append(match)  # (word, start, end), kept as the automaton made it
            except UnicodeEncodeError:
                # A surrogate code point (no UTF-8 for it): no word holds one,
                # so the stretches between them are scanned one by one.
                for stretch in _NO_SURROGATES.finditer(text):
                    offset = stretch.start()
                    for word, start, end in automaton.find_matches_as_indexes(stretch.group(), overlapping=True):
                        hits[owner[word]].append((word, offset + start, offset + end))
        found = TextHits(hits)
        self._last = (text, built, found)
        return found


_NO_SURROGATES = re.compile("[^\ud800-\udfff]+")
_START = operator.itemgetter(1)


def _by_start_longest_first(hits: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, int]]:
    """``(word, start, end)`` hits in the automaton's order, read by start, the longest first at a start.

    An overlapping Aho-Corasick search reports a match where it ends, so the
    hits come by end.  One stable sort by start from the last (in C, in place)
    keeps that order among hits with the same start, so read backwards the list
    is by start, the longest first at each (a sort by end and another by start
    cost more).  Sorting it again leaves it as it is, so both views of a list
    can ask.  A list never holds two hits with the same start and end (its
    words are distinct), so no tie is left to order.

    >>> list(_by_start_longest_first([(1, 1, 3), (0, 2, 4), (2, 1, 4)]))
    [(2, 1, 4), (1, 1, 3), (0, 2, 4)]
    """
    if len(hits) > 1:  # most lists have no hit or one in an article
        hits.sort(key=_START, reverse=True)
    return reversed(hits)


#: The scanner the rule components share: they run one after the other on the same compact text.
SCANNER = Scanner()
