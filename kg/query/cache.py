"""Answers of slow questions kept beside the store, valid until a writer next opens it.

A question that lists everything grows with the corpus: on a 10,000-article
store ``campaigns`` returns ~40,000 rows, and pyoxigraph needs one RocksDB
read per distinct term it returns, so no query plan brings that under a
second.  The answer only changes when the store does, so kg keeps it: a
store opened read-only with a :attr:`~kg.store.GraphStore.generation` stores
each answer that took longer than :data:`SLOW_SECONDS` in
``<store>/kg-answers/<generation>/<sha256 of the query>.answer`` and serves
it again while the generation lasts.  ``kg build``, ``kg remove`` — any
writer — starts a new generation when it opens the store, so an answer is
never older than the store.

The cache is an optimisation only: an unwritable folder, a damaged or
foreign file, or a missing generation make kg run the query as if there were
no cache.

>>> from kg.query import Result
>>> answers = Path(tempfile.mkdtemp())
>>> cache = AnswerCache(answers, "generation-1")
>>> cache.put("SELECT 1", Result(("n",), ({"n": "1"},), {"n": frozenset({"x"})}))
>>> cache.get("SELECT 1").rows, AnswerCache(answers, "generation-2").get("SELECT 1")
(({'n': '1'},), None)
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import shutil
import sys
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from kg.query import Result

__all__ = ["AnswerCache", "ANSWERS_FOLDER", "SLOW_SECONDS", "MAX_ENTRIES", "encode_answer", "decode_answer"]

#: Folder inside the store directory that holds the answers.
ANSWERS_FOLDER = "kg-answers"
#: Answers computed faster than this are not worth a file.
SLOW_SECONDS = 0.02
#: At most this many answers are kept; the least recently written go first.
MAX_ENTRIES = 256
#: Suffix of an answer file; files of other suffixes (older formats) are never read.
SUFFIX = ".answer"

_MAGIC = b"kg-answer 1"
# Cells are unsigned 32-bit indices; "I" is 4 bytes on every CPython platform
# kg runs on, "L" on the odd one where it is not.
_CELL = next(code for code in "IL" if array.array(code).itemsize == 4)
_VALUE_TYPES = frozenset({str, bool, type(None)})


def encode_answer(query: str, result: "Result") -> bytes:
    """``result`` as the bytes of an answer file: a header line, a JSON header, then the cells.

    The header line is ``kg-answer 1 <JSON bytes> <CRC-32 of the rest>``.  The
    JSON holds the query, columns, datatypes, row count and every distinct
    cell value once (``values``); the cells follow as little-endian unsigned
    32-bit indices into ``values``, column after column.  Serving an answer
    thus decodes each distinct string once and reads the cells as one array,
    instead of parsing one JSON object per row (campaigns on 10,000
    articles, 42,500 rows: ~45 ms → ~12 ms of CPU).  Nothing in the file is
    executable: no pickle, no marshal.

    Raises:
        TypeError: a cell holds something other than str, bool or None.

    >>> from kg.query import Result
    >>> data = encode_answer("SELECT ?n", Result(("n",), ({"n": "1"}, {"n": None}, {"n": "1"}), {}))
    >>> data.split(b"\\n", 1)[0][:11], decode_answer(data)[1].rows
    (b'kg-answer 1', ({'n': '1'}, {'n': None}, {'n': '1'}))
    """
    index: dict[Any, int] = {}
    cells = array.array(_CELL)
    for column in result.columns:
        for row in result.rows:
            value = row.get(column)
            if type(value) not in _VALUE_TYPES:
                raise TypeError(f"cannot keep a {type(value).__name__} cell of column {column!r}")
            cells.append(index.setdefault(value, len(index)))
    header = json.dumps(
        {
            "query": query,
            "columns": list(result.columns),
            "datatypes": {column: sorted(kinds) for column, kinds in result.datatypes.items()},
            "rows": len(result.rows),
            "values": list(index),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    if sys.byteorder == "big":  # pragma: no cover - the file is little-endian everywhere
        cells.byteswap()
    body = header + cells.tobytes()
    return b"%s %d %d\n%s" % (_MAGIC, len(header), zlib.crc32(body), body)


def decode_answer(data: bytes) -> "tuple[str, Result]":
    """The query and the result kept in the bytes of an answer file (see :func:`encode_answer`).

    Raises:
        ValueError: the bytes are not a whole, undamaged answer file.

    >>> decode_answer(b"[]")
    Traceback (most recent call last):
    ...
    ValueError: not a kg answer file
    """
    from kg.query import Result

    line_end = data.find(b"\n", 0, 64)
    fields = data[:line_end].split(b" ") if line_end > 0 else []
    if len(fields) != 4 or b" ".join(fields[:2]) != _MAGIC or not (fields[2].isdigit() and fields[3].isdigit()):
        raise ValueError("not a kg answer file")
    header_bytes, checksum = int(fields[2]), int(fields[3])
    body = memoryview(data)[line_end + 1 :]  # a view: the megabytes of cells are not copied
    if zlib.crc32(body) != checksum:
        raise ValueError("the answer file is damaged (checksum)")
    try:
        header = json.loads(str(body[:header_bytes], "utf-8"))
        query, columns, count, values = header["query"], tuple(header["columns"]), header["rows"], header["values"]
        datatypes = {column: frozenset(kinds) for column, kinds in header["datatypes"].items()}
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"the answer file's header is damaged ({exc})") from exc
    if not (
        isinstance(query, str)
        and isinstance(count, int)
        and count >= 0
        and isinstance(values, list)
        and all(isinstance(column, str) for column in columns)
        and len(set(columns)) == len(columns)
        and set(map(type, values)) <= _VALUE_TYPES
    ):
        raise ValueError("the answer file's header is damaged")
    cells = array.array(_CELL)
    cells.frombytes(body[header_bytes:])
    if len(cells) != count * len(columns):
        raise ValueError("the answer file's cells are damaged (size)")
    if sys.byteorder == "big":  # pragma: no cover
        cells.byteswap()
    if not columns:
        if count > len(data):  # nothing else bounds it: no file has more empty rows than bytes
            raise ValueError("the answer file's header is damaged (rows)")
        rows: tuple = tuple({} for _ in range(count))
    else:
        parts = [cells[i * count : (i + 1) * count] for i in range(len(columns))]
        try:
            rows = tuple(_row_builder(len(columns))(*columns, values, *parts))
        except IndexError as exc:  # cheaper than checking max(cells) first: it never happens
            raise ValueError("the answer file's cells are damaged (index)") from exc
    return query, Result(columns, rows, datatypes)


@lru_cache(maxsize=None)
def _row_builder(width: int) -> Callable[..., list[dict[str, Any]]]:
    # One dict display per row, keys and cells unrolled: CPython builds that
    # ~2x faster than dict(zip(columns, cells)) or any map() chain (42,500
    # rows: ~10 ms against ~21 ms).  A display needs a fixed width, so the
    # function is made per width, as collections.namedtuple makes its
    # classes; its text holds only names numbered 0..width-1, never data.
    keys = [f"k{i}" for i in range(width)]
    cells = [f"c{i}" for i in range(width)]
    indices = [f"i{i}" for i in range(width)]
    source = (
        f"def build({', '.join(keys)}, values, {', '.join(cells)}):\n"
        f"    return [{{{', '.join(f'{k}: values[{i}]' for k, i in zip(keys, indices))}}}"
        f" for {', '.join(indices)}, in zip({', '.join(cells)})]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # noqa: S102 - generated from integers only (see above)
    return namespace["build"]


class AnswerCache:
    """Answers of one store generation, one file each, keyed by the query text.

    Args:
        root: the answers folder of a store (``<store>/kg-answers``).
        generation: the store's :attr:`~kg.store.GraphStore.generation`.
    """

    def __init__(self, root: Path, generation: str):
        self.root = root
        self.generation = generation
        self.folder = root / generation

    def _file(self, sparql: str) -> Path:
        return self.folder / f"{hashlib.sha256(sparql.encode('utf-8')).hexdigest()}{SUFFIX}"

    def get(self, sparql: str) -> "Result | None":
        """The answer kept for ``sparql`` in this generation, or None."""
        try:
            query, result = decode_answer(self._file(sparql).read_bytes())
        except (OSError, ValueError):
            return None
        return result if query == sparql else None  # a hash collision, however unlikely

    def put(self, sparql: str, result: "Result") -> None:
        """Keep ``result`` as the answer to ``sparql`` in this generation (best effort)."""
        try:
            data = encode_answer(sparql, result)
        except (TypeError, ValueError, OverflowError):
            return  # a cell kg cannot keep: the answer is computed each time
        partial: str | None = None
        try:
            if not self.folder.is_dir():
                self._forget_other_generations()
                self.folder.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed into place, so a reader never sees half a file.
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, suffix=".tmp", delete=False) as out:
                partial = out.name
                out.write(data)
            os.replace(partial, self._file(sparql))
            partial = None
            self._evict()
        except OSError:
            if partial is not None:
                Path(partial).unlink(missing_ok=True)

    def _forget_other_generations(self) -> None:
        for old in self.root.glob("*"):
            if old.name != self.generation:
                shutil.rmtree(old, ignore_errors=True)

    def _evict(self) -> None:
        entries = sorted(self.folder.glob(f"*{SUFFIX}"), key=lambda path: path.stat().st_mtime)
        for path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            path.unlink(missing_ok=True)
