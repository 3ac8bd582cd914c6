"""kg/query/cache.py: slow answers kept beside a store, valid until a writer next opens it."""

from __future__ import annotations

import json

import pytest

import kg.query
from kg.query import run
from kg.query.cache import ANSWERS_FOLDER
from kg.store import GraphStore
from tests.query.conftest import load_layout


@pytest.fixture()
def store_path(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.query, "SLOW_SECONDS", 0.0)  # the hand-written graph answers too fast to be kept
    path = tmp_path / "store"
    with GraphStore(path) as writer:
        load_layout(writer)
    return path


def _kept(store: GraphStore) -> list:
    return sorted((store.path / ANSWERS_FOLDER / store.generation).glob("*.json"))


def _doctor(path) -> None:
    """Change a kept answer on disk, so a test can tell a kept answer from a computed one."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rows"] = [{column: "from the cache" for column in data["columns"]}]
    path.write_text(json.dumps(data), encoding="utf-8")


def test_an_answer_is_kept_and_served_until_a_writer_opens_the_store(store_path):
    reader = GraphStore(store_path, read_only=True)
    computed = run(reader, "issuers")
    assert computed.rows and len(_kept(reader)) == 1
    _doctor(_kept(reader)[0])
    assert run(reader, "issuers").rows == ({c: "from the cache" for c in computed.columns},)
    assert run(reader, "issuers", cache=False) == computed

    GraphStore(store_path).close()  # a writer came and went: a new generation
    fresh = GraphStore(store_path, read_only=True)
    assert fresh.generation != reader.generation
    assert run(fresh, "issuers") == computed
    # The first answer of the new generation cleared the old one's folder.
    assert [p.name for p in (store_path / ANSWERS_FOLDER).iterdir()] == [fresh.generation]


def test_nothing_is_kept_while_a_writer_holds_the_store_or_for_a_store_in_memory(store_path):
    with GraphStore(store_path) as writer:
        reader = GraphStore(store_path, read_only=True)
        assert writer.generation is None and reader.generation is None
        run(writer, "issuers")
        assert not (store_path / ANSWERS_FOLDER).exists()
    memory = GraphStore()
    load_layout(memory)
    assert memory.generation is None and run(memory, "issuers").rows


def test_parameters_and_questions_have_answers_of_their_own(store_path):
    reader = GraphStore(store_path, read_only=True)
    first = run(reader, "body_documents", {"body": "拉萨市市场监督管理局"})
    other = run(reader, "body_documents", {"body": "国家知识产权局"})
    run(reader, "issuers")
    assert len(_kept(reader)) == 3
    assert run(reader, "body_documents", {"body": "拉萨市市场监督管理局"}) == first
    assert run(reader, "body_documents", {"body": "国家知识产权局"}) == other


@pytest.mark.parametrize("damage", ["not json {", '{"query": "SELECT 1", "columns": [], "rows": [], "datatypes": {}}', "[]"])
def test_a_damaged_or_foreign_answer_file_is_ignored(store_path, damage):
    reader = GraphStore(store_path, read_only=True)
    computed = run(reader, "issuers")
    _kept(reader)[0].write_text(damage, encoding="utf-8")
    assert run(reader, "issuers") == computed


def test_a_generation_that_is_not_a_plain_token_is_not_trusted(store_path):
    (store_path / "kg-generation").write_text("../../elsewhere\n", encoding="ascii")
    reader = GraphStore(store_path, read_only=True)
    assert reader.generation is None
    assert run(reader, "issuers").rows and not (store_path / ANSWERS_FOLDER).exists()
