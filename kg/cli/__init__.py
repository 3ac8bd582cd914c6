"""The ``kg`` command line: one verb per task.

Each verb lives in the module of its area; this module builds the group.
Library errors (:class:`kg.errors.KgError`) become one line on stderr.
"""

from __future__ import annotations

import click

from kg.cli import build as _build
from kg.cli import export as _export
from kg.cli import graph as _graph
from kg.cli import query as _query
from kg.cli import serve as _serve
from kg.cli import viz as _viz


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """Knowledge graphs of Chinese IP-protection news: extract, build, ask, export."""


for _module in (_build, _query, _export, _graph, _serve, _viz):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli()
