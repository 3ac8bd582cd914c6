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
    for match in finder.finditer(text):
        if ordered is None:
            ordered = sorted(bodies)
        at = match.start()
        section = next(((s, e) for s, e in sections if s <= at < e), (0, len(text)))
        head = table[match.group()]
        antecedent = None
        for start, end, iri, canonical in ordered:
            if end > at:
                break
            if start >= section[0] and canonical.endswith(head):
                antecedent = iri
        if antecedent is not None:
            found.append(Anaphor(at, match.end(), match.group(), antecedent))
    return found
