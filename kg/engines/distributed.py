"""Extraction on a Dask cluster (``kg build --engine dask [--scheduler ADDRESS]``).

The parent reads the articles, sends chunks of them (text included, so
workers need no shared filesystem) to the cluster with ``Client.submit``,
and gets the extractions back in input order; the store is written by the
parent alone.  Workers need kg installed at the same version as the parent.

Without a scheduler address a :class:`~dask.distributed.LocalCluster` is
started on this machine.

>>> with DaskEngine(workers=2, processes=False) as engine:     # doctest: +SKIP
...     ...
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from kg.engines import Result, chunked, extract_chunk, ordered_map
from kg.errors import KgError
from kg.model import Article

__all__ = ["DaskEngine"]


def _import_distributed():
    try:
        from dask import distributed
    except ImportError as exc:  # pragma: no cover - dask is a dev extra
        raise KgError("--engine dask needs Dask: pip install 'dask[distributed]'") from exc
    return distributed


class DaskEngine:
    """Submit chunks of articles to a Dask cluster.

    Args:
        scheduler: address of a running scheduler (``tcp://10.0.0.5:8786``);
            None starts a local cluster of ``workers`` workers.
        workers: workers of the local cluster (ignored with ``scheduler``).
        processes: local cluster with worker processes (True) or threads.
        client: an existing ``distributed.Client`` to use as is (not closed).
        chunk_size: articles per task.
        window: tasks in flight (default: twice the cluster's threads).
        connect_timeout: how long to try reaching ``scheduler``.

    Raises:
        KgError: Dask is not installed or the scheduler cannot be reached.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 1,
        *,
        processes: bool = True,
        client: Any = None,
        chunk_size: int = 32,
        window: int | None = None,
        connect_timeout: str = "30s",
    ):
        self.scheduler = scheduler
        self.workers = workers
        self.processes = processes
        self.chunk_size = chunk_size
        self.window = window
        self.connect_timeout = connect_timeout
        self._client = client
        self._owned: list[Any] = []

    def __enter__(self) -> "DaskEngine":
        if self._client is None:
            distributed = _import_distributed()
            try:
                if self.scheduler:
                    self._client = distributed.Client(self.scheduler, timeout=self.connect_timeout)
                else:
                    cluster = distributed.LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=self.processes,
                        dashboard_address=None,
                    )
                    self._owned.append(cluster)
                    self._client = distributed.Client(cluster)
            except (OSError, TimeoutError) as exc:
                raise KgError(
                    f"cannot reach the Dask scheduler {self.scheduler or '(local cluster)'}: {exc}; "
                    "start one with `dask scheduler` and pass its address to --scheduler"
                ) from exc
            self._owned.insert(0, self._client)
        return self

    def __exit__(self, *exc: object) -> None:
        for item in self._owned:
            item.close()
        self._owned.clear()

    def run(self, articles: Iterable[Article], validate: bool = False) -> Iterator[Result]:
        client = self._client
        if client is None:
            raise RuntimeError("use DaskEngine as a context manager: with DaskEngine() as engine: ...")
        threads = sum(client.nthreads().values()) or 1
        window = self.window or 2 * threads
        counter = iter(range(0, -(1 << 62), -1))

        def submit(chunk: list[Article]):
            # Earlier chunks get higher priority so results arrive roughly in order;
            # pure=False because hashing the article texts for a task key is wasted work.
            return client.submit(extract_chunk, chunk, validate, pure=False, priority=next(counter))

        return ordered_map(submit, chunked(articles, self.chunk_size), window)
