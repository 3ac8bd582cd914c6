"""The canned questions, rewritten for pyoxigraph's planner, answer exactly as their plain forms.

kg/queries/*.rq split each question into sub-SELECTs so that pyoxigraph 0.5
hash-joins predicate scans instead of seeking row by row (issue 8).  The
plain forms below say what each question means, one ``GRAPH ?graph { … }``
block the obvious way; on the seed store and on the hand-written layout both
must give the same rows (every column, every row, as multisets).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

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

#: The plain form of each question, one file per question.
PLAIN = {path.stem: path.read_text(encoding="utf-8") for path in (Path(__file__).parent / "fixtures" / "plain").glob("*.rq")}

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
