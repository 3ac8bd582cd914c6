"""Extraction in worker processes on this machine (``kg build --jobs N``).

Workers are started with ``spawn`` so they do not inherit the parent's open
store or its threads; each builds the spaCy pipeline once and then extracts
chunks of articles.  Results come back in input order.

>>> from kg.model import Article
>>> with ProcessEngine(2) as engine:                          # doctest: +SKIP
...     [r.article.id for r in engine.run([Article("a", "拉萨市印发《方案》")])]
['a']
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from kg.engines import Result, chunked, extract_chunk, ordered_map
from kg.model import Article

__all__ = ["ProcessEngine"]


def _warm_up() -> None:
    # Build the pipeline when the worker starts, not inside the first chunk.
    from kg.pipeline import warm_up

    warm_up()


class ProcessEngine:
    """A pool of ``jobs`` worker processes.

    Args:
        jobs: worker processes.
        chunk_size: articles sent to a worker at a time; small enough to
            balance the load, large enough to amortise the pickling.
        window: chunks in flight (default ``4 * jobs``); bounds memory.
    """

    name = "local"

    def __init__(self, jobs: int, chunk_size: int = 8, window: int | None = None):
        self.workers = jobs
        self.chunk_size = chunk_size
        self.window = window or 4 * jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ProcessEngine":
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, articles: Iterable[Article], validate: bool = False) -> Iterator[Result]:
        if self._pool is None:
            raise RuntimeError("use ProcessEngine as a context manager: with ProcessEngine(2) as engine: ...")
        pool = self._pool
        return ordered_map(
            lambda chunk: pool.submit(extract_chunk, chunk, validate), chunked(articles, self.chunk_size), self.window
        )
