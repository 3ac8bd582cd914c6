"""kg.build: incremental builds, engines that build the same store, progress, bad files.

SHACL validation is off in these builds (it is the same on every engine and
tested with the CLI and in tests/graph); they test what is built and where.
"""

from __future__ import annotations

import shutil

import pytest

from kg.build import build, stored_hash
from kg.engines import make_engine
from kg.link import article_iri
from kg.store import GraphStore
from tests.conftest import SEEDS, seed_paths


def nquads(store: GraphStore) -> list[str]:
    """The store as sorted N-Quads lines: equal lists mean equal stores."""
    return sorted(str(q) for q in store.quads())


@pytest.fixture(scope="module")
def reference_store(tmp_path_factory) -> GraphStore:
    """The seeds built in this process, the way --jobs 1 builds them."""
    store = GraphStore(tmp_path_factory.mktemp("ref") / "store")
    report = build([SEEDS], store, validate=False)
    assert report.articles == 5 and report.failures == []
    return store


@pytest.fixture(scope="module")
def reference_quads(reference_store) -> list[str]:
    return nquads(reference_store)


def test_store_records_each_article_hash(reference_store):
    from kg.ingest import read_article

    for path in seed_paths():
        article = read_article(path)
        assert stored_hash(reference_store, article_iri(article.id)) == article.sha256
    assert stored_hash(reference_store, article_iri("not-built")) is None


def test_grown_folder_builds_only_new_articles(tmp_path, reference_quads):
    folder = tmp_path / "articles"
    folder.mkdir()
    first, rest = seed_paths()[:3], seed_paths()[3:]
    for path in first:
        shutil.copy(path, folder)
    store = GraphStore(tmp_path / "store")
    assert (build([folder], store, validate=False).articles, build([folder], store, validate=False).skipped) == (3, 3)
    for path in rest:
        shutil.copy(path, folder)
    report = build([folder], store, validate=False)
    assert (report.articles, report.skipped, report.failures) == (2, 3, [])
    # Built in two steps or in one, the store is the same.
    assert nquads(store) == reference_quads


def test_changed_article_is_rebuilt_and_force_rebuilds_all(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in seed_paths()[:2]:
        shutil.copy(path, folder)
    store = GraphStore()
    build([folder], store, validate=False)
    changed = folder / seed_paths()[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n白银市市场监管局印发《白银市新增测试方案》。\n", encoding="utf-8")
    report = build([folder], store, validate=False)
    assert (report.articles, report.skipped) == (1, 1)
    labels = {str(q.object.value) for q in store.quads() if q.graph_name.value == article_iri(changed.stem)}
    assert "白银市新增测试方案" in labels
    assert build([folder], store, force=True, validate=False).articles == 2


def test_progress_is_called_once_per_file_built_skipped_or_failed(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(seed_paths()[1], folder)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    store = GraphStore()
    seen: list[str] = []
    report = build([folder], store, progress=seen.append, validate=False)
    assert sorted(seen) == sorted(str(p) for p in folder.iterdir())
    assert [e.path for e in report.failures] == [str(folder / "empty.txt")]
    seen.clear()
    build([folder], store, progress=seen.append, validate=False)
    assert len(seen) == 2


@pytest.mark.slow
def test_two_processes_build_the_same_store(tmp_path, reference_quads):
    store = GraphStore(tmp_path / "store")
    with make_engine("local", jobs=2) as engine:
        report = build([SEEDS], store, engine=engine, validate=False)
    assert (report.articles, report.failures) == (5, [])
    assert nquads(store) == reference_quads


@pytest.mark.slow
def test_dask_local_cluster_builds_the_same_store(tmp_path, reference_quads):
    pytest.importorskip("dask.distributed")
    from kg.engines.distributed import DaskEngine

    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01binary")
    store = GraphStore(tmp_path / "store")
    with DaskEngine(workers=2, processes=False, chunk_size=2) as engine:
        report = build([SEEDS, bad], store, engine=engine, validate=False)
    assert report.articles == 5
    assert [e.path for e in report.failures] == [str(bad)]
    assert nquads(store) == reference_quads
