"""The query layer: canned SPARQL questions kept as ``.rq`` files, and a runner.

Each file in ``kg/queries/`` starts with a header::

    # name: issuers
    # description: Which bodies issued which plans ...
    # params: none            (or: ?body (IRI), ?year (literal) ...)

>>> from kg.query import questions
>>> questions()["issuers"].description
'Which bodies issued which plans: issuer, document and the source article.'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store import GraphStore

__all__ = ["Question", "Result", "questions", "run", "run_sparql"]


@dataclass(frozen=True)
class Question:
    """A canned question: its name, what it answers, its parameters and its SPARQL."""

    name: str
    description: str
    params: tuple[str, ...]
    sparql: str


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query as plain Python values, with the column order."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]


def _parse(name: str, text: str) -> Question:
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        header[key.strip()] = value.strip()
    params = tuple(
        p.split()[0].lstrip("?$") for p in header.get("params", "none").split(",") if p.strip() and p.strip() != "none"
    )
    return Question(header.get("name", name), header.get("description", ""), params, text)


@lru_cache(maxsize=1)
def questions() -> dict[str, Question]:
    """The canned questions by name."""
    found = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            question = _parse(entry.name[:-3], entry.read_text(encoding="utf-8"))
            found[question.name] = question
    return found


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return term.value
    return str(term)


def run_sparql(store: GraphStore, sparql: str, params: dict[str, Any] | None = None) -> Result:
    """Run a SELECT or ASK query on ``store``; parameters are bound, never spliced.

    Raises:
        QueryError: the query does not parse or is not a SELECT/ASK.
    """
    try:
        results = store.query(sparql, params)
    except SyntaxError as exc:
        raise QueryError(f"the SPARQL query does not parse: {exc}") from exc
    if isinstance(results, bool):
        return Result(("result",), ({"result": results},))
    if isinstance(results, ox.QuerySolutions):
        columns = tuple(v.value for v in results.variables)
        rows = tuple({c: _value(s[c]) for c in columns} for s in results)
        return Result(columns, rows)
    raise QueryError("only SELECT and ASK queries give rows; use `kg export` for graphs")


def run(store: GraphStore, name: str, params: dict[str, Any] | None = None) -> Result:
    """Run the canned question ``name``.

    Raises:
        QueryError: no question has that name.
    """
    question = questions().get(name)
    if question is None:
        raise QueryError(f"no question named {name!r}; `kg ask` lists them: {', '.join(sorted(questions()))}")
    return run_sparql(store, question.sparql, params)
