"""kg.viz.html: standalone pages with vis-network inlined, stable bytes, a legend, safe labels."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.viz import VizError, co_issuance, to_html, to_networkx
from kg.viz import html as viz_html
from kg.viz.style import style


@pytest.fixture(scope="module")
def graph(seed_store):
    return to_networkx(seed_store, isolated=False)


def _data(page: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "the page embeds its graph data"
    return json.loads(match.group(1))


def test_page_is_standalone(graph):
    page = to_html(graph, title="全图")
    script, sheet = viz_html.vis_assets()
    assert script in page and sheet in page, "vis-network is inlined, not linked"
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "@@KG_" not in page


def test_same_graph_same_bytes(graph, seed_store):
    assert to_html(graph, title="t") == to_html(to_networkx(seed_store, isolated=False), title="t")


def test_nodes_edges_and_labels(graph):
    data = _data(to_html(graph))
    assert [n["id"] for n in data["nodes"]] == sorted(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    colours = {t.type: t.color for t in style().types.values()}
    for node in data["nodes"]:
        assert node["label"] == graph.nodes[node["id"]]["label"]
        assert node["color"]["background"].startswith(colours[graph.nodes[node["id"]]["type"]])
    labels = {style().relations[k].label for _, _, k in graph.edges(keys=True)}
    assert {e["label"] for e in data["edges"]} == labels
    assert all(e["arrows"] == "to" for e in data["edges"])


def test_legend_lists_the_types_and_relations_drawn(graph):
    page = to_html(graph)
    assert set(re.findall(r'data-type="(\w+)"', page)) == {d["type"] for _, d in graph.nodes(data=True)}
    assert set(re.findall(r'data-relation="(\w+)"', page)) == {k for _, _, k in graph.edges(keys=True)}
    for kind in {d["type"] for _, d in graph.nodes(data=True)}:
        assert style().types[kind].zh in page


def test_co_issuance_edges_show_weights(graph):
    co = co_issuance(graph)
    data = _data(to_html(co))
    assert len(data["edges"]) == co.number_of_edges() > 0
    assert all("arrows" not in e for e in data["edges"])
    heavy = [e for e in data["edges"] if co.edges[e["from"], e["to"]]["weight"] > 1]
    assert all("×" in e["label"] for e in heavy)


def test_labels_cannot_break_out_of_the_script():
    g = nx.MultiDiGraph()
    g.add_node("x", type="AGENCY", label="</script><script>alert(1)</script>")
    page = to_html(g, title="<b>标题</b>")
    assert "</script><script>alert(1)" not in page
    assert _data(page)["nodes"][0]["label"] == "</script><script>alert(1)</script>"
    assert "<title>&lt;b&gt;标题&lt;/b&gt;</title>" in page


def test_focus_is_highlighted(graph):
    node = sorted(graph.nodes)[0]
    data = _data(to_html(graph, focus=node))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[node]["borderWidth"] == 4
    assert all("borderWidth" not in n for i, n in by_id.items() if i != node)


def test_empty_graph_is_an_error():
    with pytest.raises(VizError, match="nothing to draw"):
        to_html(nx.MultiDiGraph(), title="空")


def test_missing_pyvis_says_how_to_install(monkeypatch):
    monkeypatch.setattr(viz_html.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(VizError, match="pip install pyvis"):
        viz_html.vis_assets.__wrapped__()
