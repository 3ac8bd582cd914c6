"""Expand files and folders into article sources, each once, in a stable order.

Folders are walked depth-first in name order, following symbolic links to
folders but never into a folder that contains the link (``up -> ..``): such a
loop is reported once, as is a link that loops on itself.  Hidden entries
(names starting with ".") are skipped.  A file reached twice (through a link,
or named twice) is read once.

Memory does not grow with the number of files: the walk remembers folders (to
walk each once), not files.  A file with one hard link met through its own
folder entry is known to be met once per walk; only files met through a
symbolic link, files with several hard links and files named on the command
line are remembered, and a link to a file is known to be a second route when
the folder holding the file itself has been listed.  Article ids are checked
for clashes per folder; across paths given together only the ids a later path
could also produce are remembered (see ``docs/robustness.md``).

>>> [s.id for s in iter_sources(["seeds"])][:2]
['000_270aec11aeae12c3', '001_33a5e50e001da68a']
"""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import Iterable, Iterator, NamedTuple

__all__ = ["ARTICLE_SUFFIXES", "Source", "article_id", "iter_sources", "scan_sources"]

#: File suffixes taken when a folder is walked.  Files named explicitly are
#: always read, whatever their suffix.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml")

#: With more later folders than this among the paths given, the ids of earlier
#: paths are all remembered instead of probing each later folder for clashes.
_MAX_PROBED_ROOTS = 8


def article_id(path: PurePath, root: PurePath) -> str:
    """The article id: the path relative to ``root`` without its suffix, with "/" between folders.

    A file named on the command line has its own folder as root, so its id is
    its stem; files found in a folder keep their sub-folders, so ``a/x.txt``
    and ``b/x.txt`` under one root stay two articles.

    >>> article_id(PurePath("in/a/x.txt"), PurePath("in")), article_id(PurePath("in/x.txt"), PurePath("in"))
    ('a/x', 'x')
    """
    if isinstance(path, PurePosixPath) and isinstance(root, PurePosixPath):
        # The same answer from the (normalised) strings, without building paths.
        folder, whole = str(root), str(path)
        if folder not in ("/", ".") and whole.startswith(folder) and whole[len(folder) : len(folder) + 1] == "/":
            relative_text = whole[len(folder) + 1 :]
            suffix = _suffix(relative_text.rpartition("/")[2])
            return relative_text[: -len(suffix)] if suffix else relative_text
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


def _suffix(name: str) -> str:
    """``PurePath(name).suffix`` without building a path (the same rule)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _wanted(name: str) -> bool:
    """Whether a walk takes a file of this name (not hidden, an article suffix)."""
    return not name.startswith(".") and _suffix(name).lower() in ARTICLE_SUFFIXES


def _stem(name: str) -> str:
    """``PurePath(name).stem`` for a name with a suffix."""
    return name[: name.rfind(".")]


def _stems_in(folder: str) -> frozenset[str]:
    """Stems of the files a walk of ``folder`` would take (none if it cannot be listed)."""
    try:
        with os.scandir(folder) as scan:
            return frozenset(_stem(e.name) for e in scan if _wanted(e.name))
    except OSError:
        return frozenset()


@dataclass
class _Scan:
    """State shared by the walks of all the paths given together: folders listed, and the few files and ids kept."""

    check_ids: bool
    #: Folders listed so far, over all paths: O(folders).
    listed: set[_Key]
    #: Files met through a symbolic link, with several hard links, or named as
    #: a path: the only files a second route can reach unnoticed otherwise.
    recorded: set[_Key]
    #: Article id -> the first file that had it, for ids a later path could also produce.
    remembered: dict[str, str]

    def met_before(self, path: str, st: os.stat_result, listing: "_Listing | None" = None) -> bool:
        """Whether the file ``path`` (reached through a link, or named as a path) was met already.

        A regular file with one hard link has one folder entry, taken when its
        folder is listed; so it was met iff that folder was listed already.
        ``listing`` is given when the link is in the folder being listed:
        there the entry was met iff it sorts first.
        """
        if (st.st_dev, st.st_ino) in self.recorded:
            return True
        if st.st_nlink != 1 or not stat.S_ISREG(st.st_mode):
            return False
        real_folder, name = os.path.split(os.path.realpath(path))
        if not _wanted(name):
            return False
        try:
            folder_stat = os.stat(real_folder)
        except OSError:
            return False
        real_key = (folder_stat.st_dev, folder_stat.st_ino)
        if listing is not None and real_key == listing.folder and not listing.listed_before:
            return name < listing.link_name
        return real_key in self.listed


class _Listing(NamedTuple):
    """Where a link met while listing a folder sits."""

    folder: _Key
    link_name: str
    listed_before: bool


@dataclass(frozen=True)
class _Folder:
    path: Path
    key: _Key


@dataclass(frozen=True)
class _File:
    source: Source
    key: _Key
    st: os.stat_result
    link: bool


def _classify(entry: os.DirEntry[str], root: Path, ancestors: frozenset[_Key]) -> Source | _Folder | _File | None:
    """What one folder entry is: a bad entry to report, a folder, an article file, or None to skip."""
    wanted = _wanted(entry.name)  # hidden entries are already left out
    try:
        st = entry.stat()  # follows symbolic links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Source(Path(entry.path), root, "is a symbolic link loop; skipped")
        if wanted:
            reason = "is a broken symbolic link" if entry.is_symlink() else f"cannot be read ({exc.strerror})"
            return Source(Path(entry.path), root, f"{reason}; skipped")
        return None
    key = (st.st_dev, st.st_ino)
    if stat.S_ISDIR(st.st_mode):
        path = Path(entry.path)
        if key in ancestors:
            target = os.readlink(path) if entry.is_symlink() else str(path)
            return Source(path, root, f"is a symbolic link to {target}, a folder that contains it (a loop); not followed")
        return _Folder(path, key)
    if not wanted:
        return None
    if not stat.S_ISREG(st.st_mode):
        return Source(Path(entry.path), root, f"is {_kind(st.st_mode)}, not a file; skipped")
    return _File(Source(Path(entry.path), root), key, st, entry.is_symlink())


_Clash = str | None  # the file that first had a source's article id, or None
# A Source to yield with its clash, or a folder to list: path, the keys of the
# folders on the way to it (itself included), its own key, its path below the root.
_Pending = tuple[Source, _Clash] | tuple[Path, frozenset[_Key], _Key, str]


class _Probe:
    """Which article ids of one path's files a later path could also produce (those must be remembered)."""

    def __init__(self, later_ids: Counter[str], later_folders: list[Path]) -> None:
        self.later_ids = later_ids
        self.later_folders = later_folders
        self.everything = len(later_folders) > _MAX_PROBED_ROOTS
        # The stems of the later folders' tops, probed once for all the files named on their own.
        self._top: frozenset[str] | None = None

    def stems(self, relative: str) -> frozenset[str] | None:
        """Stems later folder paths hold at ``relative`` below them; None when every id must be kept."""
        if self.everything:
            return None
        if not relative and self._top is not None:
            return self._top
        found: set[str] = set()
        for folder in self.later_folders:
            found |= _stems_in(os.path.join(folder, relative) if relative else str(folder))
        stems = frozenset(found)
        if not relative:
            self._top = stems
        return stems

    def keep(self, article: str, stem: str, stems: frozenset[str] | None) -> bool:
        """Whether a later path could give ``article`` (over-estimating is safe, missing one is not)."""
        return stems is None or stem in stems or self.later_ids[article] > 0


def _walk(root: Path, scan: _Scan, probe: _Probe | None) -> Iterator[tuple[Source, _Clash]]:
    """Depth-first, name-ordered walk of ``root`` (the order of ``sorted(root.rglob("*"))``)."""
    root_stat = root.stat()
    root_key = (root_stat.st_dev, root_stat.st_ino)
    visited: set[_Key] = {root_key}
    stack: list[_Pending] = [(root, frozenset({root_key}), root_key, "")]  # last handled first
    while stack:
        item = stack.pop()
        if len(item) == 2:
            yield item  # type: ignore[misc]
            continue
        folder, ancestors, folder_key, relative = item  # type: ignore[misc]
        try:
            with os.scandir(folder) as listing:
                entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, root, f"is a folder that cannot be listed ({exc.strerror or exc}); skipped"), None
            continue
        # Listed before only when several paths given reach this folder.
        listed_before = folder_key in scan.listed
        scan.listed.add(folder_key)
        # Within one walk two files share an id only in one folder with one
        # stem (x.txt, x.html), as ids are paths below the root without suffix.
        first_of_stem: dict[str, str] = {}
        stems = probe.stems(relative) if probe is not None else None
        pending: list[_Pending] = []
        for entry in entries:
            found = _classify(entry, root, ancestors)
            if isinstance(found, _Folder):
                # A folder reached by a second route (two links to it) is walked once.
                if found.key not in visited:
                    visited.add(found.key)
                    below = f"{relative}/{entry.name}" if relative else entry.name
                    pending.append((found.path, ancestors | {found.key}, found.key, below))
            elif isinstance(found, _File):
                if found.link or found.st.st_nlink != 1:
                    seen = scan.met_before(entry.path, found.st, _Listing(folder_key, entry.name, listed_before))
                    scan.recorded.add(found.key)
                else:
                    # One hard link, met through its own entry: met before only
                    # if a link to it was, or this folder was listed before.
                    seen = listed_before or found.key in scan.recorded
                if seen:
                    continue
                clash: _Clash = None
                if scan.check_ids:
                    stem = _stem(entry.name)
                    article = f"{relative}/{stem}" if relative else stem
                    clash = scan.remembered.get(article) or first_of_stem.get(stem)
                    if clash is None:
                        first_of_stem[stem] = str(found.source.path)
                        if probe is not None and probe.keep(article, stem, stems):
                            scan.remembered[article] = str(found.source.path)
                pending.append((found.source, clash))
            elif found is not None:
                pending.append((found, None))
        stack.extend(reversed(pending))


def scan_sources(
    paths: Iterable[str | os.PathLike[str]], *, check_ids: bool = True
) -> Iterator[tuple[Source, str | None]]:
    """:func:`iter_sources`, each with the file that first had its article id (None if it is the first).

    With ``check_ids=False`` the second item is always None and nothing is
    probed.  The clash is known only for sources without a ``problem``.
    ``paths`` is read into a list first (paths named together are compared).

    >>> [(source.id, first) for source, first in scan_sources(["seeds"])][:1]
    [('000_270aec11aeae12c3', None)]
    """
    roots = [Path(raw) for raw in paths]
    root_stats: list[os.stat_result | None] = []
    for path in roots:
        try:
            root_stats.append(path.stat())
        except OSError:
            root_stats.append(None)
    is_folder = [st is not None and stat.S_ISDIR(st.st_mode) for st in root_stats]
    # The ids of the paths still to come that are not folders (their stems), and those folders.
    later_ids: Counter[str] = Counter()
    if check_ids:
        later_ids.update(article_id(path, path.parent) for path, folder in zip(roots, is_folder) if not folder)
    folders = [path for path, folder in zip(roots, is_folder) if folder]
    folders_done = 0
    # One probe while the later folders stay the same, so that its cache serves a run of named files.
    probe_for_all = _Probe(later_ids, folders[: _MAX_PROBED_ROOTS + 1])
    scan = _Scan(check_ids, set(), set(), {})
    for index, (path, st) in enumerate(zip(roots, root_stats)):
        if is_folder[index]:
            folders_done += 1
            # More than _MAX_PROBED_ROOTS later folders: the probe keeps every id.
            probe_for_all = _Probe(later_ids, folders[folders_done : folders_done + _MAX_PROBED_ROOTS + 1])
        elif check_ids:
            later_ids[article_id(path, path.parent)] -= 1
        # Ids need remembering only while some path is still to come.
        probe = probe_for_all if check_ids and index + 1 < len(roots) else None
        if st is None:
            yield from _named(Source(path, path.parent), scan, probe)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, scan, probe)
            continue
        seen = scan.met_before(str(path), st)
        scan.recorded.add((st.st_dev, st.st_ino))
        if not seen:
            yield from _named(Source(path, path.parent), scan, probe)


def _named(source: Source, scan: _Scan, probe: _Probe | None) -> Iterator[tuple[Source, _Clash]]:
    """A path named on its own (a file, or one that does not exist): its id is its stem."""
    if not scan.check_ids:
        yield source, None
        return
    article = source.id
    clash = scan.remembered.get(article)
    if clash is None and probe is not None and probe.keep(article, article, probe.stems("")):
        scan.remembered[article] = str(source.path)
    yield source, clash


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Expand ``paths`` into :class:`Source` entries, each file once.

    A path that is not a folder is yielded as is (its own folder is its root),
    so that reading it reports a missing or unreadable file in the batch.
    """
    for source, _ in scan_sources(paths, check_ids=False):
        yield source
