"""Places on a map from the gazetteer's coordinates: no tile server, no network.

The map is a matplotlib scatter of longitude and latitude.  As a backdrop it
draws every county of the gazetteer as a faint dot, which traces China's
outline well enough to see where the articles speak of, without shipping
any boundary file.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="PLACE", label="拉萨市", lon=91.14, lat=29.65, articles=("000",))
>>> [(p.label, p.articles) for p in place_points(g)]
[('拉萨市', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.gazetteer import load_gazetteer
from kg.store import GraphStore

__all__ = ["PlacePoint", "cjk_font", "place_points", "plot_places"]


@dataclass(frozen=True)
class PlacePoint:
    """One place to draw: where it is and how many articles mention it."""

    iri: str
    label: str
    code: str | None
    lon: float
    lat: float
    articles: int


def place_points(source: GraphStore | nx.Graph) -> list[PlacePoint]:
    """The places of ``source`` that have coordinates, sorted by IRI.

    ``source`` is a store (its mentioned places, see :func:`kg.viz.to_networkx`)
    or a graph whose PLACE nodes carry ``lon`` and ``lat``.
    """
    if isinstance(source, GraphStore):
        from kg.viz.networkx import to_networkx

        source = to_networkx(source)
    points = []
    for node, data in sorted(source.nodes(data=True)):
        if data.get("type") == "PLACE" and data.get("lon") is not None and data.get("lat") is not None:
            points.append(
                PlacePoint(node, str(data.get("label", node)), data.get("code"), float(data["lon"]), float(data["lat"]),
                           len(data.get("articles", ())))
            )
    return points


def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs (Noto Sans CJK SC first), or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    preferred = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans CJK JP", "SimHei",
                 "Microsoft YaHei", "PingFang SC")
    for name in preferred:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n), None)


def _overlap(p: PlacePoint, q: PlacePoint, height: float) -> bool:
    # A label runs right of its point, about one degree of longitude per character at fontsize 8 on
    # the default 9-inch map of China.
    width = height / 1.3
    return abs(p.lat - q.lat) < height and p.lon < q.lon + width * len(q.label) and q.lon < p.lon + width * len(p.label)


#: Longitude and latitude bounds of China's divisions, with a margin: (west, east, south, north).
CHINA_EXTENT = (72.0, 136.0, 17.0, 54.5)


def plot_places(source: GraphStore | nx.Graph | list[PlacePoint], ax: Any = None, *, backdrop: bool = True,
                labels: bool = True, extent: tuple[float, float, float, float] | None = CHINA_EXTENT,
                label_spacing: float = 1.3):
    """Scatter the places on longitude/latitude axes; return the matplotlib Axes.

    Args:
        source: a store, a graph, or points from :func:`place_points`.
        ax: axes to draw on (a new figure by default).
        backdrop: draw every gazetteer county as a faint grey dot.
        labels: write place names (in Chinese) next to the points.
        extent: (west, east, south, north) to show; places outside (foreign
            countries, the EU) are named in a note instead.  None shows all.
        label_spacing: the height of a label in degrees of latitude; a label
            that would cover one already written is skipped (places in more
            articles are labelled first), so clustered counties do not print
            over each other.
    """
    import matplotlib.pyplot as plt

    points = source if isinstance(source, list) else place_points(source)
    # Set the family on each text: rc settings are resolved at draw time, after any rc_context ended.
    family = [name for name in (cjk_font(), "DejaVu Sans") if name]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    if extent is not None:
        west, east, south, north = extent
        outside = [p for p in points if not (west <= p.lon <= east and south <= p.lat <= north)]
        shown = [p for p in points if p not in outside]
    else:
        outside, shown = [], points
    if backdrop:
        counties = [p for p in load_gazetteer().by_code.values()
                    if p.level == "county" and p.longitude is not None and p.code[:1].isdigit()]
        ax.scatter([p.longitude for p in counties], [p.latitude for p in counties], s=1, c="#d0d0d0",
                   linewidths=0, zorder=1)
    ax.scatter([p.lon for p in shown], [p.lat for p in shown], s=[25 + 25 * p.articles for p in shown],
               c="#9467bd", alpha=0.8, edgecolors="#3b1f5e", linewidths=0.6, zorder=3)
    if labels:
        written: list[PlacePoint] = []
        for p in sorted(shown, key=lambda p: (-p.articles, p.code or "", p.label)):
            if not any(_overlap(p, q, label_spacing) for q in written):
                ax.annotate(p.label, (p.lon, p.lat), xytext=(4, 3), textcoords="offset points", fontsize=8,
                            fontfamily=family, zorder=4)
                written.append(p)
    if outside:
        names = "、".join(sorted(p.label for p in outside))
        ax.text(0.01, 0.01, f"outside the map 图外: {names}", transform=ax.transAxes, fontsize=8,
                fontfamily=family, color="#555555")
    if extent is not None:
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("longitude °E")
    ax.set_ylabel("latitude °N")
    ax.set_aspect(1.2)  # roughly equal distances at China's mid latitudes
    ax.set_title(f"地点 {len(points)} places (dot size: number of articles)", fontfamily=family)
    return ax
