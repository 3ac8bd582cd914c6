"""Deterministic exports of the store: the same store gives the same bytes.

Turtle, TriG, N-Triples and JSON-LD are written here rather than by rdflib's
serializers, which took seconds on the ~30k reference triples and order some
constructs by hash.  Every triple is sorted (subjects, then predicates with
``rdf:type`` first, then objects, each by its N-Triples form), every IRI is
spelt in full or as a prefixed name from :data:`PREFIXES` whose local part
needs no escaping, and kg mints no blank nodes, so the output is byte-stable
and parses back with rdflib to the same graph.

By default an export holds the article graphs plus the reference triples of
the places they point at (with their ancestors and geometries);
``all_places=True`` adds the whole gazetteer and ``ontology=True`` the
ontology graph.

>>> from kg.commit import commit_extraction, ensure_reference
>>> from kg.graph._example import example_extraction
>>> from kg.store import GraphStore
>>> store = GraphStore(); ensure_reference(store); n = commit_extraction(store, example_extraction())
>>> print(export_store(store, "turtle").decode().splitlines()[15])
<https://w3id.org/kg-ip/agency/拉萨市市场监督管理局> a kg:GovernmentBody ;
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, GEO, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KgError
from kg.graph import REFERENCE_GRAPH, SCHEMA, WGS84
from kg.graph.namespace import KG
from kg.graph.ontology import ONTOLOGY_GRAPH
from kg.graph.provenance import OA

#: Prefixes of every export, in the order they are declared.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "org": "http://www.w3.org/ns/org#",
    "geo": str(GEO),
    "wgs84": str(WGS84),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "eli": "http://data.europa.eu/eli/ontology#",
}

EXPORT_FORMATS = ("turtle", "trig", "nt", "jsonld")

# A local part that every Turtle parser reads the same way (PN_LOCAL without
# escapes, dots or a leading digit).
_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)

Quad = tuple[str, ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal | ox.BlankNode"]


# ------------------------------------------------------------------ selection


def _graph_name(quad: ox.Quad) -> str:
    return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""


def select_quads(store, *, all_places: bool = False, ontology: bool = False) -> list[ox.Quad]:
    """The quads an export holds (see the module docstring), unsorted.

    Args:
        store: a :class:`kg.store.GraphStore`.
        all_places: keep the whole reference graph, not just the places used.
        ontology: keep the ontology graph.
    """
    oxi: ox.Store = store.oxigraph
    reference = ox.NamedNode(str(REFERENCE_GRAPH))
    kept: list[ox.Quad] = []
    used: set[ox.NamedNode] = set()
    for graph in [ox.DefaultGraph(), *oxi.named_graphs()]:
        if graph == reference and not all_places:
            continue
        if isinstance(graph, ox.NamedNode) and graph.value == ONTOLOGY_GRAPH and not ontology:
            continue
        for quad in oxi.quads_for_pattern(None, None, None, graph):
            kept.append(quad)
            if graph != reference:
                used.add(quad.subject)
                if isinstance(quad.object, ox.NamedNode):
                    used.add(quad.object)
    if not all_places:
        # Places the articles point at, their ancestors and geometries: looked
        # up one subject at a time rather than reading all ~30k reference triples.
        todo = list(used)
        seen = set(todo)
        while todo:
            for quad in oxi.quads_for_pattern(todo.pop(), None, None, reference):
                kept.append(quad)
                obj = quad.object
                if isinstance(obj, ox.NamedNode) and obj not in seen:
                    seen.add(obj)
                    todo.append(obj)
    return kept


# -------------------------------------------------------------------- terms


def _iri(value: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and _SAFE_LOCAL.match(value[len(namespace) :]):
            return f"{prefix}:{value[len(namespace):]}"
    return str(ox.NamedNode(value))


def _term(term) -> str:
    """A term in Turtle: prefixed names where safe, literals in N-Triples form with a prefixed datatype."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        quoted = str(ox.Literal(term.value))
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype.value == _XSD_STRING:
            return quoted
        return f"{quoted}^^{_iri(term.datatype.value)}"
    if isinstance(term, ox.BlankNode):
        return str(term)
    raise KgError(f"cannot export RDF term {term!r}")


def _sort_key(term) -> str:
    # IRIs by their text (so …/span/1-9 comes before …/span/1-9/quote), literals in N-Triples form.
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _turtle_block(triples: Iterable[tuple], indent: str = "") -> Iterator[str]:
    """Subject blocks: ``s p o1, o2 ; p2 o3 .``, sorted."""
    by_subject: dict = defaultdict(lambda: defaultdict(set))
    subjects = {}
    for s, p, o in triples:
        key = _sort_key(s)
        subjects[key] = s
        by_subject[key][p.value].add((_sort_key(o), _term(o)))
    for key in sorted(subjects):
        predicates = by_subject[key]
        order = sorted(predicates, key=lambda p: (p != _RDF_TYPE, p))
        lines = []
        for predicate in order:
            verb = "a" if predicate == _RDF_TYPE else _iri(predicate)
            objects = ", ".join(text for _k, text in sorted(predicates[predicate]))
            lines.append(f"{verb} {objects}")
        head = f"{indent}{_term(subjects[key])} "
        body = f" ;\n{indent}    ".join(lines)
        yield f"{head}{body} .\n"


def _prefix_lines(directive: str = "@prefix") -> str:
    return "".join(f"{directive} {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


# ------------------------------------------------------------------ formats


def _turtle(quads: list[ox.Quad]) -> str:
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    return _prefix_lines() + "".join("\n" + block for block in _turtle_block(triples))


def _trig(quads: list[ox.Quad]) -> str:
    graphs: dict[str, set] = defaultdict(set)
    for q in quads:
        graphs[_graph_name(q)].add((q.subject, q.predicate, q.object))
    out = [_prefix_lines()]
    for name in sorted(graphs):
        if name == "":
            out += ["\n" + block for block in _turtle_block(graphs[name])]
            continue
        out.append(f"\n{_iri(name)} {{\n")
        out += [("\n" if i else "") + block for i, block in enumerate(_turtle_block(graphs[name], indent="    "))]
        out.append("}\n")
    return "".join(out)


def _ntriples(quads: list[ox.Quad]) -> str:
    lines = sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in quads})
    return "".join(lines)


def _jsonld_value(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@language": term.language, "@value": term.value}
    if term.datatype.value == _XSD_STRING:
        return {"@value": term.value}
    return {"@type": _iri(term.datatype.value), "@value": term.value}


def _jsonld(quads: list[ox.Quad]) -> str:
    nodes: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for q in quads:
        subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else f"_:{q.subject.value}"
        if q.predicate.value == _RDF_TYPE and isinstance(q.object, ox.NamedNode):
            nodes[subject]["@type"].add(_iri(q.object.value))
        else:
            nodes[subject][_iri(q.predicate.value)].add(json.dumps(_jsonld_value(q.object), ensure_ascii=False, sort_keys=True))
    graph = []
    for subject in sorted(nodes):
        node: dict = {"@id": subject}
        for key in sorted(nodes[subject]):
            values = sorted(nodes[subject][key])
            node[key] = values if key == "@type" else [json.loads(v) for v in values]
        graph.append(node)
    document = {"@context": dict(PREFIXES), "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_WRITERS = {"turtle": _turtle, "trig": _trig, "nt": _ntriples, "jsonld": _jsonld}


def export_store(store, export_format: str = "turtle", *, all_places: bool = False, ontology: bool = False) -> bytes:
    """Serialise the store, byte-identical for the same content.

    Args:
        export_format: ``turtle`` (the union of all graphs), ``trig`` (with
            the per-article named graphs), ``nt`` or ``jsonld`` (with a
            ``@context`` of :data:`PREFIXES`).
        all_places: export the whole gazetteer, not only the places used.
        ontology: include the ontology graph.

    Raises:
        KgError: an unknown format.
    """
    writer = _WRITERS.get(export_format)
    if writer is None:
        raise KgError(f"unknown export format {export_format!r}; use turtle, trig, nt or jsonld")
    return writer(select_quads(store, all_places=all_places, ontology=ontology)).encode("utf-8")


__all__ = ["EXPORT_FORMATS", "PREFIXES", "export_store", "select_quads"]
