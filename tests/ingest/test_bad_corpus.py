"""The bad-input corpus, end to end: every bad file gives one line naming it and the reason, the batch goes on,
the exit status says whether anything failed, and what the store held before is still there."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import IngestError
from kg.ingest import read_article
from kg.link import article_iri
from tests.conftest import seed_paths
from tests.fixtures.bad.generate import HERE as BAD, fixture_bytes

KG = Path(sys.executable).parent / "kg"
SEED = seed_paths()[2]  # 002_fd5c015d66bd1487.txt


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A real PNG image (8-bit greyscale gradient), written by hand so no imaging library is needed."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + bytes((x * 60 + y * 20) % 256 for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_png_helper_writes_a_real_image(tmp_path):
    from matplotlib import image

    (tmp_path / "a.png").write_bytes(png_bytes())
    assert image.imread(tmp_path / "a.png").shape == (3, 4)


# --------------------------------------------------------------------------- the committed small fixtures


def committed() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.suffix != ".py" and p.is_file())


def test_committed_fixtures_are_what_the_generator_makes():
    made = fixture_bytes()
    hand_written = {"gov-page.html"}
    assert {p.name for p in committed()} == set(made) | hand_written
    for name, (data, _) in made.items():
        assert (BAD / name).read_bytes() == data, name


@pytest.mark.parametrize("name", sorted(fixture_bytes()))
def test_each_fixture_reads_as_expected(name: str):
    _, expect = fixture_bytes()[name]
    path = BAD / name
    if expect.error is not None:
        with pytest.raises(IngestError) as info:
            read_article(path)
        message = str(info.value)
        assert message.startswith(f"{path}: ") and expect.error in message and "\n" not in message
        return
    article = read_article(path)
    assert article.encoding == expect.encoding
    if expect.text is not None:
        assert article.text == expect.text


# --------------------------------------------------------------------------- a batch of every kind of bad input

#: Relative path → a phrase of the one error line it must produce.
FAILURES = {
    "empty.txt": "is empty (0 bytes)",
    "whitespace.txt": "has only whitespace",
    "invalid-utf8.txt": "is not valid UTF-8 (byte 0xe7 at offset",
    "nul-bytes.txt": "contains NUL bytes (first at byte offset 30)",
    "scan.txt": "is binary, not text (a PNG image)",
    "huge.txt": "52,428,800 bytes is over the 20 MB limit for one article; split it or raise --max-bytes",
    "loop": "is a symbolic link to ., a folder that contains it (a loop); not followed",
    "pipe.txt": "is a FIFO (named pipe), not a file",
    "unreadable.txt": "cannot be read (Input/output error)",
}
#: Article ids expected on stdout, in walk order.
GOOD = [
    "big5",
    "crlf",
    "gb18030",
    "gbk",
    "gov-page-gb2312",
    "gov-page",
    "sub/002_fd5c015d66bd1487",
    "sub/gbk",
    "utf16-be-bom",
    "utf16-le-bom",
    "utf8-bom",
]


def make_bad_folder(folder: Path) -> Path:
    """Every kind of bad input in one folder, with good articles between them."""
    folder.mkdir()
    for path in committed():
        shutil.copy(path, folder / path.name)
    (folder / "sub").mkdir()
    shutil.copy(SEED, folder / "sub" / SEED.name)
    shutil.copy(BAD / "gbk.txt", folder / "sub" / "gbk.txt")  # same stem as ./gbk.txt: a second article
    (folder / "scan.txt").write_bytes(png_bytes())
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(52_428_800)  # sparse: costs no disk; never read, only stat()ed
    (folder / "loop").symlink_to(".")
    os.mkfifo(folder / "pipe.txt")
    # A regular file that stat() allows and read() refuses with EIO, even for root.
    (folder / "unreadable.txt").symlink_to("/proc/self/mem")
    return folder


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the unreadable file is /proc/self/mem")
    return make_bad_folder(tmp_path_factory.mktemp("bad") / "in")


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("photo") / "photo.png"
    path.write_bytes(png_bytes())
    return path


def check_stderr(stderr: str, folder: Path, photo: Path | None) -> list[str]:
    """Every failure is named on exactly one line with its reason; nothing else but a summary."""
    errors = sorted(line for line in stderr.splitlines() if line.startswith("error: "))
    others = [line for line in stderr.splitlines() if line.strip() and not line.startswith("error: ")]
    assert "Traceback" not in stderr
    wanted = {folder / name: phrase for name, phrase in FAILURES.items()}
    if photo is not None:
        wanted[photo] = "is binary, not text (a PNG image)"
    assert len(errors) == len(wanted), errors
    for path, phrase in wanted.items():
        [line] = [line for line in errors if line.startswith(f"error: {path}: ")]
        assert phrase in line, line
    # Anything else on stderr is the closing summary, never a continuation of an error line.
    assert all(re.match(r"\d+ file\(s\) failed: ", line) for line in others), others
    return others


def test_extract_reports_each_bad_file_once_and_prints_every_good_one(bad_folder, photo):
    result = CliRunner().invoke(cli, ["extract", str(bad_folder), str(photo)])
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["doc"] for o in objects] == GOOD
    check_stderr(result.stderr, bad_folder, photo)


def test_extract_offsets_point_into_the_decoded_text(bad_folder):
    result = CliRunner().invoke(cli, ["extract", str(bad_folder)])
    by_doc = {o["doc"]: o for o in map(json.loads, result.stdout.splitlines())}
    for path in sorted(bad_folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        doc = path.relative_to(bad_folder).with_suffix("").as_posix()
        if doc not in by_doc:
            continue
        text = read_article(path, bad_folder).text
        entities = by_doc[doc]["entities"]
        assert entities, doc
        for entity in entities:
            assert text[entity["start"] : entity["end"]] == entity["text"], (doc, entity)
    # The traditional Big5 article is read as traditional text and its titles are found.
    assert "關於進一步加強知識產權保護的實施方案" in {e["text"] for e in by_doc["big5"]["entities"]}
    # Nested ids keep the scorer working: it matches Path(doc).stem to the gold file name.
    assert Path(by_doc["sub/002_fd5c015d66bd1487"]["doc"]).stem == SEED.stem


def test_build_writes_good_articles_keeps_the_old_ones_and_lists_failures(bad_folder, tmp_path):
    from kg.store import GraphStore

    store_dir = tmp_path / "store"
    first = CliRunner().invoke(cli, ["build", str(SEED), "--store", str(store_dir)])
    assert first.exit_code == 0, first.output
    result = CliRunner().invoke(cli, ["build", str(bad_folder), "--store", str(store_dir)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{len(GOOD)} articles, entities: "), result.stderr[-2000:]
    [summary] = check_stderr(result.stderr, bad_folder, None)
    assert summary.startswith(f"{len(FAILURES)} file(s) failed: ")
    for name in FAILURES:
        assert str(bad_folder / name) in summary
    # The CLI leaves its store to the garbage collector, and result.exc_info (SystemExit(1)) keeps
    # the command's frame, and so the store and its writer lock, alive: drop both first.
    del first, result
    gc.collect()
    store = GraphStore(store_dir, wait=10)
    try:
        graphs = set(store.graphs())
    finally:
        store.close()
    assert article_iri(SEED.stem) in graphs  # what the store held before: nothing lost
    assert {article_iri(doc) for doc in GOOD} <= graphs
    assert article_iri("sub/gbk") != article_iri("gbk")


def test_all_good_input_exits_0(tmp_path):
    folder = tmp_path / "good"
    folder.mkdir()
    for name in ("big5.txt", "gbk.txt", "utf16-le-bom.txt", "gov-page.html"):
        shutil.copy(BAD / name, folder / name)
    extract = CliRunner().invoke(cli, ["extract", str(folder)])
    assert extract.exit_code == 0 and extract.stderr == ""
    assert len(extract.stdout.splitlines()) == 4
    build = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "store")])
    assert build.exit_code == 0 and "failed" not in build.stderr
    assert build.stdout.startswith("4 articles, ")


@pytest.mark.skipif(not KG.exists(), reason="the kg console script is not installed beside this Python")
def test_real_kg_process_exit_status_and_error_lines(bad_folder, photo, tmp_path):
    bad = subprocess.run([str(KG), "extract", str(bad_folder), str(photo)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1
    assert [json.loads(line)["doc"] for line in bad.stdout.splitlines()] == GOOD
    check_stderr(bad.stderr, bad_folder, photo)
    good = subprocess.run([str(KG), "extract", str(SEED)], capture_output=True, text=True, timeout=300)
    assert good.returncode == 0 and good.stderr == ""
    assert json.loads(good.stdout)["doc"] == SEED.stem


# --------------------------------------------------------------------------- size: long lines, many files


def _one_megabyte_line(head: str, filler: str, tail: str) -> str:
    """``head``, ``filler`` repeated, ``tail``: one line of just under 1 MiB of UTF-8, no newline."""
    room = 1024 * 1024 - len((head + tail).encode())
    return head + filler * (room // len(filler.encode())) + tail


def test_one_megabyte_line_of_chinese_is_extracted(tmp_path):
    # Entities at both ends of a 350,000-character line with no line break.  The filler has no
    # entities: an entity-dense megabyte takes the linker ~9 minutes (bug #6 in
    # /work/notes/bugs-from-robustness.md), which is a speed problem, not a robustness one.
    text = _one_megabyte_line(
        "国家知识产权局印发《专利转化运用专项行动方案》。",
        "创新是引领发展的第一动力，保护知识产权就是保护创新。",
        "拉萨市市场监管局开展知识产权保护专项行动。",
    )
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    assert 1024 * 1024 - 100 < path.stat().st_size <= 1024 * 1024 and "\n" not in text
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    entities = json.loads(result.stdout)["entities"]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)
    found = {(e["type"], e["text"]) for e in entities}
    assert {("AGENCY", "国家知识产权局"), ("POLICY", "专利转化运用专项行动方案"), ("AGENCY", "拉萨市市场监管局")} <= found


def test_one_megabyte_line_of_mostly_ascii_is_extracted(tmp_path):
    text = _one_megabyte_line(
        "国家知识产权局印发《专利转化运用专项行动方案》。",
        "The quick brown fox reports on intellectual property enforcement in western China. ",
        "拉萨市市场监管局开展知识产权保护专项行动。",
    )
    assert len(text) > 1_000_000  # over spaCy's default nlp.max_length (kg raises it in kg/nlp/config.cfg)
    path = tmp_path / "ascii-line.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr[:300]
    assert len(json.loads(result.stdout)["entities"]) >= 3


def test_five_thousand_small_files_are_each_read(tmp_path):
    folder = tmp_path / "many"
    for i in range(5000):
        sub = folder / f"batch{i // 1000}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:04d}.txt").write_text(f"拉萨市市场监管局印发《第{i}号知识产权保护方案》。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 0, result.stderr[:300]
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["doc"] for o in objects] == [f"batch{i // 1000}/{i:04d}" for i in range(5000)]
    for i, obj in enumerate(objects):
        # Each file's own title came out of that file: every file was read, none twice.
        assert f"第{i}号知识产权保护方案" in {e["text"] for e in obj["entities"] if e["type"] == "POLICY"}, obj["doc"]
