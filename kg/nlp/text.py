"""Normalised views of an article's text that keep offsets into the original.

Rules match on a *compact* view: traditional characters mapped to simplified,
full-width ASCII to half-width, and layout whitespace removed (pages break
names across lines: "知识 产权保 护").  Every character of the compact view
remembers its offset in the original, so a match maps back to offsets the user
sees.

Character mapping is strictly one-to-one, which is what lets the compact view
share offsets with the original: a phrase-level OpenCC conversion is used only
when it keeps the length; otherwise each character is converted on its own.

Spaces inside a line are dropped, but a whitespace run holding a line break is
kept as one "\n", so that a rule does not run from one paragraph into the next
unless it means to (a 《title》 that the layout broke across lines).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _opencc():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """One-to-one character map: full-width → half-width, traditional → simplified."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    converter = _opencc()
    if converter is not None:
        chars = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
        converted = converter.convert("\n".join(chars)).split("\n")
        if len(converted) == len(chars):
            for src, dst in zip(chars, converted):
                if src != dst and len(dst) == 1:
                    table[ord(src)] = dst
    return table


def simplify(text: str) -> str:
    """Map ``text`` to simplified, half-width characters, keeping its length.

    >>> simplify("國家知識產權局（ＣＮＩＰＡ）")
    '国家知识产权局(CNIPA)'
    """
    mapped = text.translate(_char_table())
    converter = _opencc()
    if converter is not None and mapped != text:
        # A phrase-level pass fixes the few characters whose simplified form
        # depends on the word (乾隆 vs 乾燥); take it only if it keeps offsets.
        phrase = converter.convert(text).translate(_char_table())
        if len(phrase) == len(text):
            return phrase
    return mapped


def canonical_text(text: str) -> str:
    """The text of a name as a canonical label: simplified, NFKC, no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", simplify(text)))


@dataclass(frozen=True)
class CompactText:
    """``text`` simplified with whitespace removed, and the way back.

    >>> view = CompactText.of("知识 产权\\n\\n保护")
    >>> view.text
    '知识产权\\n保护'
    >>> view.span(2, 4)
    (3, 5)
    """

    text: str
    offsets: tuple[int, ...]  # offsets[i] = original offset of text[i]
    original_length: int

    @classmethod
    def of(cls, original: str) -> "CompactText":
        simplified = simplify(original)
        if not _WHITESPACE.search(simplified):
            return cls(simplified, tuple(range(len(simplified))), len(original))
        chars: list[str] = []
        keep: list[int] = []
        last = 0
        for match in _WHITESPACE.finditer(simplified):
            chars.append(simplified[last : match.start()])
            keep.extend(range(last, match.start()))
            if "\n" in match.group():
                chars.append("\n")
                keep.append(match.start() + match.group().index("\n"))
            last = match.end()
        chars.append(simplified[last:])
        keep.extend(range(last, len(simplified)))
        return cls("".join(chars), tuple(keep), len(original))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of compact ``text[start:end]``."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def compact_index(self, original_offset: int) -> int:
        """The compact index of the first kept character at or after ``original_offset``."""
        import bisect

        return bisect.bisect_left(self.offsets, original_offset)
