"""``kg viz`` through CliRunner: what it draws for each option, and its one-line errors."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import questions, run
from kg.viz import co_issuance, find_entity, neighbourhood, to_networkx


def _drawn(path) -> set[str]:
    page = path.read_text(encoding="utf-8")
    return {n["id"] for n in json.loads(re.search(r"var data = (\{.*?\});\n", page).group(1))["nodes"]}


@pytest.fixture(scope="module")
def store_dir(seed_store):
    return str(seed_store.path)


def _viz(*args: str):
    result = CliRunner().invoke(cli, ["viz", *args])
    return result


def test_default_draws_every_linked_entity(store_dir, seed_store, tmp_path):
    out = tmp_path / "graph.html"
    result = _viz("--store", store_dir, "-o", str(out))
    assert result.exit_code == 0, result.output
    linked = to_networkx(seed_store, isolated=False)
    assert _drawn(out) == set(linked.nodes)
    assert result.output.strip() == f"{out}: {linked.number_of_nodes()} entities, {linked.number_of_edges()} relations"


def test_isolated_keeps_everything(store_dir, seed_store, tmp_path):
    out = tmp_path / "all.html"
    assert _viz("--store", store_dir, "--isolated", "-o", str(out)).exit_code == 0
    assert _drawn(out) == set(to_networkx(seed_store).nodes)


def test_focus_draws_the_neighbourhood(store_dir, seed_store, tmp_path):
    body = sorted(r["issuer"] for r in run(seed_store, "issuers").rows)[-1]
    out = tmp_path / "focus.html"
    result = _viz("--store", store_dir, "--focus", body, "--depth", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = to_networkx(seed_store)
    assert _drawn(out) == set(neighbourhood(graph, body, depth=1))
    assert find_entity(graph, body) in _drawn(out)
    assert f"<title>{graph.nodes[find_entity(graph, body)]['label']} · 1 step</title>" in out.read_text("utf-8")


def test_question_draws_its_answer(store_dir, seed_store, tmp_path):
    out = tmp_path / "issuers.html"
    assert _viz("--store", store_dir, "--question", "issuers", "-o", str(out)).exit_code == 0
    rows = run(seed_store, "issuers").rows
    assert _drawn(out) == {r["issuer"] for r in rows} | {r["document"] for r in rows}


@pytest.mark.parametrize("name", sorted(questions()))
def test_every_question_can_be_drawn(name, store_dir, seed_store, tmp_path):
    question = questions()[name]
    params = question.example_params
    out = tmp_path / f"{name}.html"
    result = _viz("--store", store_dir, "--question", name, *[f"--param={k}={v}" for k, v in params.items()],
                  "-o", str(out))
    graph = to_networkx(run(seed_store, name, params), isolated=False)
    if graph.number_of_nodes() == 0:
        assert result.exit_code == 1 and "nothing to draw" in result.output
        return
    assert result.exit_code == 0, result.output
    assert _drawn(out) == set(graph.nodes)
    assert graph.number_of_edges() > 0


def test_param_without_question_is_an_error(store_dir, tmp_path):
    result = _viz("--store", store_dir, "--param", "x=1", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "--param goes with --question" in result.output


def test_co_issuance(store_dir, seed_store, tmp_path):
    out = tmp_path / "co.html"
    assert _viz("--store", store_dir, "--co-issuance", "-o", str(out)).exit_code == 0
    assert _drawn(out) == set(co_issuance(to_networkx(seed_store)))


def test_unknown_focus_is_one_line(store_dir, tmp_path):
    result = _viz("--store", store_dir, "--focus", "不存在的机构", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: no entity named '不存在的机构' in the graph; `kg ask issuers` lists bodies and documents")
    assert not (tmp_path / "x.html").exists()


def test_missing_store_is_one_line(tmp_path):
    result = _viz("--store", str(tmp_path / "nope"), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert "no store here" in result.output and len(result.output.strip().splitlines()) == 1


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["viz", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--focus" in result.output
