"""``kg_resolver``: settle overlaps between the components' spans.

Places may sit inside other names (拉萨市 in 拉萨市市场监管局 is a mention of
拉萨市 too), so a PLACE inside a longer span stays; so does a body inside a
title (《最高人民法院关于…的规定》 mentions 最高人民法院).  Any other overlap keeps
the span of the stronger label, then the longer one.  ``doc.ents`` gets the
outermost spans.
"""

from __future__ import annotations

import bisect
import operator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.nlp.spans import DEFAULT_SPANS_KEY, entry_list, one_token_per_char, record_getter, set_final

#: Stronger labels first.
DEFAULT_PRIORITY = ["POLICY", "AGENCY", "CAMPAIGN", "ORG", "PLACE"]


def outermost(kept: list[tuple[str, int, int]]) -> list[int]:
    """Indices into ``kept`` of the spans :func:`spacy.util.filter_spans` keeps, by start.

    The same rule on plain offsets (the first longest span wins, a span whose
    first or last character is taken is dropped), for a Doc of one token per
    character, without touching spaCy ``Span`` objects.  ``kept`` is sorted
    by (start, end).  The resolver keeps spans that nest or stay apart, and
    then the outermost ones are found in one pass; spans that cross take
    filter_spans' own way.

    >>> outermost([("PLACE", 0, 3), ("AGENCY", 0, 8), ("PLACE", 9, 11)])
    [1, 2]
    """
    chosen: list[int] = []
    reach = 0  # end of the last chosen span
    for i, (_, start, end) in enumerate(kept):
        if chosen and kept[chosen[-1]][1] == start:
            if end > reach:  # a longer span from the same start holds the one chosen
                chosen[-1] = i
                reach = end
            continue  # the same stretch again: the first one stays
        if start < reach:
            if end > reach:
                return _longest_first(kept)  # crossing spans
            continue  # inside the chosen span
        chosen.append(i)
        reach = end
    return chosen


def _longest_first(kept: list[tuple[str, int, int]]) -> list[int]:
    """:func:`outermost` for any spans, the way filter_spans goes: longest first, then by start."""
    # filter_spans sorts by (length, -start) descending with a stable sort.
    order = sorted(range(len(kept)), key=[(end - start, -start) for _, start, end in kept].__getitem__, reverse=True)
    taken = bytearray(max((end for _, _, end in kept), default=0) + 1)
    chosen = []
    for i in order:
        _, start, end = kept[i]
        if not taken[start] and not taken[end - 1]:
            chosen.append(i)
            taken[start:end] = b"\x01" * (end - start)
    chosen.sort(key=lambda i: kept[i][1])
    return chosen


class SpanResolver:
    """Drop spans that lose an overlap; set ``doc.ents``."""

    def __init__(self, name: str, spans_key: str, priority: list[str], nestable: list[str]):
        self.name = name
        self.spans_key = spans_key
        self.rank = {label: i for i, label in enumerate(priority)}
        self.nestable = set(nestable)

    def _clashes(self, item: tuple, others: list[tuple]) -> bool:
        _, _, start, _, end, label, attrs = item
        for other in others:
            holes = other[6].get("holes") or ()
            if holes and any(a <= start and end <= b for a, b in holes):
                continue  # inside a caption the layout pushed into a title
            inside = other[2] <= start and end <= other[4]
            if inside and label in self.nestable and label != other[5]:
                continue
            if inside and attrs.get("nested"):
                continue  # a second plate in brackets, a 〈nested〉 title
            if inside and label == "POLICY" and other[5] == "POLICY":
                continue  # 〈nested〉 titles
            return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        # Overlaps are settled on plain tuples; spaCy Spans are made only for
        # the mentions that stay.
        rank, unranked = self.rank, len(self.rank)
        # (rank, -length, start, order, end, label, attrs): a plain tuple sort
        # is the stable sort by (rank, -length, start); the order settles ties.
        get_record = record_getter(doc)
        items = []
        for order, entry in enumerate(entry_list(doc, self.spans_key)):
            label, start, end = entry
            record = get_record(entry)  # (name, attrs, source)
            items.append((rank.get(label, unranked), start - end, start, order, end, label, (record[1] if record else None) or {}))
        items.sort()
        kept: list[tuple] = []
        # Characters some kept span covers: most candidates overlap nothing,
        # and one C-level find says so.
        covered = bytearray(max((item[4] for item in items), default=0) + 1)
        find, bisect_left, bisect_right = covered.find, bisect.bisect_left, bisect.bisect_right
        # Kept spans sorted by start, to find the ones overlapping a candidate
        # without walking every character it covers.
        starts: list[int] = []
        by_start: list[tuple] = []
        longest = 0
        for item in items:
            start, end = item[2], item[4]
            if find(1, start, end) >= 0:
                lo = bisect_left(starts, start - longest + 1)
                hi = bisect_left(starts, end)
                if self._clashes(item, [o for o in by_start[lo:hi] if o[4] > start]):
                    continue
            kept.append(item)
            covered[start:end] = b"\x01" * (end - start)
            at = bisect_right(starts, start)
            starts.insert(at, start)
            by_start.insert(at, item)
            if end - start > longest:
                longest = end - start
        kept.sort(key=_BY_OFFSET)
        final = [(item[5], item[2], item[4]) for item in kept]
        spans = set_final(doc, final, self.spans_key)
        if one_token_per_char(doc):
            ents = [spans[i] for i in outermost(final)]
        else:
            ents = filter_spans(spans)
        # "unmodified" leaves tokens outside the entities without an IOB tag
        # (a fresh Doc has none) instead of writing "O" to every token, which
        # costs more than the rest of this component.
        doc.set_ents(ents, default="unmodified")
        return doc


#: (start, end, label) of a resolver item.
_BY_OFFSET = operator.itemgetter(2, 4, 5)


@Language.factory(
    "kg_resolver",
    assigns=["doc.spans", "doc.ents"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "priority": DEFAULT_PRIORITY, "nestable": ["PLACE", "AGENCY"]},
)
def make_resolver(nlp: Language, name: str, spans_key: str, priority: list[str], nestable: list[str]) -> SpanResolver:
    return SpanResolver(name, spans_key, priority, nestable)
