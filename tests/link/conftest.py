"""Helpers for the linker tests: run the real NER pipeline, then link()."""

from __future__ import annotations

from functools import lru_cache

import pytest

from kg.link import link
from kg.model import Article, Extraction, Mention
from tests.conftest import SEEDS

STEMS_ALL = ("000", "001", "002", "003", "004")


@lru_cache(maxsize=None)
def seed_text(stem: str) -> str:
    """The text of the seed whose file name starts with ``stem`` (e.g. "002")."""
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return path.read_text(encoding="utf-8")


def ner(text: str) -> list[Mention]:
    from kg.nlp import find_mentions, load

    return find_mentions(load()(text))


@lru_cache(maxsize=None)
def _linked_seed(stem: str) -> Extraction:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return link(Article(path.stem, text), ner(text))


def run(text: str, article_id: str = "t") -> Extraction:
    """Link ``text`` after the real NER stage."""
    return link(Article(article_id, text), ner(text))


def canonicals(extraction: Extraction, label: str) -> set[str]:
    return {e.canonical for e in extraction.entities if e.type == label}


def rows(extraction: Extraction, kind: str = "ISSUED", explicit: bool | None = None) -> set[tuple[str, str]]:
    """(subject canonical, object canonical) of ``kind`` relations."""
    out = set()
    for relation in extraction.relations:
        if relation.kind != kind or (explicit is not None and relation.explicit != explicit):
            continue
        subject, obj = extraction.entity(relation.subject), extraction.entity(relation.object)
        out.add((subject.canonical if subject else relation.subject, obj.canonical if obj else relation.object))
    return out


@pytest.fixture(scope="session")
def linked_seed():
    """Linked seed articles by stem, computed once per session."""
    return _linked_seed
