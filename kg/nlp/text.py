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
unless it means to (a 《title》 that the layout broke across lines).  A break
that the page layout put inside a sentence is dropped too: when the line
before it is long (:data:`JOIN_LINES_FROM` characters or more) and the break
falls between two Chinese characters ("设立了“中国(株洲)知识产权维权援助中⏎⏎心”"),
the text runs on.  Headings and captions are short or end in punctuation,
so they keep their breaks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WHITESPACE = re.compile(r"\s+")

#: A line at least this long that ends between two Chinese characters runs on
#: into the next line (a layout break inside a sentence, not a paragraph end).
JOIN_LINES_FROM = 24


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


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


@lru_cache(maxsize=1)
def _mapped_chars() -> re.Pattern:
    """A character class of every character :func:`_char_table` changes.

    Searching for one runs in C at a few nanoseconds a character, several
    times faster than ``str.translate`` with a dict; most articles are in
    simplified characters and need no mapping at all.
    """
    codes = sorted(_char_table())
    ranges = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


def simplify(text: str) -> str:
    """Map ``text`` to simplified, half-width characters, keeping its length.

    >>> simplify("國家知識產權局（ＣＮＩＰＡ）")
    '国家知识产权局(CNIPA)'
    """
    if not _mapped_chars().search(text):
        return text
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
    simplified: str = ""  # the original simplified, same length, spaces kept (for bylines)

    @classmethod
    def of(cls, original: str) -> "CompactText":
        simplified = simplify(original)
        if not _WHITESPACE.search(simplified):
            return cls(simplified, tuple(range(len(simplified))), len(original), simplified)
        chars: list[str] = []
        keep: list[int] = []
        last = 0
        line = 0  # compact length of the current line so far
        open_titles = 0  # 《 not yet closed on this line: the title parser handles those breaks
        for match in _WHITESPACE.finditer(simplified):
            start, end = match.span()
            segment = simplified[last:start]
            chars.append(segment)
            keep.extend(range(last, start))
            line += start - last
            if "《" in segment or "》" in segment:
                open_titles += segment.count("《") - segment.count("》")
            if "\n" in match.group():
                runs_on = (
                    line >= JOIN_LINES_FROM
                    and open_titles <= 0
                    and start > 0
                    and end < len(simplified)
                    and _cjk(simplified[start - 1])
                    and _cjk(simplified[end])
                )
                if not runs_on:
                    chars.append("\n")
                    keep.append(start + match.group().index("\n"))
                    line = open_titles = 0
            last = end
        chars.append(simplified[last:])
        keep.extend(range(last, len(simplified)))
        return cls("".join(chars), tuple(keep), len(original), simplified)

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
