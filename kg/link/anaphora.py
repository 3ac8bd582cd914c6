"""Resolve 该局, 该院 … to the body they refer to.

News prose names a body once and then says 该局 ("近年来,该局深入推动……").  Such
a reference is the last body named before it in the same news item whose
canonical name ends with the anaphor's head (局, 院, 委 …, ``data/anaphora.tsv``).
Anaphors are not entities of their own (GUIDELINES.md: 该局 is not an agency);
they stand in for their antecedent as the subject of relations.

>>> refs = find_anaphors("市市场监管局成立以来,该局印发《A》。", [(0, 6, "iri:a", "余姚市市场监督管理局")], [(0, 30)])
>>> [(r.start, r.end, r.iri) for r in refs]
[(11, 13, 'iri:a')]
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kg.link.resources import WordFinder, anaphors, word_finder

__all__ = ["Anaphor", "find_anaphors"]


@dataclass(frozen=True)
class Anaphor:
    """An anaphor's offsets and the IRI of the body it refers to."""

    start: int
    end: int
    text: str
    iri: str


@lru_cache(maxsize=1)
def _anaphor_finder() -> WordFinder:
    """Every anaphor of ``data/anaphora.tsv``, found in one pass (该… and 会议: two fast scans)."""
    return word_finder(tuple(anaphors()))


def find_anaphors(
    text: str,
    bodies: list[tuple[int, int, str, str]],
    sections: list[tuple[int, int]],
) -> list[Anaphor]:
    """Anaphors in ``text`` resolved against ``bodies`` (start, end, iri, canonical).

    ``sections`` are (start, end) spans; an anaphor never reaches back into an
    earlier news item.  Unresolvable anaphors are left out.
    """
    table = anaphors()
    if not table:
        return []
    finder = _anaphor_finder()
    ordered: list[tuple[int, int, str, str]] | None = None  # sorted on the first anaphor: most pages have none
    found = []
    # The rule reads, for each anaphor, the bodies in ``ordered`` up to the first
    # that ends after it, and takes the last of them in its section whose name
    # ends with the head.  Anaphors come in text order, so that prefix only grows
    # (one pointer), and per head a list of the matching bodies' positions gives
    # the last one by bisection: linear in anaphors + bodies, not their product.
    reach = 0
    by_head: dict[str, list[int]] = {}
    section_at: Callable[[int], tuple[int, int]] | None = None  # made on the first anaphor: most pages have none
    for match in finder.finditer(text):
        if ordered is None:
            ordered = _outermost(bodies)
            section_at = _section_finder(sections, len(text))
        at = match.start()
        while reach < len(ordered) and ordered[reach][1] <= at:
            reach += 1
        head = table[match.group()]
        positions = by_head.get(head)
        if positions is None:
            positions = by_head[head] = [i for i, body in enumerate(ordered) if body[3].endswith(head)]
        last = bisect.bisect_left(positions, reach) - 1
        # ``ordered`` is sorted by start: the last candidate starts latest, so if
        # it lies before the section, every earlier one does too.
        if last >= 0 and ordered[positions[last]][0] >= section_at(at)[0]:
            found.append(Anaphor(at, match.end(), match.group(), ordered[positions[last]][2]))
    return found


_START = operator.itemgetter(0)
_END = operator.itemgetter(1)


def _outermost(bodies: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """``bodies`` sorted, less those written inside another's name.

    上诉至最高人民法院知识产权法庭……该院: the court named inside its tribunal's name
    is part of a name, not a body the text has been talking about.

    >>> _outermost([(0, 10, "iri:unit", "国家知识产权局商标局"), (0, 7, "iri:parent", "国家知识产权局")])
    [(0, 10, 'iri:unit', '国家知识产权局商标局')]
    """
    ordered = sorted(bodies)
    if all(map(operator.ge, map(_START, ordered[1:]), map(_END, ordered))):
        return ordered  # (most pages: no body starts before the one before it ends, so none is inside another)
    kept = []
    reach = -1
    # (each start is kept once, its longest name: the list comes out in ``sorted`` order)
    for body in sorted(bodies, key=lambda body: (body[0], -body[1])):
        if body[1] > reach:
            kept.append(body)
            reach = body[1]
    return kept


def _section_finder(sections: list[tuple[int, int]], length: int) -> Callable[[int], tuple[int, int]]:
    """A function from an offset to the first of ``sections`` holding it, else (0, ``length``).

    Sections sorted and disjoint (as :func:`kg.link.locale.infer_sections` makes
    them) are searched by bisection; any others in order, as written.
    """
    ordered = all(sections[i][0] < sections[i][1] <= sections[i + 1][0] for i in range(len(sections) - 1))
    if not ordered:
        return lambda at: next(((s, e) for s, e in sections if s <= at < e), (0, length))
    starts = [s for s, _ in sections]

    def section_at(at: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, at) - 1
        if index >= 0 and sections[index][0] <= at < sections[index][1]:
            return sections[index]
        return (0, length)

    return section_at
