"""Fixtures of the endpoint tests: stores and running `kg serve` processes."""

from __future__ import annotations

import http.server
import threading

import pytest

from tests.query.conftest import LAYOUT
from tests.serve.running import build_store, kg_serve


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """The query URL of a read-only `kg serve` with a 1 s timeout and a 4 KB request limit."""
    path = build_store(tmp_path_factory.mktemp("serve") / "store", trig=LAYOUT, seeds=False)
    with kg_serve(path, "--timeout", "1", "--max-request-bytes", "4096") as url:
        yield url


@pytest.fixture(scope="module")
def writable_endpoint(tmp_path_factory):
    """The query URL of a `kg serve --allow-update` over its own store."""
    path = build_store(tmp_path_factory.mktemp("serve-rw") / "store", trig=LAYOUT, seeds=False)
    with kg_serve(path, "--allow-update", "--timeout", "5") as url:
        yield url


@pytest.fixture
def listener():
    """A loopback HTTP server that records every request it gets (to prove none is made)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<http://a/> <http://b/> <http://c/> .\n")

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()
