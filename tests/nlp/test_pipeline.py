"""kg.nlp: the pipeline builds from config, round-trips through disk, and is deterministic."""

from __future__ import annotations

import spacy

from kg.nlp import CONFIG_PATH, find_mentions, load, lexicon
from tests.conftest import SEEDS


def test_every_knob_is_in_config():
    config = spacy.util.load_config(CONFIG_PATH)
    nlp = load()
    for name in nlp.pipe_names:
        factory_meta = nlp.get_factory_meta(config["components"][name]["factory"])
        assert set(factory_meta.default_config) <= set(config["components"][name]), name


def test_lexicons_are_data_files():
    config = spacy.util.load_config(CONFIG_PATH)
    for component in config["components"].values():
        for value in component.values():
            if isinstance(value, str) and value.endswith((".txt", ".tsv")):
                assert lexicon.rows(value), value


def test_disk_round_trip_gives_the_same_mentions(tmp_path):
    nlp = load()
    nlp.to_disk(tmp_path / "kg_ner")
    again = spacy.load(tmp_path / "kg_ner")
    text = (SEEDS / "002_fd5c015d66bd1487.txt").read_text(encoding="utf-8")
    assert find_mentions(again(text)) == find_mentions(nlp(text))


def test_deterministic_on_seeds():
    nlp = load()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first = [(m.label, m.start, m.end, m.name, sorted(m.attrs.items(), key=str)) for m in find_mentions(nlp(text))]
        second = [(m.label, m.start, m.end, m.name, sorted(m.attrs.items(), key=str)) for m in find_mentions(nlp(text))]
        assert first == second


def test_texts_over_a_million_characters_are_accepted():
    # spaCy's default max_length (1,000,000) guards its parser's memory; the
    # rule pipeline is linear, so config.cfg's [kg] max_length applies.
    nlp = load()
    assert nlp.max_length >= 25_000_000
    text = "a" * 1_000_001 + "拉萨市市场监管局"
    mentions = find_mentions(nlp(text))
    assert [(m.label, m.start) for m in mentions] == [("PLACE", 1_000_001), ("AGENCY", 1_000_001)]


def test_max_length_is_a_config_setting():
    assert load(kg__max_length=50).max_length == 50
