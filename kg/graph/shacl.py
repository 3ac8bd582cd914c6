"""A small, fast SHACL engine for the constraint kinds ``ontology/shapes.ttl`` uses.

pyshacl evaluates shapes in pure Python through rdflib and took ~0.1 s per
article graph, several times the cost of extracting the article.  Commit
needs that check for every article, so this module compiles the shapes once
into plain Python checks over an index of the article's triples (and runs the
SHACL-SPARQL constraints on an in-memory pyoxigraph store): about a
millisecond per article.  It supports exactly the SHACL-core subset below and
refuses shapes that use anything else, so it can never silently skip a
constraint; ``tests/graph/test_shacl.py`` checks that it reports what pyshacl
reports on kg's graphs and on broken ones.  ``kg validate`` still runs pyshacl.

Supported: targets ``sh:targetClass`` / ``sh:targetSubjectsOf`` /
``sh:targetObjectsOf``; node constraints ``sh:property``, ``sh:or`` (of
``sh:class`` shapes), ``sh:sparql`` (``sh:select``); property paths as an IRI
or ``sh:inversePath``; ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``,
``sh:class``, ``sh:nodeKind``, ``sh:in``, ``sh:pattern``, ``sh:minLength``,
``sh:uniqueLang``, ``sh:lessThan``, ``sh:minInclusive``,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``/``MaxCount``;
``sh:severity`` and ``sh:message``.

>>> from kg.graph import article_triples
>>> from kg.graph._example import example_extraction
>>> from kg.graph.ontology import shapes_graph
>>> from kg.graph.validate import reference_for
>>> triples = article_triples(example_extraction())
>>> Shapes(shapes_graph()).validate(triples + reference_for(triples))
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.errors import KgError

Triple = tuple[Node, Node, Node]

#: (severity, focus, path, value, message, shape) — the fields of :class:`kg.graph.validate.Finding`.
Result = tuple[str, str, str, str, str, str]

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}

# Plain URIRefs: a DefinedNamespace attribute lookup costs more than the check itself.
_TYPE = URIRef(str(RDF.type))
_SUBCLASS = URIRef(str(RDFS.subClassOf))

_NODE_KEYS = {
    RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.property, SH["or"], SH.sparql, SH.message, SH.severity, SH["class"],
}
_PROPERTY_KEYS = {
    RDF.type, RDFS.comment, SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind,
    SH["in"], SH.pattern, SH.minLength, SH.uniqueLang, SH.lessThan, SH.minInclusive,
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.message, SH.severity,
}
_SPARQL_KEYS = {RDF.type, SH.message, SH.select, SH.prefixes}


class UnsupportedShape(KgError):
    """The shapes use a SHACL feature this engine does not implement; use pyshacl."""


class _Data:
    """Triples indexed by subject and by object."""

    def __init__(self, triples: Iterable[Triple]):
        self.triples = set(triples)
        self.out: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        self.inv: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        self.by_predicate: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in self.triples:
            self.out[s][p].add(o)
            self.inv[o][p].add(s)
            self.by_predicate[p].append((s, o))
        self._oxigraph: ox.Store | None = None
        self._instances: dict[Node, set[Node]] = {}

    def values(self, node: Node, path: Node, inverse: bool) -> set[Node]:
        index = self.inv if inverse else self.out
        return index[node][path] if node in index and path in index[node] else set()

    def types(self, node: Node) -> set[Node]:
        return self.values(node, _TYPE, False)

    def instances(self, cls: Node) -> set[Node]:
        """Nodes typed ``cls`` or a subclass of it (``rdfs:subClassOf*`` in the data graph, as sh:class asks)."""
        found = self._instances.get(cls)
        if found is None:
            classes, todo = {cls}, [cls]
            while todo:
                for sub in self.values(todo.pop(), _SUBCLASS, True):
                    if sub not in classes:
                        classes.add(sub)
                        todo.append(sub)
            found = {s for c in classes for s in self.values(c, _TYPE, True)}
            self._instances[cls] = found
        return found

    def is_a(self, node: Node, cls: Node) -> bool:
        return node in self.instances(cls)

    def oxigraph(self) -> ox.Store:
        if self._oxigraph is None:
            store = ox.Store()
            store.extend([ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in self.triples])
            self._oxigraph = store
        return self._oxigraph


def _ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise KgError(f"cannot convert {term!r}")


def _rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))


def _number(term: Node) -> Decimal | None:
    if not isinstance(term, Literal):
        return None
    try:
        return Decimal(str(term))
    except InvalidOperation:
        return None


_LANG_STRING = URIRef(str(RDF.langString))
_XSD_STRING = URIRef(str(XSD.string))


def _datatype_ok(value: Node, datatype: Node) -> bool:
    if not isinstance(value, Literal):
        return False
    if datatype == _LANG_STRING:
        return bool(value.language)
    if value.language:
        return False
    actual = value.datatype or _XSD_STRING
    if actual != datatype:
        return False
    return not getattr(value, "ill_typed", False)


_NODE_KINDS: dict[Node, Callable[[Node], bool]] = {
    SH.IRI: lambda v: isinstance(v, URIRef),
    SH.Literal: lambda v: isinstance(v, Literal),
    SH.BlankNode: lambda v: isinstance(v, BNode),
    SH.BlankNodeOrIRI: lambda v: isinstance(v, (BNode, URIRef)),
    SH.BlankNodeOrLiteral: lambda v: isinstance(v, (BNode, Literal)),
    SH.IRIOrLiteral: lambda v: isinstance(v, (URIRef, Literal)),
}


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1]


def _check_keys(shapes: Graph, node: Node, allowed: set) -> None:
    extra = sorted(str(p) for p in set(shapes.predicates(node)) - allowed)
    if extra:
        raise UnsupportedShape(f"shape {node}: {', '.join(extra)} not supported by kg.graph.shacl; validate with pyshacl")


def _class_test(shapes: Graph, member: Node) -> Node:
    """The class of an ``sh:or`` member shape ``[ sh:class C ]``."""
    _check_keys(shapes, member, {SH["class"]})
    cls = shapes.value(member, SH["class"])
    if cls is None:
        raise UnsupportedShape(f"shape {member}: only [ sh:class C ] members are supported in sh:or")
    return cls


@dataclass
class _PropertyShape:
    node: Node
    path: Node
    inverse: bool
    severity: str
    message: str
    checks: dict = field(default_factory=dict)


@dataclass
class _NodeShape:
    node: Node
    severity: str
    message: str
    targets: list[tuple[Node, Node]]
    or_classes: list[list[Node]]
    properties: list[_PropertyShape]
    sparql: list[tuple[str, str]]  # (select, message)


class Shapes:
    """Shapes compiled from a SHACL graph; :meth:`validate` checks a set of triples.

    Raises:
        UnsupportedShape: the graph uses a SHACL feature outside the supported subset.
    """

    def __init__(self, shapes: Graph):
        self.shapes = [self._node_shape(shapes, n) for n in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str)]

    @staticmethod
    def _severity(shapes: Graph, node: Node) -> str:
        return _SEVERITY.get(shapes.value(node, SH.severity), "violation")

    def _node_shape(self, shapes: Graph, node: Node) -> _NodeShape:
        _check_keys(shapes, node, _NODE_KEYS)
        if shapes.value(node, SH["class"]) is not None:
            raise UnsupportedShape(f"shape {node}: node-level sh:class not supported")
        targets = [(kind, t) for kind in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf) for t in shapes.objects(node, kind)]
        or_classes = [[_class_test(shapes, m) for m in Collection(shapes, lst)] for lst in shapes.objects(node, SH["or"])]
        sparql = []
        for constraint in shapes.objects(node, SH.sparql):
            _check_keys(shapes, constraint, _SPARQL_KEYS)
            if shapes.value(constraint, SH.prefixes) is not None:
                raise UnsupportedShape(f"shape {node}: sh:prefixes not supported; write full IRIs")
            sparql.append((str(shapes.value(constraint, SH.select)), str(shapes.value(constraint, SH.message) or "")))
        properties = [self._property_shape(shapes, p) for p in shapes.objects(node, SH.property)]
        return _NodeShape(
            node=node,
            severity=self._severity(shapes, node),
            message=str(shapes.value(node, SH.message) or ""),
            targets=targets,
            or_classes=or_classes,
            properties=properties,
            sparql=sparql,
        )

    def _property_shape(self, shapes: Graph, node: Node) -> _PropertyShape:
        _check_keys(shapes, node, _PROPERTY_KEYS)
        path = shapes.value(node, SH.path)
        inverse = False
        if isinstance(path, BNode):
            _check_keys(shapes, path, {SH.inversePath})
            path, inverse = shapes.value(path, SH.inversePath), True
        checks: dict = {}
        for key in (SH.minCount, SH.maxCount, SH.minLength, SH.qualifiedMinCount, SH.qualifiedMaxCount):
            value = shapes.value(node, key)
            if value is not None:
                checks[_local(key)] = int(value)
        for key in (SH.datatype, SH["class"], SH.nodeKind, SH.lessThan):
            value = shapes.value(node, key)
            if value is not None:
                checks[_local(key)] = value
        if (value := shapes.value(node, SH.minInclusive)) is not None:
            checks["minInclusive"] = _number(value)
        if (value := shapes.value(node, SH.pattern)) is not None:
            checks["pattern"] = re.compile(str(value))
        if (value := shapes.value(node, SH.uniqueLang)) is not None and value.toPython() is True:
            checks["uniqueLang"] = True
        if (value := shapes.value(node, SH["in"])) is not None:
            checks["in"] = set(Collection(shapes, value))
        if (value := shapes.value(node, SH.qualifiedValueShape)) is not None:
            _check_keys(shapes, value, {SH["or"], SH["class"]})
            if shapes.value(value, SH["class"]) is not None:
                checks["qualifiedValueShape"] = [[shapes.value(value, SH["class"])]]
            else:
                checks["qualifiedValueShape"] = [
                    [_class_test(shapes, m) for m in Collection(shapes, lst)] for lst in shapes.objects(value, SH["or"])
                ]
        return _PropertyShape(
            node=node,
            path=path,
            inverse=inverse,
            severity=self._severity(shapes, node),
            # kg's shapes all carry sh:message; pyshacl words its own default differently.
            message=str(shapes.value(node, SH.message) or f"value of {path} violates a constraint of its shape"),
            checks=checks,
        )

    # -------------------------------------------------------------- checking

    @staticmethod
    def _focus_nodes(data: _Data, shape: _NodeShape) -> set[Node]:
        nodes: set[Node] = set()
        for kind, target in shape.targets:
            if kind == SH.targetClass:
                nodes.update(data.instances(target))
            elif kind == SH.targetSubjectsOf:
                nodes.update(s for s, _o in data.by_predicate[target])
            else:
                nodes.update(o for _s, o in data.by_predicate[target])
        return nodes

    @staticmethod
    def _any_class(data: _Data, node: Node, alternatives: list[Node]) -> bool:
        return any(data.is_a(node, cls) for cls in alternatives)

    def validate(self, triples: Iterable[Triple]) -> list[Result]:
        """Check ``triples``; return the results, sorted (empty when they conform)."""
        data = _Data(triples)
        results: set[Result] = set()
        for shape in self.shapes:
            shape_name = str(shape.node) if isinstance(shape.node, URIRef) else ""
            for focus in self._focus_nodes(data, shape):
                for alternatives in shape.or_classes:
                    if not self._any_class(data, focus, alternatives):
                        results.add((shape.severity, str(focus), "", str(focus), shape.message, shape_name))
                for prop in shape.properties:
                    for value, message in self._check_property(data, focus, prop):
                        path = "" if prop.inverse else str(prop.path)
                        results.add((prop.severity, str(focus), path, value, message, ""))
                for select, message in shape.sparql:
                    results.update(self._check_sparql(data, focus, select, message, shape.severity, shape_name))
        return sorted(results)

    def _check_property(self, data: _Data, focus: Node, prop: _PropertyShape):
        values = data.values(focus, prop.path, prop.inverse)
        checks, message = prop.checks, prop.message
        if "minCount" in checks and len(values) < checks["minCount"]:
            yield "", message
        if "maxCount" in checks and len(values) > checks["maxCount"]:
            yield "", message
        if "uniqueLang" in checks:
            langs = [v.language for v in values if isinstance(v, Literal) and v.language]
            for lang in sorted({lang for lang in langs if langs.count(lang) > 1}):
                yield "", message
        if "qualifiedValueShape" in checks:
            conforming = sum(
                all(self._any_class(data, v, alts) for alts in checks["qualifiedValueShape"]) for v in values
            )
            if conforming < checks.get("qualifiedMinCount", 0) or conforming > checks.get("qualifiedMaxCount", conforming):
                yield "", message
        others = data.values(focus, checks["lessThan"], False) if "lessThan" in checks else set()
        for value in sorted(values, key=str):
            bad = False
            if "datatype" in checks and not _datatype_ok(value, checks["datatype"]):
                bad = True
            if "class" in checks and not data.is_a(value, checks["class"]):
                bad = True
            if "nodeKind" in checks and not _NODE_KINDS[checks["nodeKind"]](value):
                bad = True
            if "in" in checks and value not in checks["in"]:
                bad = True
            if "pattern" in checks and (isinstance(value, BNode) or not checks["pattern"].search(str(value))):
                bad = True
            if "minLength" in checks and (isinstance(value, BNode) or len(str(value)) < checks["minLength"]):
                bad = True
            if "minInclusive" in checks:
                number = _number(value)
                if number is None or number < checks["minInclusive"]:
                    bad = True
            if bad:
                yield str(value), message
            for other in others:
                a, b = _number(value), _number(other)
                if a is None or b is None or not a < b:
                    yield str(value), message

    @staticmethod
    def _check_sparql(data: _Data, focus: Node, select: str, message: str, severity: str, shape: str):
        solutions = data.oxigraph().query(select, substitutions={ox.Variable("this"): _ox(focus)})
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {name: _rdflib(solution[name]) for name in names if solution[name] is not None}
            text = message
            for name, term in row.items():
                text = text.replace("{?%s}" % name, str(term)).replace("{$%s}" % name, str(term))
            value = row.get("value", focus)
            yield (severity, str(focus), str(row.get("path", "")), str(value), text, shape)


__all__ = ["Shapes", "UnsupportedShape"]
