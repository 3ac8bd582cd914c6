"""kg.viz.maps: mentioned places at gazetteer coordinates, drawn without tiles."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kg.query import run_sparql  # noqa: E402
from kg.viz import place_points, plot_places  # noqa: E402
from kg.viz.maps import cjk_font  # noqa: E402

# Places the articles mention or name as a jurisdiction, and in how many articles.
MENTIONED_PLACES = """
PREFIX kg: <https://w3id.org/kg-ip/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?place (COUNT(DISTINCT ?article) AS ?n) (SAMPLE(?lat) AS ?y) (SAMPLE(?long) AS ?x) WHERE {
  GRAPH ?article {
    ?article a kg:Article .
    { ?article schema:mentions ?place . ?place a kg:Place }
    UNION { ?body kg:jurisdiction ?place }
    UNION { ?place schema:containedInPlace ?parent }
    UNION { ?child schema:containedInPlace ?place }
  }
  ?place wgs84:lat ?lat ; wgs84:long ?long }
GROUP BY ?place
"""


def test_one_point_per_place_of_the_articles(seed_store):
    rows = run_sparql(seed_store, MENTIONED_PLACES).rows
    points = place_points(seed_store)
    assert sorted((p.iri, p.articles) for p in points) == sorted((r["place"], int(r["n"])) for r in rows)
    by_iri = {r["place"]: r for r in rows}
    for p in points:
        assert (p.lon, p.lat) == pytest.approx((float(by_iri[p.iri]["x"]), float(by_iri[p.iri]["y"])))
    assert points


def test_plot_draws_points_backdrop_and_chinese_labels(seed_store):
    points = place_points(seed_store)
    china = [p for p in points if 72 <= p.lon <= 136 and 17 <= p.lat <= 54.5]
    ax = plot_places(points)
    try:
        backdrop, drawn = ax.collections
        assert len(drawn.get_offsets()) == len(china) > 0
        assert len(backdrop.get_offsets()) > 2000  # every county of the gazetteer
        labels = [t.get_text() for t in ax.texts if not t.get_text().startswith("outside")]
        assert labels and set(labels) <= {p.label for p in china}
        # The place most articles mention is always labelled.
        assert max(china, key=lambda p: (p.articles, -len(p.label))).label in labels or len(labels) == len(china)
        foreign = sorted(p.label for p in points if p not in china)
        notes = [t.get_text() for t in ax.texts if t.get_text().startswith("outside")]
        assert notes == ([f"outside the map 图外: {'、'.join(foreign)}"] if foreign else [])
    finally:
        plt.close(ax.figure)


def test_plot_without_extent_shows_everything(seed_store):
    points = place_points(seed_store)
    ax = plot_places(points, extent=None, backdrop=False, labels=False)
    try:
        assert len(ax.collections[0].get_offsets()) == len(points)
        assert not ax.texts
    finally:
        plt.close(ax.figure)


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font installed (scripts/install-browser.sh installs one)")
def test_labels_use_a_font_with_chinese_glyphs(seed_store):
    ax = plot_places(seed_store, backdrop=False)
    try:
        assert ax.texts and all(cjk_font() in t.get_fontfamily() for t in ax.texts)
    finally:
        plt.close(ax.figure)
