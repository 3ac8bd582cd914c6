"""``kg validate``, ``kg why`` and ``kg remove``: check the graph, trace a fact to its sentence, take an article out."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import fail, output_option, render_rows, store_option
from kg.errors import KgError, StoreError


def open_read_only(store_path: Path):
    """The store at ``store_path`` for reading (export, validate, why)."""
    return _open(store_path)


def _open(store_path: Path, read_only: bool = True):
    from kg.store import GraphStore

    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `kg build` first or pass --store")
    return GraphStore(store_path, read_only=read_only)


def _article_label(graph: str) -> str:
    from kg.link import article_iri

    prefix = article_iri("x")[:-1]
    return graph[len(prefix) :] if graph.startswith(prefix) else graph


class _DatasetView:
    """An rdflib Dataset seen through the two GraphStore methods validate_store uses."""

    def __init__(self, dataset):
        self.dataset = dataset

    def graphs(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.dataset.graphs() if len(g) and str(g.identifier).startswith("http"))

    def graph_triples(self, graph: str, subject=None) -> set:
        from rdflib import URIRef

        return set(self.dataset.graph(URIRef(graph)).triples((subject, None, None)))


def _validate_file(path: Path, engine: str) -> dict:
    """Reports for an RDF file: per named graph (as for a store) when it has any, else for the whole file."""
    from rdflib import Dataset

    from kg.graph.validate import validate_store, validate_triples

    formats = {".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}
    data = Dataset()
    try:
        data.parse(str(path), format=formats.get(path.suffix.lower(), "turtle"))
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise KgError(f"{path}: cannot parse as RDF ({type(exc).__name__}: {exc})") from exc
    view = _DatasetView(data)
    if view.graphs():
        return validate_store(view, engine=engine)
    return {"": validate_triples({quad[:3] for quad in data.quads((None, None, None, None))}, engine)}


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option("--warnings/--no-warnings", default=True, show_default=True, help="Also list warnings.")
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="kg's compiled shapes (what `kg build` checks) or pyshacl (the reference SHACL engine, slower).",
)
def validate(files: tuple[Path, ...], store_path: Path, warnings: bool, engine: str) -> None:
    """Check the store's article graphs (or RDF FILES) against ontology/shapes.ttl.

    Prints one line per article graph and one per finding; the exit status is
    1 when anything violates a shape.  FILES (Turtle, TriG, N-Triples,
    JSON-LD, e.g. a `kg export`) are checked per named graph when they have
    them (TriG), else as one graph — which is stricter: two articles that
    spell one entity's canonical name differently then give it two
    skos:prefLabel values.

    Example:

        kg validate --store kg-store --engine pyshacl
    """
    from kg.graph.validate import validate_store

    try:
        if files:
            reports = {}
            for path in files:
                for name, report in _validate_file(path, engine).items():
                    reports[f"{path} {_article_label(name)}" if name else str(path)] = report
        else:
            reports = {_article_label(g): r for g, r in validate_store(_open(store_path), engine=engine).items()}
    except KgError as exc:
        raise fail(exc) from exc
    violations = sum(len(r.violations) for r in reports.values())
    warned = sum(len(r.warnings) for r in reports.values())
    for name, report in reports.items():
        shown = report.findings if warnings else report.violations
        status = "ok" if report.conforms else "FAIL"
        click.echo(f"{status} {name}" + (f" ({len(report.violations)} violations, {len(report.warnings)} warnings)" if report.findings else ""))
        for finding in shown:
            click.echo(f"  {finding.line()}")
    click.echo(f"{len(reports)} graphs checked: {violations} violations, {warned} warnings")
    if violations:
        raise SystemExit(1)


def _name(store, iri: str) -> str:
    """The canonical name (skos:prefLabel) of ``iri``, or the IRI."""
    from rdflib import URIRef

    rows = list(
        store.query(
            "SELECT ?x ?name WHERE { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY ?name LIMIT 1",
            {"x": URIRef(iri)},
        )
    )
    return rows[0]["name"].value if rows else iri


@click.command()
@click.argument("issuer")
@click.argument("document")
@store_option
@output_option
def why(issuer: str, document: str, store_path: Path, output_format: str) -> None:
    """Show the sentence(s) behind a row of `kg ask issuers`: ISSUER issued DOCUMENT.

    ISSUER and DOCUMENT are canonical names (as `kg ask issuers` prints them),
    surface forms as written, or IRIs.

    Example:

        kg why 国家知识产权局 知识产权强国建设纲要（2021—2035年）
    """
    from kg.graph.provenance import why as find_reasons

    try:
        store = _open(store_path)
        reasons = find_reasons(store, issuer, document)
    except KgError as exc:
        raise fail(exc) from exc
    if not reasons:
        raise click.ClickException(
            f"no extracted fact that {issuer!r} issued {document!r}; `kg ask issuers` lists the facts there are"
        )
    if output_format == "table":
        # Readable: the fact once (by name, with its IRIs), then each sentence with where it is.
        fact = None
        for r in reasons:
            if (r.subject, r.object) != fact:
                fact = (r.subject, r.object)
                click.echo(f"{_name(store, r.subject)} issued 《{_name(store, r.object)}》  <{r.subject}> <{r.object}>")
            kind = "" if r.explicit else " (inferred)"
            # Layout line breaks inside the sentence would break the one-line layout.
            click.echo(f"  {r.article} [{r.start}:{r.end}]{kind} {' '.join(r.sentence.split())}")
        return
    rows = [
        {"article": r.article, "start": r.start, "end": r.end, "sentence": r.sentence, "issuer": r.subject, "document": r.object}
        for r in reasons
    ]
    click.echo(render_rows(("article", "start", "end", "sentence", "issuer", "document"), rows, output_format))


@click.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
def remove(articles: tuple[str, ...], store_path: Path) -> None:
    """Remove what ARTICLES contributed: their named graphs.

    ARTICLE is an article id (the file stem, as `kg ask issuers` prints it),
    its file path, or its IRI.  Entities that other articles mention stay.

    Example:

        kg remove 002_fd5c015d66bd1487
    """
    from kg.link import article_iri

    try:
        store = _open(store_path, read_only=False)
        graphs = set(store.graphs())
        missing = []
        for article in articles:
            candidates = [article, article_iri(article), article_iri(Path(article).stem)]
            graph = next((c for c in candidates if c in graphs and c.startswith(article_iri("x")[:-1])), None)
            if graph is None:
                missing.append(article)
                continue
            store.remove_graph(graph)
            click.echo(f"removed {_article_label(graph)}")
        store.close()
    except KgError as exc:
        raise fail(exc) from exc
    if missing:
        raise click.ClickException(
            f"no article {', '.join(missing)} in {store_path}; "
            "`kg sparql 'SELECT ?id WHERE { ?a a <https://w3id.org/kg-ip/ontology#Article>; <http://purl.org/dc/terms/identifier> ?id }'` lists them"
        )


COMMANDS = [validate, why, remove]
