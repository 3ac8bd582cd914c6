"""``kg build``: extract articles and write them to the store, one named graph each.

Each article is written in its own transaction, so a build that fails or is
killed half-way leaves whole articles only, and what the store held before
stays.

>>> from kg.build import build
>>> from kg.store import GraphStore
>>> report = build(["seeds/001_33a5e50e001da68a.txt"], GraphStore())
>>> report.articles, report.failures
(1, [])
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable


from kg.errors import IngestError, KgError
from kg.commit import commit_extraction, ensure_reference
from kg.pipeline import extract_paths
from kg.store import GraphStore


@dataclass
class BuildReport:
    """What a build did."""

    articles: int = 0
    triples: int = 0
    seconds: float = 0.0
    entities: Counter = field(default_factory=Counter)
    failures: list[IngestError] = field(default_factory=list)


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: GraphStore,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Extract every article under ``paths`` into ``store``; bad files are reported and skipped."""
    started = time.perf_counter()
    report = BuildReport()
    ensure_reference(store)
    for item in extract_paths(paths):
        if isinstance(item, KgError):
            report.failures.append(item)
        else:
            report.articles += 1
            report.triples += commit_extraction(store, item)
            report.entities.update(e.type for e in item.entities)
        if progress is not None:
            progress(item.path if isinstance(item, IngestError) else item.article.path)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["BuildReport", "build"]
