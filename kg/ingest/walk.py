"""Expand files and folders into article sources, each once, in a stable order.

Folders are walked depth-first in name order, following symbolic links to
folders but never into a folder that contains the link (``up -> ..``): such a
loop is reported once, as is a link that loops on itself.  Hidden entries
(names starting with ".") are skipped.  A file reached twice (through a link,
or named twice) is read once.

>>> [s.id for s in iter_sources(["seeds"])][:2]
['000_270aec11aeae12c3', '001_33a5e50e001da68a']
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Iterator

__all__ = ["ARTICLE_SUFFIXES", "Source", "article_id", "iter_sources"]

#: File suffixes taken when a folder is walked.  Files named explicitly are
#: always read, whatever their suffix.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml")


def article_id(path: PurePath, root: PurePath) -> str:
    """The article id: the path relative to ``root`` without its suffix, with "/" between folders.

    A file named on the command line has its own folder as root, so its id is
    its stem; files found in a folder keep their sub-folders, so ``a/x.txt``
    and ``b/x.txt`` under one root stay two articles.

    >>> article_id(PurePath("in/a/x.txt"), PurePath("in")), article_id(PurePath("in/x.txt"), PurePath("in"))
    ('a/x', 'x')
    """
    relative = path.relative_to(root)
    return relative.with_suffix("").as_posix() if relative.suffix else relative.as_posix()


@dataclass(frozen=True)
class Source:
    """One file to read as an article, or an entry the walk already knows is bad.

    ``problem`` is None for a file to read, else the reason it cannot be
    (``"is a symlink to …, a folder that contains it (a loop); not followed"``).
    """

    path: Path
    root: Path
    problem: str | None = None

    @property
    def id(self) -> str:
        """The article id (see :func:`article_id`)."""
        return article_id(self.path, self.root)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


_Key = tuple[int, int]  # (st_dev, st_ino): one file or folder, whatever the route to it


@dataclass(frozen=True)
class _Folder:
    path: Path
    key: _Key


@dataclass(frozen=True)
class _File:
    source: Source
    key: _Key


def _classify(entry: os.DirEntry[str], root: Path, ancestors: frozenset[_Key]) -> Source | _Folder | _File | None:
    """What one folder entry is: a bad entry to report, a folder, an article file, or None to skip."""
    path = Path(entry.path)
    wanted = path.suffix.lower() in ARTICLE_SUFFIXES
    try:
        st = entry.stat()  # follows symbolic links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Source(path, root, "is a symbolic link loop; skipped")
        if wanted:
            reason = "is a broken symbolic link" if entry.is_symlink() else f"cannot be read ({exc.strerror})"
            return Source(path, root, f"{reason}; skipped")
        return None
    key = (st.st_dev, st.st_ino)
    if stat.S_ISDIR(st.st_mode):
        if key in ancestors:
            target = os.readlink(path) if entry.is_symlink() else str(path)
            return Source(path, root, f"is a symbolic link to {target}, a folder that contains it (a loop); not followed")
        return _Folder(path, key)
    if not wanted:
        return None
    if not stat.S_ISREG(st.st_mode):
        return Source(path, root, f"is {_kind(st.st_mode)}, not a file; skipped")
    return _File(Source(path, root), key)


def _walk(root: Path, seen_files: set[_Key]) -> Iterator[Source]:
    """Depth-first, name-ordered walk of ``root`` (the order of ``sorted(root.rglob("*"))``)."""
    root_stat = root.stat()
    root_key = (root_stat.st_dev, root_stat.st_ino)
    visited: set[_Key] = {root_key}
    # Pending items, last handled first: a Source to yield, or a folder to list
    # with the keys of the folders on the way to it (itself included).
    stack: list[Source | tuple[Path, frozenset[_Key]]] = [(root, frozenset({root_key}))]
    while stack:
        item = stack.pop()
        if isinstance(item, Source):
            yield item
            continue
        folder, ancestors = item
        try:
            with os.scandir(folder) as scan:
                entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, root, f"is a folder that cannot be listed ({exc.strerror or exc}); skipped")
            continue
        pending: list[Source | tuple[Path, frozenset[_Key]]] = []
        for entry in entries:
            found = _classify(entry, root, ancestors)
            if isinstance(found, _Folder):
                # A folder reached by a second route (two links to it) is walked once.
                if found.key not in visited:
                    visited.add(found.key)
                    pending.append((found.path, ancestors | {found.key}))
            elif isinstance(found, _File):
                if found.key not in seen_files:
                    seen_files.add(found.key)
                    pending.append(found.source)
            elif found is not None:
                pending.append(found)
        stack.extend(reversed(pending))


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Expand ``paths`` into :class:`Source` entries, each file once.

    A path that is not a folder is yielded as is (its own folder is its root),
    so that reading it reports a missing or unreadable file in the batch.
    """
    seen_files: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError:
            yield Source(path, path.parent)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen_files)
            continue
        key = (st.st_dev, st.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            yield Source(path, path.parent)
