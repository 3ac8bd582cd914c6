"""Options and output shared by the commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

import click

from kg.config import DEFAULT_STORE
from kg.errors import KgError

OUTPUT_FORMATS = ("table", "csv", "json", "md")


def store_option(func: Callable) -> Callable:
    """``--store DIR`` (default ``./kg-store`` or ``$KG_STORE``)."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_STORE,
        show_default=True,
        help="Store directory.",
    )(func)


def output_option(func: Callable) -> Callable:
    """``--format table|csv|json|md`` for row output."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(OUTPUT_FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


#: Rows a table shows; the other formats give every row.  A table is for
#: reading at a terminal: a 26,000-row one took rich 7 s to draw and is read by no one.
TABLE_ROWS = 100


def render_rows(
    columns: Sequence[str], rows: Sequence[dict[str, Any]], output_format: str, table_rows: int = TABLE_ROWS
) -> str:
    """Rows as a table (the first ``table_rows`` of them, then a count of the rest), CSV, JSON or Markdown.

    >>> print(render_rows(("n",), [{"n": i} for i in range(3)], "table", table_rows=2))
    ┏━━━┓
    ┃ n ┃
    ┡━━━┩
    │ 0 │
    │ 1 │
    └───┘
    … 1 more row (3 in all); --format csv, json or md gives every row.
    """
    if output_format == "json":
        return json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=1)
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if row.get(c) is None else row.get(c) for c in columns] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if output_format == "md":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(str(row.get(c) or "").replace("|", "\\|") for c in columns) + " |" for row in rows]
        return "\n".join(lines)
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, show_lines=False)
    for row in rows[:table_rows]:
        table.add_row(*["" if row.get(c) is None else str(row.get(c)) for c in columns])
    console = Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None)
    console.print(table)
    text = console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
    hidden = len(rows) - table_rows
    if hidden > 0:
        text += (
            f"\n… {hidden:,} more row{'s' if hidden > 1 else ''} ({len(rows):,} in all); "
            "--format csv, json or md gives every row."
        )
    return text


param_option = click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value, bound as an RDF term (repeatable).",
)


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs of ``--param`` as a dict.

    Raises:
        QueryError: a pair has no ``=`` or no name.
    """
    from kg.errors import QueryError

    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: write it as NAME=VALUE, e.g. --param body=拉萨市市场监管局")
        values[key.strip()] = value
    return values


#: Characters handed to one ``write``: a single write of 2 GiB or more to a
#: pipe was cut short at 2,147,479,552 bytes (Linux caps one write(2) there).
WRITE_CHUNK = 1 << 26


def write_text(stream: TextIO, text: str, chunk: int = WRITE_CHUNK) -> None:
    """Write ``text`` to ``stream`` whole, in pieces of at most ``chunk`` characters.

    >>> import io
    >>> out = io.StringIO(); write_text(out, "拉萨市市场监管局", chunk=3); out.getvalue()
    '拉萨市市场监管局'
    """
    for start in range(0, len(text), chunk):
        stream.write(text[start : start + chunk])


def fail(exc: KgError) -> click.ClickException:
    """A library error as a one-line CLI error."""
    return click.ClickException(str(exc))
