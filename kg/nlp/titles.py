"""``kg_titles``: policy documents written as 《titles》.

A title may nest others in 〈〉 (《贯彻落实〈知识产权强国建设纲要〉实施方案》);
each nested title is a document of its own and the outer one keeps its 〈〉
text.  Layout whitespace inside a title is dropped from its name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import DEFAULT_SPANS_KEY, add_span, compact_view

_NESTED = re.compile(r"〈([^〈〉《》]{2,})〉")


class TitleFinder:
    """Find 《》 titles and the 〈〉 titles nested in them."""

    def __init__(self, name: str, spans_key: str, max_len: int):
        self.name = name
        self.spans_key = spans_key
        self.title = re.compile(rf"《([^《》]{{1,{max_len}}}?)》")

    def __call__(self, doc: Doc) -> Doc:
        text = compact_view(doc).text
        for match in self.title.finditer(text):
            inner = match.group(1).replace("\n", "")
            if not inner.strip():
                continue
            add_span(doc, self.spans_key, "POLICY", match.start(1), match.end(1), name=inner)
            for nested in _NESTED.finditer(match.group(1)):
                offset = match.start(1)
                add_span(
                    doc,
                    self.spans_key,
                    "POLICY",
                    offset + nested.start(1),
                    offset + nested.end(1),
                    name=nested.group(1).replace("\n", ""),
                )
        return doc


@Language.factory(
    "kg_titles",
    assigns=["doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "max_len": 120},
)
def make_titles(nlp: Language, name: str, spans_key: str, max_len: int) -> TitleFinder:
    return TitleFinder(name, spans_key, max_len)
