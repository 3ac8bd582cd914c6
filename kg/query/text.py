"""SPARQL text without a full parser: tokens, forbidden keywords, and bound VALUES.

Two jobs need to know what in a query is code and what is data (strings,
IRIs, comments):

* refusing ``SERVICE`` and ``LOAD`` (which make the store fetch remote URLs)
  while a literal that merely contains the word is fine;
* binding parameters for a remote endpoint, where the SPARQL 1.1 Protocol has
  no bindings: a ``VALUES`` block of serialised RDF terms goes at the top of
  the query's WHERE group, so a FILTER there sees the value as pyoxigraph's
  ``substitutions`` would.

>>> forbidden_keywords('SELECT * WHERE { ?s ?p "SERVICE" }')
[]
>>> forbidden_keywords('SELECT * WHERE { service <http://x/> { ?s ?p ?o } }')
['SERVICE']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = ["Token", "tokens", "forbidden_keywords", "inline_values", "FORBIDDEN"]

#: Keywords that make the engine fetch a URL: federated queries and LOAD.
FORBIDDEN: frozenset[str] = frozenset({"SERVICE", "LOAD"})

_START = r"A-Za-z_\u00C0-\U000EFFFF"
_INNER = _START + r"0-9\u00B7"
# Words never take a "." or "-" unless they hold a ":" (a prefixed name), so
# `?s a.SERVICE <...>` or `}.LOAD` cannot hide a keyword inside a longer token.
_LEXER = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"(?:[^\"\\\n\r]|\\.)*\"
      | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][""" + _INNER + r"""]+)
  | (?P<word>(?:[""" + _START + r"""][""" + _INNER + r"""\-\.]*)?:[""" + _INNER + r"""\-\.:%]*
      | [""" + _START + r"""][""" + _INNER + r"""]*)
  | (?P<space>\s+)
  | (?P<char>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# SPARQL lets \uXXXX / \UXXXXXXXX escapes stand anywhere in a query (SPARQL 1.1
# section 19.2); decode them first so `\u0053ERVICE` cannot slip past the scan.
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    """One lexical token: ``kind`` is comment, string, iri, var, word or char."""

    kind: str
    text: str
    start: int


def _unescape(sparql: str) -> str:
    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(decode, sparql)


def tokens(sparql: str) -> Iterator[Token]:
    """Tokens of ``sparql`` outside whitespace, in order.

    An unterminated string is not swallowed: its quote becomes a ``char``
    token and scanning goes on, so nothing after it is hidden from checks.

    >>> [t.text for t in tokens('ASK { ?s <http://x/#a> "x # y" } # note')]
    ['ASK', '{', '?s', '<http://x/#a>', '"x # y"', '}', '# note']
    """
    for match in _LEXER.finditer(sparql):
        kind = match.lastgroup or "char"
        if kind != "space":
            yield Token(kind, match.group(), match.start())


def forbidden_keywords(sparql: str) -> list[str]:
    """The SERVICE/LOAD keywords ``sparql`` uses as code (not inside strings, IRIs or comments).

    A prefixed name such as ``ex:service`` or a variable ``?load`` is not a keyword.

    >>> forbidden_keywords('PREFIX ex: <http://e/> SELECT ?load WHERE { ?load ex:service "LOAD <http://x>" }')
    []
    >>> forbidden_keywords('LOAD <http://example.org/data.ttl>')
    ['LOAD']
    """
    found = []
    for token in tokens(_unescape(sparql)):
        if token.kind == "word" and ":" not in token.text and token.text.upper() in FORBIDDEN:
            found.append(token.text.upper())
    return found


def term_text(term: ox.NamedNode | ox.Literal) -> str:
    """An RDF term as SPARQL/N-Triples text, escaped by pyoxigraph.

    >>> term_text(ox.Literal('他说"好" }'))
    '"他说\\\\"好\\\\" }"'
    """
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    raise QueryError(f"cannot send {term!r} to an endpoint as a parameter; use an IRI or a literal")


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _where_groups(sparql: str) -> list[tuple[int, frozenset[str] | None]]:
    """Where VALUES blocks go: the ``{`` opening the query's WHERE group (projection
    None: every parameter) and each sub-SELECT's, with the variables it projects."""
    groups: list[tuple[int, frozenset[str] | None]] = []
    depth = 0
    form = None
    after_where = False
    # The projection of a sub-SELECT being read: its variables, parenthesis depth, previous word.
    sub: dict | None = None
    for token in tokens(sparql):
        word = token.text.upper() if token.kind == "word" else None
        if sub is not None:
            if token.kind == "var" and (sub["parens"] == 0 or sub["last"] == "AS"):
                sub["vars"].add(token.text[1:])
            elif token.text == "(":
                sub["parens"] += 1
            elif token.text == ")":
                sub["parens"] -= 1
            elif token.text == "{" and sub["parens"] == 0:
                groups.append((token.start, frozenset(sub["vars"])))
                sub = None
                depth += 1
                continue
            if sub is not None:
                sub["last"] = word
            continue
        if word is not None and depth == 0:
            if form is None and word in _FORMS:
                form = word
            elif form is not None and word == "WHERE":
                after_where = True
        elif word == "SELECT" and depth > 0:
            sub = {"vars": set(), "parens": 0, "last": None}
        elif token.kind == "char" and token.text in "{}":
            if token.text == "{":
                if depth == 0 and form is not None and (after_where or form != "CONSTRUCT") and not any(
                    g[1] is None for g in groups
                ):
                    groups.append((token.start, None))
                depth += 1
            else:
                depth -= 1
    if not any(projection is None for _, projection in groups):
        raise QueryError("cannot bind parameters: the query has no WHERE group to put a VALUES block in")
    return groups


def inline_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``sparql`` with ``bindings`` as VALUES blocks opening its WHERE groups.

    One block opens the query's WHERE group; each sub-SELECT that projects a
    bound variable gets its own, so the value reaches inside it as a
    pyoxigraph substitution (SPARQL SEP-0007) would, and the engine can look
    the term up instead of listing every candidate.  The values are pyoxigraph
    terms serialised by pyoxigraph (quotes, braces, backslashes and newlines
    escaped), so they are data, never query text.

    >>> inline_values('SELECT ?s WHERE { ?s ?p ?o }', {"o": ox.Literal("x")})
    'SELECT ?s WHERE { VALUES (?o) { ("x") }\\n ?s ?p ?o }'
    >>> print(inline_values('SELECT ?o WHERE { { SELECT DISTINCT ?o WHERE { ?s ?p ?o } } }', {"o": ox.Literal("x")}))
    SELECT ?o WHERE { VALUES (?o) { ("x") }
     { SELECT DISTINCT ?o WHERE { VALUES (?o) { ("x") }
     ?s ?p ?o } } }
    """
    if not bindings:
        return sparql
    terms: dict[str, str] = {}
    for name, term in bindings.items():
        clean = name.lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", clean):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        terms[clean] = term_text(term)
    for at, projection in sorted(_where_groups(sparql), reverse=True):
        names = [n for n in terms if projection is None or n in projection]
        if names:
            block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms[n] for n in names)}) }}\n"
            sparql = sparql[: at + 1] + block + sparql[at + 1 :]
    return sparql
