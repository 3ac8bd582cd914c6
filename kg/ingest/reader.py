"""Read article files: refuse what is not an article, detect the encoding, extract HTML.

Every refusal is an :class:`~kg.errors.IngestError` whose message names the
file and the reason in one line; :func:`read_articles` yields it in place of
the article so that a batch goes on.

>>> article = read_article("seeds/001_33a5e50e001da68a.txt")
>>> article.id, article.encoding
('001_33a5e50e001da68a', 'utf-8')
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import IngestError
from kg.ingest.encoding import decode_bytes
from kg.ingest.html import HTML_SUFFIXES, declared_charset, html_to_text, looks_like_html
from kg.ingest.walk import article_id, iter_sources, scan_sources
from kg.model import Article

__all__ = ["DEFAULT_MAX_BYTES", "iter_article_paths", "max_bytes_setting", "read_article", "read_articles"]

#: The largest file read as one article.  The longest real government
#: documents (a five-year plan: about 70,000 characters, 210 KB) are far
#: below it; a heavy HTML page with inline scripts can reach a few MB.
DEFAULT_MAX_BYTES: int = 20 * 1024 * 1024


def max_bytes_setting() -> int:
    """The size limit: ``$KG_MAX_BYTES`` if set, else :data:`DEFAULT_MAX_BYTES`.

    Raises:
        IngestError: ``KG_MAX_BYTES`` is not a positive whole number.
    """
    raw = os.environ.get("KG_MAX_BYTES", "").strip().replace("_", "").replace(",", "")
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise IngestError("KG_MAX_BYTES", f"is {raw!r}, not a positive number of bytes (e.g. 52428800)")
    return int(raw)


def _describe_limit(limit: int) -> str:
    """``20 MB`` for whole mebibytes, else ``1,000-byte``."""
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit % mib == 0 else f"{limit:,}-byte"


def _oserror_reason(name: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "is a broken symbolic link" if os.path.islink(name) else "does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    return f"cannot be read ({exc.strerror or exc})"


def _read_bytes(name: str, limit: int) -> bytes:
    """The file's bytes, refusing folders, pipes, devices and files over ``limit`` before reading them."""
    try:
        st = os.stat(name)
    except OSError as exc:
        raise IngestError(name, _oserror_reason(name, exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(name, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO would block until a writer comes, so never open one.
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a socket or device"
        raise IngestError(name, f"is {kind}, not a file")
    over = f"is over the {_describe_limit(limit)} limit for one article; split it or raise --max-bytes (KG_MAX_BYTES)"
    if st.st_size > limit:
        raise IngestError(name, f"{st.st_size:,} bytes {over}")
    try:
        fd = os.open(name, os.O_RDONLY)
        try:
            # Ask for the size stat() gave plus one byte, not for the limit: a
            # 20 MB buffer per small file cost more than reading the file.  A
            # file that grew since stat() is read on in 64 KB steps, but never
            # past one byte over the limit, so it is still caught.
            chunks: list[bytes] = []
            total = 0
            while total <= limit:
                want = st.st_size + 1 - total if total <= st.st_size else 65_536
                chunk = os.read(fd, min(limit + 1 - total, want))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise IngestError(name, _oserror_reason(name, exc)) from exc
    data = b"".join(chunks)  # one chunk: that very object, no copy
    if len(data) > limit:
        raise IngestError(name, f"more than {limit:,} bytes {over}")
    return data


def read_article(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int | None = None,
    encoding: str | None = None,
) -> Article:
    """Read one file as an :class:`Article`.

    Text files are decoded (see :func:`kg.ingest.decode_bytes`); HTML pages
    (by suffix, or by a leading doctype or ``<html>`` tag) become their
    headline and main text, extracted by trafilatura, and offsets then point
    into that extracted text.

    Args:
        path: the file.
        root: the folder the id is relative to; the file's own folder by
            default, so the id is the file stem.
        max_bytes: the size limit; :func:`max_bytes_setting` by default.
        encoding: a codec to use instead of detecting one.

    Raises:
        IngestError: the file is missing, not a regular file, too large,
            binary, undecodable, empty, or an HTML page without article text.
    """
    path = path if isinstance(path, Path) else Path(path)  # a walk's Path as is: building one costs 2 us
    name = str(path)
    root_path = (root if isinstance(root, Path) else Path(root)) if root is not None else path.parent
    limit = max_bytes if max_bytes is not None else max_bytes_setting()
    data = _read_bytes(name, limit)
    if not data:
        raise IngestError(name, "is empty (0 bytes)")
    by_suffix = path.suffix.lower() in HTML_SUFFIXES
    # The <meta charset> sniff reads ASCII bytes; it matters only when UTF-8 fails.
    hint = None if encoding else _usable_hint(data, declared_charset(data))
    text, used = decode_bytes(data, name, encoding=encoding or hint)
    if by_suffix or looks_like_html(text):
        text = html_to_text(text, name)
    if not text or text.isspace():  # what `not text.strip()` says, without copying the text
        raise IngestError(name, f"has only whitespace ({len(text)} characters), no text")
    return Article(
        id=article_id(path, root_path),
        text=text,
        path=name,
        encoding=used,
        sha256=hashlib.sha256(data).hexdigest(),
    )


#: Codecs whose choice the plausibility judge makes better than a page's own
#: <meta charset>: pages labelled gb2312 are often GBK, and sometimes Big5.
_JUDGED = frozenset({"gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs", "cp936", "utf-8"})


def _usable_hint(data: bytes, hint: str | None) -> str | None:
    """A declared non-Chinese charset (shift_jis, windows-1252…) is used when UTF-8 fails and it decodes."""
    if hint is None or hint in _JUDGED or hint.startswith("utf"):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        data.decode(hint)
    except (UnicodeDecodeError, LookupError):
        return None
    return hint


def iter_article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files (and bad entries) :func:`read_articles` will report on, in order; one item per result."""
    for source in iter_sources(paths):
        yield source.path


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int | None = None,
    encoding: str | None = None,
) -> Iterator[Article | IngestError]:
    """Read every article under ``paths``; yield an IngestError for each bad one and go on.

    Two files with one article id (``x.txt`` and ``x.html`` in one folder, or
    two files with one stem named on the command line) would overwrite each
    other's graph, so the second is refused.

    >>> [type(item).__name__ for item in read_articles(["seeds"])]
    ['Article', 'Article', 'Article', 'Article', 'Article']
    """
    limit = max_bytes if max_bytes is not None else max_bytes_setting()
    # The walk finds clashes per folder and keeps only the ids a later path
    # could repeat, so memory does not grow with the number of files.
    for source, first in scan_sources(paths):
        if source.problem is not None:
            yield IngestError(str(source.path), source.problem)
            continue
        if first is not None:
            yield IngestError(
                str(source.path),
                f"has the article id {source.id!r} of {first} (ids are paths below the folder given, without the "
                "suffix); rename one, or pass the folder that holds both",
            )
            continue
        try:
            yield read_article(source.path, source.root, max_bytes=limit, encoding=encoding)
        except IngestError as exc:
            yield exc
