"""The core CLI path: extract, build, ask, sparql, export — through CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import GOLD, SEEDS, gold, seed_paths

HAS_GOLD = GOLD.is_dir()


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "kg-store"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store, result.output


def test_build_prints_summary(built_store):
    _, output = built_store
    assert output.startswith("5 articles, entities: ")
    assert "AGENCY" in output and "POLICY" in output and "triples" in output


def test_extract_emits_one_scoreable_object_per_article():
    result = CliRunner().invoke(cli, ["extract", *map(str, seed_paths())])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["doc"] for o in objects] == [p.stem for p in seed_paths()]
    text = seed_paths()[0].read_text(encoding="utf-8")
    for entity in objects[0]["entities"]:
        assert set(entity) >= {"type", "text", "canonical", "start", "end", "iri"}
        assert text[entity["start"] : entity["end"]] == entity["text"]
    for row in objects[0]["issued"]:
        assert set(row) >= {"issuer", "document", "issuer_iri", "document_iri", "evidence"}


@pytest.mark.skipif(not HAS_GOLD, reason="../shared/gold is not beside the checkout")
def test_ask_issuers_returns_gold_rows(built_store):
    store, _ = built_store
    result = CliRunner().invoke(cli, ["ask", "issuers", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["issuer"], r["document"], r["article"]) for r in json.loads(result.output)}
    expected = {
        (row["issuer"], row["document"], path.stem)
        for path in seed_paths()
        for row in gold(path.stem)["issued"]
        if row["explicit"]
    }
    found = rows & expected
    # The end-to-end path must carry gold rows from text to SPARQL answer for every seed with explicit rows.
    assert {article for _, _, article in found} == {article for _, _, article in expected}
    assert ("白银市人民政府办公室", "关于进一步加强知识产权保护的实施方案", "002_fd5c015d66bd1487") in rows


def test_ask_lists_questions():
    result = CliRunner().invoke(cli, ["ask", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "name,description"
    assert any(line.startswith("issuers,") for line in result.output.splitlines())


def test_sparql_counts_articles(built_store):
    store, _ = built_store
    query = "PREFIX kg: <https://w3id.org/kg-ip/ontology#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"
    result = CliRunner().invoke(cli, ["sparql", query, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": "5"}]


def test_sparql_syntax_error_is_one_line(built_store):
    store, _ = built_store
    result = CliRunner().invoke(cli, ["sparql", "SELEKT nothing", "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the SPARQL query does not parse")


@pytest.mark.parametrize("fmt,marker", [("turtle", b"@prefix kg:"), ("nt", b"> .\n"), ("trig", b"{"), ("jsonld", b'"@context"')])
def test_export_formats(built_store, tmp_path, fmt, marker):
    store, _ = built_store
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--store", str(store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_bytes()


def test_build_reports_bad_file_and_keeps_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "001_33a5e50e001da68a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "good.txt"), str(bad), "--store", str(store)])
    assert result.exit_code == 1
    assert f"{bad}: is binary, not text" in result.output
    assert result.output.startswith("error:") or "1 articles" in result.output
    ask = CliRunner().invoke(cli, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), 'article/good')) }", "--store", str(store), "--format", "json"])
    assert int(json.loads(ask.output)[0]["n"]) > 0
