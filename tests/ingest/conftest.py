"""Helpers for ingest tests that need a file the test process itself cannot read."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest

NOBODY = 65534


@pytest.fixture
def shared_tmp():
    """A temporary folder every user may enter (pytest's own tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="kg-ingest-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def run_unprivileged(func: Callable[[], Any]) -> Any:
    """Run ``func`` as an ordinary user and return its (picklable) result.

    Tests run as root in CI containers, and root reads a chmod-000 file; so
    when we are root, fork and drop to ``nobody`` first.  The child only runs
    code that is already imported.  ``func`` should catch the errors it
    expects and return their text (kg's IngestError does not pickle).
    """
    if os.geteuid() != 0:
        return func()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = pickle.dumps(("ok", func()))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            payload = pickle.dumps(("crashed", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(payload)
    if status != "ok":
        raise RuntimeError(f"the unprivileged child failed: {value}")
    return value
