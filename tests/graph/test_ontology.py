"""kg/graph/ontology.py and ontology/README.md: the files load, and every example query runs on the seed store."""

from __future__ import annotations

import re

import pytest

from kg.graph.ontology import ontology_file, ontology_graph, shapes_graph


def readme_queries() -> list[tuple[str, str]]:
    """(heading, query) for each ```sparql block of ontology/README.md."""
    text = ontology_file("README.md").read_text(encoding="utf-8")
    found = []
    heading = ""
    for block in re.split(r"(^#{2,4} .*$)", text, flags=re.M):
        if block.startswith("#"):
            heading = block.strip("# \n")
            continue
        for query in re.findall(r"```sparql\n(.*?)```", block, flags=re.S):
            found.append((heading, query))
    return found


def test_files_load():
    assert len(ontology_graph()) > 100
    assert len(shapes_graph()) > 50


def test_readme_documents_every_term():
    from tests.graph.test_namespace import ttl_terms

    text = ontology_file("README.md").read_text(encoding="utf-8")
    assert [t for t in sorted(ttl_terms()) if f"kg:{t}" not in text] == []


@pytest.mark.parametrize("heading,query", readme_queries(), ids=[h for h, _ in readme_queries()])
def test_readme_query_runs_on_the_seed_store(seed_store, heading, query):
    from kg.query import run_sparql

    result = run_sparql(seed_store, query)
    if "# may be empty" not in query:
        assert result.rows, f"{heading}: no rows on the seed store"
