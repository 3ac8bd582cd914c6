"""``kg viz``: draw the graph, a question's answer or one entity's neighbourhood as standalone HTML."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import fail, param_option, parse_params, store_option
from kg.errors import KgError, QueryError


@click.command()
@click.option("--question", metavar="NAME", help="Draw the answer of a canned question (`kg ask` lists them).")
@param_option
@click.option("--focus", metavar="ENTITY", help="Draw only this entity's neighbourhood (a name, part of one, or an IRI).")
@click.option("--depth", type=click.IntRange(1, 6), default=2, show_default=True,
              help="With --focus: how many relations away to go.")
@click.option("--co-issuance", "co_issued", is_flag=True,
              help="Draw bodies linked by the documents they issued together.")
@click.option("--isolated", is_flag=True, help="Keep entities that take part in no relation.")
@click.option("--title", help="Page title (default: says what is drawn).")
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, help="HTML file to write.")
def viz(question: str | None, params: tuple[str, ...], focus: str | None, depth: int, co_issued: bool,
        isolated: bool, title: str | None,
        store_path: Path, output: Path) -> None:
    """Draw the graph as one standalone HTML page (no CDN, works offline).

    Nodes are coloured by type and labelled with their Chinese names, edges
    are labelled with their relation (issued, conducted, jurisdiction, part
    of), and a legend explains both.  Without options it draws every entity
    that takes part in a relation.

    Example:

        kg viz --focus 拉萨市市场监督管理局 -o lhasa.html

        kg viz --question within_place --param place=西藏自治区 -o xizang.html
    """
    from kg.query import open_store
    from kg.viz import co_issuance, neighbourhood, to_html, to_networkx

    try:
        store = open_store(store_path)
        if question is not None:
            from kg.query import run

            graph = to_networkx(run(store, question, parse_params(params)))
            what = " ".join(["kg ask", question, *params])
        else:
            if params:
                raise QueryError("--param goes with --question NAME; `kg ask` lists the questions and their params")
            graph = to_networkx(store, isolated=isolated or focus is not None)
            what = "kg graph"
        if co_issued:
            graph = co_issuance(graph, isolated=isolated)
            what += " · co-issuance"
        if focus is not None:
            graph = neighbourhood(graph, focus, depth=depth)
            what = f"{graph.nodes[graph.graph['focus']].get('label', focus)} · {depth} step{'s' if depth > 1 else ''}"
        elif not isolated:
            graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
        page = to_html(graph, title=title or what)
    except KgError as exc:
        raise fail(exc) from exc
    output.write_text(page, encoding="utf-8")
    click.echo(f"{output}: {graph.number_of_nodes()} entities, {graph.number_of_edges()} relations")


COMMANDS = [viz]
