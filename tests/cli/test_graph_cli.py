"""`kg validate`, `kg why`, `kg remove` and `kg export` through click's CliRunner."""

from __future__ import annotations

import gc
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.namespace import KG
from kg.link import article_iri, entity_iri
from tests.conftest import SEEDS

SHARED_AGENCY = entity_iri("AGENCY", "国家知识产权局")
SHARED_CAMPAIGN = entity_iri("CAMPAIGN", "蓝天专项行动")
OTHER = "国家知识产权局部署持续开展\"蓝天\"专项行动,加强商标代理监管。\n"


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    # `kg build` leaves its GraphStore to the garbage collector; RocksDB's lock goes with it.
    gc.collect()
    return result


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_validate_the_seed_store(seed_store, engine):
    result = invoke("validate", "--store", seed_store.path, "--engine", engine)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].startswith("5 graphs checked: 0 violations")
    assert sum(line.startswith("ok ") for line in lines) == 5


def test_validate_files_reports_violations(seed_store, tmp_path):
    good = tmp_path / "graph.trig"
    assert invoke("export", "--store", seed_store.path, "--format", "trig", "-o", good).exit_code == 0
    result = invoke("validate", good)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("5 graphs checked: 0 violations")
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "<https://w3id.org/kg-ip/agency/x> <https://w3id.org/kg-ip/ontology#issued> <https://w3id.org/kg-ip/document/y> .\n",
        encoding="utf-8",
    )
    result = invoke("validate", bad)
    assert result.exit_code == 1
    assert f"FAIL {bad}" in result.output
    assert "violation: <https://w3id.org/kg-ip/agency/x>" in result.output
    assert "has no kg:Assertion" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1 and f"{broken}: cannot parse as RDF" in result.output


def test_why_prints_the_sentence_with_article_and_offsets(seed_store):
    rows = invoke("ask", "issuers", "--store", seed_store.path, "--format", "csv").output.splitlines()[1:]
    issuer, document, article = rows[0].split(",")[:3]
    result = invoke("why", issuer, document, "--store", seed_store.path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{issuer} issued 《") and "<https://w3id.org/kg-ip/" in lines[0]
    start, end = lines[1].split("[", 1)[1].split("]", 1)[0].split(":")
    text = (SEEDS / f"{article}.txt").read_text(encoding="utf-8")
    assert lines[1].strip().startswith(article)
    assert lines[1].endswith(" ".join(text[int(start) : int(end)].split()))
    csv = invoke("why", issuer, document, "--store", seed_store.path, "--format", "csv").output
    assert csv.splitlines()[0] == "article,start,end,sentence,issuer,document"


def test_why_nothing_is_one_line_and_exit_1(seed_store):
    result = CliRunner().invoke(cli, ["why", "不存在的机构", "不存在的文件", "--store", str(seed_store.path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: no extracted fact that '不存在的机构' issued '不存在的文件'; `kg ask issuers` lists the facts there are"
    ]


def _subjects(store_path, iri):
    from kg.store import GraphStore

    store = GraphStore(store_path, read_only=True)
    rows = store.query(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ <{iri}> a ?t }} }}")
    return {(r["g"].value, r["t"].value) for r in rows}


@pytest.fixture(scope="module")
def shared_build(tmp_path_factory):
    """Two seeds mentioning 国家知识产权局 and a short article that shares 蓝天专项行动 with seed 000."""
    root = tmp_path_factory.mktemp("shared")
    folder = root / "in"
    folder.mkdir()
    for name in ("000_270aec11aeae12c3.txt", "002_fd5c015d66bd1487.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    store = root / "store"
    result = invoke("build", folder, "--store", store)
    assert result.exit_code == 0, result.output
    return folder, store


@pytest.fixture()
def shared_store(shared_build, tmp_path):
    """A private copy of the shared build's store (RocksDB directories copy fine when closed)."""
    _folder, built = shared_build
    store = tmp_path / "store"
    shutil.copytree(built, store)
    return store


def test_remove_takes_out_one_article_and_keeps_shared_entities(shared_store):
    agency_before = _subjects(shared_store, SHARED_AGENCY)
    assert {g for g, _t in agency_before} >= {article_iri("000_270aec11aeae12c3"), article_iri("002_fd5c015d66bd1487")}
    campaign_before = _subjects(shared_store, SHARED_CAMPAIGN)
    assert {g for g, _t in campaign_before} == {article_iri("000_270aec11aeae12c3"), article_iri("other")}

    result = invoke("remove", "000_270aec11aeae12c3", "--store", shared_store)
    assert result.exit_code == 0 and result.output == "removed 000_270aec11aeae12c3\n"
    agency_after = _subjects(shared_store, SHARED_AGENCY)
    assert agency_after == {(g, t) for g, t in agency_before if g != article_iri("000_270aec11aeae12c3")}
    assert (article_iri("002_fd5c015d66bd1487"), str(KG.GovernmentBody)) in agency_after
    assert _subjects(shared_store, SHARED_CAMPAIGN) == {(article_iri("other"), str(KG.Campaign))}

    assert invoke("remove", article_iri("other"), "--store", shared_store).exit_code == 0
    assert _subjects(shared_store, SHARED_CAMPAIGN) == set()
    assert invoke("validate", "--store", shared_store).exit_code == 0


def test_remove_then_rebuild_gives_the_same_store(shared_build, shared_store):
    first = invoke("export", "--store", shared_store, "--format", "nt").output
    assert invoke("remove", "002_fd5c015d66bd1487", "--store", shared_store).exit_code == 0
    assert invoke("export", "--store", shared_store, "--format", "nt").output != first
    assert invoke("build", shared_build[0], "--store", shared_store).exit_code == 0
    assert invoke("export", "--store", shared_store, "--format", "nt").output == first


def test_remove_unknown_article_fails(shared_store):
    result = CliRunner().invoke(cli, ["remove", "no_such_article", "--store", str(shared_store)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no article no_such_article in")


def test_export_flags(seed_store, tmp_path):
    default = invoke("export", "--store", seed_store.path, "--format", "nt").output
    everything = invoke("export", "--store", seed_store.path, "--format", "nt", "--all-places").output
    with_ontology = invoke("export", "--store", seed_store.path, "--format", "nt", "--ontology").output
    assert len(default) < len(everything)
    assert set(default.splitlines()) < set(everything.splitlines())
    assert set(default.splitlines()) < set(with_ontology.splitlines())
    out = tmp_path / "g.trig"
    assert invoke("export", "--store", seed_store.path, "--format", "trig", "-o", out).exit_code == 0
    assert out.read_bytes() == invoke("export", "--store", seed_store.path, "--format", "trig").stdout_bytes


def _graph_dump(store_path, graph):
    from kg.store import GraphStore

    with GraphStore(store_path, read_only=True) as store:
        return store.graph_triples(graph)


def test_building_twice_gives_the_same_store(shared_build, shared_store):
    first = invoke("export", "--store", shared_store, "--format", "trig", "--all-places", "--ontology").stdout_bytes
    assert invoke("build", shared_build[0], "--store", shared_store, "--force").exit_code == 0
    assert invoke("export", "--store", shared_store, "--format", "trig", "--all-places", "--ontology").stdout_bytes == first


def test_reingesting_a_changed_article_replaces_exactly_its_contribution(shared_build, shared_store, tmp_path):
    from kg.graph import article_triples
    from kg.ingest import read_articles
    from kg.pipeline import extract

    others = {g: _graph_dump(shared_store, g) for g in (article_iri("000_270aec11aeae12c3"), article_iri("other"))}
    before = _graph_dump(shared_store, article_iri("002_fd5c015d66bd1487"))
    folder = tmp_path / "in"
    folder.mkdir()
    changed = folder / "002_fd5c015d66bd1487.txt"
    text = (shared_build[0] / changed.name).read_text(encoding="utf-8")
    changed.write_text(text[: len(text) // 2], encoding="utf-8")
    assert invoke("build", folder, "--store", shared_store).exit_code == 0
    (article,) = list(read_articles([changed]))
    after = _graph_dump(shared_store, article_iri("002_fd5c015d66bd1487"))
    assert after == set(article_triples(extract(article))) and after != before
    assert {g: _graph_dump(shared_store, g) for g in others} == others
