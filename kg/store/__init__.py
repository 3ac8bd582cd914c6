"""The store stage: a persistent pyoxigraph store, one named graph per article.

Crash safety: :meth:`GraphStore.replace_graph` writes a new graph with one
``Store.extend`` and changes an existing one with one SPARQL update (DELETE
DATA + INSERT DATA of the difference); pyoxigraph applies each as one RocksDB
transaction, so a
process killed at any point leaves each graph as it was before or as it is
after, never half.

Concurrency: RocksDB lets one process open a store for writing.  A second
writer fails at once with :class:`~kg.errors.StoreError` ("the store is in use
by another kg process (pid N) …"), or waits for it with ``wait=SECONDS``.
Read-only openers (``read_only=True``: ``kg ask``, ``kg sparql``, ``kg
export``) take no lock and see the store as it was when they opened it;
pyoxigraph does not promise that reading while another process writes works,
so run them after a build (see docs/ontology.md).

>>> from kg.store import GraphStore
>>> store = GraphStore()          # in memory; GraphStore("kg-store") on disk
>>> len(store)
0
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["GENERATION_FILE", "GraphStore", "WRITER_FILE", "from_oxigraph", "to_nquads", "to_oxigraph", "to_quads"]

#: File in a store directory naming the process that has it open for writing.
WRITER_FILE = "kg-writer.pid"
#: File in a store directory whose content changes whenever a writer opens or
#: closes the store: answers computed from one generation stay valid while it
#: lasts (see :attr:`GraphStore.generation`).
GENERATION_FILE = "kg-generation"


def from_oxigraph(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> Node:
    """Convert a pyoxigraph term to the rdflib term with the same value."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"cannot convert RDF term {term!r} of type {type(term).__name__}")


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc)
    return "LOCK" in text and ("lock" in text.lower() or "unavailable" in text.lower())


def _writer_pid(path: Path) -> int | None:
    """The pid recorded by the process holding the store, if it is still alive."""
    try:
        pid = int((path / WRITER_FILE).read_text(encoding="ascii").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to the pyoxigraph term with the same value."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


#: IRI → pyoxigraph NamedNode.  Predicates, classes and entities recur in
#: every article, and building a NamedNode re-validates the IRI each time.
_NAMED: dict[str, ox.NamedNode] = {}
_NAMED_MAX = 200_000  # cleared when full: bounds memory on huge builds, costs one re-conversion
_plain = str.__str__  # an rdflib term's text as a plain str, so dict lookups stay in C


def _term(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """:func:`to_oxigraph` with a cache for IRIs; the hot path of :meth:`GraphStore.replace_graph`."""
    kind = type(term)
    if kind is URIRef:
        iri = _plain(term)
        node = _NAMED.get(iri)
        if node is None:
            if len(_NAMED) >= _NAMED_MAX:
                _NAMED.clear()
            node = _NAMED[iri] = ox.NamedNode(iri)
        return node
    if kind is Literal:
        if term.language:
            return ox.Literal(_plain(term), language=term.language)
        if term.datatype:
            return ox.Literal(_plain(term), datatype=_term(term.datatype))
        return ox.Literal(_plain(term))
    return to_oxigraph(term)


def to_quads(graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> tuple[ox.Quad, ...]:
    """``triples`` as pyoxigraph quads in named graph ``graph``, for :meth:`GraphStore.replace_graph`.

    Converting once and passing the quads saves the work when the same graph
    is written to several stores (the reference graph in tests and benchmarks).

    Raises:
        StoreError: a term is not valid RDF (e.g. an IRI with a space).

    >>> to_quads("https://example.org/g", [(URIRef("urn:s"), URIRef("urn:p"), Literal("o", lang="zh"))])[0].object
    <Literal value=o language=zh>
    """
    try:
        name = ox.NamedNode(graph)
        get, quad, term, plain = _NAMED.get, ox.Quad, _term, _plain
        # IRIs mostly hit the cache: look them up here rather than through a call to _term per term.
        return tuple(
            [
                quad(
                    get(plain(s)) or term(s) if type(s) is URIRef else term(s),
                    get(plain(p)) or term(p) if type(p) is URIRef else term(p),
                    get(plain(o)) or term(o) if type(o) is URIRef else term(o),
                    name,
                )
                for s, p, o in triples
            ]
        )
    except ValueError as exc:  # includes UnicodeEncodeError (lone surrogates)
        raise StoreError(f"cannot write graph <{graph}> to the store: {exc}; nothing was written") from exc


#: What N-Quads needs escaped in a literal: quote, backslash and (to be safe
#: with any parser) every C0 control character and DEL.
_LITERAL_ESCAPES = str.maketrans(
    {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
     **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if chr(c) not in "\n\r\t"}}
)
#: Characters an N-Quads IRI may not hold (RDF 1.1 N-Quads, IRIREF).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: IRI → ``<IRI>``, checked once.  Most IRIs of an article (its assertions and
#: selectors) occur in it alone, so the cache is cleared when full; a small
#: bound costs a few re-checks of the recurring ones and keeps memory flat.
_IRI_TEXT: dict[str, str] = {}
_IRI_TEXT_MAX = 50_000


def _iri_text(iri: str) -> str:
    text = _IRI_TEXT.get(iri)
    if text is None:
        if _NOT_IN_IRI.search(iri) or ":" not in iri:
            raise StoreError(f"cannot store IRI <{iri}>: not an absolute IRI of N-Quads")
        if len(_IRI_TEXT) >= _IRI_TEXT_MAX:
            _IRI_TEXT.clear()
        text = _IRI_TEXT[iri] = f"<{iri}>"
    return text


def _term_text(term: Node) -> str:
    kind = type(term)
    if kind is URIRef:
        return _iri_text(_plain(term))
    if kind is Literal:
        text = _plain(term).translate(_LITERAL_ESCAPES)
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^{_iri_text(_plain(term.datatype))}'
        return f'"{text}"'
    if kind is BNode:
        return f"_:{_plain(term)}"
    raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


def to_nquads(graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """``triples`` as N-Quads lines in named graph ``graph``, for :meth:`GraphStore.load_new_graphs`.

    Cheaper than :func:`to_quads` (no pyoxigraph object per term), and the
    text is parsed by pyoxigraph's loader in Rust, off the GIL.

    Raises:
        StoreError: a term cannot be written (an IRI with a space, a lone surrogate).

    >>> to_nquads("https://example.org/g", [(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="zh"))])
    '<urn:s> <urn:p> "say \\\\"hi\\\\""@zh <https://example.org/g> .\\n'
    """
    tail = f" {_iri_text(graph)} .\n"
    get, text = _IRI_TEXT.get, _term_text
    try:
        lines = "".join(
            [
                f"{get(s) or text(s) if type(s) is URIRef else text(s)} {get(p) or text(p)} "
                f"{get(o) or text(o) if type(o) is URIRef else text(o)}{tail}"
                for s, p, o in triples
            ]
        )
        lines.encode("utf-8")  # a lone surrogate fails here, for this graph alone, not in the loader
    except (StoreError, UnicodeEncodeError) as exc:
        raise StoreError(f"cannot write graph <{graph}> to the store: {exc}; nothing was written") from exc
    return lines


def _has_blank_nodes(quads: Iterable[ox.Quad]) -> bool:
    return any(type(q.subject) is ox.BlankNode or type(q.object) is ox.BlankNode for q in quads)


def _lines(quads: Iterable[ox.Quad]) -> str:
    """Quads as the triple lines of a SPARQL ``INSERT DATA`` / ``DELETE DATA`` block."""
    return "\n".join([f"{q.subject} {q.predicate} {q.object} ." for q in quads])


class GraphStore:
    """A pyoxigraph store holding one named graph per source article.

    Args:
        path: a directory for a persistent store, or None for one in memory.
        read_only: open without taking the writer's lock (queries and exports).
        wait: seconds to wait for another process that has the store open
            for writing; 0 fails at once.

    Raises:
        StoreError: the directory cannot be opened, for example because
            another process is writing it.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False, wait: float = 0.0):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        deadline = time.monotonic() + wait
        # Read before and after opening: equal and no writer alive means no writer came between.
        generation = self._read_generation() if self.path is not None and read_only else None
        while True:
            try:
                self._store = self._open()
                break
            except (OSError, RuntimeError) as exc:
                if read_only and self.path is not None and self.path.exists():
                    # pyoxigraph reads a store another process is writing on a best-effort basis.
                    raise StoreError(
                        f"{self.path}: cannot open the store ({exc}); if a `kg build` is writing it, "
                        "wait for it to finish"
                    ) from exc
                if not isinstance(exc, OSError) or not _is_lock_error(exc) or read_only:
                    raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
                if time.monotonic() >= deadline:
                    pid = _writer_pid(self.path)  # type: ignore[arg-type]
                    if pid == os.getpid() or "current process" in str(exc):
                        raise StoreError(
                            f"{self.path}: the store is already open for writing in this process; "
                            "close the other GraphStore first (store.close())"
                        ) from exc
                    who = f"pid {pid}" if pid else "pid unknown"
                    raise StoreError(
                        f"{self.path}: the store is in use by another kg process ({who}); "
                        "wait for it or pass another --store"
                    ) from exc
                time.sleep(0.2)
        self._generation: str | None = None
        if generation is not None and self._read_generation() == generation and _writer_pid(self.path) is None:
            self._generation = generation
        if self.path is not None and not read_only:
            self._new_generation()  # before anything is written: what readers computed so far is stale
            try:
                (self.path / WRITER_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
            except OSError:
                pass  # only a hint for the error message above

    def _new_generation(self) -> None:
        assert self.path is not None
        try:
            (self.path / GENERATION_FILE).write_text(uuid.uuid4().hex + "\n", encoding="ascii")
        except OSError:
            try:
                (self.path / GENERATION_FILE).unlink()
            except OSError:
                pass

    def _read_generation(self) -> str | None:
        assert self.path is not None
        try:
            token = (self.path / GENERATION_FILE).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return token if token.isalnum() else None  # it names a folder: nothing else is trusted

    @property
    def generation(self) -> str | None:
        """A token that names the content this store object sees; it changes whenever a writer opens or closes the store.

        A store opened read-only sees the store as it was when opened, so
        its generation is read then.  None for a store opened for writing
        (its content changes as it is written), one a writer held or changed
        while it was being opened, one in memory, and one no kg writer ever
        recorded.  Caches of answers (:mod:`kg.query.cache`) key on it.

        >>> GraphStore().generation is None
        True
        """
        return self._generation

    def _open(self) -> ox.Store:
        if self.path is None:
            return ox.Store()
        if self.read_only:
            return ox.Store.read_only(str(self.path))
        self.path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(self.path))

    def close(self) -> None:
        """Flush and release the store (and its writer's lock) now rather than when garbage-collected.

        >>> with GraphStore() as store:
        ...     len(store)
        0
        """
        if getattr(self, "_store", None) is None:
            return
        if self.path is not None and not self.read_only:
            self._store.flush()
            self._new_generation()
            try:
                (self.path / WRITER_FILE).unlink()
            except OSError:
                pass
        self._store = None  # type: ignore[assignment]  # pyoxigraph releases RocksDB when its Store is dropped

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`, for what this wrapper does not cover."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def replace_graph(self, graph: str, triples: Iterable[tuple[Node, Node, Node]] | Iterable[ox.Quad]) -> int:
        """Replace named graph ``graph`` with ``triples`` in one transaction; return their number.

        Either the whole new graph is written or the old one stays: a crash
        or error half-way never leaves half a graph.  ``triples`` are rdflib
        triples, or quads from :func:`to_quads` for this ``graph``.

        >>> store = GraphStore()
        >>> store.replace_graph("https://example.org/g", [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))])
        1
        """
        if isinstance(triples, tuple) and triples and type(triples[0]) is ox.Quad:
            quads = triples
            name = quads[0].graph_name
            if name != ox.NamedNode(graph) or any(type(q) is not ox.Quad or q.graph_name != name for q in quads):
                raise StoreError(f"cannot write graph <{graph}> to the store: quads for another graph; nothing was written")
        else:
            quads = to_quads(graph, triples)
            name = ox.NamedNode(graph)
        try:
            if not self._store.contains_named_graph(name):
                # The common case (a new article): one transactional insert, no SPARQL text to build and parse.
                self._store.extend(quads)
            elif not quads:
                self._store.update(f"DROP SILENT GRAPH {name}")
            else:
                # Removing and adding must be one transaction, and pyoxigraph's Python API has none
                # spanning a remove and an extend, so the change is one SPARQL update.  Writing only the
                # difference makes a re-build of unchanged or slightly changed articles cheap.
                old = set(self._store.quads_for_pattern(None, None, None, name))
                new = set(quads)
                if _has_blank_nodes(old) or _has_blank_nodes(new):
                    # DELETE DATA may not name blank nodes: rewrite the whole graph (kg's own graphs have none).
                    self._store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{_lines(quads)}\n}} }}")
                elif old != new:
                    parts = []
                    if old - new:
                        parts.append(f"DELETE DATA {{ GRAPH {name} {{\n{_lines(old - new)}\n}} }}")
                    if new - old:
                        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{_lines(new - old)}\n}} }}")
                    self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph <{graph}> to the store: {exc}") from exc
        return len(quads)

    def load_new_graphs(self, graphs: Iterable[str], nquads: str, seals: str = "") -> None:
        """Bulk-load N-Quads of ``graphs``, which the store does not hold yet, then ``seals`` in one transaction.

        pyoxigraph's bulk loader writes index files directly and skips the
        transaction log: several times faster than :meth:`replace_graph` for
        a batch of new articles, but not promised to be atomic.  So each
        graph's *seal* (``kg build`` uses the article's content hash) is
        written afterwards, transactionally: a crash part-way can leave
        graphs without their seal, never a sealed half graph, and the next
        build re-extracts and repairs the unsealed ones.  Nothing already
        in the store is changed.  The text is parsed in Rust without the
        GIL, so another thread can extract meanwhile.

        Raises:
            StoreError: one of ``graphs`` is in the store already (use
                :meth:`replace_graph`), or the write failed.

        >>> store = GraphStore()
        >>> g = "https://example.org/g"
        >>> store.load_new_graphs([g], to_nquads(g, [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))]),
        ...                       to_nquads(g, [(URIRef(g), URIRef("urn:hash"), Literal("1"))]))
        >>> len(store)
        2
        """
        for graph in graphs:
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                raise StoreError(f"cannot bulk-load graph <{graph}>: the store holds it already; nothing was written")
        try:
            if nquads:
                self._store.bulk_load(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS)
            if seals:
                self._store.load(seals.encode("utf-8"), ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot bulk-load {nquads.count(chr(10))} quads into the store: {exc}") from exc

    def has_graph(self, graph: str) -> bool:
        """Whether named graph ``graph`` is in the store.

        >>> GraphStore().has_graph("https://w3id.org/kg-ip/graph/reference")
        False
        """
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def remove_graph(self, graph: str) -> bool:
        """Drop named graph ``graph``; return whether it was there."""
        name = ox.NamedNode(graph)
        if not self._store.contains_named_graph(name):
            return False
        self._store.remove_graph(name)
        return True

    def graph_triples(self, graph: str, subject: Node | None = None) -> set[tuple[Node, Node, Node]]:
        """The triples of named graph ``graph`` (about ``subject`` if given) as rdflib terms."""
        pattern = to_oxigraph(subject) if subject is not None else None
        return {
            (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
            for q in self._store.quads_for_pattern(pattern, None, None, ox.NamedNode(graph))
        }

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, substitutions: dict[str, Node] | None = None):
        """Run a SPARQL query over the union of all graphs.

        ``substitutions`` binds variables to RDF terms (never spliced into the text).
        """
        bound = {ox.Variable(k.lstrip("?$")): to_oxigraph(v) for k, v in (substitutions or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=bound or None)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store."""
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if self.path is not None:
            self._store.flush()
