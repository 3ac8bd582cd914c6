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

import bisect
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy

_WHITESPACE = re.compile(r"\s+")
#: Every character ``str.isspace`` (and the regex ``\s``) counts as whitespace, spelt out:
#: the regex engine scans a class of listed characters faster than the ``\s`` category.
WHITESPACE_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_RUN = re.compile(f"[{re.escape(WHITESPACE_CHARS)}]+")

#: A line at least this long that ends between two Chinese characters runs on
#: into the next line (a layout break inside a sentence, not a paragraph end).
JOIN_LINES_FROM = 24

#: A news item's dateline: 本报苏州讯, 无锡日报讯, 本报雄安电 (the linker reads it too, kg.link.relations).
DATELINE = r"(?:本报[\u4e00-\u9fff]{0,8}?[电讯]|[\u4e00-\u9fff·]{0,12}?(?:报|网|台|社|端|号|中心)讯)"
#: The space after a dateline is kept as a break: what follows opens the item, and
#: no name runs back into the dateline (苏州讯 + 苏州中院知识产权法庭).
_DATELINE_TAIL = re.compile(DATELINE + "$")
_DATELINE_LASTS = "讯电"


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


_SPACE, _MAPPED = 1, 2
_RUN_END = operator.itemgetter(1)


def _flag_runs(flags: numpy.ndarray) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of set flags, read off the places where the flag changes.

    Several times cheaper than a regex over the text when, as in most
    articles, whitespace runs are many and short (a match object each).

    >>> _flag_runs(numpy.array([1, 1, 0, 0, 1, 0, 1], dtype=bool))
    [(0, 2), (4, 5), (6, 7)]
    """
    # Where the flag changes (numpy adds the 1, not a Python loop over ~60 changes).
    bounds = ((flags[1:] != flags[:-1]).nonzero()[0] + 1).tolist()
    if flags[0]:
        bounds.insert(0, 0)
    if flags[-1]:
        bounds.append(flags.size)
    return list(zip(bounds[::2], bounds[1::2]))


@lru_cache(maxsize=1)
def _char_classes() -> numpy.ndarray:
    """Per code point: 1 if whitespace, 2 if :func:`simplify` maps it (or both).

    Every code point has an entry, so no text needs a bounds check; the pages
    of the table that only rare characters touch are never even allocated.
    """
    table = numpy.zeros(0x110000, dtype=numpy.uint8)
    for char in WHITESPACE_CHARS:
        table[ord(char)] |= _SPACE
    for code in _char_table():
        table[code] |= _MAPPED
    return table


#: The last article text :class:`CompactText` read and its simplified form: the
#: linker simplifies the same text (the same object) right after the NER stage.
_last_simplified: tuple = (None, None)


def simplify(text: str) -> str:
    """Map ``text`` to simplified, half-width characters, keeping its length.

    The text the last :meth:`CompactText.of` read is not read again: its
    result is kept (held by identity, so no other text can be taken for it).

    >>> simplify("國家知識產權局（ＣＮＩＰＡ）")
    '国家知识产权局(CNIPA)'
    """
    last_text, last = _last_simplified
    if last_text is text:
        return last
    return _simplify(text)


def _remember_simplified(text: str, simplified: str) -> None:
    global _last_simplified
    _last_simplified = (text, simplified)  # one assignment: a reader sees both or neither


def _simplify(text: str) -> str:
    """:func:`simplify` worked out, never taken from the kept result.

    For :meth:`CompactText.of`, which keeps what it returns, and
    :func:`canonical_text`, whose names are never the article's text object.
    """
    if not _mapped_chars().search(text):
        return text
    converter = _opencc()
    if converter is not None:
        # A phrase-level pass fixes the few characters whose simplified form
        # depends on the word (乾隆 vs 乾燥); take it only if it keeps offsets.
        phrase = _map_chars(converter.convert(text))
        if len(phrase) == len(text):
            return phrase
    return text.translate(_char_table())


def _map_chars(text: str) -> str:
    """``text.translate(_char_table())``, translating only the runs of characters the table maps.

    ``str.translate`` with a dict looks every character up; after OpenCC's
    pass usually nothing is left to map (full-width forms at most).
    """
    if not _mapped_chars().search(text):
        return text
    table = _char_table()
    return _mapped_runs().sub(lambda run: run.group().translate(table), text)


@lru_cache(maxsize=1)
def _mapped_runs() -> re.Pattern:
    return re.compile(_mapped_chars().pattern + "+")


@lru_cache(maxsize=1 << 16)
def canonical_text(text: str) -> str:
    """The text of a name as a canonical label: simplified, NFKC, no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", _simplify(text)))


class Offsets(Sequence):
    """``offsets[i]`` = original offset of compact character ``i``, kept as runs.

    A run is a stretch of the compact text copied from one stretch of the
    original; an article has a few hundred, against thousands of characters,
    and a tuple of one int per character costs more to build than the rest
    of the view.

    >>> list(Offsets((0, 2), (0, 3), 4))
    [0, 1, 3, 4]
    """

    __slots__ = ("starts", "origins", "size")

    def __init__(self, starts: tuple[int, ...], origins: tuple[int, ...], size: int):
        self.starts = starts  # compact index where each run starts
        self.origins = origins  # original offset of each run's first character
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("compact offset out of range")
        k = bisect.bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def __iter__(self):
        starts, origins = self.starts, self.origins
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else self.size
            yield from range(origins[k], origins[k] + end - start)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __hash__(self) -> int:
        return hash((self.starts, self.origins, self.size))

    def __repr__(self) -> str:
        return f"Offsets({list(self)!r})"


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
    offsets: Offsets  # offsets[i] = original offset of text[i]
    original_length: int
    simplified: str = ""  # the original simplified, same length, spaces kept (for bylines)
    #: Where each whitespace run of ``simplified`` ends (None: not worked out), for rules that start after one.
    space_ends: tuple[int, ...] | None = None

    @classmethod
    def of(cls, original: str, codes: "numpy.ndarray | None" = None) -> "CompactText":
        """The view of ``original``; ``codes`` are its code points as uint32 if already at hand."""
        # One table lookup per character says which are whitespace and which
        # simplify() would map; most articles have none of the latter, and
        # then the whitespace runs are read off the same lookup.
        if codes is None:
            codes = numpy.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        classes = _char_classes().take(codes)  # take: cheaper than indexing with an array
        present = int(numpy.bitwise_or.reduce(classes)) if classes.size else 0
        runs: list
        if present & _MAPPED:
            simplified = _simplify(original)
            runs = [match.span() for match in _SPACE_RUN.finditer(simplified)]
        else:
            simplified = original
            runs = _flag_runs(classes.view(numpy.bool_)) if present else []
        _remember_simplified(original, simplified)
        if not runs:
            return cls(simplified, Offsets((0,), (0,), len(simplified)), len(original), simplified, ())
        chars: list[str] = []
        starts: list[int] = []  # runs of kept characters: compact start, original start
        origins: list[int] = []
        size = 0  # compact length so far
        last = 0
        line = 0  # compact length of the current line so far
        open_titles = 0  # 《 not yet closed on the current line, counted up to titles_to
        titles_to = 0  # in simplified: the line's 《》 are counted up to here (each stretch once)
        length = len(simplified)
        for start, end in runs:
            if end - start == 1 and start > last and simplified[start] == "\n" and not (
                "\u4e00" <= simplified[start - 1] <= "\u9fff"
            ):
                # A lone line break after punctuation (most paragraph ends) never runs
                # on and stays as it is: the kept stretch goes on through it, so no run
                # is cut there.  The line restarts after it (line counts from `last`).
                line = last - end
                open_titles = 0
                titles_to = end
                continue
            if start > last:
                chars.append(simplified[last:start])
                starts.append(size)
                origins.append(last)
                size += start - last
                line += start - last
            last = end
            # Most runs are one character; str.find with bounds parses its arguments slowly.
            if end - start == 1:
                newline = start if simplified[start] == "\n" else -1
            else:
                newline = simplified.find("\n", start, end)
            dateline = False
            if newline < 0:
                if (
                    start == 0 or simplified[start - 1] not in _DATELINE_LASTS
                    or not _DATELINE_TAIL.search(simplified, max(0, start - 14), start)
                ):
                    continue
                newline, dateline = start, True  # (a space after a dateline breaks as a line does)
            runs_on = not dateline and (
                line >= JOIN_LINES_FROM
                and start > 0
                and end < length
                and "\u4e00" <= simplified[start - 1] <= "\u9fff"
                and "\u4e00" <= simplified[end] <= "\u9fff"
            )
            if runs_on:
                # A 《 not yet closed on the line leaves the break to the title
                # parser.  Counted only when the rest would let the line run on,
                # and only since the last count: a hard-wrapped text is one long
                # line, and recounting it from its start at each break is
                # quadratic.  (Spaces hold no 《》.)
                open_titles += simplified.count("《", titles_to, start) - simplified.count("》", titles_to, start)
                titles_to = start
                runs_on = open_titles <= 0
            if not runs_on:
                chars.append("\n")
                starts.append(size)
                origins.append(newline)
                size += 1
                line = open_titles = 0
                titles_to = end
        if last < len(simplified):
            chars.append(simplified[last:])
            starts.append(size)
            origins.append(last)
            size += len(simplified) - last
        return cls(
            "".join(chars),
            Offsets(tuple(starts), tuple(origins), size),
            len(original),
            simplified,
            tuple(map(_RUN_END, runs)),
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of compact ``text[start:end]``."""
        offsets = self.offsets
        if start >= end or start < 0 or end > offsets.size:
            if start >= end:
                pos = offsets[start] if start < offsets.size else self.original_length
                return pos, pos
            return offsets[start], offsets[end - 1] + 1  # negative or out of range: as a sequence would
        starts, origins = offsets.starts, offsets.origins
        k = bisect.bisect_right(starts, start) - 1
        first = origins[k] + start - starts[k]
        last = end - 1
        if k + 1 < len(starts) and last >= starts[k + 1]:
            k = bisect.bisect_right(starts, last, k + 1) - 1
        return first, origins[k] + last - starts[k] + 1

    def compact_index(self, original_offset: int) -> int:
        """The compact index of the first kept character at or after ``original_offset``."""
        offsets = self.offsets
        k = bisect.bisect_right(offsets.origins, original_offset) - 1
        if k < 0:
            return 0
        run_end = offsets.starts[k + 1] if k + 1 < len(offsets.starts) else offsets.size
        inside = offsets.starts[k] + original_offset - offsets.origins[k]
        return inside if inside < run_end else run_end
