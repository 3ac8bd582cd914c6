"""kg.viz.networkx: the store and query results as networkx graphs, co-issuance, neighbourhoods."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import pytest
from pyoxigraph import NamedNode

from kg.gazetteer import load_gazetteer
from kg.link.iri import identity_key, place_iri
from kg.query import Result, run, run_sparql
from kg.viz import VizError, co_issuance, find_entity, neighbourhood, to_networkx

PREFIXES = """
PREFIX kg: <https://w3id.org/kg-ip/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""
TYPES = {"GovernmentBody": "AGENCY", "Organization": "ORG", "PolicyDocument": "POLICY", "Campaign": "CAMPAIGN",
         "Place": "PLACE"}


@pytest.fixture(scope="module")
def graph(seed_store):
    return to_networkx(seed_store)


def test_nodes_are_the_mentioned_entities_with_their_types(graph, seed_store):
    rows = run_sparql(seed_store, PREFIXES + """
        SELECT DISTINCT ?e ?class WHERE { ?article schema:mentions ?e . ?e a ?class }""").rows
    typed = defaultdict(set)
    for row in rows:
        name = row["class"].rsplit("#", 1)[-1]
        if name in TYPES:
            typed[row["e"]].add(TYPES[name])
    mentioned = set(typed)
    assert mentioned <= set(graph.nodes)
    for node in mentioned:
        assert graph.nodes[node]["type"] in typed[node]
        assert graph.nodes[node]["label"]
        assert graph.nodes[node]["articles"]
    assert Counter(graph.nodes[n]["type"] for n in mentioned)["AGENCY"] > 0


def test_edges_are_the_asserted_relations(graph, seed_store):
    rows = run_sparql(seed_store, PREFIXES + """
        SELECT DISTINCT ?s ?p ?o WHERE {
          VALUES ?p { kg:issued kg:conducted kg:jurisdiction }
          GRAPH ?g { ?g a kg:Article . ?s ?p ?o } }""").rows
    kinds = {"issued": "issued", "conducted": "conducted", "jurisdiction": "jurisdiction"}
    expected = {(r["s"], r["o"], kinds[r["p"].rsplit("#", 1)[-1]]) for r in rows}
    found = {(s, o, k) for s, o, k in graph.edges(keys=True) if k != "part_of"}
    assert found == expected
    assert any(k == "issued" for _, _, k in found)
    for s, o, k, data in graph.edges(keys=True, data=True):
        assert data["relation"] == k


def test_issued_edges_answer_the_issuers_question(graph, seed_store):
    answer = {(identity_key(r["issuer"]), identity_key(r["document"])) for r in run(seed_store, "issuers").rows}
    drawn = {(identity_key(graph.nodes[s]["label"]), identity_key(graph.nodes[o]["label"]))
             for s, o, k in graph.edges(keys=True) if k == "issued"}
    assert drawn == answer


def test_places_carry_gazetteer_coordinates(graph):
    gazetteer = load_gazetteer()
    places = [(n, d) for n, d in graph.nodes(data=True) if d["type"] == "PLACE" and d.get("code")]
    assert places
    for node, data in places:
        place = gazetteer.by_code[data["code"]]
        assert node == place_iri(place.code)
        if place.longitude is not None:
            assert (data["lon"], data["lat"]) == pytest.approx((place.longitude, place.latitude), abs=1e-5)


def test_ancestors_link_places_to_their_provinces(seed_store, graph):
    with_ancestors = to_networkx(seed_store, ancestors=True)
    gazetteer = load_gazetteer()
    for node, data in graph.nodes(data=True):
        if data["type"] == "PLACE" and data.get("code", "")[:1].isdigit():
            for parent in gazetteer.ancestors(data["code"]):
                assert place_iri(parent.code) in with_ancestors
            if gazetteer.by_code[data["code"]].parent in gazetteer.by_code:
                parent = place_iri(gazetteer.by_code[data["code"]].parent)
                assert with_ancestors.has_edge(node, parent, key="part_of")


def test_isolated_false_keeps_every_relation(seed_store, graph):
    linked = to_networkx(seed_store, isolated=False)
    assert all(linked.degree(n) > 0 for n in linked)
    assert sorted(linked.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert linked.number_of_nodes() < graph.number_of_nodes()


def test_result_graph_from_the_issuers_question(seed_store):
    answer = run(seed_store, "issuers")
    g = to_networkx(answer)
    pairs = {(r["issuer"], r["document"]) for r in answer.rows}
    assert {(s, o) for s, o, k in g.edges(keys=True)} == pairs
    assert {k for _, _, k in g.edges(keys=True)} == {"issued"}
    for row in answer.rows:
        assert g.nodes[row["issuer"]]["type"] == "AGENCY"
        assert g.nodes[row["document"]]["type"] == "POLICY"
        assert row["article"] in g.edges[row["issuer"], row["document"], "issued"]["articles"]


def test_result_graph_prefers_iri_columns():
    result = Result(("body", "body_iri", "campaign"),
                    ({"body": "甲局", "body_iri": "https://example.org/a", "campaign": "昆仑行动"},))
    g = to_networkx(result)
    assert list(g.edges(keys=True)) == [("https://example.org/a", "昆仑行动", "conducted")]
    assert g.nodes["https://example.org/a"]["label"] == "甲局"


def test_co_issuance_pairs_bodies_sharing_a_document(graph, seed_store):
    rows = run_sparql(seed_store, PREFIXES + "SELECT DISTINCT ?b ?d WHERE { ?b kg:issued ?d }").rows
    by_doc = defaultdict(set)
    for row in rows:
        by_doc[row["d"]].add(row["b"])
    weights = Counter(pair for bodies in by_doc.values() for pair in combinations(sorted(bodies), 2))
    co = co_issuance(graph)
    assert {tuple(sorted(e)): co.edges[e]["weight"] for e in co.edges} == dict(weights)
    assert weights
    assert all(co.degree(n) > 0 for n in co)
    with_alone = co_issuance(graph, isolated=True)
    assert set(with_alone) == {b for bodies in by_doc.values() for b in bodies}


def test_neighbourhood_depth_one_is_the_direct_relations(graph, seed_store):
    answer = run(seed_store, "issuers").rows
    body = sorted(r["issuer"] for r in answer)[0]
    centre = find_entity(graph, body)
    rows = run_sparql(seed_store, PREFIXES + """
        SELECT DISTINCT ?x ?n WHERE {
          VALUES ?p { kg:issued kg:conducted kg:jurisdiction schema:containedInPlace }
          GRAPH ?g { ?g a kg:Article . { ?x ?p ?n } UNION { ?n ?p ?x } } }""",
        {"x": NamedNode(centre)}).rows
    ego = neighbourhood(graph, body, depth=1)
    assert set(ego) == {centre} | {r["n"] for r in rows}
    assert ego.graph["focus"] == centre


def test_find_entity_by_iri_label_spelling_and_part(graph):
    node = next(n for n, d in graph.nodes(data=True) if d["type"] == "AGENCY")
    label = graph.nodes[node]["label"]
    assert find_entity(graph, node) == node
    assert find_entity(graph, label) == node
    dashed = to_networkx(Result(("issuer", "document"), ({"issuer": "甲", "document": "纲要(2021—2035年)"},)))
    assert find_entity(dashed, "纲要（2021-2035年）") == "纲要(2021—2035年)"


def test_find_entity_errors_say_what_matched(graph):
    with pytest.raises(VizError, match="no entity named '不存在的机构'"):
        find_entity(graph, "不存在的机构")
    with pytest.raises(VizError, match=r"names \d+ entities .*full name"):
        find_entity(graph, "知识产权")


def test_to_networkx_rejects_other_inputs():
    with pytest.raises(VizError, match="GraphStore or a kg.query.Result"):
        to_networkx([("a", "b")])  # type: ignore[arg-type]


def test_graph_supports_analysis(graph):
    linked = nx.Graph(graph.to_undirected())
    linked.remove_nodes_from([n for n in list(linked) if linked.degree(n) == 0])
    centrality = nx.degree_centrality(linked)
    assert centrality and max(centrality.values()) > 0
    assert nx.number_connected_components(linked) >= 1
