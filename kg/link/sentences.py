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

__all__ = ["Sentence", "split_sentences", "clauses", "ClauseIndex"]

#: A piece: text up to and with its closing punctuation (and a closing quote), or to a line
#: break; it starts at a non-blank character, so blank stretches between pieces are skipped.
#: A piece without closing punctuation ends at its last non-blank character (the regex
#: backtracks over trailing blanks), so a match is a piece as it is, with no stripping.
_PIECE = re.compile(
    r"[^\s。！？；!?;](?:[^。！？；!?;\n]*(?:[。！？；!?;]+[”\"」』)）]?|[^\s。！？；!?;]))?|[。！？；!?;]+[”\"」』)）]?"
)
_CLAUSE_END = re.compile(r"[，,：:]")
# A byline after a long headline starts a news item; it continues nothing.
_BYLINE = re.compile(r"(?:图/文\s*)?(?:本报|[^\n。，,]{0,24}?记者[\s/])")
#: A piece ending in one of these is closed: a line break after it ends the sentence.
_CLOSING = frozenset("。！？；!?;…”\"」』:：")
#: A line at least this long without closing punctuation is prose the layout broke.
CONTINUATION_MIN_CHARS = 30


@dataclass(slots=True)
class Sentence:
    """One sentence: offsets into the article text and the text between them.

    A slotted class, not a tuple: dozens are made per article, but their fields are read
    hundreds of times, and CPython 3.11 reads a slot in a quarter of the instructions of
    a NamedTuple field (no specialised read for its ``_tuplegetter``).
    """

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets, blank ones dropped, broken prose rejoined.

    >>> [s.text for s in split_sentences("近年来甲不断加大知识产权保护工作力度并持续开展专项行动，完善机制应\\n\\n印发《方案》。")]
    ['近年来甲不断加大知识产权保护工作力度并持续开展专项行动，完善机制应\\n\\n印发《方案》。']
    """
    sentences: list[Sentence] = []
    start = end = 0  # the sentence being read (none yet: end 0)
    for match in _PIECE.finditer(text):
        # Cheapest test first: most pieces end in punctuation or follow no line break.
        if (
            end
            and text[end - 1] not in _CLOSING
            and text.find("\n", end, match.start()) >= 0
            and len(text[text.rfind("\n", 0, end) + 1 : end].strip()) >= CONTINUATION_MIN_CHARS
            and not _BYLINE.match(text, match.start(), match.end())
        ):
            end = match.end()  # prose the layout broke: the piece continues the sentence
            continue
        if end:
            sentences.append(Sentence(start, end, text[start:end]))
        start, end = match.span()
    if end:
        sentences.append(Sentence(start, end, text[start:end]))
    return sentences


class ClauseIndex:
    """:func:`clauses` for every sentence of one text, from one scan for clause punctuation.

    >>> text = "甲印发《A》,并制定。乙"
    >>> index = ClauseIndex(text)
    >>> [index.of(s) for s in split_sentences(text)] == [clauses(s) for s in split_sentences(text)]
    True
    """

    def __init__(self, text: str):
        # Scanned sentence by sentence on demand: most sentences are never split.
        self.text = text

    def of(self, sentence: Sentence) -> list[tuple[int, int]]:
        """The clauses of ``sentence`` (a sentence of this text), as :func:`clauses` gives them."""
        spans = []
        begin = sentence.start
        for match in _CLAUSE_END.finditer(self.text, sentence.start, sentence.end):
            end = match.end()
            spans.append((begin, end))
            begin = end
        if begin < sentence.end:
            spans.append((begin, sentence.end))
        return spans


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
