"""Properties of decoding: any bytes give text or one IngestError; real text in any supported encoding comes back exactly."""

from __future__ import annotations

import re

import opencc
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest.encoding import decode_bytes, sniff_binary
from tests.conftest import seed_paths
from tests.property.strategies import ANY_CHAR, examples

#: Clauses of the seed articles: real Chinese, in the proportions news uses.
CLAUSES = sorted(
    {c for p in seed_paths() for c in re.split(r"(?<=[，。；：！？])", p.read_text(encoding="utf-8")) if len(c.strip()) >= 4}
)
S2T = opencc.OpenCC("s2t")
real_text = st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=6).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=400))
@example(b"\xff\xfe\x00")  # a UTF-16 BOM and half a character
@example(b"\xef\xbb\xbf")  # a BOM and nothing
@example(b"\x81\x30\x81")  # a cut GB18030 four-byte sequence
def test_any_bytes_give_text_or_one_ingest_error(data: bytes):
    try:
        text, encoding = decode_bytes(data, "f.txt")
    except IngestError as exc:
        assert str(exc).startswith("f.txt: ") and "\n" not in str(exc)
        return
    assert "\x00" not in text
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert data.decode(encoding) == text  # nothing dropped or replaced


@settings(max_examples=examples(200), deadline=None)
@given(st.text(ANY_CHAR, max_size=200))
def test_utf8_text_comes_back_exactly(text: str):
    data = text.encode("utf-8")
    assume("\x00" not in text and sniff_binary(data) is None and not text.startswith("\ufeff"))
    controls = sum(1 for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r\x0b\x0c" or 0x7F <= ord(ch) <= 0x9F)
    assume(controls <= 16)
    assert decode_bytes(data) == (text, "utf-8")
    assert decode_bytes(b"\xef\xbb\xbf" + data) == (text, "utf-8-sig")
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le")) == (text, "utf-16")


@settings(max_examples=examples(150), deadline=None)
@given(real_text)
def test_real_chinese_in_legacy_encodings_comes_back_exactly(text: str):
    simplified = text.encode("gb18030")
    assert decode_bytes(simplified) == (text, "gb18030")
    traditional = S2T.convert(text)
    try:
        big5 = traditional.encode("big5")
    except UnicodeEncodeError:
        big5 = traditional.encode("big5", errors="ignore")
        traditional = big5.decode("big5")
    assume(traditional.strip())
    assert decode_bytes(big5) == (traditional, "big5")
