"""``kg_resolver``: settle overlaps between the components' spans.

Places may sit inside other names (拉萨市 in 拉萨市市场监管局 is a mention of
拉萨市 too), so a PLACE inside a longer span stays; so does a body inside a
title (《最高人民法院关于…的规定》 mentions 最高人民法院).  Any other overlap keeps
the span of the stronger label, then the longer one.  ``doc.ents`` gets the
outermost spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.spans import DEFAULT_SPANS_KEY, entries, replace_spans

#: Stronger labels first.
DEFAULT_PRIORITY = ["POLICY", "AGENCY", "CAMPAIGN", "ORG", "PLACE"]


class SpanResolver:
    """Drop spans that lose an overlap; set ``doc.ents``."""

    def __init__(self, name: str, spans_key: str, priority: list[str], nestable: list[str]):
        self.name = name
        self.spans_key = spans_key
        self.rank = {label: i for i, label in enumerate(priority)}
        self.nestable = set(nestable)

    def __call__(self, doc: Doc) -> Doc:
        # Read each span's fields once: spaCy's Span properties are slow to call in a loop.
        items = [
            (self.rank.get(label, len(self.rank)), -(end - start), start, end, label, attrs or {}, span)
            for span, label, start, end, _name, attrs, _source in entries(doc, self.spans_key)
        ]
        items.sort(key=lambda item: item[:3])
        kept: list[tuple] = []
        covering: dict[int, list[tuple]] = {}  # character → kept spans over it
        for item in items:
            _, _, start, end, label, attrs, _span = item
            others = {id(o): o for pos in range(start, end) for o in covering.get(pos, ())}
            clash = False
            for other in others.values():
                holes = other[5].get("holes") or ()
                if holes and any(a <= start and end <= b for a, b in holes):
                    continue  # inside a caption the layout pushed into a title
                inside = other[2] <= start and end <= other[3]
                if inside and label in self.nestable and label != other[4]:
                    continue
                if inside and attrs.get("nested"):
                    continue  # a second plate in brackets, a 〈nested〉 title
                if inside and label == "POLICY" and other[4] == "POLICY":
                    continue  # 〈nested〉 titles
                clash = True
                break
            if not clash:
                kept.append(item)
                for pos in range(start, end):
                    covering.setdefault(pos, []).append(item)
        kept.sort(key=lambda item: (item[2], item[3], item[4]))
        spans = [item[6] for item in kept]
        replace_spans(doc, spans, self.spans_key)
        # "unmodified" leaves tokens outside the entities without an IOB tag
        # (a fresh Doc has none) instead of writing "O" to every token, which
        # costs more than the rest of this component.
        doc.set_ents(filter_spans(spans), default="unmodified")
        return doc


@Language.factory(
    "kg_resolver",
    assigns=["doc.spans", "doc.ents"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "priority": DEFAULT_PRIORITY, "nestable": ["PLACE", "AGENCY"]},
)
def make_resolver(nlp: Language, name: str, spans_key: str, priority: list[str], nestable: list[str]) -> SpanResolver:
    return SpanResolver(name, spans_key, priority, nestable)
