"""Pictures and analysis of the graph: networkx graphs, standalone HTML pages, maps.

>>> from kg.query import Result
>>> from kg.viz import to_networkx, co_issuance, to_html
>>> rows = ({"issuer": "中共白银市委办公室", "document": "实施方案"},
...         {"issuer": "白银市人民政府办公室", "document": "实施方案"})
>>> g = to_networkx(Result(("issuer", "document"), rows))
>>> sorted(co_issuance(g).edges)
[('中共白银市委办公室', '白银市人民政府办公室')]
>>> to_html(g, title="联合印发").startswith("<!DOCTYPE html>")
True
"""

from kg.viz.html import notebook_frame, to_html
from kg.viz.maps import PlacePoint, place_points, plot_places
from kg.viz.networkx import VizError, co_issuance, find_entity, neighbourhood, to_networkx

__all__ = [
    "PlacePoint",
    "VizError",
    "co_issuance",
    "find_entity",
    "neighbourhood",
    "notebook_frame",
    "place_points",
    "plot_places",
    "to_html",
    "to_networkx",
]
