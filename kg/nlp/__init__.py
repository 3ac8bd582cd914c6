"""The NER stage: a spaCy pipeline of rule components built from ``config.cfg``.

>>> from kg.nlp import load, find_mentions
>>> nlp = load()
>>> [(m.label, m.text) for m in find_mentions(nlp("拉萨市市场监管局印发《实施方案》"))]
[('PLACE', '拉萨市'), ('AGENCY', '拉萨市市场监管局'), ('POLICY', '实施方案')]
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from kg.nlp import agencies, campaigns, orgs, places, resolver, statistical, titles, tokenizer  # noqa: F401
from kg.errors import PipelineError
from kg.model import Mention
from kg.nlp.spans import DEFAULT_SPANS_KEY, to_mentions

__all__ = ["load", "find_mentions", "CONFIG_PATH"]

CONFIG_PATH = Path(str(resources.files("kg.nlp").joinpath("config.cfg")))

#: Longest text when the config has no ``[kg] max_length``.
DEFAULT_MAX_LENGTH = 25_000_000


def _build(config_path: str, overrides: tuple[tuple[str, Any], ...]) -> Language:
    try:
        config = spacy.util.load_config(config_path, overrides=dict(overrides), interpolate=False)
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
        nlp.max_length = int(config.get("kg", {}).get("max_length", DEFAULT_MAX_LENGTH))
        return nlp
    except (OSError, ValueError, TypeError) as exc:
        raise PipelineError(f"cannot build the NER pipeline from {config_path}: {exc}") from exc


@lru_cache(maxsize=4)
def _load_cached(config_path: str, overrides: tuple[tuple[str, Any], ...]) -> Language:
    return _build(config_path, overrides)


def load(config_path: str | Path | None = None, *, annotate: bool = True, **overrides: Any) -> Language:
    """Build the pipeline from ``config.cfg`` once per process.

    Args:
        config_path: a config of your own; the packaged one by default.
        annotate: give the Doc its tokens (one per character),
            ``doc.spans["kg"]`` and ``doc.ents``.  A caller that reads only
            :func:`find_mentions` (``kg extract``) passes False: the mentions
            are the same, the Doc carries only its text, and the NER stage
            costs about a fifth less.
        overrides: config overrides in spaCy's dotted form passed as keyword
            arguments with ``__`` for dots, e.g.
            ``components__kg_statistical__model="/path/to/pipeline"`` or
            ``kg__max_length=50_000_000`` (the longest text accepted).

    Raises:
        PipelineError: the config or a lexicon it names is broken.
    """
    if not annotate:
        overrides.setdefault("components__kg_resolver__annotate", False)
        overrides.setdefault("nlp__tokenizer__tokens", False)
    dotted = tuple(sorted((key.replace("__", "."), value) for key, value in overrides.items()))
    return _load_cached(str(config_path or CONFIG_PATH), dotted)


def find_mentions(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Mention]:
    """The mentions the pipeline put on ``doc``, sorted by offset."""
    return to_mentions(doc, spans_key)
