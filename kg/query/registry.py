"""The canned questions: ``kg/queries/*.rq`` files and the header that describes each.

A header is the file's leading comment lines::

    # name: body_documents
    # description: Documents one body issued ...
    # param: body string  canonical name or any alias, e.g. 拉萨市市场监督管理局
    # param: year integer optional  only documents whose title gives this year
    # example: body=拉萨市市场监管局
    # order: issuer document article

``param`` lines name a SPARQL variable of the query (it must be in the SELECT
clause: pyoxigraph binds only projected variables), its type (``string``,
``label``, ``integer`` or ``iri``), ``optional`` when the question also makes sense with
the variable unbound, and a description.  ``# params: none`` says there are none.
``order`` names the columns kg sorts the rows by (``-documents``: descending;
numbers as numbers, text by code point, empty first).  kg sorts in Python
rather than with ORDER BY because pyoxigraph 0.5 sorts slowly (3,400 rows:
~600 ms, against ~2 ms in Python); the sort is the same for every endpoint.

>>> q = questions()["body_documents"]
>>> [(p.name, p.type, p.required) for p in q.params]
[('body', 'label', True)]
>>> q.bind({"body": "拉萨市市场监管局"})["body"]
<Literal value=拉萨市市场监管局 language=zh>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = ["Param", "Question", "questions", "parse_question", "to_term", "PARAM_TYPES"]

#: Parameter types a question may declare.
#: ``label`` is a name as written, bound as a ``@zh`` literal so it matches
#: ``skos:prefLabel``/``skos:altLabel`` exactly (an index lookup, not a scan).
PARAM_TYPES: tuple[str, ...] = ("string", "label", "integer", "iri")

#: Language tag of the labels kg writes.
LABEL_LANGUAGE = "zh"

_PARAM = re.compile(r"^\??(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)(?P<optional>\s+optional)?(?:\s+(?P<doc>.*))?$")


@dataclass(frozen=True)
class Param:
    """One parameter of a question: a SPARQL variable bound to an RDF term of ``type``."""

    name: str
    type: str
    required: bool = True
    description: str = ""

    def term(self, value: Any) -> ox.NamedNode | ox.Literal:
        """``value`` as the RDF term this parameter takes.

        Raises:
            QueryError: the value does not fit the type (not an integer, not an IRI).

        >>> Param("year", "integer").term("2021")
        <Literal value=2021 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
        """
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        text = str(value)
        if self.type == "integer":
            if isinstance(value, bool) or not re.fullmatch(r"[+-]?[0-9]+", text.strip()):
                raise QueryError(f"parameter {self.name!r} takes an integer, not {text!r}")
            return ox.Literal(int(text.strip()))
        if self.type == "iri":
            try:
                return ox.NamedNode(text)
            except ValueError as exc:
                raise QueryError(f"parameter {self.name!r} takes an absolute IRI, not {text!r}: {exc}") from exc
        if self.type == "label":
            return ox.Literal(text, language=LABEL_LANGUAGE)
        return ox.Literal(text)


@dataclass(frozen=True)
class Question:
    """A canned question: its name, what it answers, its parameters and its SPARQL."""

    name: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    example: str = ""
    order: tuple[str, ...] = ()

    @property
    def example_params(self) -> dict[str, str]:
        """The header's example (``NAME=VALUE`` pairs) as parameters for :func:`kg.query.run`.

        >>> Question("q", "", (), "", example="body=拉萨市市场监管局 year=2024").example_params
        {'body': '拉萨市市场监管局', 'year': '2024'}
        """
        return dict(pair.split("=", 1) for pair in self.example.split())

    def bind(self, values: Mapping[str, Any]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Check ``values`` against the declared parameters and turn them into RDF terms.

        Raises:
            QueryError: an unknown parameter, or a required one is missing.
        """
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            takes = ", ".join(known) or "no parameters"
            raise QueryError(f"question {self.name!r} has no parameter {unknown[0]!r}; it takes: {takes}")
        missing = [p.name for p in self.params if p.required and values.get(p.name) is None]
        if missing:
            hint = f" (example: {self.example})" if self.example else ""
            raise QueryError(
                f"question {self.name!r} needs --param {missing[0]}=VALUE{hint}"
            )
        return {name: known[name].term(value) for name, value in values.items() if value is not None}


def parse_question(name: str, text: str) -> Question:
    """Parse one ``.rq`` file's header.

    Raises:
        QueryError: a ``param`` line is malformed or names an unknown type.
    """
    header: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if match is None or match["type"] not in PARAM_TYPES:
                raise QueryError(
                    f"{name}.rq: bad param line {line!r}; write `# param: NAME TYPE [optional] description`"
                    f" with TYPE one of {', '.join(PARAM_TYPES)}"
                )
            params.append(Param(match["name"], match["type"], not match["optional"], (match["doc"] or "").strip()))
        else:
            header[key] = value
    if not params and header.get("params", "none") != "none":
        # The older one-line form: `# params: ?doc (IRI), ?name`.
        for item in header["params"].split(","):
            if item.strip():
                params.append(Param(item.split()[0].lstrip("?$"), "string"))
    return Question(
        header.get("name", name),
        header.get("description", ""),
        tuple(params),
        text,
        header.get("example", ""),
        tuple(header.get("order", "").split()),
    )


@lru_cache(maxsize=1)
def questions() -> dict[str, Question]:
    """The canned questions by name, from ``kg/queries/*.rq``."""
    found = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            question = parse_question(entry.name[:-3], entry.read_text(encoding="utf-8"))
            found[question.name] = question
    return found


def to_term(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A Python, rdflib or pyoxigraph value as a pyoxigraph term (for ad-hoc SPARQL parameters).

    Strings become plain literals (never IRIs: pass ``rdflib.URIRef`` or
    ``pyoxigraph.NamedNode`` for those); ints, floats and bools get their XSD type.

    >>> to_term(3)
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    from rdflib.term import Node

    # rdflib's URIRef and Literal are str subclasses: convert them as terms first.
    if isinstance(value, Node):
        from kg.store import to_oxigraph

        return to_oxigraph(value)
    if isinstance(value, (bool, int, float, str)):
        return ox.Literal(value)
    try:
        from kg.store import to_oxigraph

        return to_oxigraph(value)
    except Exception as exc:  # StoreError or a non-rdflib object
        raise QueryError(f"cannot bind {value!r} ({type(value).__name__}) as an RDF term") from exc
