"""``kg extract`` and ``kg build``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import fail, store_option, write_text
from kg.config import DEFAULT_INPUT
from kg.errors import IngestError, KgError


def _report_failure(error: IngestError) -> None:
    click.echo(f"error: {error}", err=True)


def _report_summary(failures: list[IngestError]) -> None:
    """The closing line of a batch with failures; the caller exits 1."""
    click.echo(f"{len(failures)} file(s) failed: " + ", ".join(e.path for e in failures), err=True)


def _max_bytes_option(func):
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        envvar="KG_MAX_BYTES",
        default=None,
        help="Refuse files larger than this many bytes (default 20 MB; env KG_MAX_BYTES).",
    )(func)


def _jobs_option(func):
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Worker processes for extraction (1 = in this process); with --engine dask, local cluster workers.",
    )(func)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@_jobs_option
@_max_bytes_option
def extract(paths: tuple[Path, ...], output_format: str, jobs: int, max_bytes: int | None) -> None:
    """Extract entities and who-issued-what from articles; print one JSON object per article.

    No store is needed.  Bad files are reported on stderr and skipped; the exit
    status is 1 if any failed.  Output is in input order whatever --jobs is.

    Example:

        kg extract seeds/*.txt --jobs 4 > extraction.jsonl
    """
    from kg.engines import make_engine
    from kg.pipeline import extract_paths, warm_up

    failures: list[IngestError] = []
    try:
        if jobs == 1:
            warm_up()
        with make_engine("local", jobs) as engine:
            for item in extract_paths(paths, engine, max_bytes=max_bytes):
                if isinstance(item, IngestError):
                    failures.append(item)
                    _report_failure(item)
                    continue
                write_text(sys.stdout, item.to_json_line())
    except KgError as exc:
        raise fail(exc) from exc
    if failures:
        _report_summary(failures)
        raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@_jobs_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where extraction runs: this machine, or a Dask cluster.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default: a local cluster."
)
@click.option("--force", is_flag=True, help="Re-extract articles whose content is unchanged since the last build.")
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Check each article's graph against ontology/shapes.ttl before writing it.",
)
@_max_bytes_option
def build(
    paths: tuple[Path, ...],
    store_path: Path,
    jobs: int,
    engine: str,
    scheduler: str | None,
    force: bool,
    validate: bool,
    max_bytes: int | None,
) -> None:
    """Build the knowledge graph from articles (default: seeds/) into the store.

    Each article becomes one named graph; rebuilding an article replaces its
    graph.  Articles whose content is already in the store are skipped, so
    re-running on a grown folder costs only the new files.  Extraction can run
    in N processes (--jobs N) or on a Dask cluster (--engine dask); the store
    is the same either way.

    Example:

        kg build seeds/ --store kg-store --jobs 4
    """
    from rich.progress import Progress

    from kg.build import build as run_build
    from kg.engines import make_engine
    from kg.ingest import iter_article_paths
    from kg.pipeline import warm_up
    from kg.store import GraphStore

    inputs = list(paths) or [DEFAULT_INPUT]
    try:
        total = sum(1 for _ in iter_article_paths(inputs))
        # The store first: a busy store is reported at once, not after loading the models.
        with GraphStore(store_path) as store, make_engine(engine, jobs, scheduler) as runner, Progress(
            transient=True, disable=total < 20 or not sys.stderr.isatty()
        ) as progress:
            if engine == "local" and jobs == 1 and total:
                warm_up()
            task = progress.add_task("building", total=total)
            report = run_build(
                inputs,
                store,
                progress=lambda _path: progress.advance(task),
                engine=runner,
                force=force,
                validate=validate,
                max_bytes=max_bytes,
            )
    except KgError as exc:
        raise fail(exc) from exc
    for error in report.failures:
        _report_failure(error)
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(report.entities.items()))
    skipped = f"{report.skipped} unchanged, skipped, " if report.skipped else ""
    click.echo(
        f"{report.articles} articles, entities: {by_type or 'none'}, "
        f"{report.triples} triples, {skipped}{report.seconds:.2f} s → {store_path}"
    )
    if report.failures:
        _report_summary(report.failures)
        raise SystemExit(1)


COMMANDS = [extract, build]
