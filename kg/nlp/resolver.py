"""``kg_resolver``: settle overlaps between the components' spans.

Places may sit inside other names (拉萨市 in 拉萨市市场监管局 is a mention of
拉萨市 too), so a PLACE inside a longer span stays.  Any other overlap keeps
the span of the stronger label, then the longer one.  ``doc.ents`` gets the
outermost spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.spans import DEFAULT_SPANS_KEY

#: Stronger labels first.
DEFAULT_PRIORITY = ["POLICY", "AGENCY", "CAMPAIGN", "ORG", "PLACE"]


class SpanResolver:
    """Drop spans that lose an overlap; set ``doc.ents``."""

    def __init__(self, name: str, spans_key: str, priority: list[str], nestable: list[str]):
        self.name = name
        self.spans_key = spans_key
        self.rank = {label: i for i, label in enumerate(priority)}
        self.nestable = set(nestable)

    def _key(self, span: Span) -> tuple[int, int, int]:
        return (self.rank.get(span.label_, len(self.rank)), -(span.end_char - span.start_char), span.start_char)

    def __call__(self, doc: Doc) -> Doc:
        spans = sorted(doc.spans.get(self.spans_key, []), key=self._key)
        kept: list[Span] = []
        for span in spans:
            clash = False
            for other in kept:
                if span.start_char >= other.end_char or other.start_char >= span.end_char:
                    continue
                inside = other.start_char <= span.start_char and span.end_char <= other.end_char
                if inside and span.label_ in self.nestable and span.label_ != other.label_:
                    continue
                if inside and span.label_ == "POLICY" and other.label_ == "POLICY":
                    continue  # 〈nested〉 titles
                clash = True
                break
            if not clash:
                kept.append(span)
        kept.sort(key=lambda s: (s.start_char, s.end_char, s.label_))
        doc.spans[self.spans_key] = kept
        doc.ents = filter_spans(kept)
        return doc


@Language.factory(
    "kg_resolver",
    assigns=["doc.spans", "doc.ents"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "priority": DEFAULT_PRIORITY, "nestable": ["PLACE"]},
)
def make_resolver(nlp: Language, name: str, spans_key: str, priority: list[str], nestable: list[str]) -> SpanResolver:
    return SpanResolver(name, spans_key, priority, nestable)
