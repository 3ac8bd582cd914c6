"""notebooks/explore.ipynb: committed without outputs, runs top to bottom, and computes the right things.

The notebook runs once per session in a kernel of this very interpreter (a
kernelspec written to a temporary JUPYTER_PATH, so a ``python3`` kernel
registered elsewhere on the machine cannot be picked by mistake).  Its last
cell writes what it computed to a JSON file; the tests compare that with
answers they get on their own from a store built from the same seeds.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from itertools import combinations

import pytest
from pyoxigraph import NamedNode

from kg.link.iri import identity_key
from kg.query import run, run_sparql
from kg.viz.maps import CHINA_EXTENT
from tests.conftest import GOLD, ROOT, gold, seed_paths

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "kg-test-python"


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.get('id')} has outputs: strip them"


@pytest.fixture(scope="module")
def summary(tmp_path_factory, monkeypatch_module, seed_store):
    """Run the notebook once; return what its last cell wrote."""
    tmp = tmp_path_factory.mktemp("notebook")
    spec = tmp / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg test kernel",
        "language": "python",
    }))
    monkeypatch_module.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
    monkeypatch_module.setenv("KG_NOTEBOOK_SUMMARY", str(tmp / "summary.json"))
    monkeypatch_module.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # Open the session's seed store rather than build the seeds a second time (the build path is one
    # call to kg.build.build; the rest of the notebook is the same either way).
    monkeypatch_module.setenv("KG_STORE", str(seed_store.path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name=KERNEL, timeout=120,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    return json.loads((tmp / "summary.json").read_text(encoding="utf-8")), nb


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_runs_and_shows_tables_graphs_and_a_map(summary):
    _, nb = summary
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    frames = [h for h in html if "<iframe srcdoc=" in h]
    assert len(frames) == 2, "the co-issuance network and the neighbourhood are drawn"
    for frame in frames:
        # Offline: the page inside the frame carries vis-network itself and links nothing remote.
        assert "vis-network" in frame and "https://cdn" not in frame and "src=&quot;http" not in frame
    assert any("<table" in h for h in html), "the issuers table is a DataFrame"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the map is drawn"


def test_issuers_table_is_the_canned_answer(summary, seed_store):
    computed, _ = summary
    assert computed["source"] == str(seed_store.path)
    expected = [dict(row) for row in run(seed_store, "issuers").rows]
    assert computed["issuers"] == expected
    assert len(expected) > 0


@pytest.mark.skipif(not GOLD.is_dir(), reason="the gold annotations (../shared/gold) are not here")
def test_issuers_table_finds_gold_joint_issuers(summary):
    """The gold's explicit joint issuances mostly appear in the notebook's table."""
    computed, _ = summary
    found = {(identity_key(r["issuer"]), identity_key(r["document"])) for r in computed["issuers"]}
    rows = [r for p in seed_paths() for r in gold(p.stem)["issued"] if r["explicit"]]
    hits = [r for r in rows if (identity_key(r["issuer"]), identity_key(r["document"])) in found]
    assert len(hits) >= len(rows) // 2, f"only {len(hits)} of {len(rows)} explicit gold rows in the table"


def test_co_issuers_are_bodies_sharing_a_document(summary, seed_store):
    computed, _ = summary
    issued = run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        SELECT DISTINCT ?body ?doc WHERE { ?body kg:issued ?doc }""")
    by_doc = defaultdict(set)
    for row in issued.rows:
        by_doc[row["doc"]].add(row["body"])
    expected = sorted({tuple(sorted(p)) for bodies in by_doc.values() for p in combinations(sorted(bodies), 2)})
    assert [tuple(p) for p in computed["co_issuers"]] == expected
    assert expected, "the seeds have joint issuances"


@pytest.mark.skipif(not GOLD.is_dir(), reason="the gold annotations (../shared/gold) are not here")
def test_co_issuance_network_has_gold_pairs(summary, seed_store):
    computed, _ = summary
    labels = {row["iri"]: row["label"] for row in run_sparql(seed_store, """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?iri ?label WHERE { ?iri skos:prefLabel ?label }""").rows}
    found = {frozenset(identity_key(labels[i]) for i in pair) for pair in computed["co_issuers"]}
    by_doc = defaultdict(set)
    for p in seed_paths():
        for r in gold(p.stem)["issued"]:
            if r["explicit"]:
                by_doc[(p.stem, r["document"])].add(identity_key(r["issuer"]))
    gold_pairs = {frozenset(pair) for bodies in by_doc.values() for pair in combinations(sorted(bodies), 2)}
    assert gold_pairs
    assert len(gold_pairs & found) >= len(gold_pairs) // 2, f"found {len(gold_pairs & found)} of {len(gold_pairs)}"


def test_neighbourhood_is_around_the_busiest_issuer(summary, seed_store):
    computed, _ = summary
    counts = defaultdict(set)
    for row in run(seed_store, "issuers").rows:
        counts[row["issuer"]].add(row["document"])
    busiest = min(counts, key=lambda b: (-len(counts[b]), b))
    focus = NamedNode(computed["focus"])
    labels = {r["label"] for r in run_sparql(seed_store, """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?body ?label WHERE { ?body skos:prefLabel ?label }""", {"body": focus}).rows}
    assert busiest in labels
    docs = run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?body ?doc ?label WHERE { ?body kg:issued ?doc . ?doc skos:prefLabel ?label }""",
        {"body": focus}).rows
    assert docs
    # What the focus issued is one step away, so it is in the two-step neighbourhood.
    assert {r["doc"] for r in docs} | {focus.value} <= set(computed["neighbourhood"])
    assert computed["issued_by_focus"] == sorted({r["label"] for r in docs})


def test_map_has_one_point_per_place_of_the_articles(summary, seed_store):
    computed, _ = summary
    places = run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        PREFIX schema: <https://schema.org/>
        PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        SELECT DISTINCT ?place ?lat ?long WHERE {
          GRAPH ?article {
            ?article a kg:Article .
            { ?article schema:mentions ?place . ?place a kg:Place } UNION { ?body kg:jurisdiction ?place }
            UNION { ?place schema:containedInPlace ?parent } UNION { ?child schema:containedInPlace ?place } }
          ?place wgs84:lat ?lat ; wgs84:long ?long }""").rows
    expected = sorted([r["place"], float(r["long"]), float(r["lat"])] for r in places)
    assert sorted(computed["map_points"]) == expected
    west, east, south, north = CHINA_EXTENT  # foreign places are named beside the map, not drawn
    assert computed["map_offsets"] == len([p for p in expected if west <= p[1] <= east and south <= p[2] <= north]) > 0


def test_sparql_and_turtle_sections(summary, seed_store):
    computed, _ = summary
    assert sum(int(r["documents"]) for r in computed["documents_per_body"]) == len(run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        SELECT DISTINCT ?b ?d WHERE { ?b kg:issued ?d }""").rows)
    from rdflib import Graph, Namespace

    turtle = Graph().parse(computed["turtle"], format="turtle")
    assert len(turtle) == computed["turtle_triples"] > 0
    kg = Namespace("https://w3id.org/kg-ip/ontology#")
    exported = {(str(s), str(o)) for s, o in turtle.subject_objects(kg.issued)}
    stored = {(r["b"], r["d"]) for r in run_sparql(seed_store, """
        PREFIX kg: <https://w3id.org/kg-ip/ontology#>
        SELECT DISTINCT ?b ?d WHERE { ?b kg:issued ?d }""").rows}
    assert exported == stored
