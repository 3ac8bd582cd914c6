"""Find and load the files of ``ontology/``: the OWL ontology and the SHACL shapes.

The files ship as package data of ``kg.ontology``: pyproject maps the
top-level ``ontology/`` folder to that package, in wheels and editable installs
alike (tests/test_packaging.py checks the wheel).

>>> (KG.issued, OWL.inverseOf, None) in ontology_graph()
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable

from rdflib import Graph
from rdflib.namespace import OWL  # noqa: F401  (doctest)

from kg.errors import KgError
from kg.graph.namespace import KG  # noqa: F401  (doctest)

#: Named graph that holds the ontology in the store.
ONTOLOGY_GRAPH = "https://w3id.org/kg-ip/graph/ontology"


def ontology_file(name: str) -> Traversable:
    """The file ``name`` of ``ontology/`` (``kg.ttl``, ``shapes.ttl``, ``README.md``).

    Raises:
        KgError: the file is in neither place.
    """
    try:
        found: Traversable = resources.files("kg.ontology") / name
    except ModuleNotFoundError:
        found = None  # type: ignore[assignment]
    if found is not None and found.is_file():
        return found
    raise KgError(f"ontology/{name}: not found in package kg.ontology; reinstall kg (pip install -e .)")


@lru_cache(maxsize=None)
def _parsed(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=ontology_file(name).read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology ``ontology/kg.ttl`` (parsed once per process; do not modify)."""
    return _parsed("kg.ttl")


def shapes_graph() -> Graph:
    """The SHACL shapes ``ontology/shapes.ttl`` (parsed once per process; do not modify)."""
    return _parsed("shapes.ttl")


__all__ = ["ONTOLOGY_GRAPH", "ontology_file", "ontology_graph", "shapes_graph"]
