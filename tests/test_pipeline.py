"""kg.pipeline: one path for extract and build, in input order, read errors in their place."""

from __future__ import annotations

import pytest

from kg.errors import IngestError
from kg.ingest import read_articles
from kg.model import Article, Extraction
from kg.pipeline import extract, extract_articles, extract_paths, extract_text
from tests.conftest import seed_paths


def test_extract_text_offsets_point_into_the_text():
    text = "拉萨市市场监管局印发《拉萨市知识产权保护实施方案》。"
    extraction = extract_text(text, "demo")
    assert extraction.article.id == "demo"
    for entity in extraction.to_json()["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_read_errors_stay_in_their_place(tmp_path):
    paths = seed_paths()[:2]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00binary")
    items = list(extract_paths([paths[0], bad, paths[1], tmp_path / "missing.txt"]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Extraction", "IngestError", "Extraction", "IngestError"]
    assert items[1].path == str(bad) and items[3].path == str(tmp_path / "missing.txt")
    assert [i.article.id for i in items if isinstance(i, Extraction)] == [p.stem for p in paths]


def test_streamed_extraction_equals_one_by_one():
    items = list(read_articles(seed_paths()))
    streamed = [x.to_json() for x in extract_articles(iter(items))]
    assert streamed == [extract(a).to_json() for a in items]


def test_only_errors_stream():
    errors = [IngestError("a.txt", "is empty"), IngestError("b.txt", "is empty")]
    assert list(extract_articles(errors)) == errors


def test_a_surrogate_is_refused_by_name_and_the_batch_goes_on():
    with pytest.raises(IngestError, match=r"surrogate code point \(U\+DC81\) at character 13") as caught:
        extract_text("拉萨市市场监管局印发《拉萨\udc81市方案》", "api")
    assert caught.value.path == "api"
    good = Article("good", "拉萨市市场监管局印发《拉萨市方案》")
    items = list(extract_articles([Article("bad", "拉萨\udc80市"), good]))
    assert isinstance(items[0], IngestError) and items[0].path == "bad" and "surrogate" in items[0].reason
    assert isinstance(items[1], Extraction) and items[1].to_json() == extract(good).to_json()


def test_warm_up_loads_every_model_and_tunes_the_collector_of_its_own_process_only():
    # In a child process: warm_up changes the collector for the whole process.
    import subprocess
    import sys

    probe = (
        "import gc\n"
        "from kg.ingest.encoding import _weights\n"
        "from kg.pipeline import BATCH_GC_THRESHOLD, warm_up\n"
        "before = gc.get_threshold()\n"
        "warm_up()\n"
        "print(before != BATCH_GC_THRESHOLD, gc.get_threshold() == BATCH_GC_THRESHOLD,"
        " gc.get_freeze_count() > 10_000, _weights.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "True", "1"]


def test_an_older_article_names_a_former_division_as_it_was():
    ex = extract_text("2015年，株洲县人民政府印发《株洲县专利资助办法》。")
    assert ex.locale == "株洲县"
    (place,) = [e for e in ex.entities if e.type == "PLACE"]
    assert (place.canonical, place.iri.rsplit("/", 1)[1]) == ("株洲县", "430221")  # not 株洲市, nor 渌口区
    assert [ex.entity(r.subject).canonical for r in ex.relations if r.kind == "ISSUED"] == ["株洲县人民政府"]


def test_countries_beyond_the_curated_few_are_places_under_their_official_names():
    ex = extract_text("省知识产权局组织企业赴以色列、波兰和匈牙利参展，并检测苏丹红。")
    assert sorted(e.canonical for e in ex.entities if e.type == "PLACE") == ["以色列国", "匈牙利共和国", "波兰共和国"]
