"""Check graphs against the SHACL shapes of ``ontology/shapes.ttl``.

kg validates one article graph at a time, with the reference triples of the
places it points at (:func:`reference_for`): that is all the shapes look at,
and it keeps validation to milliseconds per article instead of re-checking the
whole store.  Two engines give the same findings (a test checks it): ``fast``,
the shapes compiled by :mod:`kg.graph.shacl` (what ``kg build`` uses), and
``pyshacl``, the reference implementation (``kg validate --engine pyshacl``).

>>> from kg.graph import article_triples
>>> from kg.graph._example import example_extraction
>>> report = validate_article(article_triples(example_extraction()))
>>> report.conforms, report.findings
(True, ())
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import KgError, ValidationError
from kg.gazetteer import load_gazetteer
from kg.graph.ontology import shapes_graph
from kg.link.iri import place_iri

Triple = tuple[Node, Node, Node]

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result: what is wrong with which node, and which shape says so."""

    severity: str  # violation | warning | info
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def line(self) -> str:
        """The finding as one readable line."""
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value and self.value != self.focus else ""
        return f"{self.severity}: <{self.focus}>{where}{value}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The findings of one validation; ``conforms`` is False when any is a violation."""

    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != "violation")

    def text(self) -> str:
        """A readable report, one finding a line."""
        if not self.findings:
            return "conforms"
        return "\n".join(f.line() for f in self.findings)


class ArticleValidationError(ValidationError):
    """An article's graph violates the shapes; nothing of it was written.

    Shaped like :class:`kg.errors.IngestError` (``path`` and ``reason``) so that
    ``kg build`` can report it like a bad file and go on.
    """

    def __init__(self, path: str, report: ValidationReport):
        self.path = path
        self.report = report
        first = report.violations[0].line() if report.violations else "does not conform"
        more = len(report.violations) - 1
        self.reason = (
            f"graph violates ontology/shapes.ttl, not written ({first}"
            + (f"; and {more} more" if more > 0 else "")
            + "); run `kg validate` for the full report"
        )
        super().__init__(f"{path}: {self.reason}")


@lru_cache(maxsize=1)
def _place_codes() -> dict[str, str]:
    return {place_iri(code): code for code in load_gazetteer().by_code}


def reference_for(triples: Iterable[Triple]) -> list[Triple]:
    """Reference triples of the places ``triples`` point at, with their ancestors."""
    from kg.graph import reference_triples

    codes = _place_codes()
    wanted = sorted({codes[str(t)] for triple in triples for t in (triple[0], triple[2]) if str(t) in codes})
    return reference_triples(wanted) if wanted else []


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


#: Validation engines: kg's compiled checks (fast, the default) or pyshacl (the reference implementation).
ENGINES = ("fast", "pyshacl")


@lru_cache(maxsize=1)
def _compiled():
    from kg.graph.shacl import Shapes

    return Shapes(shapes_graph())


def _report(findings: Iterable[Finding]) -> ValidationReport:
    ordered = tuple(sorted(set(findings), key=lambda f: (f.severity != "violation", f.focus, f.path, f.message, f.value)))
    return ValidationReport(conforms=not any(f.severity == "violation" for f in ordered), findings=ordered)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph with pyshacl (no inference; ``data`` may be changed, pass a copy to keep it)."""
    from pyshacl import validate

    _conforms, results, _text_report = validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
        inplace=True,  # ``data`` is a throwaway graph: no need for pyshacl to copy it
    )
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        shape = results.value(result, SH.sourceShape)
        findings.append(
            Finding(
                severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "violation"),
                focus=_text(results.value(result, SH.focusNode)),
                path=_text(path) if isinstance(path, URIRef) else "",
                value=_text(results.value(result, SH.value)),
                message=_text(results.value(result, SH.resultMessage)),
                shape=_text(shape) if isinstance(shape, URIRef) else "",
            )
        )
    return _report(findings)


def validate_triples(triples: Iterable[Triple], engine: str = "fast") -> ValidationReport:
    """Validate ``triples`` as one graph with ``engine`` (``fast`` or ``pyshacl``).

    Raises:
        KgError: an unknown engine.
    """
    if engine == "fast":
        return _report(Finding(*result) for result in _compiled().validate(triples))
    if engine == "pyshacl":
        data = Graph()
        for triple in triples:
            data.add(triple)
        return validate_graph(data)
    raise KgError(f"unknown validation engine {engine!r}; use {' or '.join(ENGINES)}")


def validate_article(
    triples: Iterable[Triple], reference: Iterable[Triple] | None = None, engine: str = "fast"
) -> ValidationReport:
    """Validate an article graph together with the reference data it needs.

    Args:
        triples: the article graph.
        reference: reference triples to add; default :func:`reference_for` ``(triples)``.
        engine: ``fast`` (kg's compiled shapes, :mod:`kg.graph.shacl`) or ``pyshacl``.
    """
    triples = list(triples)
    extra = reference_for(triples) if reference is None else list(reference)
    return validate_triples(triples + extra, engine)


def _reference_closure(store, triples: Iterable[Triple]) -> list[Triple]:
    """Triples of the store's reference graph reachable from the IRIs in ``triples`` (places, parents, geometries)."""
    from kg.graph import REFERENCE_GRAPH

    found: list[Triple] = []
    todo = sorted({t for triple in triples for t in (triple[0], triple[2]) if isinstance(t, URIRef)})
    seen = set(todo)
    while todo:
        for triple in store.graph_triples(str(REFERENCE_GRAPH), todo.pop()):
            found.append(triple)
            if isinstance(triple[2], URIRef) and triple[2] not in seen:
                seen.add(triple[2])
                todo.append(triple[2])
    return found


def validate_store(store, graphs: Iterable[str] | None = None, engine: str = "fast") -> dict[str, ValidationReport]:
    """Validate every article graph of ``store`` (or ``graphs``), each with the reference data it points at.

    Args:
        store: a :class:`kg.store.GraphStore` (anything with ``graphs()`` and
            ``graph_triples(graph, subject=None)``).
        graphs: graph IRIs to check; default every graph but the reference
            and ontology graphs.
        engine: ``fast`` or ``pyshacl``.

    Returns:
        graph IRI → report, in graph order.
    """
    from kg.graph import REFERENCE_GRAPH
    from kg.graph.ontology import ONTOLOGY_GRAPH

    names = [g for g in store.graphs() if g not in (str(REFERENCE_GRAPH), ONTOLOGY_GRAPH)] if graphs is None else list(graphs)
    reports = {}
    for name in names:
        triples = store.graph_triples(name)
        reports[name] = validate_article(triples, _reference_closure(store, triples), engine)
    return reports


__all__ = [
    "ArticleValidationError",
    "Finding",
    "ValidationReport",
    "reference_for",
    "validate_article",
    "validate_graph",
    "validate_store",
    "validate_triples",
    "ENGINES",
]
