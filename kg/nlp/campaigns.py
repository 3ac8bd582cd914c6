"""``kg_campaigns``: named campaigns, programmes, publicity days and weeks.

Campaign names are usually quoted and followed by their kind word
("蓝天"专项行动); a list of quoted names shares one kind word
("铁拳""剑网""昆仑"等专项行动 → three campaigns).  Recurring events known by
name (世界知识产权日) come from ``named_events.txt``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_span, compact_view

_QUOTED = r"[\"“]([^\"“”\n]{1,20})[\"”]"


class CampaignFinder:
    """Quoted names with a kind word, lists of them, and named events."""

    def __init__(self, name: str, spans_key: str, kinds: str, events: str):
        self.name = name
        self.spans_key = spans_key
        kind = lexicon.alternation(lexicon.words(kinds))
        self.quoted_list = re.compile(rf"((?:{_QUOTED}[、,和及与]?)+)(?:等)?({kind})")
        self.quoted = re.compile(_QUOTED)
        self.events = re.compile(lexicon.alternation(lexicon.words(events)))

    def __call__(self, doc: Doc) -> Doc:
        text = compact_view(doc).text
        for match in self.quoted_list.finditer(text):
            kind = match.group(match.lastindex)
            names = list(self.quoted.finditer(match.group(1)))
            offset = match.start(1)
            for i, quoted in enumerate(names):
                last = i == len(names) - 1
                start = offset + quoted.start()
                end = match.end() if last else offset + quoted.end()
                add_span(doc, self.spans_key, "CAMPAIGN", start, end, name=quoted.group(1) + kind, attrs={"kind": kind})
        for match in self.events.finditer(text):
            add_span(doc, self.spans_key, "CAMPAIGN", match.start(), match.end(), name=match.group())
        return doc


@Language.factory(
    "kg_campaigns",
    assigns=["doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "kinds": "campaign_kinds.txt", "events": "named_events.txt"},
)
def make_campaigns(nlp: Language, name: str, spans_key: str, kinds: str, events: str) -> CampaignFinder:
    return CampaignFinder(name, spans_key, kinds, events)
