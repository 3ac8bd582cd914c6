"""kg/serve: a real `kg serve` subprocess spoken to with httpx, SPARQLWrapper and rdflib."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlparse

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

PREFIXES = "PREFIX kg: <https://w3id.org/kg-ip/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
CAMPAIGNS = PREFIXES + "SELECT ?name WHERE { ?c a kg:Campaign ; skos:prefLabel ?name } ORDER BY ?name"
NAMES = ["知识产权宣传周活动", "铁拳专项行动"]
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def test_binds_loopback_by_default(endpoint):
    assert urlparse(endpoint).hostname == "127.0.0.1"
    assert httpx.get(endpoint.rsplit("/", 1)[0] + "/").status_code == 200


def test_get_and_both_posts(endpoint):
    assert names(httpx.get(endpoint, params={"query": CAMPAIGNS})) == NAMES
    assert names(httpx.post(endpoint, data={"query": CAMPAIGNS})) == NAMES
    body = httpx.post(endpoint, content=CAMPAIGNS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert names(body) == NAMES
    assert body.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_result_formats_by_accept(endpoint, accept, fmt):
    response = httpx.post(endpoint, data={"query": CAMPAIGNS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    parsed = ox.parse_query_results(response.content, format=fmt)
    assert [s["name"].value for s in parsed] == NAMES


def test_csv_is_plain_csv(endpoint):  # pyoxigraph does not parse CSV results back (lossy)
    response = httpx.post(endpoint, data={"query": CAMPAIGNS}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(response.text))) == [["name"], *[[n] for n in NAMES]]


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_construct_as_rdf(endpoint, accept, fmt):
    query = PREFIXES + "CONSTRUCT { ?c skos:prefLabel ?name } WHERE { ?c a kg:Campaign ; skos:prefLabel ?name }"
    response = httpx.post(endpoint, data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    graph = rdflib.Graph().parse(data=response.content, format=fmt)
    expected = rdflib.Graph().parse(
        data="""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/kg-ip/campaign/铁拳专项行动> skos:prefLabel "铁拳专项行动"@zh .
        <https://w3id.org/kg-ip/campaign/知识产权宣传周活动> skos:prefLabel "知识产权宣传周活动"@zh .""",
        format="turtle",
    )
    assert isomorphic(graph, expected)


def test_ask(endpoint):
    response = httpx.get(endpoint, params={"query": PREFIXES + "ASK { ?c a kg:Campaign }"})
    assert response.json()["boolean"] is True


def test_unacceptable_format_is_406(endpoint):
    response = httpx.post(endpoint, data={"query": CAMPAIGNS}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_bad_query_is_400(endpoint):
    response = httpx.post(endpoint, data={"query": "SELEKT ?x"})
    assert response.status_code == 400
    assert "does not parse" in response.text


def test_update_is_refused_on_a_read_only_endpoint(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.post(endpoint, data={"query": count}).json()
    update_url = endpoint.rsplit("/", 1)[0] + "/update"
    for body in ("DROP ALL", "INSERT DATA { <http://a/> <http://b/> <http://c/> }"):
        response = httpx.post(update_url, data={"update": body})
        assert response.status_code == 403
        assert "--allow-update" in response.text
        response = httpx.post(update_url, content=body, headers={"Content-Type": "application/sparql-update"})
        assert response.status_code == 403
    # An update smuggled to /query is not run either.
    assert httpx.post(endpoint, data={"query": "DROP ALL"}).status_code == 400
    assert httpx.post(endpoint, data={"query": count}).json() == before


def test_service_and_load_make_no_outside_requests(endpoint, listener):
    url, seen = listener
    service = f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
    for response in (
        httpx.post(endpoint, data={"query": service}),
        httpx.get(endpoint, params={"query": service.replace("SERVICE", "service")}),
        httpx.post(endpoint, data={"query": f"SELECT * WHERE {{ ?s ?p ?o }}.SERVICE<{url}/x>{{?s ?p ?o}}"}),
    ):
        assert response.status_code == 403
        assert "SERVICE is refused" in response.text
    assert seen == []


def test_the_word_service_in_a_literal_is_fine(endpoint):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> and LOAD" AS ?x) }'
    response = httpx.post(endpoint, data={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "SERVICE <http://example.org/> and LOAD"


def test_expensive_query_times_out_and_the_server_recovers(endpoint):
    response = httpx.post(endpoint, data={"query": CROSS_JOIN}, timeout=60)
    assert response.status_code == 503
    assert "timeout" in response.text
    assert names(httpx.post(endpoint, data={"query": CAMPAIGNS}, timeout=60)) == NAMES


def test_request_size_limits(endpoint):
    padding = "#" + "x" * 5000 + "\n"
    assert httpx.post(endpoint, data={"query": padding + CAMPAIGNS}).status_code == 413
    body = (padding + CAMPAIGNS).encode()
    response = httpx.post(endpoint, content=body, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert httpx.get(endpoint, params={"query": padding + CAMPAIGNS}).status_code == 414
    assert names(httpx.post(endpoint, data={"query": "#" + "x" * 100 + "\n" + CAMPAIGNS})) == NAMES


def test_protocol_errors(endpoint):
    root = endpoint.rsplit("/", 1)[0]
    assert httpx.get(root + "/nothing").status_code == 404
    assert httpx.put(endpoint, content=b"x").status_code == 405
    response = httpx.post(endpoint, content=CAMPAIGNS.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert httpx.get(endpoint).status_code == 400


def test_sparqlwrapper_select_and_construct(endpoint):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(CAMPAIGNS)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == NAMES

    client.setMethod("POST")
    client.setQuery(PREFIXES + "CONSTRUCT { ?c a kg:Campaign } WHERE { ?c a kg:Campaign }")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    graph = rdflib.Graph().parse(data=data, format="turtle")
    assert len(graph) == 2


def test_rdflib_sparqlstore(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = graph.query(CAMPAIGNS)
    assert [str(r.name) for r in rows] == NAMES


def test_updates_with_allow_update(writable_endpoint, listener):
    update_url = writable_endpoint.rsplit("/", 1)[0] + "/update"
    insert = 'INSERT DATA { GRAPH <https://w3id.org/kg-ip/article/new> { <https://w3id.org/kg-ip/campaign/x> a <https://w3id.org/kg-ip/ontology#Campaign> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "新行动"@zh } }'
    response = httpx.post(update_url, data={"update": insert})
    assert response.status_code == 204, response.text
    assert names(httpx.post(writable_endpoint, data={"query": CAMPAIGNS})) == sorted([*NAMES, "新行动"])
    url, seen = listener
    response = httpx.post(update_url, data={"update": f"LOAD <{url}/data.ttl>"})
    assert response.status_code == 403 and "LOAD is refused" in response.text
    assert seen == []
    assert httpx.get(update_url).status_code == 405


def test_default_graph_uri_narrows_the_default_graph(endpoint):
    query = PREFIXES + "SELECT ?name WHERE { ?c a kg:Campaign ; skos:prefLabel ?name }"
    one = httpx.get(endpoint, params={"query": query, "default-graph-uri": "https://w3id.org/kg-ip/article/a1"})
    assert names(one) == ["铁拳专项行动"]
    named = httpx.get(endpoint, params={
        "query": PREFIXES + "SELECT ?g WHERE { GRAPH ?g { ?c a kg:Campaign } }",
        "named-graph-uri": "https://w3id.org/kg-ip/article/a2",
    })
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == ["https://w3id.org/kg-ip/article/a2"]
