"""``kg export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import fail, store_option
from kg.errors import KgError

EXPORT_FORMATS = ("turtle", "trig", "nt", "jsonld")


@click.command()
@store_option
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export(store_path: Path, export_format: str, output: Path | None) -> None:
    """Export the graph: Turtle (default), TriG with the per-article graphs, N-Triples or JSON-LD.

    The same store always gives byte-identical output.

    Example:

        kg export --format trig -o graph.trig
    """
    from kg.cli.query import _open_store
    from kg.graph.export import export_store

    try:
        data = export_store(_open_store(store_path), export_format)
    except KgError as exc:
        raise fail(exc) from exc
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


COMMANDS = [export]
