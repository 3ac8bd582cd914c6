"""Any SPARQL 1.1 endpoint as a query source (Oxigraph, Fuseki, Virtuoso, QLever, ``kg serve``).

The protocol has no parameter binding, so parameters travel as a ``VALUES``
block of RDF terms serialised by pyoxigraph (see :func:`kg.query.text.inline_values`).
Only the standard library speaks HTTP here: no extra dependency.

>>> Endpoint("http://127.0.0.1:7878/query").url
'http://127.0.0.1:7878/query'
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.text import inline_values

__all__ = ["Endpoint", "JSON_RESULTS"]

JSON_RESULTS = "application/sparql-results+json"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Endpoint:
    """A remote SPARQL 1.1 query endpoint.

    Args:
        url: the query URL, e.g. ``http://127.0.0.1:7878/query``.
        timeout: seconds to wait for an answer.
    """

    url: str
    timeout: float = 60.0

    def select(
        self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None
    ) -> tuple[tuple[str, ...], list[dict[str, Any]], dict[str, set[str]]]:
        """Run a SELECT or ASK query; return columns, rows of plain values, and each column's datatypes.

        Raises:
            QueryError: the endpoint cannot be reached, refuses the query or answers
                something other than SPARQL JSON results.
        """
        text = inline_values(sparql, bindings or {})
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else exc.reason
            raise QueryError(f"{self.url}: the endpoint answered HTTP {exc.code}: {reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(f"{self.url}: cannot reach the endpoint ({reason}); is it running? check --endpoint") from exc
        try:
            data = json.loads(payload)
        except ValueError as exc:
            raise QueryError(
                f"{self.url}: the answer is not SPARQL JSON results; only SELECT and ASK queries give rows"
            ) from exc
        if "boolean" in data:
            return ("result",), [{"result": bool(data["boolean"])}], {"result": {_XSD + "boolean"}}
        columns = tuple(data.get("head", {}).get("vars", []))
        datatypes: dict[str, set[str]] = {c: set() for c in columns}
        rows = []
        for binding in data.get("results", {}).get("bindings", []):
            row: dict[str, Any] = {}
            for column in columns:
                cell = binding.get(column)
                row[column] = None if cell is None else cell.get("value")
                if cell is not None and cell.get("type") in ("literal", "typed-literal"):
                    # SPARQL JSON results give a language-tagged literal an "xml:lang" and no datatype.
                    default = _LANG_STRING if "xml:lang" in cell else _XSD + "string"
                    datatypes[column].add(cell.get("datatype", default))
                elif cell is not None:
                    datatypes[column].add(cell.get("type", ""))
            rows.append(row)
        return columns, rows, datatypes
