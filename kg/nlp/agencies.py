"""``kg_agencies``: government bodies by grammar, not by a list of names.

An agency is a jurisdiction followed by an organ from ``organs.tsv``:

* a place the ``kg_places`` component found right before the organ
  (拉萨市 + 市场监管局),
* a deixis word standing for the article's own jurisdiction
  (市 + 市场监管局 in "市市场监管局"; 自治区 + 党委),
* a national jurisdiction (国家 + 知识产权局).

The span's attrs keep the parts (``jurisdiction``, ``jurisdiction_kind``,
``organ``) so the linker can resolve 市 to the article's city.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_span, compact_view, spans_of


class AgencyGrammar:
    """Jurisdiction + organ."""

    def __init__(self, name: str, spans_key: str, organs: str, deixis: str, national: str):
        self.name = name
        self.spans_key = spans_key
        self.organs = lexicon.mapping(organs)
        self.organ = re.compile(lexicon.alternation(list(self.organs)))
        self.deixis = lexicon.words(deixis)
        self.national = lexicon.words(national)
        self.prefix = re.compile(f"(?:{lexicon.alternation(list(self.national) + list(self.deixis))})$")

    def __call__(self, doc: Doc) -> Doc:
        view = compact_view(doc)
        text = view.text
        place_ends = {}
        for span in spans_of(doc, self.spans_key, ["PLACE"]):
            place_ends[view.compact_index(span.end_char - 1) + 1] = span
        for match in self.organ.finditer(text):
            start = match.start()
            place = place_ends.get(start)
            if place is not None:
                jur_start = view.compact_index(place.start_char)
                jurisdiction, kind = place._.kg_name, "place"
            else:
                prefix = self.prefix.search(text, max(0, start - 3), start)
                if prefix is None:
                    continue
                jur_start = prefix.start()
                jurisdiction = prefix.group()
                kind = "national" if jurisdiction in self.national else "deixis"
            organ = self.organs[match.group()]
            add_span(
                doc,
                self.spans_key,
                "AGENCY",
                jur_start,
                match.end(),
                attrs={
                    "jurisdiction": jurisdiction,
                    "jurisdiction_kind": kind,
                    "organ": organ,
                    "codes": list((place._.kg_attrs or {}).get("codes", [])) if place is not None else [],
                },
            )
        return doc


@Language.factory(
    "kg_agencies",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "organs": "organs.tsv",
        "deixis": "jurisdiction_deixis.txt",
        "national": "national_jurisdictions.txt",
    },
)
def make_agencies(nlp: Language, name: str, spans_key: str, organs: str, deixis: str, national: str) -> AgencyGrammar:
    return AgencyGrammar(name, spans_key, organs, deixis, national)
