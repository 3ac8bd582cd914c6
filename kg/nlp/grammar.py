"""Small grammar helpers the rule components share.

* :class:`Boundaries` finds where a name may start: after punctuation, a
  digit run with its measure word ("6家"), a line break, or a word from
  ``boundaries.txt`` ("…件的成都弘毅天承知识产权代理有限公司" starts after 的).
* :class:`WordCheck` says whether a span cuts through a common two-character
  word at either edge (示范县 holds 范县 but 示范 is a word).

Both work on the compact text view with compiled regexes over short windows,
never with per-character Python loops over the whole text.

>>> b = Boundaries(("的", "与"))
>>> text = "涉及非正常专利12件的成都弘毅天承知识产权代理有限公司"
>>> text[b.left_edge(text, len(text) - 4, 30):]
'成都弘毅天承知识产权代理有限公司'
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from typing import Iterable

from kg.nlp import lexicon

#: Characters that always end a name on its left: punctuation, quotes,
#: brackets that open a clause, digits, Latin letters and line breaks.
PUNCT = r"\s\n,，。、;；:：!！?？…—·•/|()（）\[\]【】<>《》〈〉“”\"'‘’「」『』%％+＋=A-Za-z"
#: A count (6家, 10个, 30名) ends a name on its left: "6家商标代理公司" is generic.
_COUNT_DIGITS = "0-9０-９一二三四五六七八九十百千万两几多数余"
COUNT = rf"[{_COUNT_DIGITS}]+(?:家|个|所|名|件|项|批|次|位|条|户|笔|期|年|月|日|号|届)"

#: The measure words a :data:`CLASS_COUNT` ends in (one character each).
CLASS_MEASURES = "家个所批类"
#: A count of bodies (5家, 1个): "5家省知识产权综合服务分中心" names a class, not a body.
CLASS_COUNT = rf"[0-9０-９一二三四五六七八九十百千两几多数余]+[{CLASS_MEASURES}]"


class Boundaries:
    """Left edges of names.

    A one-character boundary word inside a common word is not a boundary
    (对 in 应对, 和 in 和谐), when ``common`` is given.
    """

    def __init__(self, words: Iterable[str], common: "WordCheck | None" = None):
        words = [w for w in words if w]
        # A one-character word that opens no other (的, 在, 和: the commonest) goes in
        # one character set tried first, not among the trie's ~100 branches, which
        # the engine tries one by one.  The trie's branches start with different
        # characters, so which is tried first changes no match.
        firsts_seen = Counter(w[0] for w in words)
        singles = "".join(sorted(w for w in set(words) if len(w) == 1 and firsts_seen[w] == 1))
        alternation = lexicon.alternation([w for w in words if not (len(w) == 1 and w in singles)])
        body = rf"{COUNT}|[{PUNCT}]+|[0-9０-９]+"
        if singles:
            body += f"|[{re.escape(singles)}]"
        if alternation:
            body += f"|(?:{alternation})"
        # Every boundary starts with one of these characters, or is a word of two
        # or more with one of the first and one of the second characters.  Checking
        # that first in a lookahead makes a position that starts none cost a test or
        # two instead of one per alternative (知识产权: 权 opens 权利人 only); the
        # matches are the same.
        ones = re.escape("".join(sorted({w for w in words if len(w) == 1})))
        starts = rf"[{PUNCT}0-9０-９{_COUNT_DIGITS}{ones}]"
        longer = [w for w in words if len(w) > 1]
        if longer:
            firsts = re.escape("".join(sorted({w[0] for w in longer})))
            seconds = re.escape("".join(sorted({w[1] for w in longer})))
            starts += rf"|[{firsts}][{seconds}]"
        self.pattern = re.compile(rf"(?={starts})(?:{body})")
        self.common = common

    def counts(self, text: str, match: re.Match) -> bool:
        """Whether a match of :attr:`pattern` is a real boundary, not half of a common word.

        >>> b = Boundaries(("对",), WordCheck(("应对",)))
        >>> [b.counts(t, b.pattern.search(t, 1)) for t in ("应对指导中心", "针对中心")]
        [False, True]
        """
        if self.common is None or match.end() - match.start() != 1 or not "\u4e00" <= match.group() <= "\u9fff":
            return True
        i = match.start()
        return not (self.common.left_cut(text, i) or self.common.right_cut(text, i + 1))

    def left_edge(self, text: str, pos: int, max_back: int, protect: bytearray | None = None) -> int:
        """Start of a name that ends its stem at ``pos``: after the last boundary in the window.

        Returns ``pos - max_back`` (clamped at 0) when the window holds no boundary,
        and ``pos`` when the boundary is right before ``pos``.  A boundary word
        inside a protected stretch (``protect[i]`` set: a place name such as 从江)
        does not count.
        """
        lo = max(0, pos - max_back)
        # The last boundary that counts wins: read the matches from the right.
        for match in reversed(list(self.pattern.finditer(text, lo, pos))):
            if protect is not None and protect[match.start()] and match.group()[0] >= "\u4e00":
                continue
            if self.counts(text, match):
                return match.end()
        return lo

    def has_boundary(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` contains a boundary."""
        return any(self.counts(text, m) for m in self.pattern.finditer(text, start, end))


class WordCheck:
    """Does a span cut through a common word at its edges?"""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)

    def left_cut(self, text: str, start: int) -> bool:
        """The character before ``start`` and the one at it form a common word.

        Not when that character already closes a word of its own
        (入选中欧: 选 belongs to 入选, so 选中 does not cut 中欧).
        """
        if start <= 0 or text[start - 1 : start + 1] not in self.words:
            return False
        return not (start >= 2 and text[start - 2 : start] in self.words)

    def right_cut(self, text: str, end: int) -> bool:
        """The last character of the span and the one after it form a common word.

        Not when the next character already opens a word of its own.
        """
        if not 0 < end < len(text) or text[end - 1 : end + 1] not in self.words:
            return False
        return text[end : end + 2] not in self.words


def place_mask(length: int, spans: "list[tuple[int, int]]") -> bytearray:
    """A mask over the compact text with the characters of place names set."""
    mask = bytearray(length + 1)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def common_words(name: str) -> WordCheck:
    """A :class:`WordCheck` over a word list, dropping pure direction words (东南)."""
    directions = set("东西南北中")
    return WordCheck(w for w in lexicon.words(name) if not set(w) <= directions)


def finditer_at(pattern: re.Pattern, text: str, positions: Iterable[int]):
    """``pattern.finditer(text)`` that tries a match only at ``positions`` (ascending).

    For a pattern that cannot match the empty string and can start only at
    one of ``positions``.  A pattern that opens with a group, a repeat or a
    lookbehind gives the regex engine no first characters to skip ahead to,
    so it would try the whole pattern at every position; here the caller
    finds the few places worth trying, and the matches are the same,
    non-overlapping, left to right.

    >>> pattern = re.compile(r"(?:“[^”]+”)+行动")
    >>> text = "开展“蓝天”“铁拳”行动"
    >>> [m.group() for m in finditer_at(pattern, text, [m.start() for m in re.finditer("“", text)])]
    ['“蓝天”“铁拳”行动']
    """
    done = 0
    match_at = pattern.match
    for pos in positions:
        if pos < done:
            continue
        match = match_at(text, pos)
        if match is not None:
            yield match
            done = match.end()


class PlaceCover:
    """The start of the place over a position, by bisection over the places' starts.

    Places do not overlap (kg_places keeps one per stretch), so a position
    lies in at most one; building a dict entry for every character of every
    place costs more than the few lookups a component makes.  Should places
    overlap, the dict is built as before: ``last`` says whether the place
    listed last or first wins a position.

    >>> cover = PlaceCover([(2, 5), (8, 10)])
    >>> [cover.start_at(p) for p in (1, 2, 4, 5, 9)]
    [None, 2, 2, None, 8]
    """

    def __init__(self, places: Iterable[tuple[int, int]], last: bool = True):
        places = list(places)
        ordered = sorted(places)
        self.starts = [a for a, _ in ordered]
        self.ends = [b for _, b in ordered]
        self.table: dict[int, int] | None = None
        if any(map(operator.lt, self.starts[1:], self.ends)):  # a place starts before the one before it ends
            table: dict[int, int] = {}
            for a, b in places if last else ordered:
                for pos in range(a, b):
                    if last:
                        table[pos] = a
                    else:
                        table.setdefault(pos, a)
            self.table = table

    def start_at(self, pos: int) -> int | None:
        """Start of the place covering ``pos``, or None."""
        if self.table is not None:
            return self.table.get(pos)
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.starts[k] if k >= 0 and pos < self.ends[k] else None
