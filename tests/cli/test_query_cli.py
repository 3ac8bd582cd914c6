"""`kg ask` and `kg sparql` through CliRunner: parameters, formats, --endpoint."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import questions
from tests.query.conftest import LAYOUT
from tests.serve.running import build_store, kg_serve


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("cli-query") / "store", trig=LAYOUT, seeds=False)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_ask_lists_every_question_with_its_parameters():
    result = invoke("ask", "--format", "json")
    assert result.exit_code == 0
    listed = {row["name"]: row["description"] for row in json.loads(result.output)}
    assert set(listed) == set(questions())
    assert "Params: body=label." in listed["body_documents"]
    assert "year=integer (optional)" in listed["documents_by_year"]


def test_ask_with_a_param(store):
    result = invoke("ask", "body_documents", "--param", "body=拉萨市市场监管局", "--store", str(store), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "body,issuer,document,article",
        "拉萨市市场监管局,拉萨市市场监督管理局,2023年拉萨市知识产权保护实施方案,a1",
    ]


@pytest.mark.parametrize("fmt,check", [("json", lambda o: json.loads(o)[0]["year"] == "2021"),
                                       ("md", lambda o: o.splitlines()[1] == "|---|---|---|---|---|"),
                                       ("table", lambda o: "知识产权纠纷调解办法" in o)])
def test_ask_formats(store, fmt, check):
    result = invoke("ask", "documents_by_year", "-p", "year=2021", "--store", str(store), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert check(result.output)


@pytest.mark.parametrize(
    "args,message",
    [
        (["ask", "body_documents"], "needs --param body=VALUE"),
        (["ask", "body_documents", "-p", "bodyX"], "write it as NAME=VALUE"),
        (["ask", "documents_by_year", "-p", "year=二〇二一"], "takes an integer"),
        (["ask", "within_place", "-p", "city=拉萨"], "has no parameter 'city'"),
        (["ask", "nope"], "no question named 'nope'"),
    ],
)
def test_ask_errors_are_one_line(store, args, message):
    result = invoke(*args, "--store", str(store))
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_hostile_param_is_data_and_store_unchanged(store):
    count = ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "--format", "json"]
    before = invoke(*count).output
    result = invoke("ask", "body_documents", "-p", 'body=x" } } ; DROP ALL ; #', "--store", str(store), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []
    assert invoke(*count).output == before


def test_sparql_params_literal_and_iri(store):
    query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?c ?name WHERE { ?c skos:prefLabel ?name }"
    result = invoke("sparql", query, "-p", "c=<https://w3id.org/kg-ip/campaign/铁拳专项行动>", "--store", str(store), "--format", "json")
    assert json.loads(result.output) == [{"c": "https://w3id.org/kg-ip/campaign/铁拳专项行动", "name": "铁拳专项行动"}]
    bad = invoke("sparql", query, "-p", "c=<not an iri>", "--store", str(store))
    assert bad.exit_code == 1 and "not a valid IRI" in bad.output


def test_endpoint_gives_the_same_answers(store):
    with kg_serve(store) as url:
        for args in (["ask", "issuers"], ["ask", "within_place", "-p", "place=西藏自治区"], ["ask", "co_issuance"],
                     ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]):
            local = invoke(*args, "--store", str(store), "--format", "csv")
            remote = invoke(*args, "--endpoint", url, "--format", "csv")
            assert local.exit_code == 0 and remote.exit_code == 0, remote.output
            assert remote.output == local.output
        refused = invoke("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--endpoint", url)
        assert refused.exit_code == 1 and "HTTP 403" in refused.output


def test_serve_refuses_a_missing_store(tmp_path):
    result = invoke("serve", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1 and "no store here" in result.output


def test_table_shows_its_first_rows_and_counts_the_rest(store):
    from kg.cli.options import render_rows
    from kg.query import run
    from kg.store import GraphStore

    answer = run(GraphStore(store, read_only=True), "issuers", {})
    assert len(answer.rows) > 3, "the fixture store must have more issuers than the table shows"
    table = render_rows(answer.columns, answer.rows, "table", table_rows=2)
    shown = [row for row in answer.rows[:2]]
    assert all(str(row["document"]) in table for row in shown)
    assert table.splitlines()[-1].startswith(f"… {len(answer.rows) - 2:,} more rows ({len(answer.rows):,} in all)")
    assert render_rows(answer.columns, answer.rows, "table", table_rows=len(answer.rows)).count("…") == 0
    csv_lines = invoke("ask", "issuers", "--store", str(store), "--format", "csv").output.splitlines()
    assert len(csv_lines) == len(answer.rows) + 1
