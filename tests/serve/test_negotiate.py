"""kg/serve/negotiate.py: picking a result format from the Accept header."""

from __future__ import annotations

import pytest

from kg.serve.negotiate import GRAPH_TYPES, SOLUTION_TYPES, choose


@pytest.mark.parametrize(
    "accept,offers,expected",
    [
        (None, SOLUTION_TYPES, "application/sparql-results+json"),
        ("", GRAPH_TYPES, "text/turtle"),
        ("*/*", GRAPH_TYPES, "text/turtle"),
        ("text/csv", SOLUTION_TYPES, "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES, "application/sparql-results+xml"),
        ("text/*", SOLUTION_TYPES, "text/csv"),
        ("application/n-triples, text/turtle;q=0.9", GRAPH_TYPES, "application/n-triples"),
        # SPARQLWrapper's JSON Accept header
        ("application/sparql-results+json,application/json,text/javascript,application/javascript", SOLUTION_TYPES,
         "application/sparql-results+json"),
        ("text/*;q=0.1, */*;q=0.5", SOLUTION_TYPES, "application/sparql-results+json"),
        ("text/turtle;q=0", GRAPH_TYPES, None),
        ("image/png", SOLUTION_TYPES, None),
        ("TEXT/CSV", SOLUTION_TYPES, "text/csv"),
    ],
)
def test_choose(accept, offers, expected):
    assert choose(accept, offers) == expected


def test_loopback_check():
    from kg.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")
