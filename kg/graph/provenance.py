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
from operator import itemgetter

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
_plain = str.__str__  # an rdflib term's text as a plain str
# URIRef(iri) without its character check, for IRIs made of a checked one (the article's) plus a safe
# suffix such as "/span/3-9": the same object URIRef() returns, at a tenth of the cost.
_extended = str.__new__


def text_literal(text: str, lang: str | None = None) -> Literal:
    """``Literal(text, lang=lang)``, built without rdflib's normalisation, which never changes a str.

    >>> text_literal("拉萨市", "zh") == Literal("拉萨市", lang="zh")
    True
    """
    if type(text) is not str:
        return Literal(text, lang=lang)
    return Literal(text, lang=lang, normalize=False)


#: A triple's :func:`kg.graph.triple_order` key without its subject: predicate, 0 for an IRI object
#: or 1 for a literal, object text, language, datatype.
RowKey = tuple[str, int, str, str, str]

#: An article's triples being built: subject IRI → row key → triple.  Keys are plain strs, so two
#: triples are equal exactly when subject and key are (no blank nodes here), a duplicate only
#: overwrites its twin, and sorting subjects, then each subject's keys, sorts the triples by
#: triple_order without calling rdflib's Python-level comparisons.
Rows = dict[str, dict[RowKey, Triple]]

_first, _second = itemgetter(0), itemgetter(1)


def sorted_triples(rows: Rows) -> list[Triple]:
    """The triples of ``rows`` in :func:`kg.graph.triple_order`.

    >>> s, p = URIRef("urn:s"), URIRef("urn:p")
    >>> rows = {"urn:s": {("urn:p", 1, "b", "", ""): (s, p, Literal("b")), ("urn:p", 0, "urn:o", "", ""): (s, p, p)}}
    >>> [str(o) for _, _, o in sorted_triples(rows)]
    ['urn:p', 'b']
    """
    triples: list[Triple] = []
    for subject in sorted(rows):
        about = rows[subject]
        # Sorting (key, triple) pairs on the key alone, then taking the triples, saves hashing each key again.
        triples += map(_second, sorted(about.items(), key=_first)) if len(about) > 1 else about.values()
    return triples


def literal_key(literal: Literal) -> tuple[Literal, str, str, str]:
    """``literal`` with the object part of its :data:`RowKey`: lexical form, language, datatype.

    >>> literal_key(Literal(7))[1:]
    ('7', '', 'http://www.w3.org/2001/XMLSchema#integer')
    """
    datatype = literal.datatype
    return literal, _plain(literal), literal.language or "", _plain(datatype) if datatype else ""


# Predicate and class IRIs as plain strs, for keys built inline.
_S_TYPE, _S_SUBJECT, _S_PREDICATE, _S_OBJECT = map(_plain, (_TYPE, _SUBJECT, _PREDICATE, _OBJECT))
_S_ASSERTION, _S_EXPLICIT, _S_EVIDENCE, _S_DERIVED_FROM = map(_plain, (_ASSERTION, _EXPLICIT, _EVIDENCE, _DERIVED_FROM))
_S_SPECIFIC_RESOURCE, _S_HAS_SOURCE, _S_HAS_SELECTOR = map(_plain, (_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR))
_S_POSITION_SELECTOR, _S_QUOTE_SELECTOR, _S_START, _S_END, _S_EXACT = map(
    _plain, (_POSITION_SELECTOR, _QUOTE_SELECTOR, _START, _END, _EXACT)
)
_EXPLICIT_KEYS = {True: literal_key(_TRUE), False: literal_key(_FALSE)}


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> tuple[Literal, str, str, str]:
    """``value`` as an xsd:integer literal with its key part; offsets recur across articles and Literal() is slow."""
    return literal_key(Literal(value, datatype=_INTEGER))


@lru_cache(maxsize=64)
def _local_name(predicate: str) -> str:
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def span_iri(article_id: str, start: int, end: int) -> str:
    """The IRI of characters ``start:end`` of an article's text.

    >>> span_iri("001", 3, 9)
    'https://w3id.org/kg-ip/article/001/span/3-9'
    """
    return f"{article_iri(article_id)}/span/{start}-{end}"


@lru_cache(maxsize=1 << 13)
def _digest(subject: str, obj: str) -> str:
    """A short hash of a fact's subject and object; the same pairs (a body and its place) recur across articles."""
    return hashlib.sha256(f"{subject}\n{obj}".encode("utf-8")).hexdigest()[:16]


def _assertion_iri(base: str, predicate: str, subject: str, obj: str, where: str) -> str:
    return f"{base}/assertion/{_local_name(predicate)}/{where}/{_digest(subject, obj)}"


def assertion_iri(article_id: str, predicate: str, subject: str, obj: str, span: tuple[int, int] | None) -> str:
    """The IRI of one extracted fact: article, predicate, offsets and a hash of subject and object.

    >>> assertion_iri("001", str(KG.issued), "urn:a", "urn:b", (3, 9))[:56]
    'https://w3id.org/kg-ip/article/001/assertion/issued/3-9/'
    """
    where = f"{span[0]}-{span[1]}" if span else "inferred"
    return _assertion_iri(article_iri(article_id), predicate, subject, obj, where)


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


def _add_span(rows: Rows, base: str, article: URIRef, where: str, evidence: Evidence) -> URIRef:
    """Add the span ``where`` (``start-end``) of article ``base`` to ``rows``; return its node (see :func:`span_triples`)."""
    span_iri = f"{base}/span/{where}"
    position_iri, quote_iri = f"{span_iri}/position", f"{span_iri}/quote"
    span, position, quote = _extended(URIRef, span_iri), _extended(URIRef, position_iri), _extended(URIRef, quote_iri)
    start, start_text, _, start_type = _integer(evidence.start)
    end, end_text, _, end_type = _integer(evidence.end)
    exact, exact_text, exact_lang, exact_type = literal_key(text_literal(evidence.sentence))
    # setdefault: a span IRI may already be a subject when two sentences share offsets.
    about = rows.setdefault(span_iri, {})
    about[(_S_TYPE, 0, _S_SPECIFIC_RESOURCE, "", "")] = (span, _TYPE, _SPECIFIC_RESOURCE)
    about[(_S_HAS_SOURCE, 0, base, "", "")] = (span, _HAS_SOURCE, article)
    about[(_S_HAS_SELECTOR, 0, position_iri, "", "")] = (span, _HAS_SELECTOR, position)
    about[(_S_HAS_SELECTOR, 0, quote_iri, "", "")] = (span, _HAS_SELECTOR, quote)
    about = rows.setdefault(position_iri, {})
    about[(_S_TYPE, 0, _S_POSITION_SELECTOR, "", "")] = (position, _TYPE, _POSITION_SELECTOR)
    about[(_S_START, 1, start_text, "", start_type)] = (position, _START, start)
    about[(_S_END, 1, end_text, "", end_type)] = (position, _END, end)
    about = rows.setdefault(quote_iri, {})
    about[(_S_TYPE, 0, _S_QUOTE_SELECTOR, "", "")] = (quote, _TYPE, _QUOTE_SELECTOR)
    about[(_S_EXACT, 1, exact_text, exact_lang, exact_type)] = (quote, _EXACT, exact)
    return span


def span_triples(article_id: str, evidence: Evidence) -> list[Triple]:
    """The oa:SpecificResource of a span with its position and quote selectors.

    >>> rows = span_triples("demo", Evidence("demo", 0, 3, "拉萨市"))
    >>> len(rows), str(rows[0][0])
    (9, 'https://w3id.org/kg-ip/article/demo/span/0-3')
    """
    base = article_iri(article_id)
    rows: Rows = {}
    _add_span(rows, base, URIRef(base), f"{evidence.start}-{evidence.end}", evidence)
    return [triple for about in rows.values() for triple in about.values()]


def add_assertions(
    rows: Rows,
    extraction: Extraction,
    predicates: dict[str, URIRef],
    base: str,
    article: URIRef,
    nodes: dict[str, URIRef] | None = None,
) -> None:
    """Add to ``rows`` the reified assertions of :func:`assertion_triples`.

    ``base`` is the article's IRI and ``article`` that IRI as a term;
    ``nodes`` maps IRIs to terms already built.  A span several facts share is
    built once.
    """
    if nodes is None:
        nodes = {}
    spans: dict[tuple[str, str], URIRef] = {}
    for relation in extraction.relations:
        predicate = predicates.get(relation.kind)
        if predicate is None:
            continue
        evidence = relation.evidence
        explicit = bool(relation.explicit) and evidence is not None
        if evidence is None:
            evidence = _evidence(extraction, relation)
        subject, obj, predicate_iri = _plain(relation.subject), _plain(relation.object), _plain(predicate)
        where = "inferred" if evidence is None else f"{evidence.start}-{evidence.end}"
        node_iri = _assertion_iri(base, predicate_iri, subject, obj, where)
        node = _extended(URIRef, node_iri)
        truth, truth_text, truth_lang, truth_type = _EXPLICIT_KEYS[explicit]
        about = rows.setdefault(node_iri, {})  # one fact told twice: one node
        about[(_S_TYPE, 0, _S_ASSERTION, "", "")] = (node, _TYPE, _ASSERTION)
        about[(_S_SUBJECT, 0, subject, "", "")] = (node, _SUBJECT, nodes.get(subject) or URIRef(subject))
        about[(_S_PREDICATE, 0, predicate_iri, "", "")] = (node, _PREDICATE, predicate)
        about[(_S_OBJECT, 0, obj, "", "")] = (node, _OBJECT, nodes.get(obj) or URIRef(obj))
        about[(_S_DERIVED_FROM, 0, base, "", "")] = (node, _DERIVED_FROM, article)
        about[(_S_EXPLICIT, 1, truth_text, truth_lang, truth_type)] = (node, _EXPLICIT, truth)
        if evidence is not None:
            # Relations read from one sentence share its span: build those nine triples once.
            span = spans.get((where, evidence.sentence))
            if span is None:
                span = spans[(where, evidence.sentence)] = _add_span(rows, base, article, where, evidence)
            about[(_S_EVIDENCE, 0, _plain(span), "", "")] = (node, _EVIDENCE, span)


def assertion_triples(extraction: Extraction, predicates: dict[str, URIRef] | None = None) -> list[Triple]:
    """Reified assertions with provenance for the relations of ``extraction`` whose kind is in ``predicates``.

    Each triple comes once, even when the article states a fact twice.

    Args:
        predicates: relation kind → predicate; default ISSUED, CONDUCTS and JURISDICTION.
    """
    if predicates is None:
        predicates = {"ISSUED": KG.issued, "CONDUCTS": KG.conducted, "JURISDICTION": KG.jurisdiction}
    base = article_iri(extraction.article.id)
    rows: Rows = {}
    add_assertions(rows, extraction, predicates, base, URIRef(base))
    return [triple for about in rows.values() for triple in about.values()]


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


__all__ = [
    "OA",
    "RowKey",
    "Rows",
    "Reason",
    "add_assertions",
    "assertion_iri",
    "assertion_triples",
    "literal_key",
    "sorted_triples",
    "span_iri",
    "span_triples",
    "text_literal",
    "why",
]
