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
    """A regex alternation of literal ``items`` in which the longest wins, spelt as a trie.

    ``a|ab|abc`` tried longest first and ``a(?:b(?:c)?)?`` try the items that
    fit at a position in the same order (they are prefixes of one another,
    longest first), so either spelling matches the same text anywhere in a
    pattern.  The trie is faster: the regex engine tries the alternatives of
    a branch one by one, and a trie's branches hold one alternative per next
    character instead of one per item.

    >>> alternation(["局", "市场监管局", "市场监督管理局", "市委"])
    '(?:局|市(?:场监(?:督管理局|管局)|委))'
    >>> re.compile(alternation(["局", "市场监管局", "市委"])).findall("市市场监管局市委")
    ['市场监管局', '市委']
    """
    words = sorted(set(items))
    if not words:
        return ""
    atom = _atom(words)
    return atom if atom.startswith("(?:") else f"(?:{atom})"  # a literal run starts with an escaped character


def _atom(words: list[str]) -> str:
    """A regex for exactly the sorted, distinct literal ``words`` ("" allowed), usable as one unit."""
    optional = words[0] == ""
    branches = []
    children: dict[str, list[str]] = {}
    for word in words[1:] if optional else words:
        children.setdefault(word[0], []).append(word[1:])
    for char, rest in children.items():
        run = re.escape(char)
        while len(rest) == 1 and rest[0]:  # a chain of single children is one literal run
            run += re.escape(rest[0][0])
            rest = [rest[0][1:]]
        branches.append(run if rest == [""] else run + _atom(rest))
    body = "|".join(branches)
    if optional:
        return f"(?:{body})?"  # greedy: the longer item is tried first
    return body if len(branches) == 1 else f"(?:{body})"


@lru_cache(maxsize=1)
def ethnic_groups() -> tuple[str, ...]:
    """The 56 ethnic groups, from the ``cpca`` package's data."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return ()
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "56_nations.csv"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
