"""Helpers for the NER tests: run the packaged pipeline on a sentence."""

from __future__ import annotations

import pytest

from kg.model import Mention


@pytest.fixture(scope="session")
def found(nlp):
    """``found(text)`` → the mentions the pipeline finds, with offsets checked."""
    from kg.nlp import find_mentions

    def run(text: str) -> list[Mention]:
        mentions = find_mentions(nlp(text))
        for m in mentions:
            assert text[m.start : m.end] == m.text, m
        return mentions

    return run


def labelled(mentions: list[Mention], label: str) -> set[str]:
    return {m.text for m in mentions if m.label == label}
