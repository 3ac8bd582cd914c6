"""kg/graph/__init__.py: an article's triples, deduplicated and in a stable order; the reference graph."""

from __future__ import annotations

import dataclasses

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.graph import article_triples, reference_triples, triple_order
from kg.graph._example import example_extraction
from kg.ingest import read_articles
from kg.pipeline import extract
from tests.conftest import seed_paths


def test_article_triples_are_unique_and_sorted_on_plain_strings():
    for article in read_articles(seed_paths()[:2]):
        triples = article_triples(extract(article))
        assert len(triples) == len(set(triples))
        assert triples == sorted(set(triples), key=triple_order)
        # rdflib's own (slow) order agrees: no two typed literals share a subject and predicate here.
        assert triples == sorted(triples)


def test_duplicated_entities_give_each_triple_once():
    extraction = example_extraction()
    doubled = dataclasses.replace(extraction, entities=extraction.entities + extraction.entities)
    assert article_triples(doubled) == article_triples(extraction)


def test_triple_order_puts_iris_before_literals_and_tells_languages_and_datatypes_apart():
    s = URIRef("urn:s")
    rows = [
        (s, SKOS.altLabel, Literal("1", datatype=XSD.integer)),
        (s, SKOS.altLabel, Literal("1", lang="zh")),
        (s, SKOS.altLabel, Literal("1")),
        (s, SKOS.altLabel, URIRef("urn:z")),
        (s, RDF.type, URIRef("urn:t")),
    ]
    ordered = sorted(rows, key=triple_order)
    assert ordered[0][1] == RDF.type and ordered[1][2] == URIRef("urn:z")
    assert len({triple_order(r) for r in rows}) == len(rows)


def test_reference_triples_of_some_codes_are_a_sorted_subset_of_all():
    everything = reference_triples()
    assert everything == sorted(everything, key=triple_order)
    some = reference_triples(["540100"])  # 拉萨市 and its ancestors
    assert some == sorted(some, key=triple_order) and set(some) < set(everything)
    assert any(str(o) == "拉萨市" for s, p, o in some)


def test_a_former_division_points_at_its_successor_and_keeps_its_ancestors():
    from rdflib.namespace import DCTERMS

    from kg.link.iri import place_iri

    triples = reference_triples(["511521"])  # 宜宾县, 叙州区 since 2018
    former = URIRef(place_iri("511521"))
    assert (former, DCTERMS.isReplacedBy, URIRef(place_iri("511504"))) in triples
    # with its successor, so that the link leads to a place with a name
    assert {str(o) for s, p, o in triples if p == SKOS.prefLabel} == {"宜宾县", "叙州区", "宜宾市", "四川省", "中华人民共和国"}
    assert not any(p == DCTERMS.isReplacedBy for s, p, o in reference_triples(["511504"]))


# ---------------------------------------------------------------- the fast path against a plain one


def _plain_article_triples(extraction):
    """The article's triples built the plain way: fresh rdflib terms, a set, sorted by triple_order.

    An oracle for article_triples, which builds its sort keys from strings, caches
    terms across articles and builds a span several facts share once.
    """
    from kg.graph import PROVENANCE_PREDICATES, RELATION_PREDICATES, SCHEMA, TYPE_CLASSES
    from kg.graph.namespace import KG
    from kg.graph.provenance import OA, _evidence, assertion_iri
    from kg.link.iri import article_iri, preferred_label
    from rdflib.namespace import DCTERMS, PROV

    article = extraction.article
    subject = URIRef(article_iri(article.id))
    out = {(subject, RDF.type, KG.Article), (subject, DCTERMS.identifier, Literal(article.id))}
    if article.sha256:
        out.add((subject, KG.sha256, Literal(article.sha256)))
    if extraction.locale_iri:
        out.add((subject, KG.locale, URIRef(extraction.locale_iri)))
    for entity in extraction.entities:
        node, label = URIRef(entity.iri), preferred_label(entity.canonical)
        out |= {(node, RDF.type, TYPE_CLASSES[entity.type]), (node, SKOS.prefLabel, Literal(label, lang="zh"))}
        out.add((subject, SCHEMA.mentions, node))
        for surface in ({entity.canonical} | {"".join(m.text.split()) for m in entity.mentions}) - {"", label}:
            out.add((node, SKOS.altLabel, Literal(surface, lang="zh")))
    for relation in extraction.relations:
        if relation.kind in RELATION_PREDICATES:
            out.add((URIRef(relation.subject), RELATION_PREDICATES[relation.kind], URIRef(relation.object)))
        if relation.kind not in PROVENANCE_PREDICATES:
            continue
        predicate = PROVENANCE_PREDICATES[relation.kind]
        evidence = _evidence(extraction, relation)
        span = (evidence.start, evidence.end) if evidence else None
        node = URIRef(assertion_iri(article.id, str(predicate), relation.subject, relation.object, span))
        explicit = bool(relation.explicit and relation.evidence is not None)
        out |= {
            (node, RDF.type, KG.Assertion),
            (node, RDF.subject, URIRef(relation.subject)),
            (node, RDF.predicate, predicate),
            (node, RDF.object, URIRef(relation.object)),
            (node, PROV.wasDerivedFrom, subject),
            (node, KG.explicit, Literal(explicit)),
        }
        if evidence is not None:
            where = URIRef(f"{subject}/span/{evidence.start}-{evidence.end}")
            position, quote = URIRef(f"{where}/position"), URIRef(f"{where}/quote")
            out |= {
                (node, KG.evidence, where),
                (where, RDF.type, OA.SpecificResource),
                (where, OA.hasSource, subject),
                (where, OA.hasSelector, position),
                (where, OA.hasSelector, quote),
                (position, RDF.type, OA.TextPositionSelector),
                (position, OA.start, Literal(evidence.start, datatype=XSD.integer)),
                (position, OA.end, Literal(evidence.end, datatype=XSD.integer)),
                (quote, RDF.type, OA.TextQuoteSelector),
                (quote, OA.exact, Literal(evidence.sentence)),
            }
    return sorted(out, key=triple_order)


def _awkward_extraction():
    """Cases the seeds may lack: a shared sentence, an inferred fact, a repeated fact, layout whitespace."""
    from kg.model import Entity, Evidence, Mention, Relation

    base = example_extraction("awkward")
    body, place, doc = (e.iri for e in base.entities)
    text = base.article.text
    sentence = Evidence("awkward", 0, len(text), text)
    spaced = dataclasses.replace(
        base.entities[0], mentions=(Mention("AGENCY", 0, 8, "拉萨市 市场\n监管局", "拉萨市市场监管局"),)
    )
    campaign = Entity(
        "https://w3id.org/kg-ip/campaign/x", "CAMPAIGN", "“铁拳”行动", (Mention("CAMPAIGN", 0, 4, "铁拳行动", "铁拳行动"),)
    )
    return dataclasses.replace(
        base,
        entities=(spaced, *base.entities[1:], campaign),
        relations=(
            Relation("ISSUED", body, doc, sentence),
            Relation("CONDUCTS", body, campaign.iri, sentence),  # the same sentence: one span
            Relation("ISSUED", body, doc, sentence, explicit=False),  # the same fact, told apart by kg:explicit
            Relation("JURISDICTION", body, place, None),  # inferred: the span of the first mention
            Relation("PART_OF", place, "https://w3id.org/kg-ip/place/540000", None),  # object not an entity
            Relation("UNKNOWN", body, doc, sentence),
        ),
    )


def test_article_triples_equal_the_plain_construction_term_for_term():
    extractions = [extract(a) for a in read_articles(seed_paths())] + [example_extraction(), _awkward_extraction()]
    for extraction in extractions + extractions:  # twice: from the caches as well
        fast, plain = article_triples(extraction), _plain_article_triples(extraction)
        assert fast == plain
        for row, twin in zip(fast, plain):
            for term, other in zip(row, twin):
                assert type(term) is type(other) and str(term) == str(other)
                if isinstance(term, Literal):
                    assert (term.language, term.datatype, term.value) == (other.language, other.datatype, other.value)


def test_only_real_codes_become_division_codes():
    from kg.graph.namespace import KG

    codes = {str(o) for s, p, o in reference_triples(["ISO:VN-MONGCAI", "540100"]) if p == KG.divisionCode}
    assert codes == {"540100", "540000", "ISO:CN", "ISO:VN"}  # 芒街市's key is not one


def test_world_regions_carry_their_m49_code():
    from kg.graph.namespace import KG

    codes = {str(o) for s, p, o in reference_triples(["M49:035"]) if p == KG.divisionCode}
    assert codes == {"M49:035"}  # 东南亚
