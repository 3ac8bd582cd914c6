"""The HTTP server of ``kg serve``: a threading stdlib WSGI server, workers, loopback checks."""

from __future__ import annotations

import ipaddress
import signal
import socket
import threading
import socketserver
from typing import Callable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from kg.errors import StoreError
from kg.serve.app import ServeConfig, SparqlApp
from kg.serve.worker import WorkerPool

__all__ = ["make_server_for", "serve", "is_loopback"]


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _ThreadingServer6(_ThreadingServer):
    address_family = socket.AF_INET6


class _Handler(WSGIRequestHandler):
    # A client that opens a connection and sends nothing must not hold a thread forever.
    timeout = 60

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        super().log_message(format, *args)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server_for(config: ServeConfig, pool: WorkerPool | None = None):
    """A ready-to-run WSGI server and its worker pool (call ``serve_forever``, then ``pool.close``).

    Raises:
        StoreError: the store cannot be opened by the workers.
        OSError: the host/port cannot be bound.
    """
    if pool is None:
        pool = WorkerPool(config.store, config.workers, writable=config.allow_update, union=config.union_default_graph)
        try:
            pool.start()
        except RuntimeError as exc:
            raise StoreError(str(exc)) from exc
    server_class = _ThreadingServer6 if ":" in config.host else _ThreadingServer
    try:
        server = make_server(config.host, config.port, SparqlApp(config, pool), server_class=server_class, handler_class=_Handler)
    except OSError:
        pool.close()
        raise
    return server, pool


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(config: ServeConfig, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted; ``on_ready`` gets the query URL once the port is bound."""
    server, pool = make_server_for(config)
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (a service manager, a test) stops the server as Ctrl-C does, so the workers stop too.
        signal.signal(signal.SIGTERM, _interrupt)
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    try:
        if on_ready is not None:
            on_ready(f"http://{shown}:{port}/query")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
