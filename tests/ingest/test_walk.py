"""Folder walking: stable order, each file once, ids from relative paths, loops and pipes reported once."""

from __future__ import annotations

import os
import pathlib
import re
import tracemalloc
from pathlib import Path

import pytest

from kg.ingest import article_id, iter_article_paths, iter_sources, read_articles
from kg.ingest.walk import Source
from tests.conftest import SEEDS, seed_paths
from tests.ingest.conftest import run_unprivileged


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_order_matches_sorted_rglob(tmp_path: Path):
    _tree(tmp_path, {"b.txt": "乙", "a/z.txt": "甲", "a.txt": "丙", "a/b/c.md": "丁", "c.html": "<p>戊</p>", "d.csv": "x"})
    walked = list(iter_article_paths([tmp_path]))
    expected = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".csv")
    assert walked == expected


def test_seed_folder_ids_are_the_file_stems():
    assert [s.id for s in iter_sources([SEEDS])] == [p.stem for p in seed_paths()]
    assert [s.id for s in iter_sources(seed_paths())] == [p.stem for p in seed_paths()]


def test_same_stem_in_two_folders_gives_two_articles(tmp_path: Path):
    _tree(tmp_path, {"lasa/notice.txt": "拉萨市市场监管局", "baiyin/notice.txt": "白银市市场监管局"})
    articles = list(read_articles([tmp_path]))
    assert [(a.id, a.text) for a in articles] == [("baiyin/notice", "白银市市场监管局"), ("lasa/notice", "拉萨市市场监管局")]


def test_same_id_twice_in_one_batch_is_refused_not_overwritten(tmp_path: Path):
    page = "<html><body><p>余姚市市场监管局</p></body></html>"
    _tree(tmp_path, {"a/x.txt": "拉萨市", "b/x.txt": "白银市", "c/y.txt": "余姚市", "c/y.html": page})
    items = list(read_articles([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", tmp_path / "c"]))
    kinds = [(type(i).__name__, getattr(i, "id", None)) for i in items]
    assert kinds == [("Article", "x"), ("IngestError", None), ("Article", "y"), ("IngestError", None)]
    assert items[2].text == "余姚市市场监管局"
    assert str(items[1]) == (
        f"{tmp_path / 'b' / 'x.txt'}: has the article id 'x' of {tmp_path / 'a' / 'x.txt'} (ids are paths below "
        "the folder given, without the suffix); rename one, or pass the folder that holds both"
    )
    assert str(items[3]).startswith(f"{tmp_path / 'c' / 'y.txt'}: has the article id 'y' of {tmp_path / 'c' / 'y.html'} ")


def test_article_id_keeps_dots_and_subfolders():
    from pathlib import PurePosixPath as P

    assert article_id(P("in/2021/a.b.txt"), P("in")) == "2021/a.b"
    assert article_id(P("in/README"), P("in")) == "README"


def test_a_file_named_twice_or_through_a_link_is_read_once(tmp_path: Path):
    _tree(tmp_path, {"in/a.txt": "拉萨市"})
    (tmp_path / "in" / "alias.txt").symlink_to(tmp_path / "in" / "a.txt")
    assert [s.path.name for s in iter_sources([tmp_path / "in", tmp_path / "in" / "a.txt"])] == ["a.txt"]


def test_hidden_entries_are_skipped(tmp_path: Path):
    _tree(tmp_path, {".git/x.txt": "甲", ".hidden.txt": "乙", "ok.txt": "丙"})
    assert [s.path.name for s in iter_sources([tmp_path])] == ["ok.txt"]


def test_symlink_loop_to_an_ancestor_is_reported_once_and_not_followed(tmp_path: Path):
    _tree(tmp_path, {"in/a.txt": "拉萨市", "in/sub/b.txt": "白银市"})
    (tmp_path / "in" / "sub" / "up").symlink_to("..")
    (tmp_path / "in" / "self").symlink_to(tmp_path / "in")
    sources = list(iter_sources([tmp_path / "in"]))
    assert [(s.path.relative_to(tmp_path).as_posix(), s.problem is None) for s in sources] == [
        ("in/a.txt", True),
        ("in/self", False),
        ("in/sub/b.txt", True),
        ("in/sub/up", False),
    ]
    assert sources[3].problem == "is a symbolic link to .., a folder that contains it (a loop); not followed"


def test_symlinks_that_loop_on_each_other_are_each_reported(tmp_path: Path):
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text("拉萨市", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    messages = [str(i) for i in items if not hasattr(i, "text")]
    assert messages == [
        f"{tmp_path / 'dangling.txt'}: is a broken symbolic link; skipped",
        f"{tmp_path / 'ping.txt'}: is a symbolic link loop; skipped",
        f"{tmp_path / 'pong.txt'}: is a symbolic link loop; skipped",
        f"{tmp_path / 'self'}: is a symbolic link loop; skipped",
    ]
    assert [a.id for a in items if hasattr(a, "text")] == ["ok"]


def test_a_linked_folder_outside_the_root_is_followed(tmp_path: Path):
    _tree(tmp_path, {"shared/c.txt": "余姚市", "in/a.txt": "拉萨市"})
    (tmp_path / "in" / "more").symlink_to(tmp_path / "shared")
    (tmp_path / "in" / "again").symlink_to(tmp_path / "shared")  # second route: walked once
    assert [s.id for s in iter_sources([tmp_path / "in"])] == ["a", "again/c"]


def test_fifo_in_a_folder_is_reported_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block for ever with no writer
    os.mkfifo(tmp_path / "pipe.dat")  # not an article suffix: ignored
    (tmp_path / "ok.txt").write_text("拉萨市", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert str(items[1]) == f"{tmp_path / 'pipe.txt'}: is a FIFO (named pipe), not a file; skipped"
    assert len(items) == 2


def test_unlistable_folder_is_reported_and_the_walk_goes_on(shared_tmp: Path):
    _tree(shared_tmp, {"closed/a.txt": "拉萨市", "ok.txt": "白银市"})
    (shared_tmp / "closed").chmod(0)
    try:
        # As root a forked child drops to nobody, for whom mode 000 really is closed.
        sources = run_unprivileged(lambda: list(iter_sources([shared_tmp])))
    finally:
        (shared_tmp / "closed").chmod(0o755)
    assert sources == [
        Source(shared_tmp / "closed", shared_tmp, "is a folder that cannot be listed (Permission denied); skipped"),
        Source(shared_tmp / "ok.txt", shared_tmp),
    ]


def test_deep_nesting_does_not_recurse(tmp_path: Path):
    deep = tmp_path
    for _ in range(300):  # deeper than a recursive walk would like, well within PATH_MAX
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("拉萨市", encoding="utf-8")
    assert [s.id for s in iter_sources([tmp_path])] == ["d/" * 300 + "a"]


def test_links_and_hard_links_to_one_file_read_it_once_wherever_they_sort(tmp_path: Path):
    _tree(tmp_path, {"in/b.txt": "拉萨市", "in/c.txt": "白银市", "in/sub/e.txt": "余姚市", "in/z/f.txt": "兰州市"})
    folder = tmp_path / "in"
    (folder / "a_link.txt").symlink_to("b.txt")  # the link sorts before its file
    (folder / "d_link.txt").symlink_to("c.txt")  # after it
    (folder / "sub" / "to_f.txt").symlink_to(folder / "z" / "f.txt")  # into a folder listed later
    (folder / "z" / "to_e.txt").symlink_to(folder / "sub" / "e.txt")  # into one listed earlier
    os.link(folder / "c.txt", folder / "sub" / "hard.txt")  # a second hard link
    ids = [s.id for s in iter_sources([folder])]
    assert ids == ["a_link", "c", "sub/e", "sub/to_f"]
    # Named again, alone or with the folder, in either order: still once each.
    assert [s.id for s in iter_sources([folder / "b.txt", folder, folder / "sub" / "hard.txt"])] == [
        "b", "c", "sub/e", "sub/to_f"
    ]


def test_a_folder_given_twice_or_inside_another_reads_each_file_once(tmp_path: Path):
    _tree(tmp_path, {"in/a.txt": "拉萨市", "in/sub/b.txt": "白银市", "in/sub/c.txt": "余姚市"})
    folder = tmp_path / "in"
    assert [s.id for s in iter_sources([folder / "sub", folder, folder, folder / "sub" / "b.txt"])] == ["b", "c", "a"]
    assert [s.id for s in iter_sources([folder / "sub" / "c.txt", folder])] == ["c", "a", "sub/b"]


def _clashes(items: list) -> list[tuple[str, str]]:
    """(file refused, file that had its id first) for each clash in a batch."""
    found = []
    for item in items:
        match = re.match(r"(.*): has the article id '.*' of (.*) \(ids are paths", str(item))
        if match:
            found.append((match.group(1), match.group(2)))
    return found


@pytest.mark.parametrize("extra_folders", [0, 12])  # 12: more later folders than are probed one by one
def test_ids_clash_across_paths_given_together(tmp_path: Path, extra_folders: int):
    _tree(tmp_path, {"a/x.txt": "拉萨市", "a/s/y.txt": "白银市", "a/s/w.txt": "余姚市", "b/x.html": "<p>兰州市</p>"})
    _tree(tmp_path, {"b/s/y.md": "白银市", "b/s/v.txt": "余姚市", "c/w.txt": "拉萨市", "d/s/w.txt": "兰州市"})
    more = []
    for i in range(extra_folders):
        _tree(tmp_path, {f"e{i}/q{i}.txt": "拉萨市"})
        more.append(tmp_path / f"e{i}")
    a, b, c, d = (tmp_path / name for name in "abcd")
    items = list(read_articles([a, c / "w.txt", *more, b, d]))
    assert _clashes(items) == [
        (str(b / "s" / "y.md"), str(a / "s" / "y.txt")),
        (str(b / "x.html"), str(a / "x.txt")),
        (str(d / "s" / "w.txt"), str(a / "s" / "w.txt")),
    ]
    assert len([i for i in items if hasattr(i, "text")]) == 5 + extra_folders  # a: 3, c/w, b/s/v
    # A named file clashes with an earlier named one; met again in its folder, it is skipped.
    items = list(read_articles([c / "w.txt", a, d / "s" / "w.txt", d]))
    assert _clashes(items) == [(str(d / "s" / "w.txt"), str(c / "w.txt"))]
    assert len(items) == 5
    # A folder repeats the id of a file named before it, at its top level.
    items = list(read_articles([c / "w.txt", b / "x.html", *more, a]))
    assert _clashes(items) == [(str(a / "x.txt"), str(b / "x.html"))]


def _corpus(root: Path, files: int, prefix: str) -> None:
    for i in range(files):
        folder = root / f"f{i // 50:03d}"
        if i % 50 == 0:
            folder.mkdir(parents=True)
        (folder / f"{prefix}{i:05d}.txt").write_bytes("拉萨市市场监管局印发《知识产权保护方案》。".encode())


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> Path:
    """Two sizes (500 and 5,000 files, 50 to a folder), each as two folders with different file names."""
    base = tmp_path_factory.mktemp("corpora")
    for size, files in (("small", 500), ("large", 5_000)):
        _corpus(base / size / "a", files, "a")
        _corpus(base / size / "b", files, "b")
    return base


def held_after_last_item(paths: list[Path], expected: int) -> int:
    """Bytes :func:`read_articles` holds when it has yielded its last article, before it returns.

    Whatever it keeps per file is all still held then.  Not counted: pathlib's
    sys.intern() of path parts, whose table Python grows and rebuilds at times
    of its own choosing (a 1-2 MB rebuild may fall into any run).
    """
    tracemalloc.start()
    try:
        held = -1
        for count, item in enumerate(read_articles(paths), 1):
            assert hasattr(item, "text"), item
            if count == expected:
                snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, pathlib.__file__)])
                held = sum(stat.size for stat in snapshot.statistics("filename"))
        assert count == expected
        return held
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("folders", [["a"], ["a", "b"]])
def test_memory_does_not_grow_with_the_number_of_files(corpora: Path, folders: list[str]):
    small = held_after_last_item([corpora / "small" / f for f in folders], 500 * len(folders))
    large = held_after_last_item([corpora / "large" / f for f in folders], 5_000 * len(folders))
    # Remembering each file (its id, path and inode) took about 500 bytes a file:
    # 2.2 MB more for 4,500 more files.  Now each folder costs a few hundred bytes.
    assert large - small < 128 * 1024, f"{small:,} bytes held after 500 files, {large:,} after 5,000"
