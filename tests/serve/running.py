"""Run ``kg serve`` as a real subprocess on a free loopback port (a helper for tests)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]


def build_store(path: Path, trig: Path | None = None, seeds: bool = True, copy_of=None) -> Path:
    """Write a store at ``path`` (seeds built by kg, a copy of another GraphStore, a TriG file) and close it."""
    import gc

    import pyoxigraph as ox

    from kg.store import GraphStore

    store = GraphStore(path)
    if seeds:
        from kg.build import build

        report = build([ROOT / "seeds"], store)
        assert report.failures == []
    if copy_of is not None:
        store.oxigraph.extend(copy_of.quads())
    if trig is not None:
        store.oxigraph.load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()  # close RocksDB so the server's workers can open the directory
    return path


@contextmanager
def kg_serve(store: Path, *args: str, startup: float = 60.0) -> Iterator[str]:
    """Start ``kg serve --port 0 --store STORE ARGS``; yield its query URL; stop it."""
    script = Path(sys.executable).parent / "kg"
    launcher = [str(script)] if script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]
    command = [*launcher, "serve", "--port", "0", "--store", str(store), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + startup
        url = None
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            match = re.search(r"(http://\S+/query)", line)
            if match:
                url = match.group(1)
                break
        if url is None:
            process.kill()
            raise RuntimeError(f"kg serve did not start: {process.stderr.read() if process.stderr else ''}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
