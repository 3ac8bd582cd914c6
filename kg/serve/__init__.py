"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint (stdlib WSGI over pyoxigraph).

Paths follow Oxigraph's server: ``/query`` (GET or POST) and ``/update``
(POST, only with ``allow_update``).  Results come as SPARQL JSON, XML, CSV or
TSV, graphs as Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header.

>>> from kg.serve import ServeConfig
>>> ServeConfig(store="kg-store").allow_update
False
"""

from __future__ import annotations

from typing import Any

# Worker processes import kg.serve.worker, hence this package: keep it free
# of heavy imports (rdflib, the query layer) so a worker starts in a blink.
__all__ = ["ServeConfig", "SparqlApp", "WorkerPool", "make_server_for", "serve", "is_loopback"]

_WHERE = {
    "ServeConfig": "kg.serve.app",
    "SparqlApp": "kg.serve.app",
    "WorkerPool": "kg.serve.worker",
    "make_server_for": "kg.serve.server",
    "serve": "kg.serve.server",
    "is_loopback": "kg.serve.server",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kg.serve' has no attribute {name!r}")
