"""The link stage: canonical entities, stable IRIs and relations with evidence.

``link`` is imported on first use: the IRI helpers are light and used by
later stages (graph, query) that should not pay for loading the NER pipeline.

>>> from kg.link import link
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.link.iri import article_iri, entity_iri, identity_key, place_iri

if TYPE_CHECKING:  # pragma: no cover
    from kg.link.linker import link

__all__ = ["link", "entity_iri", "place_iri", "article_iri", "identity_key"]


def __getattr__(name: str) -> Any:
    if name == "link":
        from kg.link.linker import link

        return link
    raise AttributeError(f"module 'kg.link' has no attribute {name!r}")
