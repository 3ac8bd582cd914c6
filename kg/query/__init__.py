"""The query layer: canned SPARQL questions kept as ``.rq`` files, a runner, remote endpoints.

Each file in ``kg/queries/`` starts with a header (see :mod:`kg.query.registry`)::

    # name: body_documents
    # description: Documents one body issued ...
    # param: body string  canonical name or any alias

Parameters are bound as RDF terms, never spliced into query text.  Canned
questions get them as a ``VALUES`` block of terms serialised (and escaped) by
pyoxigraph at the top of their WHERE group, locally and on remote endpoints
alike, so a question answers the same everywhere; pyoxigraph 0.5 also turns a
VALUES term into an index lookup, which its ``substitutions`` do not
(within_place: ~55 ms → ~8 ms on the seeds).  Ad-hoc SPARQL run locally gets
pyoxigraph ``substitutions`` (SPARQL SEP-0007), which reach into sub-queries.

>>> from kg.query import questions
>>> questions()["issuers"].description
'Which bodies issued which plans: issuer, document and the source article.'

In a notebook, ``kg.query`` is also a function (this module is callable)::

    >>> import kg.query
    >>> rows = kg.query("issuers", store="kg-store")          # doctest: +SKIP
    >>> rows.to_frame().head()                                 # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
import time
import types
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.query.cache import ANSWERS_FOLDER, SLOW_SECONDS, AnswerCache
from kg.query.registry import Param, Question, questions, to_term
from kg.query.remote import _LANG_STRING, _XSD, Endpoint
from kg.query.text import inline_values
from kg.store import GraphStore

__all__ = [
    "Endpoint", "Param", "Question", "Result", "Rows", "questions", "run", "run_sparql", "query", "open_store", "sort_rows",
]

_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}


class Rows(list):
    """Rows of a SELECT query: a list of dicts that also knows its columns.

    >>> rows = Rows([{"n": "1"}], columns=("n",))
    >>> rows.columns, rows[0]["n"]
    (('n',), '1')
    """

    def __init__(self, rows=(), columns: tuple[str, ...] = (), datatypes: Mapping[str, frozenset[str]] | None = None):
        super().__init__(rows)
        self.columns = tuple(columns)
        self.datatypes = dict(datatypes or {})

    def to_frame(self):
        """The rows as a pandas DataFrame; integer/decimal columns become numbers.

        Raises:
            QueryError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is in the dev extra
            raise QueryError("to_frame() needs pandas: pip install pandas") from exc
        frame = pd.DataFrame(list(self), columns=list(self.columns))
        for column in self.columns:
            kinds = self.datatypes.get(column, frozenset())
            if kinds and kinds <= _INTEGERS:
                frame[column] = pd.to_numeric(frame[column]).astype("Int64")
            elif kinds and kinds <= _INTEGERS | _FLOATS:
                frame[column] = pd.to_numeric(frame[column])
        return frame


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query as plain Python values, with the column order."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    datatypes: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def to_rows(self) -> Rows:
        """The rows as a :class:`Rows` list."""
        return Rows(self.rows, self.columns, self.datatypes)

    def to_frame(self):
        """The rows as a pandas DataFrame (see :meth:`Rows.to_frame`)."""
        return self.to_rows().to_frame()


def _read_solutions(
    columns: tuple[str, ...], solutions: Any
) -> tuple[tuple[dict[str, Any], ...], dict[str, frozenset[str]]]:
    # The rows and the kinds of term in each column.  Written for speed: on
    # 10,000 articles pyoxigraph needs ~0.75 s of CPU to yield campaigns'
    # 42,500 solutions; reading them out cell by cell (a lookup by name, two
    # isinstance() calls, a datatype NamedNode) added ~0.15 s, a tuple per
    # solution and a type() dispatch add ~0.04 s (within_place: 90 → 5 ms).
    kinds: list[set[str]] = [set() for _ in columns]
    literal, named = ox.Literal, ox.NamedNode
    rows = []
    for terms in map(tuple, solutions):
        row = {}
        for column, term, found in zip(columns, terms, kinds):
            kind = type(term)
            if kind is literal:
                row[column] = term.value
                # term.datatype builds a NamedNode per cell; a label's (a language tag,
                # no direction) is rdf:langString, known without it.
                found.add(_LANG_STRING if term.language and term.direction is None else term.datatype.value)
            elif kind is named:
                row[column] = term.value
                found.add("uri")
            elif term is None:
                row[column] = None
            else:  # a blank node, or a quoted triple (RDF-star)
                row[column] = term.value if kind is ox.BlankNode else str(term)
                found.add("bnode")
        rows.append(row)
    return tuple(rows), {column: frozenset(found) for column, found in zip(columns, kinds)}


def _local(store: GraphStore, sparql: str, bindings: Mapping[str, Any]) -> Result:
    substitutions = {ox.Variable(name.lstrip("?$")): term for name, term in bindings.items()}
    try:
        results = store.oxigraph.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"the SPARQL query does not parse: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"{store.path or 'in-memory store'}: the query failed reading the store: {exc}") from exc
    except RuntimeError as exc:
        # pyoxigraph binds only variables of the SELECT clause (SPARQL SEP-0007).
        raise QueryError(f"cannot bind the parameters: {exc}; add the variable to the SELECT clause") from exc
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        return Result(("result",), ({"result": bool(results)},), {"result": frozenset({_XSD + "boolean"})})
    if isinstance(results, ox.QuerySolutions):
        columns = tuple(v.value for v in results.variables)
        return Result(columns, *_read_solutions(columns, results))
    raise QueryError("only SELECT and ASK queries give rows; use `kg export` or the endpoint for graphs")


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")


def sort_rows(result: Result, order: tuple[str, ...]) -> Result:
    """``result`` with rows sorted by the ``order`` columns (``-name``: descending).

    Numeric columns sort as numbers, others by code point; an empty cell comes
    first, as SPARQL's ORDER BY puts unbound values first.

    >>> r = Result(("n", "s"), ({"n": "10", "s": "b"}, {"n": "9", "s": None}, {"n": "10", "s": "a"}),
    ...            {"n": frozenset({_XSD + "integer"})})
    >>> [tuple(row.values()) for row in sort_rows(r, ("-n", "s")).rows]
    [('10', 'a'), ('10', 'b'), ('9', None)]
    """
    for key in order:
        if key.lstrip("-") not in result.columns:
            raise QueryError(
                f"cannot sort by {key.lstrip('-')!r}: the query has no such column ({', '.join(result.columns)})"
            )
    rows = list(result.rows)
    columns = [key.lstrip("-") for key in order]
    numeric = {c for c in columns if (kinds := result.datatypes.get(c)) and kinds <= _INTEGERS | _FLOATS}
    if columns and not numeric and not any(key.startswith("-") for key in order):
        try:
            # The common case, ascending text without empty cells, in one sort
            # keyed in C (issuers, 26,000 rows: ~50 ms → ~25 ms).
            if all(type(value) is str for row in rows for value in map(row.__getitem__, columns)):
                rows.sort(key=itemgetter(*columns))
                return Result(result.columns, tuple(rows), result.datatypes)
        except KeyError:
            pass  # a row without the column (an endpoint left it out): the general case
    for key, column in zip(reversed(order), reversed(columns)):
        descending = key.startswith("-")
        # Empty cells are set apart rather than keyed as (0, …) tuples, so the
        # filled ones sort on bare values; both parts keep their order among
        # equals, as one stable sort would.
        empty = [row for row in rows if row.get(column) is None]
        filled = [row for row in rows if row.get(column) is not None] if empty else rows
        if column in numeric:
            filled.sort(key=lambda row, column=column: _number(row[column]), reverse=descending)
        elif all(type(row[column]) is str for row in filled):
            filled.sort(key=itemgetter(column), reverse=descending)
        else:
            filled.sort(key=lambda row, column=column: str(row[column]), reverse=descending)
        # A descending sort still puts empty cells last, as SPARQL's DESC does.
        rows = filled + empty if descending else empty + filled
    return Result(result.columns, tuple(rows), result.datatypes)


def _remote(endpoint: Endpoint, sparql: str, bindings: Mapping[str, Any]) -> Result:
    columns, rows, kinds = endpoint.select(sparql, bindings)
    return Result(columns, tuple(rows), {c: frozenset(k) for c, k in kinds.items()})


Source = GraphStore | Endpoint


def run_sparql(source: Source, sparql: str, params: Mapping[str, Any] | None = None) -> Result:
    """Run a SELECT or ASK query on a store or an endpoint; parameters are bound, never spliced.

    ``params`` maps variable names to values: pyoxigraph or rdflib terms, or
    Python str/int/float/bool (a str is a plain literal, never an IRI).

    Raises:
        QueryError: the query does not parse or is not a SELECT/ASK.

    >>> from kg.store import GraphStore
    >>> run_sparql(GraphStore(), "SELECT ?v ?x WHERE { BIND(STRLEN(?v) AS ?x) }", {"v": 'a "quoted" } value'}).rows
    ({'v': 'a "quoted" } value', 'x': '18'},)
    """
    bindings = {name: to_term(value) for name, value in (params or {}).items()}
    if isinstance(source, Endpoint):
        return _remote(source, sparql, bindings)
    return _local(source, sparql, bindings)


def run(source: Source, name: str, params: Mapping[str, Any] | None = None, *, cache: bool = True) -> Result:
    """Run the canned question ``name`` with ``params`` checked against its header.

    On a store opened read-only, a slow answer is kept beside the store and
    served again until a writer next opens it (:mod:`kg.query.cache`);
    ``cache=False`` always runs the query.

    Raises:
        QueryError: no question has that name, or a parameter is unknown, missing or ill-typed.
    """
    question = questions().get(name)
    if question is None:
        raise QueryError(f"no question named {name!r}; `kg ask` lists them: {', '.join(sorted(questions()))}")
    bindings = question.bind(params or {})
    if isinstance(source, Endpoint):
        return sort_rows(_remote(source, question.sparql, bindings), question.order)
    sparql = inline_values(question.sparql, bindings)
    answers = _answers(source) if cache else None
    if answers is None:
        return sort_rows(_local(source, sparql, {}), question.order)
    key = f"# order: {' '.join(question.order)}\n{sparql}"  # the rows are kept sorted
    if (kept := answers.get(key)) is not None:
        return kept
    started = time.perf_counter()
    result = sort_rows(_local(source, sparql, {}), question.order)
    if time.perf_counter() - started >= SLOW_SECONDS:
        answers.put(key, result)
    return result


def _answers(store: GraphStore) -> AnswerCache | None:
    generation = store.generation
    if generation is None or store.path is None:
        return None
    return AnswerCache(store.path / ANSWERS_FOLDER, generation)


def open_store(path: str | os.PathLike[str]) -> GraphStore:
    """Open the store at ``path`` read-only (so a running build or server is not disturbed).

    Raises:
        StoreError: there is no store at ``path``.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no store here; run `kg build` first or pass --store")
    return GraphStore(path, read_only=True)


def query(
    name_or_sparql: str,
    store: GraphStore | str | os.PathLike[str] | None = None,
    endpoint: str | Endpoint | None = None,
    *,
    as_frame: bool = False,
    **params: Any,
):
    """Answer a canned question or run SPARQL; return :class:`Rows` (or a DataFrame with ``as_frame=True``).

    Args:
        name_or_sparql: a question name from ``kg ask`` or SPARQL text.
        store: a :class:`~kg.store.GraphStore`, a store directory, or None for
            ``$KG_STORE`` / ``./kg-store``.
        endpoint: a SPARQL endpoint URL to ask instead of a local store.
        as_frame: return a pandas DataFrame.
        **params: parameter values (see each question's header).

    Raises:
        QueryError: unknown question, bad parameter, or bad SPARQL.
        StoreError: no store at the given path.

    >>> from kg.store import GraphStore
    >>> query("SELECT ?x ?n WHERE { BIND(?x + 1 AS ?n) }", store=GraphStore(), x=41)
    [{'x': '41', 'n': '42'}]
    """
    if endpoint is not None and store is not None:
        raise QueryError("pass either store= or endpoint=, not both")
    if endpoint is not None:
        source: Source = endpoint if isinstance(endpoint, Endpoint) else Endpoint(str(endpoint))
    elif isinstance(store, GraphStore):
        source = store
    else:
        from kg.config import DEFAULT_STORE

        source = open_store(store if store is not None else DEFAULT_STORE)
    if name_or_sparql in questions():
        result = run(source, name_or_sparql, params)
    elif name_or_sparql.strip().replace("_", "").isalnum() and " " not in name_or_sparql.strip():
        raise QueryError(f"no question named {name_or_sparql!r}; `kg ask` lists them: {', '.join(sorted(questions()))}")
    else:
        result = run_sparql(source, name_or_sparql, params)
    rows = result.to_rows()
    return rows.to_frame() if as_frame else rows


class _CallableModule(types.ModuleType):
    # `kg.query` is both this package and, for notebooks, the function
    # `kg.query(...)`: a function of that name in kg/__init__.py would be
    # replaced by the package the moment anything imports kg.query.
    def __call__(self, name_or_sparql: str, *args: Any, **kwargs: Any):
        return query(name_or_sparql, *args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
