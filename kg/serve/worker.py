"""Query worker processes: each opens the store and answers one request at a time.

A SPARQL query cannot be interrupted from Python once pyoxigraph evaluates
it, so each runs in a worker process; when a query overruns its deadline the
pool kills that worker (the query stops with it) and starts a fresh one.
A killed writer loses at most the update it was running: pyoxigraph commits
an update as one transaction.

>>> Answer(200, "text/plain", b"ok").status
200
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["Answer", "Request", "WorkerPool", "QueryTimeout", "PoolBusy"]


@dataclass(frozen=True)
class Request:
    """What a worker is asked: a query or an update, and how to answer."""

    kind: str  # "query" | "update"
    sparql: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    content_type: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = field(default=())


class QueryTimeout(Exception):
    """A request ran past its deadline; its worker was killed."""


class PoolBusy(Exception):
    """Every worker stayed busy until the deadline."""


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def _answer_query(store: Any, request: Request, union: bool) -> Answer:
    import pyoxigraph as ox

    from kg.serve.negotiate import GRAPH_TYPES, SOLUTION_TYPES, choose

    options: dict[str, Any] = {}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    else:
        options["use_default_graph_as_union"] = union
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    try:
        results = store.query(request.sparql, **options)
    except SyntaxError as exc:
        return _text(400, f"the SPARQL query does not parse: {exc}")
    if isinstance(results, ox.QueryTriples):
        media = choose(request.accept, GRAPH_TYPES)
        if media is None:
            return _text(406, f"cannot answer a graph as {request.accept}; accept one of: {', '.join(GRAPH_TYPES)}")
        fmt = {
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/rdf+xml": ox.RdfFormat.RDF_XML,
            "application/ld+json": ox.RdfFormat.JSON_LD,
        }.get(media, ox.RdfFormat.N_TRIPLES)
        return Answer(200, f"{media}; charset=utf-8", results.serialize(format=fmt))
    media = choose(request.accept, SOLUTION_TYPES)
    if media is None:
        return _text(406, f"cannot answer solutions as {request.accept}; accept one of: {', '.join(SOLUTION_TYPES)}")
    fmt = {
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "application/xml": ox.QueryResultsFormat.XML,
        "text/xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }.get(media, ox.QueryResultsFormat.JSON)
    return Answer(200, f"{media}; charset=utf-8", results.serialize(format=fmt))


def _handle(store: Any, request: Request, union: bool) -> Answer:
    try:
        if request.kind == "update":
            try:
                store.update(request.sparql)
            except SyntaxError as exc:
                return _text(400, f"the SPARQL update does not parse: {exc}")
            return Answer(204, "text/plain; charset=utf-8")
        return _answer_query(store, request, union)
    except ValueError as exc:
        return _text(400, f"bad request: {exc}")
    except (OSError, RuntimeError) as exc:
        return _text(500, f"the store failed: {exc}")


def worker_main(conn: Any, path: str, writable: bool, union: bool) -> None:
    """Entry point of a worker process: open the store, then answer requests until EOF."""
    import pyoxigraph as ox

    try:
        store = ox.Store(path) if writable else ox.Store.read_only(path)
    except OSError as exc:
        conn.send(("error", f"{path}: cannot open the store ({exc})"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_handle(store, request, union))
        if writable and request.kind == "update":
            store.flush()


def _child() -> None:
    """``python -m kg.serve.worker PATH WRITABLE UNION``: talk to the pool over stdin/stdout."""
    path, writable, union = sys.argv[1], sys.argv[2] == "1", sys.argv[3] == "1"
    out = os.dup(1)
    os.dup2(2, 1)  # a stray print must not corrupt the message stream
    worker_main(_Pipe(Connection(0, writable=False), Connection(out, readable=False)), path, writable, union)


class _Pipe:
    """A duplex message channel made of two one-way connections."""

    def __init__(self, reader: Connection, writer: Connection):
        self.reader, self.writer = reader, writer

    def send(self, obj: Any) -> None:
        self.writer.send(obj)

    def recv(self) -> Any:
        return self.reader.recv()

    def poll(self, timeout: float) -> bool:
        return self.reader.poll(timeout)

    def close(self) -> None:
        self.reader.close()
        self.writer.close()


class _Worker:
    # A plain subprocess rather than multiprocessing's spawn, which would
    # re-import the parent's __main__ (the whole `kg` CLI, seconds) in each worker.
    def __init__(self, path: str, writable: bool, union: bool):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.serve.worker", path, "1" if writable else "0", "1" if union else "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.conn = _Pipe(
            Connection(os.dup(self.process.stdout.fileno()), writable=False),
            Connection(os.dup(self.process.stdin.fileno()), readable=False),
        )
        self.process.stdin.close()
        self.process.stdout.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise RuntimeError(f"a query worker did not start within {timeout:.0f} s")
        status, message = self.conn.recv()
        if status != "ready":
            raise RuntimeError(message)
        self.ready = True

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``path``.

    Args:
        path: the store directory.
        size: how many requests run at once (1 when ``writable``: one writer).
        writable: open the store read-write (for SPARQL Update).
        union: query the union of the named graphs as the default graph.
        start_timeout: seconds a new worker may take to open the store.

    Raises:
        RuntimeError: (from :meth:`start`) a worker cannot open the store.
    """

    def __init__(self, path: str, size: int = 2, writable: bool = False, union: bool = True, start_timeout: float = 60.0):
        self.path = path
        self.size = 1 if writable else max(1, size)
        self.writable = writable
        self.union = union
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.path, self.writable, self.union)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def start(self) -> None:
        """Start the workers and wait until each has opened the store."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except RuntimeError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def run(self, request: Request, timeout: float) -> Answer:
        """Answer ``request`` within ``timeout`` seconds.

        Raises:
            PoolBusy: no worker became free in time.
            QueryTimeout: the request overran; its worker was killed and replaced.
        """
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty as exc:
            raise PoolBusy() from exc
        try:
            worker.wait_ready(self.start_timeout)
            worker.conn.send(request)
            if worker.conn.poll(timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except Exception as exc:  # noqa: BLE001 - any failure: this worker is gone, the pool goes on
            self._retire(worker)
            self._idle.put(self._spawn())
            return _text(500, f"the query worker failed: {exc}")
        self._retire(worker)
        self._idle.put(self._spawn())
        raise QueryTimeout()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


if __name__ == "__main__":
    # Run the copy imported as kg.serve.worker, so what it pickles names
    # kg.serve.worker.Answer (which the pool can load), not __main__.Answer.
    from kg.serve.worker import _child as child

    child()
