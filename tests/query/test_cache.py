"""kg/query/cache.py: slow answers kept beside a store, valid until a writer next opens it."""

from __future__ import annotations

import json
import zlib

import pytest

import kg.query
from kg.query import Result, questions, run
from kg.query.cache import ANSWERS_FOLDER, SUFFIX, AnswerCache, decode_answer, encode_answer
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
    return sorted((store.path / ANSWERS_FOLDER / store.generation).glob(f"*{SUFFIX}"))


def _doctor(path) -> None:
    """Change a kept answer on disk, so a test can tell a kept answer from a computed one."""
    query, kept = decode_answer(path.read_bytes())
    doctored = Result(kept.columns, ({column: "from the cache" for column in kept.columns},), kept.datatypes)
    path.write_bytes(encode_answer(query, doctored))


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


def _reseal(data: bytes) -> bytes:
    """``data`` with the checksum of its header line made right again (damage the checksum cannot see)."""
    first, _, body = data.partition(b"\n")
    fields = first.split(b" ")
    return b" ".join([*fields[:3], str(zlib.crc32(body)).encode()]) + b"\n" + body


def _cells_out_of_range(data: bytes) -> bytes:
    first, _, body = data.partition(b"\n")
    return _reseal(first + b"\n" + body[:-4] + b"\xff\xff\xff\x7f")


def _header_of_another_query(data: bytes) -> bytes:
    query, kept = decode_answer(data)
    return encode_answer(query + " # another", kept)


def _rows_claimed(data: bytes, rows: int) -> bytes:
    query, kept = decode_answer(data)
    header_end = len(data) - len(kept.rows) * len(kept.columns) * 4
    first, _, header = data[:header_end].partition(b"\n")
    claimed = header.replace(b'"rows":%d' % len(kept.rows), b'"rows":%d' % rows, 1)
    assert claimed != header
    fields = first.split(b" ")
    return _reseal(b" ".join([*fields[:2], str(len(claimed)).encode(), b"0"]) + b"\n" + claimed + data[header_end:])


DAMAGE = {
    "not-an-answer": lambda data: b"not json {",
    "old-json-form": lambda data: json.dumps({"query": "SELECT 1", "columns": [], "rows": [], "datatypes": {}}).encode(),
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "truncated-resealed": lambda data: _reseal(data[:-4]),
    "one-byte-flipped": lambda data: data[:-3] + bytes([data[-3] ^ 0x01]) + data[-2:],
    "bad-checksum": lambda data: data.replace(b"\n", b"1\n", 1),
    "cell-out-of-range": _cells_out_of_range,
    "header-not-json": lambda data: _reseal(data.replace(b'"columns"', b'"columns', 1)),
    "another-query": _header_of_another_query,
    "rows-miscounted": lambda data: _rows_claimed(data, 1),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_or_foreign_answer_file_is_ignored(store_path, damage):
    reader = GraphStore(store_path, read_only=True)
    computed = run(reader, "issuers")
    kept = _kept(reader)[0]
    damaged = DAMAGE[damage](kept.read_bytes())
    assert damaged != kept.read_bytes()
    kept.write_bytes(damaged)
    if damage != "another-query":  # that one is whole, but not the answer to this question
        with pytest.raises(ValueError):
            decode_answer(damaged)
    served = run(reader, "issuers")
    assert served == computed and served.datatypes == computed.datatypes


def test_answer_files_of_an_older_format_are_never_read(store_path):
    reader = GraphStore(store_path, read_only=True)
    computed = run(reader, "issuers")
    kept = _kept(reader)[0]
    # What an earlier kg wrote under the same name: a JSON file, one object per row.
    older = kept.with_suffix(".json")
    older.write_text(json.dumps({"query": "x", "columns": ["issuer"], "datatypes": {}, "rows": [{"issuer": "old"}]}))
    kept.unlink()
    assert run(reader, "issuers") == computed
    assert older.exists() and len(_kept(reader)) == 1


def test_a_generation_that_is_not_a_plain_token_is_not_trusted(store_path):
    (store_path / "kg-generation").write_text("../../elsewhere\n", encoding="ascii")
    reader = GraphStore(store_path, read_only=True)
    assert reader.generation is None
    assert run(reader, "issuers").rows and not (store_path / ANSWERS_FOLDER).exists()


@pytest.mark.parametrize("name", sorted(questions()))
def test_every_answer_of_the_seed_store_comes_back_as_computed(seed_store, tmp_path, name):
    """Columns, rows, their order, every value and the datatypes survive the file, through run() too."""
    computed = run(seed_store, name, questions()[name].example_params, cache=False)
    assert computed.rows, name  # a round trip of nothing proves nothing
    query, back = decode_answer(encode_answer("the query", computed))
    assert query == "the query"
    assert back.columns == computed.columns and back.datatypes == computed.datatypes
    assert [list(row.items()) for row in back.rows] == [list(row.items()) for row in computed.rows]

    cache = AnswerCache(tmp_path / ANSWERS_FOLDER, "g1")
    cache.put("the query", computed)
    served = cache.get("the query")
    assert served == computed and served.datatypes == computed.datatypes
    assert [tuple(row) for row in served.rows] == [computed.columns] * len(computed.rows)


def test_the_values_are_kept_once_each_and_cells_of_every_kind_come_back(tmp_path):
    result = Result(
        ("s", "flag", "empty"),
        tuple({"s": text, "flag": flag, "empty": None} for text in ("拉萨", "", "True", "拉萨") for flag in (True, False)),
        {"s": frozenset({"http://www.w3.org/2001/XMLSchema#string"}), "flag": frozenset({"b"})},
    )
    data = encode_answer("q", result)
    header = json.loads(data.split(b"\n", 1)[1][: int(data.split(b" ")[2])])
    assert sorted(header["values"], key=repr) == sorted(["拉萨", "", "True", True, False, None], key=repr)
    assert decode_answer(data)[1].rows == result.rows
    empty = Result(("a", "b"), (), {})
    assert decode_answer(encode_answer("q", empty))[1] == empty
    no_columns = Result((), ({}, {}), {})
    assert decode_answer(encode_answer("q", no_columns))[1] == no_columns


def test_an_answer_of_no_columns_cannot_claim_endless_rows():
    data = encode_answer("q", Result((), ({},), {}))
    assert decode_answer(data)[1].rows == ({},)
    with pytest.raises(ValueError):
        decode_answer(_rows_claimed(data, 10**12))


def test_an_answer_with_cells_kg_cannot_keep_is_not_kept(tmp_path):
    cache = AnswerCache(tmp_path, "g1")
    cache.put("q", Result(("n",), ({"n": 3},), {}))
    assert cache.get("q") is None and not list(tmp_path.rglob(f"*{SUFFIX}"))
