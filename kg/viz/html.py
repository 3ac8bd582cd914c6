"""A networkx graph as one standalone HTML page: vis-network inlined, no CDN, no network access.

The page draws nodes coloured and shaped by entity type, labelled with their
Chinese names, edges labelled with their relation, and a legend.  The
vis-network script and stylesheet are read at run time from the files the
``pyvis`` package ships (we do not vendor them), and written into the page.
We do not use pyvis's own template: even in its ``in_line`` mode it links
Bootstrap from a CDN.

The same graph always gives the same bytes (sorted nodes and edges, a fixed
layout seed, no timestamps).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", type="AGENCY", label="拉萨市市场监督管理局")
>>> g.add_node("d", type="POLICY", label="实施方案")
>>> g.add_edge("a", "d", key="issued", relation="issued")
'issued'
>>> page = to_html(g, title="示例")
>>> "拉萨市市场监督管理局" in page and "https://cdn" not in page
True
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.networkx import VizError
from kg.viz.style import style

__all__ = ["vis_assets", "to_html", "graph_data", "notebook_frame"]

#: Where pyvis keeps the vis-network build it ships, relative to its package directory.
VIS_DIR = ("templates", "lib", "vis-9.1.2")

FONT_FACE = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet, read from the installed ``pyvis`` package.

    Raises:
        VizError: pyvis is not installed, or its files are not where expected.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise VizError("drawing graphs needs the vis-network files that the 'pyvis' package ships: pip install pyvis")
    folder = Path(list(spec.submodule_search_locations)[0]).joinpath(*VIS_DIR)
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        sheet = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise VizError(f"{folder}: cannot read pyvis's vis-network files ({exc}); reinstall pyvis (>=0.3.2)") from exc
    return script, sheet


def _json(value: Any) -> str:
    # Safe inside <script>: no "</" can close the element, and JS line separators are escaped.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _node_title(data: dict[str, Any]) -> str:
    kind = style().types.get(data.get("type", ""))
    lines = [str(data.get("label", "")), f"{kind.zh} {kind.name}" if kind else str(data.get("type", ""))]
    if data.get("code"):
        lines.append(f"code {data['code']}")
    if data.get("articles"):
        lines.append("articles: " + ", ".join(data["articles"]))
    return "\n".join(lines)


def graph_data(graph: nx.Graph, *, focus: str | None = None) -> dict[str, Any]:
    """The vis-network nodes, edges and options for ``graph`` (sorted, so the output is stable)."""
    table = style()
    focus = focus if focus is not None else graph.graph.get("focus")
    directed = graph.is_directed()
    nodes = []
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = table.types.get(data.get("type", ""), table.types["ORG"])
        degree = graph.degree(node)
        item: dict[str, Any] = {
            "id": node,
            "label": str(data.get("label", node)),
            "group": kind.type,
            "color": {"background": kind.color, "border": "#333333" if node == focus else kind.color,
                      "highlight": {"background": kind.color, "border": "#000000"}},
            "shape": kind.shape,
            "size": round(10 + 4 * math.sqrt(degree), 2),
            "title": _node_title(data),
        }
        if kind.shape == "box":
            item["font"] = {"color": "#222222"}
            item["color"]["background"] = kind.color + "55"
        if node == focus:
            item["borderWidth"] = 4
            item["font"] = {**item.get("font", {}), "size": 18, "bold": True}
        nodes.append(item)
    edges = []
    keyed = graph.is_multigraph()
    raw = graph.edges(keys=True, data=True) if keyed else ((a, b, None, d) for a, b, d in graph.edges(data=True))
    for source, target, key, data in sorted(raw, key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        kind_name = data.get("relation") or key or "co_issued"
        relation = table.relations.get(kind_name)
        label = relation.label if relation else str(kind_name)
        title = [f"{relation.zh} {label}" if relation else label]
        if data.get("documents"):
            title.append("; ".join(data["documents"]))
        if data.get("articles"):
            title.append("articles: " + ", ".join(data["articles"]))
        item = {
            "id": f"{source}|{key or ''}|{target}",
            "from": source,
            "to": target,
            "label": label if data.get("weight", 1) == 1 else f"{label} ×{data['weight']}",
            "color": {"color": relation.color if relation else "#999999"},
            "title": "\n".join(title),
            "width": 1 + 1.5 * (data.get("weight", 1) - 1),
        }
        if directed:
            item["arrows"] = "to"
        edges.append(item)
    options = {
        "layout": {"randomSeed": 7, "improvedLayout": len(nodes) <= 150},
        "nodes": {
            "font": {"face": FONT_FACE, "size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 170},
            "borderWidth": 1,
            # Keep labels drawn when a large graph is zoomed out to fit the window.
            "scaling": {"label": {"drawThreshold": 3}},
        },
        "edges": {
            "font": {"face": FONT_FACE, "size": 12, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": {"enabled": True, "type": "continuous"},
            "scaling": {"label": {"drawThreshold": 4}},
        },
        "physics": {
            "solver": "forceAtlas2Based",
            # Small graphs get long springs, so labels do not overlap; large ones short, so they fit the window.
            "forceAtlas2Based": {"gravitationalConstant": -45 if len(nodes) > 40 else -120, "centralGravity": 0.015,
                                 "springLength": 70 if len(nodes) > 40 else 160, "springConstant": 0.08,
                                 "avoidOverlap": 0.5 if len(nodes) > 40 else 1},
            "stabilization": {"enabled": True, "iterations": 500, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    }
    return {"nodes": nodes, "edges": edges, "options": options}


def _legend(graph: nx.Graph) -> str:
    table = style()
    types = {d.get("type") for _, d in graph.nodes(data=True)}
    if graph.is_multigraph():
        kinds = {d.get("relation") or k for _, _, k, d in graph.edges(keys=True, data=True)}
    else:
        kinds = {d.get("relation", "co_issued") for _, _, d in graph.edges(data=True)}
    parts = ["<h2>实体 entities</h2>"]
    for kind in table.types.values():
        if kind.type in types:
            parts.append(
                f'<div class="kg-type" data-type="{kind.type}"><span class="kg-swatch {kind.shape}" '
                f'style="--c:{kind.color};background:{kind.color}"></span>{html.escape(kind.zh)} '
                f'<span class="kg-en">{html.escape(kind.name)}</span></div>'
            )
    if kinds:
        parts.append("<h2>关系 relations</h2>")
    for relation in table.relations.values():
        if relation.kind in kinds:
            parts.append(
                f'<div class="kg-relation" data-relation="{relation.kind}"><span class="kg-line" '
                f'style="border-color:{relation.color}"></span>{html.escape(relation.zh)} '
                f'<span class="kg-en">{html.escape(relation.label)}</span></div>'
            )
    return "".join(parts)


def to_html(graph: nx.Graph, *, title: str = "kg graph", focus: str | None = None) -> str:
    """One standalone HTML page drawing ``graph``; every script and style is inside it.

    Args:
        graph: from :func:`kg.viz.to_networkx`, :func:`~kg.viz.neighbourhood`
            or :func:`~kg.viz.co_issuance`; nodes need ``type`` and ``label``.
        title: the page title and heading.
        focus: a node to highlight (default: ``graph.graph["focus"]``).

    Raises:
        VizError: the graph has no nodes, or pyvis's vis-network files are missing.
    """
    if graph.number_of_nodes() == 0:
        raise VizError(f"{title}: nothing to draw (the graph has no nodes); build the store or widen the selection")
    script, sheet = vis_assets()
    data = graph_data(graph, focus=focus)
    summary = f"{len(data['nodes'])} 个实体 entities · {len(data['edges'])} 条关系 relations"
    template = resources.files("kg.viz").joinpath("data", "template.html").read_text(encoding="utf-8")
    # Plain replacement, the script spliced in last: vis-network's code is full of "$" and braces a
    # template engine would eat, and splitting first means no label can inject a marker.
    head, _, tail = template.partition("@@KG_VIS_JS@@")
    head = (
        head.replace("@@KG_VIS_CSS@@", sheet)
        .replace("@@KG_TITLE@@", html.escape(title))
        .replace("@@KG_SUMMARY@@", html.escape(summary))
        .replace("@@KG_LEGEND@@", _legend(graph))
    )
    tail = tail.replace("@@KG_DATA@@", _json(data))
    return head + script + tail


def notebook_frame(graph: nx.Graph, *, title: str = "kg graph", height: int = 560, focus: str | None = None):
    """The page of :func:`to_html` in an ``<iframe srcdoc>``, for display in Jupyter with no server or network.

    Returns an :class:`IPython.display.HTML` object.
    """
    from IPython.display import HTML

    page = to_html(graph, title=title, focus=focus)
    # Wrapped in a div: IPython warns about HTML that starts with an iframe.
    return HTML(
        f'<div class="kg-viz"><iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>'
    )
