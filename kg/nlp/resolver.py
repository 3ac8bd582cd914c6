"""``kg_resolver``: settle overlaps between the components' spans.

Places may sit inside other names (拉萨市 in 拉萨市市场监管局 is a mention of
拉萨市 too), so a PLACE inside a longer span stays; so does a body inside a
title (《最高人民法院关于…的规定》 mentions 最高人民法院).  Any other overlap keeps
the span of the stronger label, then the longer one.  ``doc.ents`` gets the
outermost spans.

With ``annotate = false`` the resolver keeps the mentions for
:func:`kg.nlp.find_mentions` only and leaves ``doc.spans`` and ``doc.ents``
unset: writing them (a spaCy ``Span`` per mention, ``Doc.set_ents`` over every
entity token) costs about 0.8 M instructions an article, more than settling
the overlaps, and a batch run that reads only the mentions never looks at
them.
"""

from __future__ import annotations

import bisect
import operator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.errors import PipelineError
from kg.nlp.spans import DEFAULT_SPANS_KEY, entry_list, keep_final, one_token_per_char, record_getter, set_final
from kg.nlp.tokenizer import is_tokenless

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
    """Drop spans that lose an overlap; set ``doc.spans[spans_key]`` and ``doc.ents`` if ``annotate``."""

    def __init__(self, name: str, spans_key: str, priority: list[str], nestable: list[str], annotate: bool = True):
        self.name = name
        self.spans_key = spans_key
        self.rank = {label: i for i, label in enumerate(priority)}
        self.nestable = set(nestable)
        self.annotate = annotate

    def _clashes(self, entry: tuple[str, int, int], others: list[tuple[str, int, int]], attrs_of) -> bool:
        """Whether ``entry`` loses to one of the kept ``others`` that overlap it.

        Each test below lets the pair stand, so their order does not change
        the answer: the ones on offsets and labels go first, and a record's
        attrs are read only when they decide (most pairs are a place inside
        an agency, which the label test settles).
        """
        label, start, end = entry
        nestable = label in self.nestable
        attrs = None
        for other in others:
            other_label, other_start, other_end = other
            inside = other_start <= start and end <= other_end
            if inside:
                if nestable and label != other_label:
                    continue
                if label == "POLICY" and other_label == "POLICY":
                    continue  # 〈nested〉 titles
                if attrs is None:
                    attrs = attrs_of(entry)
                if attrs.get("nested"):
                    continue  # a second plate in brackets, a 〈nested〉 title
            holes = attrs_of(other).get("holes")
            if holes and any(a <= start and end <= b for a, b in holes):
                continue  # inside a caption the layout pushed into a title
            return True
        return False

    def settle(self, entries: list[tuple[str, int, int]], get_record) -> list[tuple[str, int, int]]:
        """The ``(label, start, end)`` entries that stay, sorted by (start, end, label).

        Stronger labels go first, then longer spans, then earlier ones, then
        the order they were added; a candidate stays unless it clashes with
        one kept before it.  ``get_record(entry)`` gives ``(name, attrs,
        source)`` or None.
        """
        rank, unranked = self.rank, len(self.rank)

        def attrs_of(entry: tuple[str, int, int]) -> dict:
            record = get_record(entry)
            return (record[1] if record else None) or {}

        # Overlaps stay within a stretch of overlapping candidates, so each stretch
        # is settled on its own.  A candidate alone in its stretch stays whatever the
        # ranking (about half of them); a pair (most of the rest: a place inside a
        # body) is two comparisons; only longer stretches go through the ranking below.
        kept = []
        ranked = []
        for stretch in _stretches(entries):
            if len(stretch) == 1:
                kept.append(stretch[0])
            elif len(stretch) == 2:
                first, second = stretch  # by start, then in the order added
                if (rank.get(second[0], unranked), second[1] - second[2], second[1]) < (
                    rank.get(first[0], unranked), first[1] - first[2], first[1]
                ):
                    first, second = second, first
                if self._clashes(second, [first], attrs_of):
                    kept.append(first)  # overlaps nothing ranked before it
                elif _BY_OFFSET(first) <= _BY_OFFSET(second):
                    kept += (first, second)  # both stay, in offset order
                else:
                    kept += (second, first)
            else:
                ranked.extend(stretch)
        # Stretches come by start and share no character, so kept is in order
        # (start, end, label) so far: only what the ranking keeps needs sorting.
        if not ranked:
            return kept
        # In a stretch, candidates with the same rank, length and start are the
        # same mention, so the order they were added breaks no tie that matters.
        entries = ranked
        outside = kept
        kept = []

        # One int per candidate sorts as (rank, -length, start, order) would:
        # ints compare far faster than tuples whose first items are equal.
        keys = [
            (((rank.get(label, unranked) << 32) - (end - start)) << 64) + (start << 32) + order
            for order, (label, start, end) in enumerate(entries)
        ]
        keys.sort()
        # Characters some kept span covers: most candidates overlap nothing,
        # and one C-level find says so.
        covered = bytearray(max((entry[2] for entry in entries), default=0) + 1)
        find, bisect_left, bisect_right = covered.find, bisect.bisect_left, bisect.bisect_right
        ones = _ONES
        # Kept spans sorted by start, to find the ones overlapping a candidate
        # without walking every character it covers.
        starts: list[int] = []
        by_start: list[tuple[str, int, int]] = []
        longest = 0
        for key in keys:
            entry = entries[key & _ORDER_BITS]
            _, start, end = entry
            if find(1, start, end) >= 0:
                lo = bisect_left(starts, start - longest + 1)
                hi = bisect_left(starts, end)
                others = [other for other in by_start[lo:hi] if other[2] > start]
                if others and self._clashes(entry, others, attrs_of):
                    continue
            kept.append(entry)
            length = end - start
            # A bytearray value is copied in as it is; bytes would be copied twice.
            covered[start:end] = ones[length] if length < len(ones) else b"\x01" * length
            at = bisect_right(starts, start)
            starts.insert(at, start)
            by_start.insert(at, entry)
            if length > longest:
                longest = length
        kept.sort(key=_BY_OFFSET)  # a key made in C per entry, no tuples turned round in Python
        # Two runs in order; a start is never in both (stretches share no
        # character), so a stable sort on the start merges them.
        outside += kept
        outside.sort(key=_START)
        return outside

    def __call__(self, doc: Doc) -> Doc:
        if self.annotate and is_tokenless(doc):
            raise PipelineError(_NEEDS_TOKENS.format(name=self.name))  # before the work it would throw away
        # Overlaps are settled on plain tuples; spaCy Spans are made only for
        # the mentions that stay.
        final = self.settle(entry_list(doc, self.spans_key), record_getter(doc))
        if not self.annotate:
            keep_final(doc, final, self.spans_key, in_order=True)  # settle sorts by (start, end, label)
            return doc
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


def _stretches(entries: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """The entries in stretches of overlapping ones, by start (one sweep); equal starts keep the order added.

    >>> _stretches([("PLACE", 0, 3), ("AGENCY", 0, 8), ("PLACE", 9, 11), ("ORG", 11, 12)])
    [[('PLACE', 0, 3), ('AGENCY', 0, 8)], [('PLACE', 9, 11)], [('ORG', 11, 12)]]
    """
    stretches: list[list[tuple[str, int, int]]] = []
    stretch: list[tuple[str, int, int]] = []
    reach = -1  # the furthest end in the current stretch
    for entry in sorted(entries, key=_START):
        start, end = entry[1], entry[2]
        if start < reach:
            stretch.append(entry)
            if end > reach:
                reach = end
        else:
            stretch = [entry]
            stretches.append(stretch)
            reach = end
    return stretches


_START = operator.itemgetter(1)
_BY_OFFSET = operator.itemgetter(1, 2, 0)  # (start, end, label) of a (label, start, end) entry

_NEEDS_TOKENS = (
    "{name}: annotate = true needs a Doc with tokens; "
    "set [nlp.tokenizer] tokens = true, or annotate = false to read only find_mentions"
)

#: The order a candidate was added, in the low bits of its sort key.
_ORDER_BITS = (1 << 32) - 1

#: Runs of covered marks by length, as bytearrays (see ``SpanResolver.settle``).
_ONES = [bytearray(b"\x01" * length) for length in range(257)]


@Language.factory(
    "kg_resolver",
    assigns=["doc.spans", "doc.ents"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "priority": DEFAULT_PRIORITY,
        "nestable": ["PLACE", "AGENCY"],
        "annotate": True,
    },
)
def make_resolver(
    nlp: Language, name: str, spans_key: str, priority: list[str], nestable: list[str], annotate: bool
) -> SpanResolver:
    if annotate and getattr(nlp.tokenizer, "tokens", True) is False:
        # Said at load time, not after every component has run on the first text.
        raise PipelineError(_NEEDS_TOKENS.format(name=name))
    return SpanResolver(name, spans_key, priority, nestable, annotate)
