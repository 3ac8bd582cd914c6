"""The graph stage: an :class:`~kg.model.Extraction` as RDF triples.

Everything an article asserts goes into that article's named graph (its IRI
is the article's IRI).  Reference data about places (names, codes, hierarchy,
coordinates) goes into :data:`REFERENCE_GRAPH`.

Core layout (the canned queries rely on it):

* ``?body kg:issued ?document`` — one triple per issuer;
* ``?body kg:conducted ?campaign``, ``?body kg:jurisdiction ?place``;
* ``?place schema:containedInPlace ?parent``;
* ``?article schema:mentions ?entity``;
* ``skos:prefLabel`` the canonical name (``@zh``) in one spelling per IRI
  (:func:`kg.link.iri.preferred_label`), ``skos:altLabel`` the article's own
  spelling and each surface form as written;
* each ``kg:issued`` / ``kg:conducted`` / ``kg:jurisdiction`` triple reified as
  a ``kg:Assertion`` with its article, character span and sentence (see
  :mod:`kg.graph.provenance`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD, Namespace

from kg.gazetteer import Place, load_gazetteer
from kg.graph.namespace import KG
from kg.graph.provenance import assertion_triples
from kg.link.iri import article_iri, place_iri, preferred_label
from kg.model import Extraction

SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

#: Named graph of gazetteer reference data.
REFERENCE_GRAPH = URIRef("https://w3id.org/kg-ip/graph/reference")

TYPE_CLASSES = {
    "AGENCY": KG.GovernmentBody,
    "ORG": KG.Organization,
    "POLICY": KG.PolicyDocument,
    "CAMPAIGN": KG.Campaign,
    "PLACE": KG.Place,
}
RELATION_PREDICATES = {
    "ISSUED": KG.issued,
    "CONDUCTS": KG.conducted,
    "JURISDICTION": KG.jurisdiction,
    "PART_OF": SCHEMA.containedInPlace,
}

#: Relations whose triples carry a reified assertion with provenance.
PROVENANCE_PREDICATES = {kind: RELATION_PREDICATES[kind] for kind in ("ISSUED", "CONDUCTS", "JURISDICTION")}

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def article_triples(extraction: Extraction) -> list[Triple]:
    """The triples ``extraction``'s article asserts, sorted, without duplicates."""
    article = extraction.article
    subject = URIRef(article_iri(article.id))
    triples: set[Triple] = {
        (subject, RDF.type, KG.Article),
        (subject, DCTERMS.identifier, Literal(article.id)),
    }
    if article.sha256:
        triples.add((subject, KG.sha256, Literal(article.sha256)))
    if extraction.locale_iri:
        triples.add((subject, KG.locale, URIRef(extraction.locale_iri)))
    for entity in extraction.entities:
        node = URIRef(entity.iri)
        triples.add((node, RDF.type, TYPE_CLASSES[entity.type]))
        label = preferred_label(entity.canonical)
        triples.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        triples.add((subject, SCHEMA.mentions, node))
        surfaces = {entity.canonical} | {"".join(m.text.split()) for m in entity.mentions}
        for surface in surfaces - {"", label}:
            triples.add((node, SKOS.altLabel, Literal(surface, lang="zh")))
    for relation in extraction.relations:
        predicate = RELATION_PREDICATES.get(relation.kind)
        if predicate is not None:
            triples.add((URIRef(relation.subject), predicate, URIRef(relation.object)))
    triples.update(assertion_triples(extraction, PROVENANCE_PREDICATES))
    return sorted(triples)


def place_triples(place: Place) -> list[Triple]:
    """Reference triples of one gazetteer place."""
    node = URIRef(place_iri(place.code))
    triples: list[Triple] = [
        (node, RDF.type, KG.Place),
        (node, SKOS.prefLabel, Literal(place.name, lang="zh")),
        (node, RDFS.label, Literal(place.name, lang="zh")),
        (node, KG.divisionCode, Literal(place.code)),
        (node, KG.divisionLevel, Literal(place.level)),
    ]
    if place.parent:
        triples.append((node, SCHEMA.containedInPlace, URIRef(place_iri(place.parent))))
    if place.longitude is not None and place.latitude is not None:
        triples.append((node, WGS84.long, Literal(f"{place.longitude:.6f}", datatype=XSD.decimal)))
        triples.append((node, WGS84.lat, Literal(f"{place.latitude:.6f}", datatype=XSD.decimal)))
        geometry = URIRef(f"{node}/geometry")
        triples.append((node, GEO.hasGeometry, geometry))
        triples.append(
            (geometry, GEO.asWKT, Literal(f"POINT({place.longitude:.6f} {place.latitude:.6f})", datatype=GEO.wktLiteral))
        )
    return triples


@lru_cache(maxsize=1)
def _all_reference_triples() -> tuple[Triple, ...]:
    return tuple(sorted(t for place in load_gazetteer().by_code.values() for t in place_triples(place)))


def reference_triples(codes: Iterable[str] | None = None) -> list[Triple]:
    """Reference triples of the gazetteer: every place, or ``codes`` and their ancestors."""
    gazetteer = load_gazetteer()
    if codes is None:
        return list(_all_reference_triples())
    else:
        wanted: dict[str, Place] = {}
        for code in codes:
            place = gazetteer.by_code.get(code)
            if place is None:
                continue
            for item in (place, *gazetteer.ancestors(code)):
                wanted[item.code] = item
        places = list(wanted.values())
    return sorted(t for place in places for t in place_triples(place))
