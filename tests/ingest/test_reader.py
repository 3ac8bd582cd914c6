"""Reading one file: encodings, HTML, size limits, and one clear line for every file that is not an article."""

from __future__ import annotations

import os
import sys
import tracemalloc

import pytest

from kg.errors import IngestError
from kg.ingest import DEFAULT_MAX_BYTES, max_bytes_setting, read_article, read_articles
from tests.conftest import SEEDS
from tests.ingest.conftest import run_unprivileged

TEXT = (SEEDS / "002_fd5c015d66bd1487.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encoding,expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16")],
)
def test_detects_encoding(tmp_path, encoding, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    article = read_article(path)
    assert article.text == TEXT
    assert article.encoding == expected
    assert article.id == "a"


def test_article_records_path_and_content_hash(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))
    article = read_article(path)
    assert article.path == str(path)
    assert article.sha256 == hashlib.sha256(TEXT.encode("gbk")).hexdigest()


def test_binary_and_undecodable_files_are_refused(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\xff\xfa\xfb" * 10)
    with pytest.raises(IngestError, match=r"image.txt: is binary, not text \(a PNG image\)$"):
        read_article(binary)
    with pytest.raises(IngestError, match=r"garbage.txt: is not valid UTF-8 \(byte 0xff at offset 0\)"):
        read_article(garbage)


def test_batch_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("拉萨市市场监管局", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_text("国家知识产权局", encoding="gb18030")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "Article"]


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\u3000\t\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"empty.txt: is empty \(0 bytes\)$"):
        read_article(tmp_path / "empty.txt")
    with pytest.raises(IngestError, match=r"blank.txt: has only whitespace \(5 characters\), no text$"):
        read_article(tmp_path / "blank.txt")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(IngestError, match=r"nope.txt: does not exist$"):
        read_article(tmp_path / "nope.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(IngestError, match=r"folder.txt: is a folder, not a file$"):
        read_article(tmp_path / "folder.txt")


def test_fifo_named_explicitly_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(IngestError, match=r"pipe.txt: is a FIFO \(named pipe\), not a file$"):
        read_article(tmp_path / "pipe.txt")


def test_permission_denied_file_is_reported(shared_tmp):
    # Really unreadable: mode 000, read by an ordinary user (as root, a forked child drops to nobody).
    path = shared_tmp / "secret.txt"
    path.write_text("拉萨市市场监管局", encoding="utf-8")
    path.chmod(0)

    def attempt() -> str:
        try:
            return "read: " + read_article(path).text
        except IngestError as exc:
            return str(exc)

    assert run_unprivileged(attempt) == f"{path}: cannot be read (permission denied)"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc")
def test_io_error_while_reading_is_reported(tmp_path):
    # /proc/self/mem is a regular file that stat() allows and read() refuses
    # (EIO at address 0): a real read error, even for root.
    link = tmp_path / "broken-disk.txt"
    link.symlink_to("/proc/self/mem")
    items = list(read_articles([tmp_path]))
    assert [str(i) for i in items] == [f"{link}: cannot be read (Input/output error)"]


def test_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    line = ("知识产权保护" * 20 + "\n").encode("utf-8")
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line)):
            handle.write(line)
        handle.write(b"x" * (50 * 1024 * 1024 - handle.tell()))
    assert big.stat().st_size == 52_428_800
    tracemalloc.start()
    try:
        items = list(read_articles([tmp_path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(i) for i in items] == [
        f"{big}: 52,428,800 bytes is over the 20 MB limit for one article; split it or raise --max-bytes (KG_MAX_BYTES)"
    ]
    assert peak < 1024 * 1024  # the 50 MB never entered memory


def test_max_bytes_argument_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(IngestError, match=r"a.txt: 1,001 bytes is over the 1,000-byte limit for one article"):
        read_article(path, max_bytes=1000)
    assert read_article(path, max_bytes=1001).text == "x" * 1001
    monkeypatch.setenv("KG_MAX_BYTES", "1_000")
    assert max_bytes_setting() == 1000
    with pytest.raises(IngestError, match="over the 1,000-byte limit"):
        read_article(path)
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(IngestError, match="KG_MAX_BYTES: is 'lots', not a positive number of bytes"):
        max_bytes_setting()
    monkeypatch.delenv("KG_MAX_BYTES")
    assert max_bytes_setting() == DEFAULT_MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc")
def test_a_file_larger_than_stat_says_is_still_bounded():
    # /proc files report size 0 but have content: the read itself must stop at the limit.
    with pytest.raises(IngestError, match=r"status: more than 10 bytes is over the 10-byte limit"):
        read_article("/proc/self/status", max_bytes=10)


def test_html_page_by_suffix_becomes_its_main_text(tmp_path):
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>标题_网站</title></head><body><div class=nav><a href=/>首页</a> | <a>政务公开</a></div>"
        "<h1>白银市推进知识产权保护</h1><p>市委办和市政府办印发《关于进一步加强知识产权保护的实施方案》。</p>"
        "<div class=footer>主办：白银市人民政府办公室</div></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert article.id == "news"
    assert "印发《关于进一步加强知识产权保护的实施方案》" in article.text
    assert "<" not in article.text and "首页" not in article.text


def test_html_content_without_html_suffix_is_detected(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html>\n<html><body><article><p>国家知识产权局印发《专利转化运用专项行动方案》。</p></article></body></html>")
    assert read_article(path).text == "国家知识产权局印发《专利转化运用专项行动方案》。"


def test_text_that_merely_mentions_html_is_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("白银市<html>标签说明", encoding="utf-8")
    assert read_article(path).text == "白银市<html>标签说明"


def test_declared_non_chinese_charset_is_used_when_utf8_fails(tmp_path):
    page = "<html><head><meta charset=windows-1252></head><body><p>Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 of the week.</p></body></html>"
    path = tmp_path / "fr.html"
    path.write_bytes(page.encode("cp1252"))
    article = read_article(path)
    assert article.encoding == "cp1252"
    assert "Café crème" in article.text


def test_html_without_article_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match="empty.html: is an HTML page in which trafilatura finds no article text$"):
        read_article(path)
