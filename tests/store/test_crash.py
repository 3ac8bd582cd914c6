"""kg/store under real `kg build` processes: SIGKILL half-way and two builds at once lose nothing.

Slow (each starts `kg build` subprocesses that load the NER pipeline).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rdflib import URIRef

from kg.errors import StoreError
from kg.graph import REFERENCE_GRAPH, article_triples
from kg.graph.namespace import KG as KG_TERMS
from kg.graph.ontology import ONTOLOGY_GRAPH
from kg.graph.validate import validate_store
from kg.ingest import read_articles
from kg.link import article_iri
from kg.pipeline import extract
from kg.store import WRITER_FILE, GraphStore
from tests.conftest import seed_paths

pytestmark = pytest.mark.slow

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def _kg_build(folder: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*KG, "build", str(folder), "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so cleanup kills only what we started
    )


def _article_graphs(store: GraphStore) -> list[str]:
    return [g for g in store.graphs() if g not in (str(REFERENCE_GRAPH), ONTOLOGY_GRAPH)]


def _copies(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        for seed in seed_paths():
            shutil.copy(seed, folder / f"c{i:02d}_{seed.name}")
    return folder


def _expected_graph(path: Path) -> set:
    (article,) = list(read_articles([path]))
    return set(article_triples(extract(article)))


def _sealed(store: GraphStore, graph: str) -> bool:
    return any(p == KG_TERMS.sha256 for _, p, _ in store.graph_triples(graph, URIRef(graph)))


def _wait_for_a_sealed_graph(store_path: Path, process: subprocess.Popen, besides: str, timeout: float = 120) -> None:
    """Poll a read-only view of the store until an article graph other than ``besides`` holds its seal.

    A bulk batch's graphs become visible before their seals land (``load_new_graphs``), so a
    graph seen is not yet a graph built: a kill right then would leave no sealed article.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"kg build ended early: {process.communicate()}"
        try:
            store = GraphStore(store_path, read_only=True)
            if any(_sealed(store, g) for g in _article_graphs(store) if g != besides):
                return
        except (StoreError, OSError):
            # Not created yet, or files the writer's bulk load and compaction just replaced: pyoxigraph
            # reads a store another process writes on a best-effort basis (docs/ontology.md).
            pass
        time.sleep(0.1)
    raise AssertionError("kg build sealed nothing in time")


def _wait_for_writer(store_path: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``process`` has the store open for writing (it records its pid)."""
    deadline = time.monotonic() + timeout
    pid_file = store_path / WRITER_FILE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"kg build ended early: {process.communicate()}"
        if pid_file.exists() and pid_file.read_text(encoding="ascii").strip() == str(process.pid):
            return
        time.sleep(0.02)
    raise AssertionError("kg build did not open the store in time")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def test_sigkill_half_way_leaves_what_was_there_and_whole_sealed_articles_only(tmp_path):
    store_path = tmp_path / "store"
    before_dir = tmp_path / "before"
    before_dir.mkdir()
    shutil.copy(seed_paths()[0], before_dir / "before.txt")
    from kg.build import build

    with GraphStore(store_path) as store:  # the state before the build that gets killed
        assert build([before_dir], store).articles == 1
        before = store.graph_triples(article_iri("before"))
    assert before

    # 500 articles: the first bulk batch lands after at most BULK_SECONDS, long before the last.
    folder = _copies(tmp_path / "many", 100)
    process = _kg_build(folder, store_path)
    try:
        _wait_for_a_sealed_graph(store_path, process, besides=article_iri("before"))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        _stop(process)
    assert process.returncode == -signal.SIGKILL

    with GraphStore(store_path) as store:  # the lock died with the process
        written = [g for g in _article_graphs(store) if g != article_iri("before")]
        assert 1 <= len(written) < 500
        assert store.graph_triples(article_iri("before")) == before
        # An article counts as built once its content hash (the seal, written last) is there.
        sealed = [g for g in written if _sealed(store, g)]
        assert sealed
        for graph in sealed:
            stem = graph.rsplit("/", 1)[-1]
            assert store.graph_triples(graph) == _expected_graph(folder / f"{stem}.txt"), stem

        # The next build skips the sealed articles and completes (or repairs) the rest.
        report = build([folder], store, validate=False)  # validate_store checks the result below
        assert report.skipped == len(sealed) and report.articles == 500 - len(sealed)
        assert len(_article_graphs(store)) == 501
        for stem in ("c00_" + seed_paths()[0].stem, "c99_" + seed_paths()[-1].stem):
            assert store.graph_triples(article_iri(stem)) == _expected_graph(folder / f"{stem}.txt")
        assert all(report.conforms for report in validate_store(store).values())


def test_two_builds_at_once_the_second_fails_with_one_line_and_nothing_breaks(tmp_path):
    store_path = tmp_path / "store"
    folder = _copies(tmp_path / "many", 20)
    first = _kg_build(folder, store_path)
    try:
        _wait_for_writer(store_path, first)
        # Paused while the second runs, the first holds the store however fast it would have finished.
        os.killpg(first.pid, signal.SIGSTOP)
        try:
            second = subprocess.run(
                [*KG, "build", str(folder), "--store", str(store_path)], capture_output=True, text=True, timeout=300
            )
        finally:
            os.killpg(first.pid, signal.SIGCONT)
        out, err = first.communicate(timeout=300)
    finally:
        _stop(first)
    assert first.returncode == 0, err
    assert second.returncode != 0
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert lines == [
        f"Error: {store_path}: the store is in use by another kg process (pid {first.pid}); wait for it or pass another --store"
    ]
    store = GraphStore(store_path)
    assert len(_article_graphs(store)) == 100
    assert all(report.conforms for report in validate_store(store).values())
