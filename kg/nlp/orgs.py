"""``kg_orgs``: enterprises, banks, universities, associations, parks by suffix.

A name is a run of Chinese characters (and brackets) ending in a suffix from
``org_suffixes.txt``; it starts after punctuation or a function word, which
``org_boundaries.txt`` lists.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_span, compact_view


class OrgFinder:
    """Suffix grammar for organisations that are not public bodies."""

    def __init__(self, name: str, spans_key: str, suffixes: str, min_len: int, max_len: int):
        self.name = name
        self.spans_key = spans_key
        suffix = lexicon.alternation(lexicon.words(suffixes))
        self.pattern = re.compile(rf"[\u4e00-\u9fff()]{{{min_len},{max_len}}}?(?:{suffix})")

    def __call__(self, doc: Doc) -> Doc:
        text = compact_view(doc).text
        for match in self.pattern.finditer(text):
            add_span(doc, self.spans_key, "ORG", match.start(), match.end())
        return doc


@Language.factory(
    "kg_orgs",
    assigns=["doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "suffixes": "org_suffixes.txt", "min_len": 2, "max_len": 20},
)
def make_orgs(nlp: Language, name: str, spans_key: str, suffixes: str, min_len: int, max_len: int) -> OrgFinder:
    return OrgFinder(name, spans_key, suffixes, min_len, max_len)
