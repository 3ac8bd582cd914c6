"""kg_statistical: a spaCy Chinese pipeline's entities merged under the rule spans.

The test trains a tiny NER pipeline for a few iterations, saves it to
``tmp_path`` and loads kg's pipeline with ``model`` pointing there, so the
real loading and merging code runs without any download.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

TRAIN = [
    ("泡泡玛特被侵权案开庭审理", [(0, 4, "ORG")]),
    ("法院审理泡泡玛特侵权案件", [(4, 8, "ORG")]),
    ("市场监管局查处泡泡玛特仿冒商品", [(0, 5, "ORG"), (7, 11, "ORG")]),
    ("泡泡玛特在香格里拉开设门店", [(0, 4, "ORG"), (5, 9, "GPE")]),
    ("香格里拉游客众多", [(0, 4, "GPE")]),
    ("盲盒企业泡泡玛特发布新品", [(4, 8, "ORG")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("zh_tiny")
    random.seed(0)
    spacy.util.fix_random_seed(0)
    model = spacy.blank("zh")
    ner = model.add_pipe("ner")
    for _, ents in TRAIN:
        for _, _, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(model.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = model.initialize(lambda: examples)
    for _ in range(40):
        random.shuffle(examples)
        model.update(examples, sgd=optimizer, drop=0.0)
    model.to_disk(path)
    return path


@pytest.mark.parametrize("annotate", [True, False], ids=["annotated", "mentions-only"])
def test_statistical_entities_are_merged_and_rules_win(tiny_model, annotate):
    """The same with the Doc users get and with the tokenless one ``kg extract`` uses."""
    from kg.nlp import find_mentions, load

    nlp = load(annotate=annotate, components__kg_statistical__model=str(tiny_model))
    assert nlp.get_pipe("kg_statistical").model is not None
    text = "市场监管局查处泡泡玛特仿冒商品"
    mentions = find_mentions(nlp(text))
    by_text = {(m.label, m.text): m for m in mentions}
    # The model's ORG where no rule fired is added, with the model as source.
    assert ("ORG", "泡泡玛特") in by_text
    assert by_text[("ORG", "泡泡玛特")].source == str(tiny_model)
    # The model also calls 市场监管局 an ORG; the rule AGENCY wins the conflict.
    assert ("AGENCY", "市场监管局") in by_text
    assert ("ORG", "市场监管局") not in by_text
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_missing_model_means_rules_only():
    from kg.nlp import load

    nlp = load(components__kg_statistical__model="/nonexistent/zh_pipeline")
    assert nlp.get_pipe("kg_statistical").model is None
