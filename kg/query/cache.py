"""Answers of slow questions kept beside the store, valid until a writer next opens it.

A question that lists everything grows with the corpus: on a 10,000-article
store ``campaigns`` returns ~40,000 rows, and pyoxigraph needs one RocksDB
read per distinct term it returns, so no query plan brings that under a
second.  The answer only changes when the store does, so kg keeps it: a
store opened read-only with a :attr:`~kg.store.GraphStore.generation` stores
each answer that took longer than :data:`SLOW_SECONDS` in
``<store>/kg-answers/<sha256 of the query>.json``, tagged with that
generation, and serves it again while the generation lasts.  ``kg build``,
``kg remove`` — any writer — starts a new generation when it opens the store,
so an answer is never older than the store.

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

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.query import Result

__all__ = ["AnswerCache", "ANSWERS_FOLDER", "SLOW_SECONDS", "MAX_ENTRIES"]

#: Folder inside the store directory that holds the answers.
ANSWERS_FOLDER = "kg-answers"
#: Answers computed faster than this are not worth a file.
SLOW_SECONDS = 0.02
#: At most this many answers are kept; the least recently written go first.
MAX_ENTRIES = 256


class AnswerCache:
    """Answers of one store generation, one JSON file each, keyed by the query text.

    Args:
        root: the answers folder of a store (``<store>/kg-answers``).
        generation: the store's :attr:`~kg.store.GraphStore.generation`.
    """

    def __init__(self, root: Path, generation: str):
        self.root = root
        self.generation = generation
        self.folder = root / generation

    def _file(self, sparql: str) -> Path:
        return self.folder / f"{hashlib.sha256(sparql.encode('utf-8')).hexdigest()}.json"

    def get(self, sparql: str) -> "Result | None":
        """The answer kept for ``sparql`` in this generation, or None."""
        from kg.query import Result

        try:
            data = json.loads(self._file(sparql).read_text(encoding="utf-8"))
            if data.get("query") != sparql:  # a hash collision, however unlikely
                return None
            columns = tuple(data["columns"])
            rows = tuple(data["rows"])  # the json decoder builds the row dicts in C: ~40 % faster than zip()
            datatypes = {column: frozenset(kinds) for column, kinds in data["datatypes"].items()}
            if rows and not (isinstance(rows[0], dict) and tuple(rows[0]) == columns):
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return Result(columns, rows, datatypes)

    def put(self, sparql: str, result: "Result") -> None:
        """Keep ``result`` as the answer to ``sparql`` in this generation (best effort)."""
        data = {
            "query": sparql,
            "columns": list(result.columns),
            "datatypes": {column: sorted(kinds) for column, kinds in result.datatypes.items()},
            "rows": [{column: row.get(column) for column in result.columns} for row in result.rows],
        }
        partial: str | None = None
        try:
            if not self.folder.is_dir():
                self._forget_other_generations()
                self.folder.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed into place, so a reader never sees half a file.
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, suffix=".tmp", delete=False) as out:
                partial = out.name
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
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
        entries = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime)
        for path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            path.unlink(missing_ok=True)
