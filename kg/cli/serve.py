"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import fail, store_option
from kg.errors import KgError, StoreError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port; 0 picks a free one.")
@store_option
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update at /update (refused with 403 otherwise).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds a query or update may run; past it the answer is 503.")
@click.option("--max-request-bytes", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Largest request body or URL accepted (413/414 above).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes (1 with --allow-update).")
def serve(
    host: str,
    port: int,
    store_path: Path,
    allow_update: bool,
    timeout: float,
    max_request_bytes: int,
    workers: int,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at /query (and /update with --allow-update).

    Read-only by default; SERVICE and LOAD are refused, so the server never
    fetches other hosts' URLs.  Prints the query URL once listening.

    Example:

        kg serve --port 7878 &
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import ServeConfig, is_loopback
    from kg.serve import serve as run_server

    try:
        if not store_path.exists():
            if not allow_update:
                raise StoreError(f"{store_path}: no store here; run `kg build` first or pass --store")
            from kg.store import GraphStore

            GraphStore(store_path).flush()
        if not is_loopback(host):
            click.echo(f"warning: listening on {host}: anyone who can reach this address can query the store", err=True)
        config = ServeConfig(str(store_path), host, port, allow_update, timeout, max_request_bytes, workers)
        mode = "read-write" if allow_update else "read-only"

        def ready(url: str) -> None:
            click.echo(f"kg serve: {url} ({mode}, timeout {timeout:g} s, store {store_path}); Ctrl-C stops")

        run_server(config, on_ready=ready)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from exc
    except KgError as exc:
        raise fail(exc) from exc


COMMANDS = [serve]
