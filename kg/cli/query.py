"""``kg ask`` and ``kg sparql``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import fail, output_option, render_rows, store_option
from kg.errors import KgError, StoreError


def _open_store(store_path: Path):
    from kg.store import GraphStore

    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `kg build` first or pass --store")
    return GraphStore(store_path, read_only=True)


@click.command()
@click.argument("name", required=False)
@store_option
@output_option
def ask(name: str | None, store_path: Path, output_format: str) -> None:
    """Answer a canned question; without NAME, list the questions.

    Example:

        kg ask issuers --format csv
    """
    from kg.query import questions, run

    if name is None:
        rows = [{"name": q.name, "description": q.description} for q in questions().values()]
        click.echo(render_rows(("name", "description"), rows, output_format))
        return
    try:
        result = run(_open_store(store_path), name)
    except KgError as exc:
        raise fail(exc) from exc
    click.echo(render_rows(result.columns, result.rows, output_format))


@click.command()
@click.argument("query")
@store_option
@output_option
def sparql(query: str, store_path: Path, output_format: str) -> None:
    """Run any SPARQL 1.1 SELECT or ASK query (text or a .rq file) on the store.

    Example:

        kg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kg.query import run_sparql

    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    try:
        result = run_sparql(_open_store(store_path), text)
    except KgError as exc:
        raise fail(exc) from exc
    click.echo(render_rows(result.columns, result.rows, output_format))


COMMANDS = [ask, sparql]
