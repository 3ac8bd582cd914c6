"""Provenance of extracted facts: PROV-O plus Web Annotation selectors, all with IRIs.

Every ``kg:issued`` / ``kg:conducted`` / ``kg:jurisdiction`` triple an article
asserts is reified as a :data:`KG.Assertion <kg.graph.namespace.KG>` in that
article's named graph::

    <…/article/001/assertion/issued/120-188/5f0c…> a kg:Assertion ;
        rdf:subject <…/agency/国家知识产权局> ; rdf:predicate kg:issued ;
        rdf:object <…/document/…> ; kg:explicit true ;
        prov:wasDerivedFrom <…/article/001> ;
        kg:evidence <…/article/001/span/120-188> .
    <…/article/001/span/120-188> a oa:SpecificResource ;
        oa:hasSource <…/article/001> ;
        oa:hasSelector <…/span/120-188/position>, <…/span/120-188/quote> .
    <…/span/120-188/position> a oa:TextPositionSelector ; oa:start 120 ; oa:end 188 .
    <…/span/120-188/quote> a oa:TextQuoteSelector ; oa:exact "国家知识产权局印发《…》。" .

IRIs are minted from the article id, the predicate, the offsets and a hash of
subject and object, so no blank node is needed and rebuilding gives the same
triples.  (RDF-star would be shorter, but rdflib cannot parse it back, and the
exports must round-trip through rdflib.)

>>> from kg.model import Article, Evidence, Extraction, Relation
>>> text = "拉萨市市场监管局印发《拉萨市实施方案》。"
>>> rel = Relation("ISSUED", "urn:body", "urn:doc", Evidence("demo", 0, 20, text))
>>> rows = assertion_triples(Extraction(Article("demo", text), None, (), (rel,)))
>>> sorted({str(o) for s, p, o in rows if p == OA.exact})
['拉萨市市场监管局印发《拉萨市实施方案》。']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD, Namespace

from kg.graph.namespace import KG
from kg.link.iri import article_iri, entity_iri
from kg.model import Evidence, Extraction, Relation

#: W3C Web Annotation vocabulary.
OA = Namespace("http://www.w3.org/ns/oa#")

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Terms looked up once: Namespace attribute lookups are Python calls, and these run ~15 times a fact.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_ASSERTION, _EXPLICIT, _EVIDENCE, _DERIVED_FROM = KG.Assertion, KG.explicit, KG.evidence, PROV.wasDerivedFrom
_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR = OA.SpecificResource, OA.hasSource, OA.hasSelector
_POSITION_SELECTOR, _QUOTE_SELECTOR, _START, _END, _EXACT = (
    OA.TextPositionSelector, OA.TextQuoteSelector, OA.start, OA.end, OA.exact
)
_INTEGER = XSD.integer
_TRUE, _FALSE = Literal(True), Literal(False)


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    """``value`` as an xsd:integer literal; offsets recur across articles and rdflib's Literal() is slow."""
    return Literal(value, datatype=_INTEGER)


def span_iri(article_id: str, start: int, end: int) -> str:
    """The IRI of characters ``start:end`` of an article's text.

    >>> span_iri("001", 3, 9)
    'https://w3id.org/kg-ip/article/001/span/3-9'
    """
    return f"{article_iri(article_id)}/span/{start}-{end}"


def assertion_iri(article_id: str, predicate: str, subject: str, obj: str, span: tuple[int, int] | None) -> str:
    """The IRI of one extracted fact: article, predicate, offsets and a hash of subject and object.

    >>> assertion_iri("001", str(KG.issued), "urn:a", "urn:b", (3, 9))[:56]
    'https://w3id.org/kg-ip/article/001/assertion/issued/3-9/'
    """
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    digest = hashlib.sha256(f"{subject}\n{obj}".encode("utf-8")).hexdigest()[:16]
    where = f"{span[0]}-{span[1]}" if span else "inferred"
    return f"{article_iri(article_id)}/assertion/{local}/{where}/{digest}"


def _evidence(extraction: Extraction, relation: Relation) -> Evidence | None:
    """The relation's sentence, or for an inferred fact the first mention of its subject or object."""
    if relation.evidence is not None:
        return relation.evidence
    text = extraction.article.text
    for iri in (relation.subject, relation.object):
        entity = extraction.entity(iri)
        if entity is not None and entity.mentions:
            mention = min(entity.mentions, key=lambda m: (m.start, m.end))
            return Evidence(extraction.article.id, mention.start, mention.end, text[mention.start : mention.end])
    return None


def span_triples(article_id: str, evidence: Evidence) -> list[Triple]:
    """The oa:SpecificResource of a span with its position and quote selectors."""
    span = URIRef(span_iri(article_id, evidence.start, evidence.end))
    position = URIRef(f"{span}/position")
    quote = URIRef(f"{span}/quote")
    return [
        (span, _TYPE, _SPECIFIC_RESOURCE),
        (span, _HAS_SOURCE, URIRef(article_iri(article_id))),
        (span, _HAS_SELECTOR, position),
        (span, _HAS_SELECTOR, quote),
        (position, _TYPE, _POSITION_SELECTOR),
        (position, _START, _integer(evidence.start)),
        (position, _END, _integer(evidence.end)),
        (quote, _TYPE, _QUOTE_SELECTOR),
        (quote, _EXACT, Literal(evidence.sentence)),
    ]


def assertion_triples(extraction: Extraction, predicates: dict[str, URIRef] | None = None) -> list[Triple]:
    """Reified assertions with provenance for the relations of ``extraction`` whose kind is in ``predicates``.

    Args:
        predicates: relation kind → predicate; default ISSUED, CONDUCTS and JURISDICTION.
    """
    if predicates is None:
        predicates = {"ISSUED": KG.issued, "CONDUCTS": KG.conducted, "JURISDICTION": KG.jurisdiction}
    article_id = extraction.article.id
    article = URIRef(article_iri(article_id))
    triples: list[Triple] = []
    for relation in extraction.relations:
        predicate = predicates.get(relation.kind)
        if predicate is None:
            continue
        evidence = _evidence(extraction, relation)
        span = (evidence.start, evidence.end) if evidence else None
        node = URIRef(assertion_iri(article_id, str(predicate), relation.subject, relation.object, span))
        triples += [
            (node, _TYPE, _ASSERTION),
            (node, _SUBJECT, URIRef(relation.subject)),
            (node, _PREDICATE, predicate),
            (node, _OBJECT, URIRef(relation.object)),
            (node, _DERIVED_FROM, article),
            (node, _EXPLICIT, _TRUE if relation.explicit and relation.evidence is not None else _FALSE),
        ]
        if evidence is not None:
            triples.append((node, _EVIDENCE, URIRef(span_iri(article_id, evidence.start, evidence.end))))
            triples += span_triples(article_id, evidence)
    return triples




# ------------------------------------------------------------------ kg why


@dataclass(frozen=True)
class Reason:
    """One sentence behind a fact: where it is and what it says."""

    subject: str
    object: str
    article: str
    start: int
    end: int
    sentence: str
    explicit: bool


def _why_sparql() -> str:
    return (resources.files("kg.graph") / "why.rq").read_text(encoding="utf-8")


def _candidates(store, name: str, entity_types: tuple[str, ...]) -> list[str]:
    """IRIs ``name`` can denote: the IRI itself, or entities whose canonical or surface name it is."""
    name = name.strip()
    if name.startswith(("http://", "https://", "urn:")):
        return [name]
    found = {entity_iri(t, name) for t in entity_types}
    label = Literal(name.strip("《》〈〉"), lang="zh")
    rows = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT DISTINCT ?x ?label WHERE { { ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label } }",
        {"label": label},
    )
    found.update(row["x"].value for row in rows)
    return sorted(found)


def why(store, subject: str, obj: str, predicate: URIRef = KG.issued) -> list[Reason]:
    """The sentences behind ``subject predicate obj``; names or IRIs both work.

    Args:
        store: a :class:`kg.store.GraphStore`.
        subject: the issuer's canonical or surface name, or its IRI.
        obj: the document's name (with or without 《》) or IRI.
        predicate: ``kg:issued`` (default), ``kg:conducted`` or ``kg:jurisdiction``.

    >>> from kg.commit import commit_extraction, ensure_reference
    >>> from kg.graph._example import example_extraction
    >>> from kg.store import GraphStore
    >>> store = GraphStore(); ensure_reference(store); n = commit_extraction(store, example_extraction())
    >>> [(r.article, r.start, r.end) for r in why(store, "拉萨市市场监督管理局", "《拉萨市知识产权保护实施方案》")]
    [('demo', 0, 26)]
    """
    kinds = {KG.issued: (("AGENCY", "ORG"), ("POLICY",)), KG.conducted: (("AGENCY", "ORG"), ("CAMPAIGN",))}
    subject_types, object_types = kinds.get(predicate, (("AGENCY", "ORG"), ("PLACE",)))
    sparql = _why_sparql()
    reasons: set[Reason] = set()
    for s in _candidates(store, subject, subject_types):
        for o in _candidates(store, obj, object_types):
            for row in store.query(sparql, {"subject": URIRef(s), "object": URIRef(o), "predicate": predicate}):
                reasons.add(
                    Reason(
                        subject=s,
                        object=o,
                        article=row["article"].value,
                        start=int(row["start"].value),
                        end=int(row["end"].value),
                        sentence=row["sentence"].value,
                        explicit=row["explicit"].value == "true",
                    )
                )
    return sorted(reasons, key=lambda r: (r.article, r.start, r.end, r.subject, r.object))


__all__ = ["OA", "Reason", "assertion_iri", "assertion_triples", "span_iri", "span_triples", "why"]
