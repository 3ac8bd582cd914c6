"""Encodings are detected; what is not text is refused with the file's name and the reason."""

from __future__ import annotations

import pytest

from kg.errors import IngestError
from kg.ingest import read_article, read_articles
from tests.conftest import SEEDS

TEXT = (SEEDS / "002_fd5c015d66bd1487.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encoding,expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_detects_encoding(tmp_path, encoding, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    article = read_article(path)
    assert article.text == TEXT
    assert article.encoding == expected


def test_binary_and_undecodable_files_are_refused(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\xff\xfa\xfb" * 10)
    with pytest.raises(IngestError, match="image.txt: is binary"):
        read_article(binary)
    with pytest.raises(IngestError, match=r"garbage.txt: cannot decode as UTF-8 or GB18030 \(byte 0xff at offset 0\)"):
        read_article(garbage)


def test_batch_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("拉萨市市场监管局", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_text("国家知识产权局", encoding="gb18030")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "Article"]
