"""``kg export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import fail, store_option
from kg.errors import KgError
from kg.graph.export import EXPORT_FORMATS


@click.command()
@store_option
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@click.option("--all-places", is_flag=True, help="Export the whole gazetteer, not only the places the articles use.")
@click.option("--ontology", is_flag=True, help="Also export the ontology graph (ontology/kg.ttl).")
def export(store_path: Path, export_format: str, output: Path | None, all_places: bool, ontology: bool) -> None:
    """Export the graph: Turtle (default), TriG with the per-article graphs, N-Triples or JSON-LD.

    The same store always gives byte-identical output.  By default the
    reference data is cut to the places the articles point at (with their
    ancestors); --all-places exports all ~3,000 of them.

    Example:

        kg export --format trig -o graph.trig
    """
    from kg.cli.graph import open_read_only
    from kg.graph.export import export_store

    try:
        data = export_store(open_read_only(store_path), export_format, all_places=all_places, ontology=ontology)
    except KgError as exc:
        raise fail(exc) from exc
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


COMMANDS = [export]
