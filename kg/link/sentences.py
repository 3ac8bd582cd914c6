"""Split an article into sentences with their offsets.

A sentence ends at 。！？；!? or a line break; evidence quotes one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+|\n|$)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets, blank ones dropped.

    >>> [s.text for s in split_sentences("甲印发《A》。乙制定《B》\\n丙")]
    ['甲印发《A》。', '乙制定《B》', '丙']
    """
    sentences = []
    for match in _END.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences
