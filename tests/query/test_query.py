"""kg/query/__init__.py: canned questions answered on a store, bound parameters, the Python API."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg.query
from kg.errors import QueryError, StoreError
from kg.query import Rows, questions, run, run_sparql


def rows(store, name, **params):
    return [tuple(r.values()) for r in run(store, name, params).rows]


# ---- answers on the hand-written layout graph -------------------------------------


def test_issuers(layout_store):
    got = rows(layout_store, "issuers")
    assert ("拉萨市司法局", "2023年拉萨市知识产权保护实施方案", "a1") in got
    assert ("城关区人民法院", "知识产权纠纷调解办法(2021—2025年)", "a2") in got
    assert len(got) == 6


@pytest.mark.parametrize("name", ["拉萨市市场监督管理局", "拉萨市市场监管局"])
def test_body_documents_by_canonical_name_or_alias(layout_store, name):
    got = run(layout_store, "body_documents", {"body": name}).rows
    assert [(r["issuer"], r["document"], r["article"]) for r in got] == [
        ("拉萨市市场监督管理局", "2023年拉萨市知识产权保护实施方案", "a1")
    ]


def test_shared_alias_names_every_body_it_stands_for(layout_store):
    got = {r["issuer"] for r in run(layout_store, "body_documents", {"body": "市市场监管局"}).rows}
    assert got == {"拉萨市市场监督管理局", "内蒙古自治区市场监督管理局"}


def test_joint_documents_list_each_co_issuer(layout_store):
    got = rows(layout_store, "joint_documents")
    assert got == [
        ("2023年拉萨市知识产权保护实施方案", "2", "拉萨市司法局", "a1"),
        ("2023年拉萨市知识产权保护实施方案", "2", "拉萨市市场监督管理局", "a1"),
        ("关于深入推进知识产权纠纷多元化解工作的实施意见", "2", "内蒙古自治区市场监督管理局", "a3"),
        ("关于深入推进知识产权纠纷多元化解工作的实施意见", "2", "内蒙古自治区高级人民法院", "a3"),
    ]


def test_campaigns_with_and_without_a_conductor(layout_store):
    assert rows(layout_store, "campaigns") == [
        ("知识产权宣传周活动", None, "a2"),
        ("铁拳专项行动", "拉萨市市场监督管理局", "a1"),
    ]


def test_within_place_includes_sub_places(layout_store):
    got = run(layout_store, "within_place", {"place": "西藏自治区"}).rows
    items = {(r["kind"], r["name"]) for r in got}
    # 拉萨市 and 城关区 (in 拉萨市) are inside 西藏自治区; 内蒙古 is not.
    assert ("body", "拉萨市市场监督管理局") in items
    assert ("body", "城关区人民法院") in items
    assert ("document", "知识产权纠纷调解办法(2021—2025年)") in items
    assert ("campaign", "铁拳专项行动") in items
    assert ("document", "护企方案") in items  # via the article's locale, 昌都市
    assert not any("内蒙古" in name for _, name in items)
    assert {r["via"] for r in got} == {"jurisdiction", "issuer", "locale", "conductor"}


def test_within_place_by_alias_and_narrower_place(layout_store):
    lhasa = {(r["kind"], r["name"], r["where"]) for r in run(layout_store, "within_place", {"place": "拉萨"}).rows}
    assert ("body", "城关区人民法院", "城关区") in lhasa
    assert not any(name == "护企方案" for _, name, _ in lhasa)  # 昌都市 is not in 拉萨市
    assert run(layout_store, "within_place", {"place": "不存在的地方"}).rows == ()


def test_documents_by_year_from_the_title_or_the_sentence(layout_store):
    every = rows(layout_store, "documents_by_year")
    assert {(y, d, source) for y, d, source, _, _ in every} == {
        ("2021", "知识产权纠纷调解办法(2021—2025年)", "title"),
        ("2022", "护企方案", "sentence"),
        ("2023", "2023年拉萨市知识产权保护实施方案", "title"),
    }
    only = rows(layout_store, "documents_by_year", year=2023)
    assert {d for _, d, _, _, _ in only} == {"2023年拉萨市知识产权保护实施方案"}
    assert {d for _, d, _, _, _ in rows(layout_store, "documents_by_year", year="2022")} == {"护企方案"}
    assert rows(layout_store, "documents_by_year", year=1999) == []


def test_co_issuance_pairs(layout_store):
    assert rows(layout_store, "co_issuance") == [
        ("内蒙古自治区市场监督管理局", "内蒙古自治区高级人民法院", "1", "关于深入推进知识产权纠纷多元化解工作的实施意见"),
        ("拉萨市司法局", "拉萨市市场监督管理局", "1", "2023年拉萨市知识产权保护实施方案"),
    ]


# ---- parameters are data ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "',
        "'} UNION { ?issuer_iri ?p ?body } #",
        "拉萨市市场监管局\" } UNION { ?issuer_iri skos:prefLabel ?x",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "\\u0022 } ",
    ],
)
def test_hostile_values_are_data(layout_store, value):
    before = sorted(map(str, layout_store.quads()))
    assert run(layout_store, "body_documents", {"body": value}).rows == ()
    assert run(layout_store, "within_place", {"place": value}).rows == ()
    assert sorted(map(str, layout_store.quads())) == before


def test_a_label_with_quotes_braces_and_keywords_matches_exactly(layout_store):
    label = '"检察护企"{专项} SELECT 办公室'
    got = run(layout_store, "body_documents", {"body": label}).rows
    assert [(r["body"], r["issuer"], r["document"]) for r in got] == [(label, label, "护企方案")]
    assert run(layout_store, "body_documents", {"body": label[:-1]}).rows == ()


def test_adhoc_sparql_binds_python_values(layout_store):
    result = run_sparql(
        layout_store,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?name ?b WHERE { ?b skos:prefLabel ?name }",
        {"name": ox.Literal("拉萨市司法局", language="zh")},
    )
    assert [r["b"] for r in result.rows] == ["https://w3id.org/kg-ip/agency/拉萨市司法局"]
    with pytest.raises(QueryError, match="SELECT clause"):
        run_sparql(layout_store, "SELECT ?b WHERE { ?b ?p ?x }", {"x": "1"})


def test_unknown_question_and_bad_sparql(layout_store):
    with pytest.raises(QueryError, match="no question named 'nope'"):
        run(layout_store, "nope")
    with pytest.raises(QueryError, match="does not parse"):
        run_sparql(layout_store, "SELEKT * WHERE {}")
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_sparql(layout_store, "CONSTRUCT WHERE { ?s ?p ?o }")


def test_ask_gives_one_boolean_row(layout_store):
    assert run_sparql(layout_store, "ASK { ?s a <https://w3id.org/kg-ip/ontology#Campaign> }").rows == ({"result": True},)


# ---- the Python API -------------------------------------------------------------------------


def test_kg_query_is_callable_and_returns_rows(layout_store):
    got = kg.query("body_documents", store=layout_store, body="拉萨市司法局")
    assert isinstance(got, Rows) and isinstance(got, list)
    assert got.columns == ("body", "issuer", "document", "article")
    assert got[0]["document"] == "2023年拉萨市知识产权保护实施方案"
    same = kg.query.query("body_documents", store=layout_store, body="拉萨市司法局")
    assert same == got


def test_to_frame_types_numbers(layout_store):
    pytest.importorskip("pandas")
    frame = kg.query("co_issuance", store=layout_store, as_frame=True)
    assert list(frame.columns) == ["body_a", "body_b", "documents", "titles"]
    assert frame["documents"].sum() == 2
    years = kg.query("documents_by_year", store=layout_store).to_frame()
    assert str(years["year"].dtype) == "Int64"


def test_query_runs_sparql_text_and_checks_arguments(layout_store, tmp_path):
    count = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kg-ip/ontology#Article> }", store=layout_store)
    assert count == [{"n": "3"}]
    with pytest.raises(QueryError, match="no question named 'isuers'"):
        kg.query("isuers", store=layout_store)
    with pytest.raises(StoreError, match="no store here"):
        kg.query("issuers", store=tmp_path / "missing")
    with pytest.raises(QueryError, match="either store= or endpoint="):
        kg.query("issuers", store=layout_store, endpoint="http://127.0.0.1:1/query")


# ---- the seed graph, built by kg -----------------------------------------------------------


def test_every_question_runs_on_the_seed_graph(seed_store):
    examples = {"body_documents": {"body": "拉萨市市场监管局"}, "within_place": {"place": "西藏自治区"}}
    for name in questions():
        result = run(seed_store, name, examples.get(name, {}))
        assert result.columns, name


def test_seed_alias_and_canonical_name_agree(seed_store):
    by_alias = run(seed_store, "body_documents", {"body": "拉萨市市场监管局"}).rows
    by_name = run(seed_store, "body_documents", {"body": "拉萨市市场监督管理局"}).rows
    assert by_alias and [r["document"] for r in by_alias] == [r["document"] for r in by_name]


def test_seed_tibet_includes_lhasa(seed_store):
    got = run(seed_store, "within_place", {"place": "西藏自治区"}).rows
    lhasa_docs = {r["document"] for r in run(seed_store, "body_documents", {"body": "拉萨市市场监督管理局"}).rows}
    assert lhasa_docs <= {r["name"] for r in got if r["kind"] == "document"}
    assert any(r["where"] == "拉萨市" for r in got)


# ---- sorting and reading rows out -------------------------------------------------------------

_NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "decimal", "double")}


def _reference_sort(result, order):
    """The order `# order:` promises, spelled out: one stable sort per column, last column first,
    keys (0,) for an empty cell, numbers as numbers, text by code point; descending keeps empties last."""
    import math

    rows = list(result.rows)
    for key in reversed(order):
        column = key.lstrip("-")
        kinds = result.datatypes.get(column, frozenset())
        numeric = bool(kinds) and kinds <= _NUMERIC

        def sort_key(row, column=column, numeric=numeric):
            value = row.get(column)
            if value is None:
                return (0, 0.0, "")
            if numeric:
                try:
                    return (1, float(value), "")
                except ValueError:
                    return (1, math.nan, "")
            return (1, 0.0, str(value))

        rows.sort(key=sort_key, reverse=key.startswith("-"))
    return rows


ORDERS = [
    ("campaigns", None),  # body is empty when no conductor is named
    ("campaigns", ("body", "campaign")),
    ("campaigns", ("-body", "article")),
    ("co_issuance", None),  # -documents: numeric, descending
    ("co_issuance", ("documents", "-body_a", "body_b")),
    ("issuers", None),
    ("issuers", ("-article", "issuer")),
    ("within_place", None),
    ("documents_by_year", None),
    ("documents_by_year", ("-year", "issuer", "document")),  # issuer is often empty
]


@pytest.mark.parametrize("name,order", ORDERS, ids=[f"{n}-{'.'.join(o or ('header',))}" for n, o in ORDERS])
def test_sort_rows_gives_the_promised_order_whatever_the_input_order(seed_store, name, order):
    import random

    from kg.query import Result, sort_rows

    question = questions()[name]
    params = question.example_params
    order = order or question.order
    answer = run(seed_store, name, params, cache=False)
    assert len(answer.rows) > 5, name
    for seed in range(3):
        shuffled = list(answer.rows)
        random.Random(seed).shuffle(shuffled)
        given = Result(answer.columns, tuple(shuffled), answer.datatypes)
        assert list(sort_rows(given, order).rows) == _reference_sort(given, order)


def test_rows_read_out_keep_every_kind_of_term():
    from kg.store import GraphStore

    store = GraphStore()
    result = run_sparql(store, """
        SELECT ?iri ?lang ?plain ?int ?none ?bnode WHERE {
          VALUES (?iri ?lang ?plain ?int) { (<http://example.org/a> "拉萨"@zh "x" 3) }
          BIND(BNODE() AS ?bnode)
        }""")
    (row,) = result.rows
    assert tuple(row) == result.columns
    assert {k: v for k, v in row.items() if k != "bnode"} == {
        "iri": "http://example.org/a", "lang": "拉萨", "plain": "x", "int": "3", "none": None}
    assert isinstance(row["bnode"], str) and row["bnode"]
    assert result.datatypes == {
        "iri": frozenset({"uri"}),
        "lang": frozenset({"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}),
        "plain": frozenset({"http://www.w3.org/2001/XMLSchema#string"}),
        "int": frozenset({"http://www.w3.org/2001/XMLSchema#integer"}),
        "none": frozenset(),
        "bnode": frozenset({"bnode"}),
    }
