"""A SPARQL 1.1 Protocol endpoint as a standard WSGI app: ``/query`` and ``/update``.

Safe by default: read-only (an update answers 403 unless ``allow_update``),
no ``SERVICE`` or ``LOAD`` (the store would fetch other hosts' URLs), a
deadline per request (503 past it) and a size limit (413 for a bigger body,
414 for a longer URL).

>>> ServeConfig(store="kg-store").host
'127.0.0.1'
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from kg.query.text import forbidden_keywords
from kg.serve.worker import Answer, PoolBusy, QueryTimeout, Request, WorkerPool

__all__ = ["ServeConfig", "SparqlApp"]

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class ServeConfig:
    """Settings of ``kg serve``, each with its safe default."""

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: float = 30.0
    max_request_bytes: int = 1_000_000
    workers: int = 2
    union_default_graph: bool = True


def _text(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


_REASONS = {
    200: "OK", 204: "No Content", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 411: "Length Required", 413: "Content Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable",
}


class SparqlApp:
    """The WSGI callable.  ``pool`` answers the requests that pass the checks."""

    def __init__(self, config: ServeConfig, pool: WorkerPool):
        self.config = config
        self.pool = pool

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        answer = self.answer(environ)
        headers = [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body)))]
        headers += list(answer.headers)
        start_response(f"{answer.status} {_REASONS.get(answer.status, '')}".strip(), headers)
        return [answer.body]

    # -- request parsing -------------------------------------------------
    def _body(self, environ: dict[str, Any]) -> bytes | Answer:
        length_text = environ.get("CONTENT_LENGTH") or ""
        if not length_text.strip():
            return _text(411, "send a Content-Length header with the request body")
        try:
            length = int(length_text)
        except ValueError:
            return _text(400, f"bad Content-Length {length_text!r}")
        if length > self.config.max_request_bytes:
            return _text(413, f"request body of {length} bytes is over the {self.config.max_request_bytes}-byte limit")
        return environ["wsgi.input"].read(length) if length > 0 else b""

    def _operation(self, environ: dict[str, Any], field: str, media: str) -> tuple[str, dict[str, list[str]]] | Answer:
        """The query/update text and the protocol parameters of a request."""
        method = environ.get("REQUEST_METHOD", "GET")
        query_string = environ.get("QUERY_STRING", "")
        if len(query_string.encode("utf-8")) > self.config.max_request_bytes:
            return _text(414, f"the URL is over the {self.config.max_request_bytes}-byte limit; POST the {field} instead")
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if method == "GET":
            if field == "update":
                return _text(405, "send updates with POST", (("Allow", "POST"),))
            text = params.get(field, [None])[0]
        elif method == "POST":
            body = self._body(environ)
            if isinstance(body, Answer):
                return body
            content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            if content_type == FORM:
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
                text = form.get(field, [None])[0]
            elif content_type == media:
                text = body.decode("utf-8", "replace")
            else:
                return _text(415, f"POST the {field} as {FORM} ({field}=...) or as {media}")
        else:
            return _text(405, "use GET or POST", (("Allow", "GET, POST" if field == "query" else "POST"),))
        if text is None:
            return _text(400, f"no {field}: pass the {field}= parameter")
        return text, params

    # -- dispatch ----------------------------------------------------------
    def answer(self, environ: dict[str, Any]) -> Answer:
        """The answer to one HTTP request."""
        path = environ.get("PATH_INFO", "/")
        if path == "/query":
            parsed = self._operation(environ, "query", "application/sparql-query")
            kind = "query"
        elif path == "/update":
            if not self.config.allow_update:
                return _text(403, "this endpoint is read-only; start `kg serve --allow-update` to accept SPARQL Update")
            parsed = self._operation(environ, "update", "application/sparql-update")
            kind = "update"
        elif path == "/" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            mode = "read-write" if self.config.allow_update else "read-only"
            return _text(200, f"kg SPARQL 1.1 endpoint ({mode}): GET or POST /query" + (", POST /update" if self.config.allow_update else ""))
        else:
            return _text(404, f"no such path {path!r}; the endpoint is /query" + (" and /update" if self.config.allow_update else ""))
        if isinstance(parsed, Answer):
            return parsed
        text, params = parsed
        if kind == "query" and "update" in params:
            return _text(400, "send updates to /update, not /query")
        refused = forbidden_keywords(text)
        if refused:
            return _text(403, f"{refused[0]} is refused: this endpoint does not fetch remote data (SERVICE and LOAD are off)")
        request = Request(
            kind,
            text,
            accept=environ.get("HTTP_ACCEPT"),
            default_graphs=tuple(params.get("default-graph-uri", []) + params.get("using-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", []) + params.get("using-named-graph-uri", [])),
        )
        try:
            return self.pool.run(request, self.config.timeout)
        except QueryTimeout:
            return _text(503, f"the {kind} ran past the {self.config.timeout:g} s timeout and was stopped", (("Retry-After", "1"),))
        except PoolBusy:
            return _text(503, f"all workers stayed busy for {self.config.timeout:g} s; try again", (("Retry-After", "1"),))
