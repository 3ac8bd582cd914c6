"""kg/query/remote.py: the same questions against a SPARQL endpoint (a real `kg serve`)."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query import Endpoint, questions, run, run_sparql
from tests.query.conftest import LAYOUT
from tests.serve.running import build_store, kg_serve

EXAMPLES = {
    "body_documents": [{"body": "拉萨市市场监管局"}, {"body": "市市场监管局"}, {"body": '"检察护企"{专项} SELECT 办公室'}],
    "within_place": [{"place": "西藏自治区"}, {"place": "拉萨"}],
    "documents_by_year": [{}, {"year": 2021}, {"year": "2023"}],
}


@pytest.fixture(scope="module")
def served(tmp_path_factory, seed_store):
    """A store of the seeds plus the layout fixture, and a `kg serve` over it."""
    path = build_store(tmp_path_factory.mktemp("remote") / "store", trig=LAYOUT, seeds=False, copy_of=seed_store)
    from kg.store import GraphStore

    with kg_serve(path) as url:
        yield GraphStore(path, read_only=True), url


def cases():
    for name in sorted(questions()):
        for params in EXAMPLES.get(name, [{}]):
            yield pytest.param(name, params, id=f"{name}-{'-'.join(map(str, params.values()))}")


@pytest.mark.parametrize("name,params", list(cases()))
def test_endpoint_answers_as_the_store_does(served, name, params):
    store, url = served
    local = run(store, name, params)
    remote = run(Endpoint(url), name, params)
    assert remote.columns == local.columns
    assert remote.rows == local.rows
    assert remote.datatypes == local.datatypes
    if name in ("issuers", "within_place", "body_documents"):
        assert local.rows, "the example must have an answer to compare"


def test_hostile_value_is_data_on_the_endpoint(served):
    store, url = served
    before = len(store)
    value = '" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    assert run(Endpoint(url), "body_documents", {"body": value}).rows == ()
    assert run_sparql(Endpoint(url), "SELECT ?x WHERE { BIND(STRLEN(?x) AS ?n) }", {"x": value}).rows == ({"x": value},)
    assert len(store) == before


def test_endpoint_errors_are_one_line():
    with pytest.raises(QueryError, match="cannot reach the endpoint"):
        run_sparql(Endpoint("http://127.0.0.1:9/query", timeout=2), "ASK {}")


def test_endpoint_refusal_is_reported(served):
    _, url = served
    with pytest.raises(QueryError, match="HTTP 403: SERVICE is refused"):
        run_sparql(Endpoint(url), "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="HTTP 400: the SPARQL query does not parse"):
        run_sparql(Endpoint(url), "SELEKT")
