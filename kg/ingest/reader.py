"""Read article files: detect the encoding, refuse what is not text.

Chinese government pages arrive as UTF-8 (with or without a BOM) or in the
national GB18030 encoding (a superset of GBK and GB2312).  We try the strict
decoders in that order; a byte sequence that is valid UTF-8 is almost never
valid-looking GB18030 text and vice versa, so the first strict success wins.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import IngestError
from kg.model import Article

#: File suffixes taken when a folder is walked.  Files named explicitly are
#: always read, whatever their suffix.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".html", ".htm")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_FALLBACK_ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    Raises:
        IngestError: the bytes are binary or decode in none of the encodings.

    >>> decode_bytes("知识产权".encode("gb18030"))
    ('知识产权', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"has a {encoding} byte-order mark but does not decode: {exc.reason}") from exc
    if b"\x00" in data[:8192]:
        raise IngestError(source, "is binary, not text (NUL bytes); pass a text or HTML article")
    first_error: UnicodeDecodeError | None = None
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise IngestError(
        source,
        f"cannot decode as UTF-8 or GB18030 (byte 0x{data[first_error.start]:02x} at offset {first_error.start})",
    )


def read_article(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Article:
    """Read one file as an :class:`Article` whose id is the file stem.

    Raises:
        IngestError: the file is missing, unreadable, binary or undecodable.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_bytes(data, str(path))
    if not text.strip():
        raise IngestError(str(path), "is empty (no text to extract)")
    return Article(
        id=path.stem,
        text=text,
        path=str(path),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def iter_article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders into article files, sorted, each once.

    Folders are walked recursively for :data:`ARTICLE_SUFFIXES`; hidden
    entries are skipped.  A missing path is yielded as is so that reading it
    reports the error in the batch.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
        else:
            found = [path]
        for item in found:
            if item not in seen:
                seen.add(item)
                yield item


def read_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | IngestError]:
    """Read every article under ``paths``; yield an IngestError for a bad one and go on."""
    for path in iter_article_paths(paths):
        try:
            yield read_article(path)
        except IngestError as exc:
            yield exc
