"""kg: knowledge graphs of Chinese government news on intellectual-property protection.

>>> import kg
>>> ex = kg.extract("拉萨市市场监管局印发《拉萨市实施方案》")
>>> ex.relations[0].kind
'ISSUED'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["load", "extract", "build", "query", "GraphStore", "KG", "to_networkx"]

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.namespace import KG
    from kg.store import GraphStore


def load(**overrides: Any):
    """The NER pipeline (a spaCy Language), built once per process."""
    from kg.nlp import load as _load

    return _load(**overrides)


def extract(text: str, article_id: str = "text"):
    """Extract entities and relations from one text; returns a :class:`kg.model.Extraction`."""
    from kg.pipeline import extract_text

    return extract_text(text, article_id)


def build(paths, store=None):
    """Build ``paths`` into ``store`` (a :class:`GraphStore`, in memory by default)."""
    from kg.build import build as _build
    from kg.store import GraphStore as _GraphStore

    return _build(paths, store if store is not None else _GraphStore())


def __getattr__(name: str) -> Any:
    if name == "GraphStore":
        from kg.store import GraphStore

        return GraphStore
    if name == "KG":
        from kg.graph.namespace import KG

        return KG
    if name == "query":
        import importlib

        # The kg.query package is callable: kg.query("issuers") runs a question.
        return importlib.import_module("kg.query")
    if name == "to_networkx":
        from kg.viz.networkx import to_networkx

        return to_networkx
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
