"""The canned questions, rewritten for pyoxigraph's planner, answer exactly as their plain forms.

kg/queries/*.rq split each question into sub-SELECTs so that pyoxigraph 0.5
hash-joins predicate scans instead of seeking row by row (issue 8).  The
plain forms below say what each question means, one ``GRAPH ?graph { … }``
block the obvious way; on the seed store and on the hand-written layout both
must give the same rows (every column, every row, as multisets).
"""

from __future__ import annotations

from collections import Counter

import pytest

from kg.query import questions, run, run_sparql
from kg.query.text import inline_values

PREFIXES = """PREFIX kg: <https://w3id.org/kg-ip/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

PLAIN = {
    "issuers": """
SELECT DISTINCT ?issuer ?document ?article WHERE {
  GRAPH ?graph {
    ?issuer_iri kg:issued ?document_iri ; skos:prefLabel ?issuer .
    ?document_iri skos:prefLabel ?document .
    ?graph dcterms:identifier ?article .
  }
}""",
    "body_documents": """
SELECT DISTINCT ?body ?issuer ?document ?article WHERE {
  { SELECT DISTINCT ?body ?issuer_iri WHERE { ?issuer_iri skos:prefLabel|skos:altLabel ?body } }
  GRAPH ?graph {
    ?issuer_iri kg:issued ?document_iri ; skos:prefLabel ?issuer .
    ?document_iri skos:prefLabel ?document .
    ?graph dcterms:identifier ?article .
  }
}""",
    "joint_documents": """
SELECT DISTINCT ?document ?issuers ?issuer ?article WHERE {
  {
    SELECT ?graph ?document_iri (COUNT(DISTINCT ?body) AS ?issuers)
    WHERE { GRAPH ?graph { ?body kg:issued ?document_iri } }
    GROUP BY ?graph ?document_iri HAVING (COUNT(DISTINCT ?body) > 1)
  }
  GRAPH ?graph {
    ?issuer_iri kg:issued ?document_iri ; skos:prefLabel ?issuer .
    ?document_iri skos:prefLabel ?document .
    ?graph dcterms:identifier ?article .
  }
}""",
    "campaigns": """
SELECT DISTINCT ?campaign ?body ?article WHERE {
  GRAPH ?graph {
    ?graph dcterms:identifier ?article ; schema:mentions ?campaign_iri .
    ?campaign_iri a kg:Campaign ; skos:prefLabel ?campaign .
    OPTIONAL { ?body_iri kg:conducted ?campaign_iri ; skos:prefLabel ?body }
  }
}""",
    "co_issuance": """
SELECT ?body_a ?body_b (COUNT(DISTINCT ?document) AS ?documents)
       (GROUP_CONCAT(DISTINCT ?document; separator=" | ") AS ?titles)
WHERE {
  {
    SELECT DISTINCT ?body_a ?body_b ?document WHERE {
      GRAPH ?graph {
        ?a kg:issued ?doc ; skos:prefLabel ?body_a .
        ?b kg:issued ?doc ; skos:prefLabel ?body_b .
        ?doc skos:prefLabel ?document .
      }
      FILTER(STR(?body_a) < STR(?body_b))
    }
    ORDER BY ?body_a ?body_b ?document
  }
}
GROUP BY ?body_a ?body_b""",
    "within_place": """
SELECT DISTINCT ?place ?kind ?name ?where ?via ?article WHERE {
  {
    SELECT DISTINCT ?place ?sub WHERE {
      ?root skos:prefLabel|skos:altLabel ?place .
      GRAPH <https://w3id.org/kg-ip/graph/reference> { ?root a kg:Place . ?sub schema:containedInPlace* ?root }
    }
  }
  { GRAPH ?graph { ?item kg:jurisdiction ?sub } BIND("body" AS ?kind) BIND("jurisdiction" AS ?via) }
  UNION { GRAPH ?graph { ?issuer kg:jurisdiction ?sub ; kg:issued ?item } BIND("document" AS ?kind) BIND("issuer" AS ?via) }
  UNION { GRAPH ?graph { ?graph kg:locale ?sub . ?someone kg:issued ?item } BIND("document" AS ?kind) BIND("locale" AS ?via) }
  UNION { GRAPH ?graph { ?conductor kg:jurisdiction ?sub ; kg:conducted ?item } BIND("campaign" AS ?kind) BIND("conductor" AS ?via) }
  GRAPH <https://w3id.org/kg-ip/graph/reference> { ?sub skos:prefLabel ?where }
  GRAPH ?graph { ?graph dcterms:identifier ?article . ?item skos:prefLabel ?name }
}""",
    "documents_by_year": """
SELECT DISTINCT ?year ?document ?source ?issuer ?article WHERE {
  {
    GRAPH ?graph { ?document_iri a kg:PolicyDocument ; skos:prefLabel ?document . ?graph dcterms:identifier ?article }
    OPTIONAL {
      FILTER(!REGEX(?document, "(19|20)[0-9]{2}"))
      GRAPH ?graph {
        ?assertion rdf:predicate kg:issued ; rdf:object ?document_iri ;
          kg:evidence/oa:hasSelector/oa:exact ?sentence .
      }
      FILTER(REGEX(?sentence, "(19|20)[0-9]{2}年"))
    }
    BIND(IF(REGEX(?document, "(19|20)[0-9]{2}"), "title", IF(BOUND(?sentence), "sentence", ?none)) AS ?source)
    FILTER(BOUND(?source))
    BIND(xsd:integer(IF(?source = "title",
                        REPLACE(STR(?document), "^.*?((19|20)[0-9]{2}).*$", "$1", "s"),
                        REPLACE(STR(?sentence), "^.*?((19|20)[0-9]{2})年.*$", "$1", "s"))) AS ?year)
  }
  OPTIONAL { GRAPH ?graph { ?issuer_iri kg:issued ?document_iri ; skos:prefLabel ?issuer } }
}""",
}

CASES = [
    ("issuers", {}),
    ("joint_documents", {}),
    ("campaigns", {}),
    ("co_issuance", {}),
    ("body_documents", {"body": "拉萨市市场监管局"}),
    ("body_documents", {"body": "市市场监管局"}),
    ("body_documents", {"body": "国家知识产权局"}),
    ("within_place", {"place": "西藏自治区"}),
    ("within_place", {"place": "拉萨"}),
    ("within_place", {"place": "甘肃省"}),
    ("within_place", {"place": "内蒙古自治区"}),
    ("documents_by_year", {}),
    ("documents_by_year", {"year": 2021}),
    ("documents_by_year", {"year": 2022}),
]


def _rows(result) -> Counter:
    return Counter(tuple(row[column] for column in result.columns) for row in result.rows)


def test_every_question_has_a_plain_form():
    assert set(PLAIN) == set(questions())


@pytest.mark.parametrize("store_name", ["seed_store", "layout_store"])
@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{'-'.join(map(str, p.values())) or 'all'}" for n, p in CASES])
def test_question_gives_the_rows_of_its_plain_form(request, store_name, name, params):
    store = request.getfixturevalue(store_name)
    question = questions()[name]
    plain = run_sparql(store, inline_values(PREFIXES + PLAIN[name], question.bind(params)))
    asked = run(store, name, params, cache=False)
    assert asked.columns == plain.columns
    assert _rows(asked) == _rows(plain)


@pytest.mark.parametrize("store_name", ["seed_store", "layout_store"])
def test_the_comparison_is_not_vacuous(request, store_name):
    """Each store gives rows to every question that lists everything, and dated documents both ways."""
    store = request.getfixturevalue(store_name)
    for name in ("issuers", "joint_documents", "campaigns", "co_issuance", "documents_by_year"):
        assert run(store, name, {}, cache=False).rows, name
    sources = {row["source"] for row in run(store, "documents_by_year", {}, cache=False).rows}
    assert sources == {"title", "sentence"}
