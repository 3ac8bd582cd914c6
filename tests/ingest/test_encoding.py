"""Encodings: BOMs, UTF-8 first, then GB18030 or Big5 chosen by how Chinese the text reads."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from kg.errors import IngestError
from kg.ingest.encoding import MIN_PLAUSIBILITY, decode_bytes, plausibility, sniff_binary
from tests.conftest import ROOT, seed_paths

COMMON_CHARS = ROOT / "kg" / "ingest" / "data" / "common_chars.txt"
S2T = opencc.OpenCC("s2t")


def _encodable(text: str, encoding: str) -> str:
    """``text`` without the characters ``encoding`` cannot write (a few symbols in the seeds)."""
    return text.encode(encoding, errors="ignore").decode(encoding)


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_whole_seed_articles_in_every_encoding_decode_exactly(path: Path):
    simplified = path.read_text(encoding="utf-8")
    traditional = _encodable(S2T.convert(simplified), "big5")
    cases = [
        ("utf-8", simplified, "utf-8"),
        ("utf-8-sig", simplified, "utf-8-sig"),
        ("utf-16", simplified, "utf-16"),
        ("utf-16-be", simplified, None),
        ("gbk", _encodable(simplified, "gbk"), "gb18030"),
        ("gb18030", simplified, "gb18030"),
        ("big5", traditional, "big5"),
    ]
    for codec, text, expected in cases:
        data = text.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
            expected = "utf-16"
        assert decode_bytes(data, path.name) == (text, expected), codec


@pytest.mark.parametrize(
    "text",
    ["知识产权", "國家知識產權局", "專利", "拉萨市市场监管局印发《实施方案》", "關於進一步加強知識產權保護的實施方案"],
)
def test_short_legacy_texts_pick_the_right_codec(text: str):
    # Short strings are where byte-level detectors guess wrong; both codecs must come back right.
    for codec, name in (("gb18030", "gb18030"), ("big5", "big5")):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        assert decode_bytes(data) == (text, name)


def test_big5_bytes_decode_as_gb18030_nonsense_that_the_judge_rejects():
    data = "國家知識產權局印發專利保護方案".encode("big5")
    wrong = data.decode("gb18030")  # no error: this is why a judge is needed
    assert plausibility(wrong) < 0.2 < MIN_PLAUSIBILITY < 0.9 < plausibility(data.decode("big5"))


def test_utf8_wins_when_valid():
    text = "白银市"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(b"plain ASCII") == ("plain ASCII", "utf-8")


def test_damaged_utf8_is_refused_not_read_as_gb18030_nonsense():
    good = (seed_paths()[1]).read_bytes()
    damaged = good[:301] + good[302:]  # one byte of a three-byte character lost
    with pytest.raises(IngestError) as info:
        decode_bytes(damaged, "x.txt")
    assert str(info.value).startswith("x.txt: is not valid UTF-8 (byte 0x")
    assert "re-save it as UTF-8" in str(info.value)


@pytest.mark.parametrize(
    "data,phrase",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary, not text (a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "is binary, not text (a PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is binary, not text (a ZIP archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "is binary, not text (a JPEG image)"),
        ("知识\x00产权".encode(), "contains NUL bytes (first at byte offset 6)"),
        ("知识\x00产权".encode("utf-16"), "contains NUL characters (first at character 2) after decoding as utf-16"),
        (bytes(range(1, 9)) * 100, "is binary, not text (800 of the first 800 characters are control characters)"),
        (b"\xff\xfe\x00\xd8", "has a UTF-16 byte-order mark but does not decode"),
    ],
)
def test_binary_is_refused_with_the_reason(data: bytes, phrase: str):
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "a.txt")
    assert str(info.value).startswith("a.txt: ")
    assert phrase in str(info.value)
    assert "\n" not in str(info.value)


def test_a_few_control_characters_in_text_are_kept():
    text = "第一段\x0c第二段\x1a\n"  # form feed and a DOS end-of-file mark
    assert decode_bytes(text.encode()) == (text, "utf-8")


def test_explicit_encoding_overrides_detection():
    data = "知识产权".encode("gbk")
    assert decode_bytes(data, encoding="gbk") == ("知识产权", "gbk")
    with pytest.raises(IngestError, match=r"a.txt: does not decode as utf-8 \(byte 0xb2 at offset 4\)"):
        decode_bytes(data, "a.txt", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        decode_bytes(data, "a.txt", encoding="klingon")


def test_sniff_binary_leaves_text_alone():
    for path in seed_paths():
        assert sniff_binary(path.read_bytes()) is None


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "an MP4/MOV video"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"%PDF-1.7\n", "a PDF document"),
    ],
)
def test_sniff_binary_finds_signatures_at_and_after_the_start(head: bytes, name: str):
    # Text whose first byte starts no signature can still hold one further in.
    assert sniff_binary(head + "知识产权".encode()) == name


def test_common_chars_file_is_regenerable():
    from tests.ingest.common_chars_source import generate

    assert COMMON_CHARS.read_text(encoding="utf-8") == generate()
