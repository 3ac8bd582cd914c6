"""``kg viz`` pages in a real headless Chromium: they load offline, without errors, and draw every node.

Chromium comes from Debian (``scripts/install-browser.sh``).  Where it is
missing these tests skip and say so.  The page is driven over the DevTools
protocol (tests/viz/cdp.py): console messages, exceptions, log entries and
network requests are recorded, the node count is read from vis-network itself,
and the screenshot is checked for colour.
"""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import run_sparql
from kg.viz.style import style
from tests.viz.cdp import find_chromium, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None,
                       reason="no chromium: run `sh scripts/install-browser.sh` (apt-get install chromium) "
                              "to run the browser tests"),
]

READY = 'document.documentElement.getAttribute("data-kg-ready") === "1"'
PROBES = {
    "positions": "Object.keys(kgNetwork.getPositions()).length",
    "dataset": "kgData.nodes.length",
    "canvas": "(() => { const c = document.querySelector('#kg-graph canvas'); return c ? [c.width, c.height] : null })()",
    "legend": "Array.from(document.querySelectorAll('#kg-legend [data-type]')).map(e => e.dataset.type)",
    "legend_box": "(() => { const r = document.getElementById('kg-legend').getBoundingClientRect();"
                  " return [r.left, r.top, r.right, r.bottom].map(Math.round) })()",
    "graph_box": "(() => { const r = document.getElementById('kg-graph').getBoundingClientRect();"
                 " return [r.left, r.top, r.right, r.bottom].map(Math.round) })()",
}
RELATIONS = """
PREFIX kg: <https://w3id.org/kg-ip/ontology#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?x WHERE {
  VALUES ?p { kg:issued kg:conducted kg:jurisdiction schema:containedInPlace }
  GRAPH ?g { ?g a kg:Article . { ?x ?p ?other } UNION { ?other ?p ?x } } }
"""


def _page(tmp_path, seed_store, *args: str):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["viz", "--store", str(seed_store.path), *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, open_page(out.as_uri(), ready=READY, expressions=PROBES)


def _graph_pixels(png: bytes, graph_box: list[int], legend_box: list[int]):
    """The screenshot's graph area, with the legend painted over in white."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(png)).convert("RGB")
    ImageDraw.Draw(image).rectangle(legend_box, fill=(255, 255, 255))
    return image.crop(graph_box)


def _pixels_near(image, hex_colour: str) -> int:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(n for n, (r, g, b) in image.getcolors(maxcolors=1 << 22)
               if abs(r - target[0]) + abs(g - target[1]) + abs(b - target[2]) < 24)


def test_whole_graph_loads_offline_and_draws_every_node(tmp_path, seed_store):
    pytest.importorskip("PIL")
    out, report = _page(tmp_path, seed_store)
    assert report.errors() == []
    assert [u for u in report.requests if not u.startswith(("file:", "data:", "about:"))] == []
    expected = len(run_sparql(seed_store, RELATIONS).rows)  # every entity in some relation
    assert report.values["positions"] == report.values["dataset"] == expected > 0
    assert report.values["canvas"][0] > 0 and report.values["canvas"][1] > 0

    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(report.screenshot)).convert("RGB")
    assert image.size == (1280, 860)
    assert max(ImageStat.Stat(image).stddev) > 10, "the screenshot is blank"
    assert len(image.getcolors(maxcolors=1 << 20)) > 50
    (tmp_path / "graph.png").write_bytes(report.screenshot)
    # Nodes are painted in their type's colour (bodies blue, documents orange ...) outside the legend too.
    drawn = _graph_pixels(report.screenshot, report.values["graph_box"], report.values["legend_box"])
    for kind in report.values["legend"]:
        assert _pixels_near(drawn, style().types[kind].color) >= 20, f"no {kind} node drawn"


def test_focus_page_draws_the_neighbourhood(tmp_path, seed_store):
    from pyoxigraph import NamedNode

    body = run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        SELECT ?b (COUNT(DISTINCT ?d) AS ?n) WHERE { ?b kg:issued ?d } GROUP BY ?b ORDER BY DESC(?n) ?b LIMIT 1""").rows[0]["b"]
    around = run_sparql(seed_store, RELATIONS.replace("SELECT DISTINCT ?x", "SELECT DISTINCT ?x ?other"),
                        {"x": NamedNode(body)}).rows
    _, report = _page(tmp_path, seed_store, "--focus", body, "--depth", "1")
    assert report.errors() == []
    assert report.values["positions"] == report.values["dataset"] == 1 + len({r["other"] for r in around})


def test_harness_catches_errors_and_remote_requests(tmp_path):
    """The checks above can fail: a page with an error and a CDN script is caught."""
    page = tmp_path / "bad.html"
    # Scripts run in order: the page is ready only after the error, or a loaded machine could look too early.
    page.write_text('<html><body><script src="https://cdn.invalid/vis.js"></script>'
                    '<script>console.error("boom"); missing();</script>'
                    '<script>document.documentElement.setAttribute("data-kg-ready", "1")</script></body></html>')
    report = open_page(page.as_uri(), ready=READY, expressions={})
    errors = report.errors()
    assert any("boom" in e for e in errors) and any("missing" in e or "Uncaught" in e for e in errors)
    assert "https://cdn.invalid/vis.js" in report.requests
