"""``kg_places``: administrative divisions from the gazetteer, towns by suffix.

Full names (拉萨市) and short forms (拉萨, 内蒙古, 昆区) come from
:mod:`kg.gazetteer`.  A short form is also an ordinary word surprisingly often
(白银 the metal, 和平 peace), so short forms listed in ``place_stopwords.txt``
are dropped, and a hit that continues into a longer word listed there
(阿里巴巴) is dropped as well.
"""

from __future__ import annotations

import re

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import load_gazetteer
from kg.nlp import lexicon
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_span, compact_view


class PlaceMatcher:
    """Find gazetteer places and suffix-grammar towns in a doc."""

    def __init__(self, name: str, spans_key: str, stopwords: str, town_suffixes: str):
        self.name = name
        self.spans_key = spans_key
        self.gazetteer = load_gazetteer()
        blocked = set(lexicon.words(stopwords))
        self.automaton = ahocorasick.Automaton()
        for surface, codes in self.gazetteer.by_name.items():
            if len(surface) >= 2 and surface not in blocked:
                self.automaton.add_word(surface, (surface, tuple(sorted(codes))))
        self.blocked_words = [w for w in blocked if len(w) > 2]
        if len(self.automaton):
            self.automaton.make_automaton()
        suffixes = lexicon.alternation(lexicon.words(town_suffixes))
        self.town = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)({suffixes})")

    def __call__(self, doc: Doc) -> Doc:
        text = compact_view(doc).text
        hits = sorted(
            ((end + 1 - len(surface), end + 1, surface, codes) for end, (surface, codes) in self.automaton.iter(text)),
            key=lambda h: (h[0], -(h[1] - h[0])),
        )
        taken_until = -1
        for start, end, surface, codes in hits:
            if start < taken_until:
                continue  # inside a longer place name (拉萨市 covers 拉萨)
            if any(text.startswith(word, start) for word in self.blocked_words if word.startswith(surface)):
                continue
            places = [self.gazetteer.by_code[c] for c in codes]
            add_span(
                doc,
                self.spans_key,
                "PLACE",
                start,
                end,
                name=places[0].name if len(places) == 1 else surface,
                attrs={"codes": list(codes)},
            )
            taken_until = end
        return doc


@Language.factory(
    "kg_places",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "stopwords": "place_stopwords.txt",
        "town_suffixes": "town_suffixes.txt",
    },
)
def make_places(nlp: Language, name: str, spans_key: str, stopwords: str, town_suffixes: str) -> PlaceMatcher:
    return PlaceMatcher(name, spans_key, stopwords, town_suffixes)
