"""Fixtures of the query tests: a hand-written graph in kg's layout."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

LAYOUT = Path(__file__).parent / "fixtures" / "layout.trig"


def load_layout(store) -> None:
    """Load ``fixtures/layout.trig`` into a :class:`kg.store.GraphStore`."""
    store.oxigraph.load(path=str(LAYOUT), format=ox.RdfFormat.TRIG)


@pytest.fixture(scope="module")
def layout_store():
    """An in-memory store holding ``fixtures/layout.trig`` (read it, don't write to it)."""
    from kg.store import GraphStore

    store = GraphStore()
    load_layout(store)
    return store
