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
from kg.nlp.spans import DEFAULT_SPANS_KEY, add, compact_view

_NESTED = re.compile(r"〈([^〈〉《》]{2,})〉")
_BRACKETS = re.compile(r"[《》]")
_CAPTION_END = re.compile(r"[。!?！？]$")
_SHORT = re.compile(r"简称[:：]?\s*$")


#: Written in front of a law's name: 中华人民共和国专利法.
_STATE = "中华人民共和国"


def _law_pattern(laws: tuple[str, ...]) -> re.Pattern:
    """``(?:中华人民共和国)?(?:law|…)`` spelt as one alternation of literals.

    An alternation whose every branch starts with a literal gives the regex
    engine a set of first characters to skip ahead to; the optional prefix
    group in front hides that set, and the engine then tries every law at
    every position of the text.  Both spellings match the same text while no
    law itself starts with the prefix's first character.
    """
    laws = tuple(law for law in laws if law)
    if any(law.startswith(_STATE[0]) for law in laws):
        return re.compile(rf"(?:{_STATE})?(?:{lexicon.alternation(laws)})")
    return re.compile(lexicon.alternation([_STATE + law for law in laws] + list(laws)))


class TitleFinder:
    """Find 《》 titles, the titles nested in them, short names and named laws."""

    def __init__(self, name: str, spans_key: str, max_len: int, laws: str, common: str, min_caption: int):
        self.name = name
        self.spans_key = spans_key
        self.max_len = max_len
        self.min_caption = min_caption
        self.laws = _law_pattern(lexicon.words(laws))
        self.words = common_words(common)

    def _pairs(self, text: str) -> list[tuple[int, int, int]]:
        """(open, close, depth) of balanced 《》 pairs, at most ``max_len`` apart."""
        stack: list[int] = []
        pairs = []
        for match in _BRACKETS.finditer(text):
            if match.group() == "《":
                stack.append(match.start())
                continue
            if not stack:
                continue
            opened = stack.pop()
            if match.start() - opened - 1 > self.max_len:
                stack.clear()  # a stray 《 far back: do not pair across paragraphs
                continue
            pairs.append((opened, match.start(), len(stack)))
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
            add(doc, self.spans_key, "POLICY", opened + 1, closed, name=name, attrs=attrs)
            covered.append((opened, closed + 1))
            for nested in _NESTED.finditer(inner):
                add(
                    doc,
                    self.spans_key,
                    "POLICY",
                    opened + 1 + nested.start(1),
                    opened + 1 + nested.end(1),
                    name=nested.group(1).replace("\n", ""),
                    attrs={"nested": True},
                )
        for match in self.laws.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in covered):
                continue
            if self.words.left_cut(text, start) or self.words.right_cut(text, end):
                continue
            add(doc, self.spans_key, "POLICY", start, end, name=match.group(), attrs={"law": True})
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
