"""Regenerate ``kg/ingest/data/common_chars.txt`` from jieba's word-frequency dictionary.

The ingest stage judges whether bytes decoded as GB18030 or as Big5 read as
Chinese by the share of common characters; this script writes that list.  It
needs the dev extra (jieba, opencc) and is checked by
``tests/ingest/test_encoding.py::test_common_chars_file_is_regenerable``.

Run it from the repository root:

    .venv/bin/python -m tests.ingest.common_chars_source > kg/ingest/data/common_chars.txt
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TOP = 1000

#: Full-width and CJK punctuation that Chinese prose uses on every line.
PUNCTUATION = "，。、；：？！“”‘’《》（）【】—…·「」『』〈〉"

HEADER = f"""\
# The {TOP} most frequent Chinese characters, one per line, most frequent first,
# each followed by a tab and its traditional forms (OpenCC s2t, s2tw, s2hk), then
# common CJK punctuation.  Character frequency = sum of the frequencies of the
# words that contain it in jieba's dict.txt (MIT licence).
# kg.ingest.encoding scores decoded text by the share of these characters.
# Regenerate: .venv/bin/python -m tests.ingest.common_chars_source > kg/ingest/data/common_chars.txt
"""


def generate() -> str:
    """The file's text, byte-identical for the same jieba and OpenCC versions."""
    import jieba
    import opencc

    counts: Counter[str] = Counter()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] += int(freq)
    # Sort by frequency, then code point, so ties never depend on dictionary order.
    top = sorted(counts, key=lambda ch: (-counts[ch], ch))[:TOP]
    converters = [opencc.OpenCC(name) for name in ("s2t", "s2tw", "s2hk")]
    lines = [HEADER.rstrip("\n")]
    for ch in top:
        variants = sorted({c.convert(ch) for c in converters} - {ch})
        lines.append(ch + ("\t" + "".join(variants) if variants else ""))
    lines.extend(PUNCTUATION)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(generate(), end="")
