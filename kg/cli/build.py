"""``kg extract`` and ``kg build``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.options import fail, store_option
from kg.config import DEFAULT_INPUT
from kg.errors import IngestError, KgError


def _report_failure(error: IngestError) -> None:
    click.echo(f"error: {error}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def extract(paths: tuple[Path, ...], output_format: str) -> None:
    """Extract entities and who-issued-what from articles; print one JSON object per article.

    No store is needed.  Bad files are reported on stderr and skipped; the exit
    status is 1 if any failed.

    Example:

        kg extract seeds/*.txt > extraction.jsonl
    """
    from kg.pipeline import extract_paths

    failed = 0
    try:
        for item in extract_paths(paths):
            if isinstance(item, IngestError):
                failed += 1
                _report_failure(item)
                continue
            sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    except KgError as exc:
        raise fail(exc) from exc
    if failed:
        raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
def build(paths: tuple[Path, ...], store_path: Path) -> None:
    """Build the knowledge graph from articles (default: seeds/) into the store.

    Each article becomes one named graph; rebuilding an article replaces its graph.

    Example:

        kg build seeds/ --store kg-store
    """
    from rich.progress import Progress

    from kg.build import build as run_build
    from kg.ingest import iter_article_paths
    from kg.store import GraphStore

    inputs = list(paths) or [DEFAULT_INPUT]
    try:
        store = GraphStore(store_path)
        total = sum(1 for _ in iter_article_paths(inputs))
        with Progress(transient=True, disable=total < 20 or not sys.stderr.isatty()) as progress:
            task = progress.add_task("building", total=total)
            report = run_build(inputs, store, progress=lambda _path: progress.advance(task))
    except KgError as exc:
        raise fail(exc) from exc
    for error in report.failures:
        _report_failure(error)
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(report.entities.items()))
    click.echo(
        f"{report.articles} articles, entities: {by_type or 'none'}, "
        f"{report.triples} triples, {report.seconds:.2f} s → {store_path}"
    )
    if report.failures:
        click.echo(f"{len(report.failures)} file(s) failed: " + ", ".join(e.path for e in report.failures), err=True)
        raise SystemExit(1)


COMMANDS = [extract, build]
