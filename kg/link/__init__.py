"""The link stage: canonical entities, stable IRIs and relations with evidence.

>>> from kg.link import link
"""

from kg.link.iri import article_iri, entity_iri, identity_key, place_iri
from kg.link.linker import link

__all__ = ["link", "entity_iri", "place_iri", "article_iri", "identity_key"]
