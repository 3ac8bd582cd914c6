"""The graph as a :mod:`networkx` graph, for analysis (degree, components, centrality) and drawing.

:func:`to_networkx` reads a :class:`~kg.store.GraphStore` (every entity the
articles mention and every relation they assert) or a
:class:`~kg.query.Result` (one node per value, edges between columns).
Nodes are keyed by IRI and carry ``type`` (AGENCY, ORG, POLICY, CAMPAIGN,
PLACE), ``label`` (the canonical name) and ``articles``; places also carry
``code``, ``lat`` and ``lon``.  Edges are keyed by their relation kind
(``issued``, ``conducted``, ``jurisdiction``, ``part_of``) and carry
``relation`` and ``articles``.

>>> from kg.build import build
>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> _ = build(["seeds/002_fd5c015d66bd1487.txt"], store)
>>> g = to_networkx(store)
>>> body = find_entity(g, "中共白银市委办公室")
>>> sorted(g.nodes[d]["label"] for _, d, k in g.out_edges(body, keys=True) if k == "issued")
['2021年白银市知识产权保护行动计划', '关于进一步加强知识产权保护的实施方案']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any, Iterable

import networkx as nx

from kg.errors import KgError
from kg.link.iri import identity_key
from kg.query import Result, run_sparql
from kg.store import GraphStore
from kg.viz.style import style

__all__ = ["VizError", "co_issuance", "find_entity", "neighbourhood", "to_networkx"]


class VizError(KgError):
    """A graph cannot be drawn: an unknown entity, an empty selection, a missing package."""


@lru_cache(maxsize=None)
def _sparql(name: str) -> str:
    return resources.files("kg.viz").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def to_networkx(
    source: GraphStore | Result,
    *,
    isolated: bool = True,
    ancestors: bool = False,
    edges: Iterable[tuple[str, str, str]] | None = None,
) -> nx.MultiDiGraph:
    """Turn a store or a query result into a :class:`networkx.MultiDiGraph`.

    Args:
        source: a :class:`GraphStore` or a :class:`kg.query.Result`.
        isolated: keep entities that take part in no relation.
        ancestors: (store only) add the enclosing divisions of every place,
            linked by ``part_of`` edges, from the gazetteer reference graph.
        edges: (result only) ``(source column, target column, relation)``
            triples saying which columns to link; by default the pairs in
            ``style.json``'s ``column_relations`` that the result has, else
            the first column to each other column that names an entity.

    Returns:
        A MultiDiGraph whose edge keys are relation kinds, so a body that
        issued a document appears once per relation, whatever the number of
        articles saying so (those are in the edge's ``articles``).

    Raises:
        VizError: ``source`` is neither a store nor a query result.

    >>> from kg.query import Result
    >>> r = Result(("issuer", "document"), ({"issuer": "甲局", "document": "乙方案"},))
    >>> g = to_networkx(r)
    >>> list(g.edges(keys=True)), g.nodes["甲局"]["type"]
    ([('甲局', '乙方案', 'issued')], 'AGENCY')
    """
    if isinstance(source, Result):
        graph = _from_result(source, edges)
    elif isinstance(source, GraphStore):
        graph = _from_store(source, ancestors)
    else:
        raise VizError(
            f"to_networkx() takes a GraphStore or a kg.query.Result, not {type(source).__name__}; "
            "open a store with kg.store.GraphStore(path) or run a question with kg.query.run(store, name)"
        )
    if not isolated:
        graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


def _from_store(store: GraphStore, ancestors: bool) -> nx.MultiDiGraph:
    table = style()
    priority = list(table.types)
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    places: dict[str, dict[str, Any]] = {}
    for row in run_sparql(store, _sparql("entities")).rows:
        kind = table.type_of_class(row["class"])
        if kind is None:
            continue
        iri = row["entity"]
        types[iri].add(kind)
        labels[iri][row["label"]] += 1
        articles[iri].add(row["article"])
        if row["code"] is not None or row["lat"] is not None:
            places[iri] = {"code": row["code"], "lat": _float(row["lat"]), "lon": _float(row["long"])}

    graph = nx.MultiDiGraph(source="store")
    for iri in sorted(types):
        # An entity typed differently by two articles takes the first type in style.json's order.
        kind = min(types[iri], key=priority.index)
        # Spellings that fold to one IRI (2021-2035 / 2021—2035) may differ: the commonest wins, then the smallest.
        label = min(labels[iri].items(), key=lambda item: (-item[1], item[0]))[0]
        graph.add_node(iri, type=kind, label=label, articles=tuple(sorted(articles[iri])), **places.get(iri, {}))

    relations: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in run_sparql(store, _sparql("relations")).rows:
        kind = table.kind_of_predicate(row["predicate"])
        if kind is not None:
            relations[(row["subject"], row["object"], kind)].add(row["article"])
    reference: dict[str, dict[str, Any]] | None = None
    for (subject, obj, kind), where in sorted(relations.items()):
        for node in (subject, obj):
            if node not in graph:
                reference = reference if reference is not None else _reference_places(store)
                _add_reference_node(graph, node, reference)
        graph.add_edge(subject, obj, key=kind, relation=kind, articles=tuple(sorted(where)))
    for node in [n for n, d in graph.nodes(data=True) if not d["articles"]]:
        # A place no article mentions but one names as a jurisdiction: it comes from those articles.
        where = {a for _, _, d in graph.in_edges(node, data=True) for a in d["articles"]}
        where |= {a for _, _, d in graph.out_edges(node, data=True) for a in d["articles"]}
        graph.nodes[node]["articles"] = tuple(sorted(where))

    if ancestors:
        reference = reference if reference is not None else _reference_places(store)
        for node in sorted(n for n, d in graph.nodes(data=True) if d["type"] == "PLACE"):
            child = node
            while (parent := reference.get(child, {}).get("parent")) is not None and parent in reference:
                _add_reference_node(graph, parent, reference)
                if not graph.has_edge(child, parent, key="part_of"):
                    graph.add_edge(child, parent, key="part_of", relation="part_of", articles=())
                child = parent
    return graph


def _reference_places(store: GraphStore) -> dict[str, dict[str, Any]]:
    return {
        row["place"]: {
            "label": row["label"],
            "code": row["code"],
            "level": row["level"],
            "parent": row["parent"],
            "lat": _float(row["lat"]),
            "lon": _float(row["long"]),
        }
        for row in run_sparql(store, _sparql("places")).rows
    }


def _add_reference_node(graph: nx.MultiDiGraph, node: str, reference: dict[str, dict[str, Any]]) -> None:
    if node in graph:
        return
    place = reference.get(node)
    if place is None:
        # An endpoint no article types and the gazetteer does not know: keep it, named by its IRI.
        graph.add_node(node, type="PLACE" if "/place/" in node else "ORG", label=_tail(node), articles=())
        return
    graph.add_node(
        node, type="PLACE", label=place["label"], articles=(), code=place["code"], lat=place["lat"], lon=place["lon"]
    )


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:"))


def _from_result(result: Result, edges: Iterable[tuple[str, str, str]] | None) -> nx.MultiDiGraph:
    table = style()
    columns = [c for c in result.columns if not c.endswith("_iri")]
    node_columns = [c for c in columns if c in table.columns]
    if edges is None:
        chosen = []
        for a, b, kind in table.column_relations:
            # body_documents has both the asked-for body and the issuer: the first rule (issuer) wins.
            if a in columns and b in columns and not any(b == t and kind == k for _, t, k in chosen):
                chosen.append((a, b, kind))
        if not chosen and len(node_columns) >= 1:
            first = columns[0]
            chosen = [(first, c, c) for c in node_columns if c != first]
        edges = chosen
    edges = list(edges)
    linked = [c for c in columns if any(c in (a, b) for a, b, _ in edges)]
    extra = [c for c in columns if c not in linked]

    graph = nx.MultiDiGraph(source="result")
    seen: dict[tuple[str, str, str], dict[str, set]] = {}

    def node_of(row: dict[str, Any], column: str) -> str | None:
        value = row.get(column)
        if value is None or value == "":
            return None
        iri = row.get(f"{column}_iri")
        key = iri if _is_iri(iri) else str(value)
        if key not in graph:
            label = _tail(key) if _is_iri(value) else str(value)
            kind = table.columns.get(column, "ORG")
            if column == "name" and row.get("kind") in table.kind_values:
                kind = table.kind_values[row["kind"]]
            graph.add_node(key, type=kind, label=label, articles=())
        if "article" in row and row["article"]:
            graph.nodes[key]["articles"] = tuple(sorted({*graph.nodes[key]["articles"], str(row["article"])}))
        return key

    for row in result.rows:
        for column in node_columns if not edges else linked:
            node_of(row, column)
        for a, b, kind in edges:
            source, target = node_of(row, a), node_of(row, b)
            if source is None or target is None:
                continue
            attrs = seen.setdefault((source, target, kind), defaultdict(set))
            for column in extra:
                if row.get(column) is not None:
                    attrs[column].add(str(row[column]))
    for (source, target, kind), attrs in sorted(seen.items()):
        data = {column: tuple(sorted(values)) for column, values in sorted(attrs.items())}
        if "article" in data:
            data["articles"] = data.pop("article")
        data.setdefault("articles", ())
        graph.add_edge(source, target, key=kind, relation=kind, **data)
    return graph


def co_issuance(graph: nx.MultiDiGraph, *, isolated: bool = False) -> nx.Graph:
    """Bodies linked when they issued the same document: the joint-issuance network.

    Edges carry ``weight`` (the number of documents issued together) and
    ``documents`` (their labels, sorted); nodes keep the attributes they had
    in ``graph``.

    Args:
        isolated: also keep bodies that issued documents only alone.

    >>> from kg.query import Result
    >>> rows = ({"issuer": "甲", "document": "方案"}, {"issuer": "乙", "document": "方案"})
    >>> sorted(co_issuance(to_networkx(Result(("issuer", "document"), rows))).edges)
    [('乙', '甲')]
    """
    network = nx.Graph(source="co_issuance")
    for document in sorted(graph.nodes):
        issuers = sorted({s for s, _, k in graph.in_edges(document, keys=True) if k == "issued"})
        if isolated:
            for body in issuers:
                network.add_node(body, **graph.nodes[body])
        for a, b in combinations(issuers, 2):
            for body in (a, b):
                network.add_node(body, **graph.nodes[body])
            if network.has_edge(a, b):
                network[a][b]["weight"] += 1
                network[a][b]["documents"] = tuple(sorted({*network[a][b]["documents"], graph.nodes[document]["label"]}))
            else:
                network.add_edge(a, b, relation="co_issued", weight=1, documents=(graph.nodes[document]["label"],))
    return network


def find_entity(graph: nx.Graph, name: str) -> str:
    """The node ``name`` denotes: its IRI, its label, a spelling of it, or a unique part of its label.

    Raises:
        VizError: nothing matches, or a partial name matches several nodes
            (the message lists them).

    >>> from kg.query import Result
    >>> g = to_networkx(Result(("issuer", "document"), ({"issuer": "拉萨市市场监督管理局", "document": "方案"},)))
    >>> find_entity(g, "拉萨市市场")
    '拉萨市市场监督管理局'
    """
    if name in graph:
        return name
    exact = sorted(n for n, d in graph.nodes(data=True) if d.get("label") == name)
    if not exact:
        key = identity_key(name)
        exact = sorted(n for n, d in graph.nodes(data=True) if identity_key(str(d.get("label", ""))) == key)
    if len(exact) >= 1:
        # One name, several types (a place and a body both called 白银市): prefer bodies.
        order = list(style().types)
        return min(exact, key=lambda n: (order.index(graph.nodes[n].get("type", "ORG")), n))
    partial = sorted((d.get("label", ""), n) for n, d in graph.nodes(data=True) if name in str(d.get("label", "")))
    if len(partial) == 1:
        return partial[0][1]
    if not partial:
        raise VizError(f"no entity named {name!r} in the graph; `kg ask issuers` lists bodies and documents")
    shown = "、".join(label for label, _ in partial[:6]) + ("…" if len(partial) > 6 else "")
    raise VizError(f"{name!r} names {len(partial)} entities ({shown}); give the full name or the IRI")


def neighbourhood(graph: nx.MultiDiGraph, entity: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within ``depth`` relations of ``entity`` (either direction), with the edges among them.

    Raises:
        VizError: ``entity`` names no node (see :func:`find_entity`).

    >>> from kg.query import Result
    >>> rows = ({"issuer": "甲", "document": "方案"}, {"issuer": "乙", "document": "方案"},
    ...         {"issuer": "丙", "document": "规划"})
    >>> sorted(neighbourhood(to_networkx(Result(("issuer", "document"), rows)), "甲", depth=2))
    ['乙', '方案', '甲']
    """
    centre = find_entity(graph, entity)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    sub = graph.subgraph(sorted(reach)).copy()
    sub.graph["focus"] = centre
    sub.graph["depth"] = depth
    return sub
