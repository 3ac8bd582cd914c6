"""``kg_statistical``: an optional statistical NER layer (zh_core_web_sm).

When the pipeline named by ``model`` is installed (a package name or a path),
its ORG/GPE/LOC/FAC entities are added as ORG and PLACE spans wherever no rule
span overlaps them: rules win on conflicts.  When it is not installed this
component does nothing, so the default pipeline needs no download.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import DEFAULT_SPANS_KEY, add, entries

log = logging.getLogger(__name__)

DEFAULT_LABEL_MAP = {"ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE"}


def find_model(model: str) -> Language | None:
    """Load ``model`` (package name or path) if it is installed, else None."""
    if not model:
        return None
    if Path(model).exists() or spacy.util.is_package(model):
        return spacy.load(model)
    return None


class StatisticalLayer:
    """Merge a statistical pipeline's entities under the rule spans."""

    def __init__(self, name: str, spans_key: str, model: str, label_map: dict[str, str]):
        self.name = name
        self.spans_key = spans_key
        self.label_map = label_map
        self.model_name = model
        self.model = find_model(model)
        if self.model is None:
            log.debug("statistical layer %r is not installed; using rules only", model)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            return doc
        # Offsets, not Spans: a Doc made for find_mentions alone has no tokens.
        rule_spans = [(start, end) for _, start, end, *_ in entries(doc, self.spans_key)]
        for ent in self.model(doc.text).ents:
            label = self.label_map.get(ent.label_)
            if label is None:
                continue
            if any(ent.start_char < end and start < ent.end_char for start, end in rule_spans):
                continue
            add(doc, self.spans_key, label, ent.start_char, ent.end_char, source=self.model_name, compact=False)
        return doc


@Language.factory(
    "kg_statistical",
    assigns=["doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "model": "zh_core_web_sm", "label_map": DEFAULT_LABEL_MAP},
)
def make_statistical(nlp: Language, name: str, spans_key: str, model: str, label_map: dict[str, str]) -> StatisticalLayer:
    return StatisticalLayer(name, spans_key, model, label_map)
