"""``kg_titles``: policy documents written as 《titles》, and named laws.

* A title may nest others in 〈〉 or in a second pair of 《》
  (《贯彻落实〈知识产权强国建设纲要〉实施方案》); each nested title is a
  document of its own and the outer one keeps its nested text.
* Layout whitespace inside a title is dropped from its name.  A line inside
  a title that is a whole sentence ending in 。 is a photo caption the page
  layout pushed into it (seed 000: 《2023年西藏自治区知识产权 ⏎ 山南市人民检察院
  举行…揭牌仪式。⏎ 行政保护工作实施方案》); it is left out of the name and its
  offsets go to ``attrs["holes"]`` so other entities inside it survive.
* 以下简称《方案》 introduces a short name: it and every later 《方案》 get
  ``attrs["short_for"]`` = the full title's name.
* Laws and treaties from ``laws.txt`` count without 《》 (专利法, 商标法) when
  they do not cut through a word (专利法律).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.grammar import common_words
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_all, compact_view

_NESTED = re.compile(r"〈([^〈〉《》]{2,})〉")
_CAPTION_END = re.compile(r"[。!?！？]$")
_SHORT = re.compile(r"简称[:：]?\s*$")


#: Written in front of a law's name: 中华人民共和国专利法.
_STATE = "中华人民共和国"


def _law_words(laws: tuple[str, ...]) -> list[str] | None:
    """Each law with and without 中华人民共和国 in front: the words of one lexicon, the longest winning.

    That reads the same text as ``(?:中华人民共和国)?(?:law|…)`` while no law
    itself starts with the prefix's first character; None when one does (the
    regex then reads the laws).
    """
    laws = tuple(law for law in laws if law)
    if any(law.startswith(_STATE[0]) for law in laws):
        return None
    return [_STATE + law for law in laws] + list(laws)


class TitleFinder:
    """Find 《》 titles, the titles nested in them, short names and named laws."""

    def __init__(self, name: str, spans_key: str, max_len: int, laws: str, common: str, min_caption: int):
        self.name = name
        self.scanner = lexicon.SCANNER
        self.spans_key = spans_key
        self.max_len = max_len
        self.min_caption = min_caption
        words = _law_words(lexicon.words(laws))
        self.law_list = None if words is None else self.scanner.register(words)
        # (the regex only where the scanner cannot stand in for it: see _law_words)
        self.laws = re.compile(rf"(?:{_STATE})?(?:{lexicon.alternation(lexicon.words(laws))})") if words is None else None
        self.bracket_list = self.scanner.register("《》")
        self.words = common_words(common)

    def _pairs(self, text: str) -> list[tuple[int, int, int]]:
        """(open, close, depth) of balanced 《》 pairs, at most ``max_len`` apart."""
        stack: list[int] = []
        pairs = []
        for at, _ in self.scanner.scan(text).longest(self.bracket_list):
            if text[at] == "《":
                stack.append(at)
                continue
            if not stack:
                continue
            opened = stack.pop()
            if at - opened - 1 > self.max_len:
                stack.clear()  # a stray 《 far back: do not pair across paragraphs
                continue
            pairs.append((opened, at, len(stack)))
        return sorted(pairs)

    def _name(self, inner: str, offset: int, view) -> tuple[str, list[list[int]]]:
        """The title's name without layout breaks and caption lines, and the caption holes."""
        if "\n" not in inner:
            return inner, []
        parts, holes = [], []
        pos = offset
        for line in inner.split("\n"):
            if len(line) >= self.min_caption and _CAPTION_END.search(line):
                start, end = view.span(pos, pos + len(line))
                holes.append([start, end])
            else:
                parts.append(line)
            pos += len(line) + 1
        return "".join(parts), holes

    def __call__(self, doc: Doc) -> Doc:
        view = compact_view(doc)
        text = view.text
        short_names: dict[str, str] = {}
        last_full: str | None = None
        covered: list[tuple[int, int]] = []
        # Recorded together at the end, in the order found (attrs are made per mention, never changed after).
        found: list[tuple[int, int, str, dict]] = []
        for opened, closed, depth in self._pairs(text):
            inner = text[opened + 1 : closed]
            if not inner.strip("\n "):
                continue
            name, holes = self._name(inner, opened + 1, view)
            attrs: dict = {}
            if holes:
                attrs["holes"] = holes
            if depth > 0:
                attrs["nested"] = True
            if _SHORT.search(text, max(0, opened - 6), opened) and last_full is not None:
                short_names[name] = last_full
            if name in short_names:
                attrs["short_for"] = short_names[name]
            elif depth == 0:
                last_full = name
            found.append((opened + 1, closed, name, attrs))
            covered.append((opened, closed + 1))
            for nested in _NESTED.finditer(inner):
                found.append(
                    (opened + 1 + nested.start(1), opened + 1 + nested.end(1), nested.group(1).replace("\n", ""),
                     {"nested": True})
                )
        if self.law_list is None:
            laws = [match.span() for match in self.laws.finditer(text)]
        else:
            laws = self.scanner.scan(text).longest(self.law_list)
        for start, end in laws:
            if any(a <= start < b for a, b in covered):
                continue
            if self.words.left_cut(text, start) or self.words.right_cut(text, end):
                continue
            found.append((start, end, text[start:end], {"law": True}))
        add_all(doc, self.spans_key, "POLICY", found, handed_over=True)
        return doc


@Language.factory(
    "kg_titles",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "max_len": 120,
        "laws": "laws.txt",
        "common": "common_words.txt",
        "min_caption": 8,
    },
)
def make_titles(
    nlp: Language, name: str, spans_key: str, max_len: int, laws: str, common: str, min_caption: int
) -> TitleFinder:
    return TitleFinder(name, spans_key, max_len, laws, common, min_caption)
