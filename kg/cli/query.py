"""``kg ask`` and ``kg sparql``: canned questions and any SPARQL, on the store or an endpoint."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import fail, output_option, param_option, parse_params, render_rows, store_option
from kg.errors import KgError, QueryError


def _source(store_path: Path, endpoint: str | None, timeout: float):
    from kg.query import Endpoint, open_store

    if endpoint:
        return Endpoint(endpoint, timeout=timeout)
    return open_store(store_path)


endpoint_option = click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Ask this SPARQL 1.1 query endpoint (e.g. http://127.0.0.1:7878/query) instead of the store.",
)
timeout_option = click.option(
    "--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for an --endpoint."
)


def _describe(question) -> str:
    if not question.params:
        return question.description
    params = ", ".join(f"{p.name}={p.type}{'' if p.required else ' (optional)'}" for p in question.params)
    return f"{question.description} Params: {params}."


@click.command()
@click.argument("name", required=False)
@param_option
@store_option
@endpoint_option
@timeout_option
@output_option
def ask(
    name: str | None,
    params: tuple[str, ...],
    store_path: Path,
    endpoint: str | None,
    timeout: float,
    output_format: str,
) -> None:
    """Answer a canned question; without NAME, list the questions.

    Parameters are bound as RDF terms, never pasted into the SPARQL text.

    Example:

        kg ask body_documents --param body=拉萨市市场监管局 --format csv

        kg ask within_place -p place=西藏自治区 --endpoint http://127.0.0.1:7878/query
    """
    from kg.query import questions, run

    if name is None:
        rows = [{"name": q.name, "description": _describe(q)} for q in questions().values()]
        click.echo(render_rows(("name", "description"), rows, output_format))
        return
    try:
        result = run(_source(store_path, endpoint, timeout), name, parse_params(params))
    except KgError as exc:
        raise fail(exc) from exc
    click.echo(render_rows(result.columns, result.rows, output_format))


@click.command()
@click.argument("query")
@param_option
@store_option
@endpoint_option
@timeout_option
@output_option
def sparql(
    query: str,
    params: tuple[str, ...],
    store_path: Path,
    endpoint: str | None,
    timeout: float,
    output_format: str,
) -> None:
    """Run any SPARQL 1.1 SELECT or ASK query (text or a .rq file) on the store or an endpoint.

    A --param value is a plain literal; write <http://...> for an IRI.  A
    bound variable must appear in the SELECT clause.

    Example:

        kg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'

        kg sparql 'SELECT ?s ?label WHERE { ?s skos:prefLabel ?label }' --endpoint http://127.0.0.1:7878/query
    """
    from kg.query import run_sparql

    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    try:
        bound = {}
        for key, value in parse_params(params).items():
            if value.startswith("<") and value.endswith(">"):
                import pyoxigraph as ox

                try:
                    bound[key] = ox.NamedNode(value[1:-1])
                except ValueError as exc:
                    raise QueryError(f"--param {key}: {value} is not a valid IRI ({exc})") from exc
            else:
                bound[key] = value
        result = run_sparql(_source(store_path, endpoint, timeout), text, bound)
    except KgError as exc:
        raise fail(exc) from exc
    click.echo(render_rows(result.columns, result.rows, output_format))


COMMANDS = [ask, sparql]
