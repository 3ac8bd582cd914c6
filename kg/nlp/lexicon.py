"""Load the lexicons and patterns in ``kg/nlp/data/``.

Every lexicon is a plain UTF-8 file, one item a line, ``#`` starting a comment
line.  ``.txt`` files are word lists; ``.tsv`` files are tab-separated rows.
Components receive file names through their config, so a user can point a
pipeline at a lexicon of their own.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "kg.nlp"


def _read(name: str) -> str:
    path = Path(name)
    if path.is_absolute() or path.exists() and path.parent != Path("."):
        return path.read_text(encoding="utf-8")
    return resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Items of a word list, in file order, without comments or blanks."""
    return tuple(line.strip() for line in _read(name).splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file, without comments or blanks."""
    return tuple(
        tuple(cell.strip() for cell in line.split("\t"))
        for line in _read(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """A two-column TSV file as a dict from the first column to the second."""
    return {row[0]: row[1] for row in rows(name) if len(row) >= 2}


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal ``items``, longest first so the longest wins."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def ethnic_groups() -> tuple[str, ...]:
    """The 56 ethnic groups, from the ``cpca`` package's data."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return ()
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "56_nations.csv"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
