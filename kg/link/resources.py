"""The linker's rule tables, read once from ``kg/link/data``.

Rules are data: verbs, abbreviations, plates, deixis words and anaphors live in
plain text files, one item a line, ``#`` for comments.

>>> expand_abbreviations()["市场监管局"]
'市场监督管理局'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator

from kg.nlp.text import canonical_text as _canonical_text

__all__ = [
    "canonical_text",
    "data_lines",
    "data_rows",
    "expand_abbreviations",
    "issue_verbs",
    "conduct_verbs",
    "adverbials",
    "anaphors",
    "plates",
    "local_plates",
    "deixis_words",
    "alternation",
    "words_pattern",
    "WordFinder",
    "word_finder",
    "unscoped_organs",
    "proper_organs",
    "zone_words",
    "zone_abbreviations",
    "modifier_abbreviations",
    "generic_parents",
    "subject_heads",
    "all_parties",
    "modal_words",
    "offices",
    "yuan_words",
    "bank_names",
    "deixis_orgs",
    "short_organs",
    "body_endings",
    "document_nouns",
    "region_governments",
    "first_person",
    "short_named_organs",
    "national_branches",
    "member_endings",
    "guide_verbs",
    "etc_words",
    "head_abbreviations",
    "campaign_fillers",
]


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of ``kg/link/data/<name>``."""
    text = resources.files("kg.link").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of ``kg/link/data/<name>``."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in data_lines(name))


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``items``, longest first (so 制定印发 beats 制定)."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=64)
def words_pattern(items: tuple[str, ...], after: str = "") -> re.Pattern[str]:
    """``alternation(items)`` compiled, followed by ``after``; built once per table.

    >>> words_pattern(("制定", "制定印发")).match("制定印发《A》").group()
    '制定印发'
    """
    return re.compile(f"(?:{alternation(items)}){after}")


class WordFinder:
    """``words_pattern(items, after).finditer`` as one fast scan per first character.

    A regex alternation of words is tried at every position of the text; a
    pattern that starts with one literal character is searched for that
    character first, several times faster.  So the words are grouped by their
    first character, and the groups' next matches merged: the leftmost wins,
    and scanning goes on after it, as the single alternation does.  Worth it
    for tables with few first characters (该局…会议, 我市…全区…本市).

    >>> [m.group() for m in WordFinder(("该局", "该委员会", "会议")).finditer("该委员会议定,该局参会议事")]
    ['该委员会', '该局', '会议']
    """

    def __init__(self, items: tuple[str, ...] | list[str], after: str = ""):
        groups: dict[str, list[str]] = {}
        for word in sorted(set(items), key=lambda s: (-len(s), s)):  # longest first, as alternation() orders
            if word:
                groups.setdefault(word[0], []).append(word[1:])
        self.patterns = tuple(
            re.compile(f"{re.escape(first)}(?:{'|'.join(re.escape(rest) for rest in rests)}){after}")
            for first, rests in sorted(groups.items())
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, leftmost first (each the longest word there that ``after`` allows)."""
        pending = [pattern.search(text) for pattern in self.patterns]
        while True:
            best: re.Match[str] | None = None
            for match in pending:
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best
            resume = best.end()
            for index, match in enumerate(pending):
                if match is not None and match.start() < resume:
                    pending[index] = self.patterns[index].search(text, resume)


@lru_cache(maxsize=64)
def word_finder(items: tuple[str, ...], after: str = "") -> WordFinder:
    """:class:`WordFinder` of ``items``, built once per table."""
    return WordFinder(items, after)


@lru_cache(maxsize=65536)
def canonical_text(text: str) -> str:
    """:func:`kg.nlp.text.canonical_text`, memoised: the linker asks for the same few names many times.

    >>> canonical_text("市場監管局 ")
    '市场监管局'
    """
    return _canonical_text(text)


@lru_cache(maxsize=1)
def expand_abbreviations() -> dict[str, str]:
    """Written form → standard form (``abbreviations.tsv``)."""
    return {row[0]: row[1] for row in data_rows("abbreviations.tsv")}


@lru_cache(maxsize=1)
def issue_verbs() -> dict[str, str]:
    """Issue verb → kind (issue | agreement | submit)."""
    return {row[0]: row[1] for row in data_rows("issue_verbs.tsv")}


@lru_cache(maxsize=1)
def conduct_verbs() -> tuple[str, ...]:
    return data_lines("conduct_verbs.txt")


@lru_cache(maxsize=1)
def adverbials() -> tuple[str, ...]:
    return data_lines("adverbials.txt")


@lru_cache(maxsize=1)
def anaphors() -> dict[str, tuple[str, ...]]:
    """Anaphor → the endings of the bodies it may refer to (该校 → 大学, 学院, 学校)."""
    table: dict[str, tuple[str, ...]] = {}
    for anaphor, ending in data_rows("anaphora.tsv"):
        table[anaphor] = table.get(anaphor, ()) + (ending,)
    return table


@lru_cache(maxsize=1)
def plates() -> dict[str, frozenset[str]]:
    """Second-plate organ → the first-plate organs it is worn with."""
    table: dict[str, set[str]] = {}
    for first, second in data_rows("plates.tsv"):
        table.setdefault(second, set()).add(first)
    return {second: frozenset(firsts) for second, firsts in table.items()}


@lru_cache(maxsize=1)
def local_plates() -> dict[str, tuple[str, frozenset[str]]]:
    """A local (city or county) second plate → (its first plate, divisions where it stands alone, by code).

    >>> local_plates()["知识产权局"][0], "46" in local_plates()["知识产权局"][1]
    ('市场监督管理局', True)
    """
    return {row[0]: (row[1], frozenset(row[2].split(",") if len(row) > 2 and row[2] else ())) for row in data_rows("local_plates.tsv")}


@lru_cache(maxsize=1)
def deixis_words() -> dict[str, str]:
    """Deixis word (我市, 全区 …) → the division suffix it refers to."""
    return {row[0]: row[1] for row in data_rows("deixis.tsv")}


@lru_cache(maxsize=1)
def proper_organs() -> tuple[str, ...]:
    """Organs whose written name is the official one (哈尔滨海关, 北京知识产权法院)."""
    return data_lines("proper_organs.txt")


@lru_cache(maxsize=1)
def zone_words() -> tuple[str, ...]:
    """Zone words that open a body's modifiers (西安高新区知识产权服务站): the written name stands."""
    return data_lines("zone_words.txt")


@lru_cache(maxsize=1)
def modifier_abbreviations() -> dict[str, str]:
    """Short forms inside a body's written name → the official spelling (自贸港 → 自由贸易港)."""
    return {row[0]: row[1] for row in data_rows("modifier_abbreviations.tsv")}


@lru_cache(maxsize=1)
def zone_abbreviations() -> dict[str, str]:
    """A zone's short ending → its official ending (高新区 → 高新技术产业开发区)."""
    return {row[0]: row[1] for row in data_rows("zone_abbreviations.tsv")}


@lru_cache(maxsize=1)
def unscoped_organs() -> tuple[str, ...]:
    """Organ endings that do not take the locale's name when written bare."""
    return data_lines("unscoped_organs.txt")


@lru_cache(maxsize=1)
def generic_parents() -> dict[str, str]:
    """Generic body word (检察机关) → the organ ending of the body it stands for."""
    return {row[0]: row[1] for row in data_rows("generic_parents.tsv")}


@lru_cache(maxsize=1)
def subject_heads() -> tuple[str, ...]:
    """Non-body words that are a verb's own subject (会议, 各地, 企业 …)."""
    return data_lines("subject_heads.txt")


@lru_cache(maxsize=1)
def body_endings() -> tuple[str, ...]:
    """Endings of a body's name that a longer, unfound name may end with (办公室, 委员会 …).

    >>> "办公室" in body_endings()
    True
    """
    return data_lines("body_endings.txt")


@lru_cache(maxsize=1)
def short_organs() -> tuple[str, ...]:
    """Endings a body named in full is later called by alone (市联席会议 for …工作联席会议).

    >>> "联席会议" in short_organs()
    True
    """
    return data_lines("short_organs.txt")


@lru_cache(maxsize=1)
def yuan_words() -> tuple[str, ...]:
    """Words opening with 院 that are no bare 院 (院士, 院所 …)."""
    return data_lines("yuan_words.txt")


@lru_cache(maxsize=1)
def bank_names() -> dict[str, str]:
    """A big bank's short name → its official name.

    >>> bank_names()["农业银行"]
    '中国农业银行'
    """
    return {row[0]: row[1] for row in data_rows("bank_names.tsv")}


@lru_cache(maxsize=1)
def deixis_orgs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(endings, non-deixis openings) of organisations named with deixis (市工量具协会).

    >>> "协会" in deixis_orgs()[0], "市场" in deixis_orgs()[1]
    (True, True)
    """
    rows = data_rows("deixis_orgs.tsv")
    return tuple(r[1] for r in rows if r[0] == "ending"), tuple(r[1] for r in rows if r[0] == "not")


@lru_cache(maxsize=1)
def offices() -> dict[str, str]:
    """A grass-roots office's organ → the organ of the bureau it belongs to.

    >>> offices()["司法所"]
    '司法局'
    """
    return {row[0]: row[1] for row in data_rows("offices.tsv")}


@lru_cache(maxsize=1)
def modal_words() -> tuple[str, ...]:
    """Words of time or intent before a joining word (将 in 市司法局将会同市市场监管局).

    >>> "将" in modal_words()
    True
    """
    return data_lines("modal_words.txt")


@lru_cache(maxsize=1)
def all_parties() -> tuple[str, ...]:
    """Words for every party of the group named before (双方, 各方 …)."""
    return data_lines("all_parties.txt")


@lru_cache(maxsize=1)
def document_nouns() -> tuple[str, ...]:
    """Nouns that take a document up again after its title (该通知, 此方案)."""
    return data_lines("document_nouns.txt")


@lru_cache(maxsize=1)
def region_governments() -> dict[str, tuple[str, str]]:
    """A region whose bodies are named after its government → (the government's name, ending of organs outside it).

    >>> region_governments()["香港特别行政区"]
    ('香港特别行政区政府', '法院')
    """
    return {row[0]: (row[1], row[2]) for row in data_rows("region_governments.tsv")}


@lru_cache(maxsize=1)
def first_person() -> dict[str, str]:
    """A body's word for itself (我院, 本局) → the ending of the bodies it may be.

    >>> first_person()["我院"]
    '院'
    """
    return {row[0]: row[1] for row in data_rows("first_person.tsv")}


@lru_cache(maxsize=1)
def short_named_organs() -> frozenset[str]:
    """Organs named after their city's short form (合肥知识产权法庭).

    >>> "知识产权法庭" in short_named_organs()
    True
    """
    return frozenset(data_lines("short_named_organs.txt"))


@lru_cache(maxsize=1)
def national_branches() -> dict[str, tuple[str, str]]:
    """A national regulator's local bureau written short (organ) → (the national body, the bureau's ending).

    >>> national_branches()["金融监管局"]
    ('国家金融监督管理总局', '监管局')
    """
    return {row[0]: (row[1], row[2]) for row in data_rows("national_branches.tsv")}


@lru_cache(maxsize=1)
def member_endings() -> tuple[str, ...]:
    """Endings of a body's name the NER may have missed (办公厅, 局 …): list members and lone subjects.

    >>> "办公厅" in member_endings()
    True
    """
    return data_lines("member_endings.txt")


@lru_cache(maxsize=1)
def guide_verbs() -> tuple[str, ...]:
    """Verbs by which one body has another act (指导, 督促 …): the body after one issues.

    >>> "指导" in guide_verbs()
    True
    """
    return data_lines("guide_verbs.txt")


@lru_cache(maxsize=1)
def etc_words() -> tuple[str, ...]:
    """Nouns for a group of bodies after 等 and a count (部门, 单位 …).

    >>> "部门" in etc_words()
    True
    """
    return data_lines("etc_words.txt")


@lru_cache(maxsize=1)
def head_abbreviations() -> tuple[tuple[str, str], ...]:
    """(written, standard) short forms opening a unit's name after its jurisdiction, longest first.

    >>> dict(head_abbreviations())["中院"]
    '中级人民法院'
    """
    rows = data_rows("head_abbreviations.tsv")
    return tuple(sorted(((row[0], row[1]) for row in rows), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def campaign_fillers() -> tuple[str, ...]:
    """Field-of-work words between a campaign's quoted name and its kind word (知识产权保护 …).

    >>> "知识产权保护" in campaign_fillers()
    True
    """
    return data_lines("campaign_fillers.txt")
