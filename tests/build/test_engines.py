"""kg.engines: ordered results, bounded windows, failures that do not stop a batch."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from kg.engines import Failure, InProcessEngine, chunked, extract_chunk, make_engine, ordered_map
from kg.errors import KgError
from kg.ingest import read_article
from kg.model import Article, Extraction
from tests.conftest import seed_paths


def test_chunks_respect_count_and_size():
    articles = [Article(str(i), "知" * 10) for i in range(7)]
    assert [len(c) for c in chunked(articles, 3)] == [3, 3, 1]
    assert [len(c) for c in chunked(articles, 100, max_chars=25)] == [3, 3, 1]
    assert [a.id for c in chunked(articles, 3) for a in c] == [str(i) for i in range(7)]


def test_ordered_map_keeps_at_most_window_chunks_in_flight():
    in_flight: list[Future] = []
    peak = 0

    def submit(chunk):
        nonlocal peak
        future: Future = Future()
        future.set_result([a.id for a in chunk])
        in_flight.append(future)
        peak = max(peak, len(in_flight))
        return future

    def chunks():
        for i in range(10):
            # Everything submitted before this chunk and not yet yielded is in flight.
            yield [Article(str(i), "x")]

    results = []
    for value in ordered_map(submit, chunks(), window=3):
        results.append(value)
        in_flight.pop(0)
    assert results == [str(i) for i in range(10)]
    assert peak <= 3


def test_extract_chunk_turns_a_bad_article_into_a_failure_and_goes_on():
    good = read_article(seed_paths()[1])
    broken = Article("broken", None, path="broken.txt")  # type: ignore[arg-type]
    results = extract_chunk([broken, good])
    assert isinstance(results[0], Failure) and results[0].path == "broken.txt"
    assert "extraction failed" in results[0].reason
    assert isinstance(results[1], Extraction) and results[1].article.id == good.id


def test_in_process_engine_matches_extract():
    articles = [read_article(p) for p in seed_paths()[:2]]
    with make_engine("local", jobs=1) as engine:
        assert isinstance(engine, InProcessEngine)
        results = list(engine.run(articles))
    from kg.pipeline import extract

    assert [r.to_json() for r in results] == [extract(a).to_json() for a in articles]


@pytest.mark.parametrize(
    "name,jobs,scheduler,message",
    [("local", 0, None, "--jobs must be at least 1"), ("spark", 1, None, "unknown engine 'spark'"),
     ("local", 2, "tcp://x:8786", "--scheduler needs --engine dask")],
)
def test_bad_engine_settings_are_one_line_errors(name, jobs, scheduler, message):
    with pytest.raises(KgError, match=message):
        make_engine(name, jobs, scheduler)


def test_unreachable_scheduler_is_a_one_line_error():
    pytest.importorskip("dask.distributed")
    from kg.engines.distributed import DaskEngine

    with pytest.raises(KgError, match=r"cannot reach the Dask scheduler tcp://127\.0\.0\.1:9: .*--scheduler"):
        with DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout="1s"):
            pass
