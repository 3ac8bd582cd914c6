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

# Looked up once: a Namespace attribute lookup costs a Python call, ~20 per entity.
_TYPE, _ARTICLE, _IDENTIFIER, _SHA256, _LOCALE = RDF.type, KG.Article, DCTERMS.identifier, KG.sha256, KG.locale
_PREF, _ALT, _MENTIONS = SKOS.prefLabel, SKOS.altLabel, SCHEMA.mentions
_PLACE, _LABEL, _CODE, _LEVEL, _CONTAINED_IN = KG.Place, RDFS.label, KG.divisionCode, KG.divisionLevel, SCHEMA.containedInPlace
_LONG, _LAT, _HAS_GEOMETRY, _AS_WKT = WGS84.long, WGS84.lat, GEO.hasGeometry, GEO.asWKT
_DECIMAL, _WKT = XSD.decimal, GEO.wktLiteral
_plain = str.__str__  # an rdflib term's text as a plain str


@lru_cache(maxsize=1 << 16)
def _zh(text: str) -> Literal:
    """``text`` as a ``@zh`` literal; names recur across articles and rdflib's Literal() is slow."""
    return Literal(text, lang="zh")


def triple_order(triple: Triple) -> tuple[str, str, int, str, str, str]:
    """Sort key of a triple on plain strings: subject, predicate, IRIs before literals, object text, language, datatype.

    Sorting on this is several times faster than on rdflib's own term
    comparisons (Python methods called per comparison).  It gives the same
    order except between typed literals of one subject and predicate, which
    rdflib compares by value (``"9"^^xsd:integer`` before ``"10"``).

    >>> from rdflib.namespace import RDF
    >>> s = URIRef("urn:s")
    >>> [t[2] for t in sorted([(s, RDF.value, Literal("a")), (s, RDF.value, URIRef("urn:o"))], key=triple_order)]
    [rdflib.term.URIRef('urn:o'), rdflib.term.Literal('a')]
    """
    s, p, o = triple
    if type(o) is Literal:
        datatype = o.datatype
        return (_plain(s), _plain(p), 1, _plain(o), o.language or "", _plain(datatype) if datatype else "")
    return (_plain(s), _plain(p), 0, _plain(o), "", "")


def article_triples(extraction: Extraction) -> list[Triple]:
    """The triples ``extraction``'s article asserts, without duplicates, sorted by :func:`triple_order`.

    >>> from kg.graph._example import example_extraction
    >>> rows = article_triples(example_extraction())
    >>> rows == sorted(set(rows), key=triple_order)
    True
    """
    article = extraction.article
    subject = URIRef(article_iri(article.id))
    triples: list[Triple] = [
        (subject, _TYPE, _ARTICLE),
        (subject, _IDENTIFIER, Literal(article.id)),
    ]
    add = triples.append
    if article.sha256:
        add((subject, _SHA256, Literal(article.sha256)))
    if extraction.locale_iri:
        add((subject, _LOCALE, URIRef(extraction.locale_iri)))
    for entity in extraction.entities:
        node = URIRef(entity.iri)
        add((node, _TYPE, TYPE_CLASSES[entity.type]))
        label = preferred_label(entity.canonical)
        add((node, _PREF, _zh(label)))
        add((subject, _MENTIONS, node))
        surfaces = {entity.canonical} | {"".join(m.text.split()) for m in entity.mentions}
        for surface in surfaces - {"", label}:
            add((node, _ALT, _zh(surface)))
    for relation in extraction.relations:
        predicate = RELATION_PREDICATES.get(relation.kind)
        if predicate is not None:
            add((URIRef(relation.subject), predicate, URIRef(relation.object)))
    triples += assertion_triples(extraction, PROVENANCE_PREDICATES)
    # Deduplicate on the plain-string key: two of these triples are equal exactly when their keys are
    # (no blank nodes here), and str keys avoid rdflib's Python-level __eq__ on every hash collision.
    unique = {triple_order(t): t for t in triples}
    return [unique[key] for key in sorted(unique)]


def place_triples(place: Place) -> list[Triple]:
    """Reference triples of one gazetteer place."""
    node = URIRef(place_iri(place.code))
    name = _zh(place.name)
    triples: list[Triple] = [
        (node, _TYPE, _PLACE),
        (node, _PREF, name),
        (node, _LABEL, name),
        (node, _CODE, Literal(place.code)),
        (node, _LEVEL, Literal(place.level)),
    ]
    if place.parent:
        triples.append((node, _CONTAINED_IN, URIRef(place_iri(place.parent))))
    if place.longitude is not None and place.latitude is not None:
        triples.append((node, _LONG, Literal(f"{place.longitude:.6f}", datatype=_DECIMAL)))
        triples.append((node, _LAT, Literal(f"{place.latitude:.6f}", datatype=_DECIMAL)))
        geometry = URIRef(f"{node}/geometry")
        triples.append((node, _HAS_GEOMETRY, geometry))
        triples.append(
            (geometry, _AS_WKT, Literal(f"POINT({place.longitude:.6f} {place.latitude:.6f})", datatype=_WKT))
        )
    return triples


@lru_cache(maxsize=1)
def _all_reference_triples() -> tuple[Triple, ...]:
    return tuple(sorted((t for place in load_gazetteer().by_code.values() for t in place_triples(place)), key=triple_order))


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
    return sorted((t for place in places for t in place_triples(place)), key=triple_order)
