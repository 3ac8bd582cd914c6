"""The graph stage: an :class:`~kg.model.Extraction` as RDF triples.

Everything an article asserts goes into that article's named graph (its IRI
is the article's IRI).  Reference data about places (names, codes, hierarchy,
coordinates) goes into :data:`REFERENCE_GRAPH`.

Core layout (the canned queries rely on it):

* ``?body kg:issued ?document`` — one triple per issuer;
* ``?body kg:conducted ?campaign``, ``?body kg:jurisdiction ?place``;
* ``?place schema:containedInPlace ?parent``; a former division (宜宾县)
  ``dcterms:isReplacedBy`` the one that replaced it (叙州区);
* ``?article schema:mentions ?entity``;
* ``skos:prefLabel`` the canonical name (``@zh``) in one spelling per IRI
  (:func:`kg.link.iri.preferred_label`), ``skos:altLabel`` the article's own
  spelling and each surface form as written;
* each ``kg:issued`` / ``kg:conducted`` / ``kg:jurisdiction`` triple reified as
  a ``kg:Assertion`` with its article, character span and sentence (see
  :mod:`kg.graph.provenance`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD, Namespace

from kg.gazetteer import Place, load_gazetteer
from kg.graph.namespace import KG
from kg.graph.provenance import RowKey, Rows, add_assertions, literal_key, sorted_triples, text_literal
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
_REPLACED_BY = DCTERMS.isReplacedBy
#: What kg:divisionCode holds (ontology/shapes.ttl): a GB/T 2260, ISO 3166-1 or UN M49 code.
_DIVISION_CODE = re.compile(r"[0-9]{6}|ISO:[A-Z]{2}|M49:[0-9]{3}")
_plain = str.__str__  # an rdflib term's text as a plain str


@lru_cache(maxsize=1 << 16)
def _zh(text: str) -> Literal:
    """``text`` as a ``@zh`` literal; names recur across articles and rdflib's Literal() is slow."""
    return Literal(text, lang="zh")


#: Entities and labels remembered across articles: bounds the graph stage's memory (~1 kB an entity).
CACHE_SIZE = 1 << 14


@lru_cache(maxsize=CACHE_SIZE)
def _zh_key(text: str) -> tuple[Literal, str, str, str]:
    """``text`` as a ``@zh`` literal with the object part of its sort key (see :func:`_zh`)."""
    literal, lexical, language, datatype = literal_key(text_literal(text, "zh"))
    # Keep one copy of the text, not a second equal str, in the cache.
    return literal, text if type(text) is str and text == lexical else lexical, language, datatype


_S_TYPE, _S_PREF, _S_ALT, _S_MENTIONS = map(_plain, (_TYPE, _PREF, _ALT, _MENTIONS))
_CLASS_IRIS = {cls: _plain(cls) for cls in TYPE_CLASSES.values()}  # one str each, shared by every cached key
_S_IDENTIFIER, _S_SHA256, _S_LOCALE, _S_ARTICLE = map(_plain, (_IDENTIFIER, _SHA256, _LOCALE, _ARTICLE))


@lru_cache(maxsize=CACHE_SIZE)
def _entity_rows(iri: str, kind: str, canonical: str) -> tuple[str, URIRef, str, RowKey, Triple, RowKey, Triple]:
    """An entity's IRI as a str, its node, preferred label, and its rdf:type and skos:prefLabel rows.

    These do not depend on the article, and most entities recur across articles.
    """
    node = URIRef(iri)
    cls = TYPE_CLASSES[kind]
    label = _plain(preferred_label(canonical))
    pref, text, language, datatype = _zh_key(label)
    type_key: RowKey = (_S_TYPE, 0, _CLASS_IRIS.get(cls) or _plain(cls), "", "")
    pref_key: RowKey = (_S_PREF, 1, text, language, datatype)
    return _plain(iri), node, label, type_key, (node, _TYPE, cls), pref_key, (node, _PREF, pref)


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

    Built as :data:`~kg.graph.provenance.Rows` (sort keys of plain strs), with
    the terms and rows of entities, labels and offsets cached across articles
    (:data:`CACHE_SIZE` each): the same list as building every term afresh.

    >>> from kg.graph._example import example_extraction
    >>> rows = article_triples(example_extraction())
    >>> rows == sorted(set(rows), key=triple_order)
    True
    """
    article = extraction.article
    base = article_iri(article.id)
    subject = URIRef(base)
    own: dict[RowKey, Triple] = {(_S_TYPE, 0, _S_ARTICLE, "", ""): (subject, _TYPE, _ARTICLE)}
    rows: Rows = {base: own}
    term, text, language, datatype = literal_key(text_literal(article.id))
    own[(_S_IDENTIFIER, 1, text, language, datatype)] = (subject, _IDENTIFIER, term)
    if article.sha256:
        term, text, language, datatype = literal_key(text_literal(article.sha256))
        own[(_S_SHA256, 1, text, language, datatype)] = (subject, _SHA256, term)
    if extraction.locale_iri:
        locale = URIRef(extraction.locale_iri)
        own[(_S_LOCALE, 0, _plain(locale), "", "")] = (subject, _LOCALE, locale)
    nodes: dict[str, URIRef] = {}  # the entities' IRIs as terms, for the relations
    for entity in extraction.entities:
        iri, node, label, type_key, type_row, pref_key, pref_row = _entity_rows(
            entity.iri, entity.type, entity.canonical
        )
        nodes[iri] = node
        own[(_S_MENTIONS, 0, iri, "", "")] = (subject, _MENTIONS, node)
        about = rows.get(iri)
        if about is None:
            about = rows[iri] = {}
        about[type_key] = type_row
        about[pref_key] = pref_row
        surfaces = {entity.canonical}
        for mention in entity.mentions:
            surfaces.add("".join(mention.text.split()))
        for surface in surfaces:
            if surface and surface != label:
                term, text, language, datatype = _zh_key(surface)
                about[(_S_ALT, 1, text, language, datatype)] = (node, _ALT, term)
    for relation in extraction.relations:
        predicate = RELATION_PREDICATES.get(relation.kind)
        if predicate is not None:
            s, o = _plain(relation.subject), _plain(relation.object)
            about = rows.get(s)
            if about is None:
                about = rows[s] = {}
            about[(_plain(predicate), 0, o, "", "")] = (nodes.get(s) or URIRef(s), predicate, nodes.get(o) or URIRef(o))
    add_assertions(rows, extraction, PROVENANCE_PREDICATES, base, subject, nodes)
    return sorted_triples(rows)


def place_triples(place: Place) -> list[Triple]:
    """Reference triples of one gazetteer place."""
    node = URIRef(place_iri(place.code))
    name = _zh(place.name)
    triples: list[Triple] = [
        (node, _TYPE, _PLACE),
        (node, _PREF, name),
        (node, _LABEL, name),
        (node, _LEVEL, Literal(place.level)),
    ]
    if _DIVISION_CODE.fullmatch(place.code):  # (a foreign city's key, ISO:VN-MONGCAI, is no code)
        triples.append((node, _CODE, Literal(place.code)))
    if place.parent:
        triples.append((node, _CONTAINED_IN, URIRef(place_iri(place.parent))))
    if place.replaced_by:
        triples.append((node, _REPLACED_BY, URIRef(place_iri(place.replaced_by))))
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
    """Reference triples of the gazetteer: every place, or ``codes`` and their ancestors.

    A former division brings the division that replaced it (and its ancestors),
    so that its ``dcterms:isReplacedBy`` leads somewhere with a name.
    """
    gazetteer = load_gazetteer()
    if codes is None:
        return list(_all_reference_triples())
    else:
        wanted: dict[str, Place] = {}
        for code in codes:
            place = gazetteer.by_code.get(code)
            if place is None:
                continue
            for kept in (code, place.replaced_by) if place.replaced_by else (code,):
                for item in (gazetteer.by_code[kept], *gazetteer.ancestors(kept)):
                    wanted[item.code] = item
        places = list(wanted.values())
    return sorted((t for place in places for t in place_triples(place)), key=triple_order)
