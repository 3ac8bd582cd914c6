"""Shared fixtures: the seed corpus, the gold annotations, a built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "seeds"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def gold(doc: str) -> dict:
    """The gold annotation of one seed article."""
    return json.loads((GOLD / f"{doc}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A store built once from the seeds (read it, don't write to it)."""
    from kg.build import build
    from kg.store import GraphStore

    path = tmp_path_factory.mktemp("store") / "kg-store"
    with GraphStore(path) as writer:
        report = build([SEEDS], writer)
    assert report.failures == []
    # Read-only, like `kg ask`: tests that open the same path as CLI users do
    # must not meet a writer's background compaction.
    return GraphStore(path, read_only=True)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load

    return load()
