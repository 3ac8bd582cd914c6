"""Split an article into sentences and clauses, keeping offsets into the text.

A sentence ends at 。！？；!?; or at a line break.  Printed pages break
paragraphs in mid-sentence ("……加强西藏自治区海外知识产权纠纷应\\n\\n印发《……》"), so
a line break does not end a sentence when the line before it is a long run of
prose without closing punctuation: such lines are joined to the next.
Headlines are short, so they stay sentences of their own.

>>> [s.text for s in split_sentences("甲印发《A》。乙制定《B》\\n丙")]
['甲印发《A》。', '乙制定《B》', '丙']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "clauses"]

_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”\"」』)）]?|\n|$)")
_CLAUSE_END = re.compile(r"[，,：:]")
# A byline after a long headline starts a news item; it continues nothing.
_BYLINE = re.compile(r"(?:图/文\s*)?(?:本报|[^\n。，,]{0,24}?记者[\s/])")
#: A line at least this long without closing punctuation is prose the layout broke.
CONTINUATION_MIN_CHARS = 30


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets into the article text and the text between them."""

    start: int
    end: int
    text: str


def _pieces(text: str) -> list[Sentence]:
    pieces = []
    for match in _END.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        pieces.append(Sentence(start, start + len(stripped), stripped))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets, blank ones dropped, broken prose rejoined.

    >>> [s.text for s in split_sentences("近年来甲不断加大知识产权保护工作力度并持续开展专项行动，完善机制应\\n\\n印发《方案》。")]
    ['近年来甲不断加大知识产权保护工作力度并持续开展专项行动，完善机制应\\n\\n印发《方案》。']
    """
    merged: list[Sentence] = []
    for piece in _pieces(text):
        if merged:
            last = merged[-1]
            gap = text[last.end : piece.start]
            ends_open = not re.search(r"[。！？；!?;…”\"」』:：]$", last.text)
            line = text[text.rfind("\n", 0, last.end) + 1 : last.end]
            byline = _BYLINE.match(piece.text)
            if "\n" in gap and ends_open and len(line.strip()) >= CONTINUATION_MIN_CHARS and not byline:
                merged[-1] = Sentence(last.start, piece.end, text[last.start : piece.end])
                continue
        merged.append(piece)
    return merged


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of ``sentence``, split at ，,：:.

    >>> s = Sentence(10, 20, "甲印发《A》,并制定")
    >>> clauses(s)
    [(10, 17), (17, 20)]
    """
    spans = []
    begin = 0
    for match in _CLAUSE_END.finditer(sentence.text):
        spans.append((sentence.start + begin, sentence.start + match.end()))
        begin = match.end()
    if begin < len(sentence.text):
        spans.append((sentence.start + begin, sentence.start + len(sentence.text)))
    return spans
