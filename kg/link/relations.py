"""Who issued which document and who ran which campaign, clause by clause.

Chinese news drops and shares subjects, so relations are read per clause
(split at ，,：) with the subject carried along the sentence:

* 市委办和市政府办印发《A》,并结合实际制定《B》 — the subject of the first clause
  (both offices) carries to the second, so both issue B (joint issuance: one
  row per issuer);
* 市市场监管局与浦东新区知识产权保护中心签署了《C》,与上海国际…公司签订了《D》 —
  与 marks a party: both sign C; D's parties are the carried subject and the
  company;
* 签署《白银市市场监督管理局 定西市市场监督管理局…框架协议》 with no subject —
  the parties are the bodies the agreement's title names;
* 株洲市人民政府向湖南省知识产权局递交了《函》 — 向 marks a recipient, which is
  not joined to the subject and so issues nothing;
* a subject is a body at the start of its clause (after adverbials such as 近日
  or a date): in 成立知识产权工作领导小组 the body is an object;
* documents must follow the verb closely (印发了《…》); a document cited with
  贯彻落实/根据 is not the verb's object, and titles nested in another title
  are never issued;
* a sentence without a subject takes the previous sentence's, marked
  ``explicit=False`` (the guidelines' "implied by context"); a generic subject
  (会议审议通过了《…》, 各地出台《…》) or a place / 我市 stops that carry;
* 双方签署《…》 — 双方 stands for every party of the group named just before.

>>> acts = [Actor(0, 3, "a:1", "市委办"), Actor(4, 8, "a:2", "市政府办")]
>>> docs = [Target(10, 13, "d:A", "POLICY"), Target(21, 24, "d:B", "POLICY")]
>>> text = "市委办和市政府办印发《A》,并结合实际制定《B》。"
>>> from kg.link.sentences import split_sentences
>>> rows = find_relations("x", text, split_sentences(text), [(0, len(text))], acts, docs)
>>> sorted((r.subject, r.object, r.explicit) for r in rows)
[('a:1', 'd:A', True), ('a:1', 'd:B', True), ('a:2', 'd:A', True), ('a:2', 'd:B', True)]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

from kg.link.resources import (
    adverbials,
    all_parties,
    alternation,
    body_endings,
    conduct_verbs,
    deixis_words,
    document_nouns,
    etc_words,
    first_person,
    guide_verbs,
    issue_verbs,
    member_endings,
    modal_words,
    subject_heads,
    words_pattern,
)
from kg.link.sentences import ClauseIndex, Sentence
from kg.nlp.text import DATELINE
from kg.model import Evidence, Relation, new_tuple, record

__all__ = ["Actor", "Target", "SpanUnion", "find_relations", "is_addressee", "is_clean_org"]

# Words that join bodies into one subject (市委办和市政府办) …
_JOIN_HEAD = {"", "、", "和", "及", "以及", "(", "（", ")", "）", "()", "（）"}
# … and words that add a party to it (A与B签署, A联合B开展), also after the bracket closing
# the first body's second plate (A(知识产权局)与B签署).
_JOIN_PARTY = {"与", "同", "会同", "联合", "携手", "并与", "联合了"}
#: Of those, the ones that may open a clause before a party it adds to the subject carried in
#: (并联合B制定); not a bare 同, which opens 同时, 同步, 同比.
_PARTY_OPENERS = _JOIN_PARTY - {"同"}
# … of which these make the parties act with the subject in every clause that
# follows ("A联合B召开座谈会,会签《X》": both sign X), while 与 binds to one verb.
_JOINT_ACTION = {"会同", "联合", "携手", "联合了"}
_JOIN_PARTY |= {bracket + word for word in _JOIN_PARTY for bracket in ")）"}
_JOINT_ACTION |= {bracket + word for word in _JOINT_ACTION for bracket in ")）"}
# Any word that joins bodies or parties (a longer unfound name holds none of them).
_ANY_JOIN = frozenset(_JOIN_PARTY | {"和", "及"})
# Words that may stand between a body and its verb when the body is read as the
# verb's own subject (市委办、市政府办联合印发的《A》; 自省委、省政府印发《B》以来).
_ADJACENT_GAP = {"", "联合", "共同", "先后", "分别", "正式"}
# A body right after one of these is an object or a recipient, never the subject.
_NOT_SUBJECT_BEFORE = tuple("向给对与和同跟被把将及")
# … except when 和/及/、 joins two titles, each with its issuer before its verb:
# 落实国务院办公厅《A》和国家知识产权局、教育部联合印发的《B》.
_AFTER_TITLE = ("》和", "》及", "》、", "》以及", "〉和", "〉及", "〉、")
# A body after 与/同/会同 acts with the subject when the verb says so (A将与B联合发布《X》).
_PARTNER_BEFORE = ("与", "同", "会同")
# What says so: the verb or the word before it (联合发布, 共同制定).
_TOGETHER = ("联合", "共同")
#: How many solid characters before a group of bodies :func:`_adjacent` reads.
_BEFORE_SUBJECT_MAX = max(map(len, (*_NOT_SUBJECT_BEFORE, *_JOIN_PARTY, *_AFTER_TITLE)))
# A document follows its verb closely: 印发《, 印发了《, 出台的《.
_VERB_TO_OBJECT_MAX = 3
_ALIAS_WORDS = re.compile(r"以下简称|下称|简称")
_NO_BRACKETS = str.maketrans("", "", "()（）")
_DOC_CHAIN = {"", "、", "和", "及", "以及", "与", ",", "，"}
_CAMPAIGN_GAP_MAX = 12
# Between a verb and its title: who approved it (印发了经市政府同意的《X》).
_APPROVED = re.compile(r"了?经[^,，。；;:：《》]{1,24}?(?:同意|批准|审定|审议通过|审核|研究)的")
# An unquoted object may come first in a list of objects: 发布…典型案例和《…》.
_LISTED_OBJECT_MAX = 24
_LIST_JOINS = ("和", "及", "以及", "、")
# 《X》由Y牵头制定 / 《X》已经Y审议通过: the passive agent and its title.
_PASSIVE_MARKS = ("由", "经")
_PASSIVE_GAP_MAX = 4
_PASSIVE_MARK_MAX = max(map(len, _PASSIVE_MARKS))
_CAMPAIGN_CHAIN_MAX = 4
_QUOTES = "“”\"‘’'「」『』"
_DATE = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:以来|起|上午|下午)?")
# A list item's number opens its clause like an adverbial: "2.会同省科技厅…制定《X》", "(三)", "一是".
_ENUMERATOR = re.compile(r"(?:\d{1,2}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}(?:[、是]|要?是))")
_ENUMERATOR_FIRST = frozenset("0123456789(（一二三四五六七八九十")
# A dateline opens the first clause of a news item: "本报昌都电(记者 耿锐仙)近日,…".
_DATELINE = re.compile(DATELINE + r"(?:[(（][^)）]*[)）])?")
_PUNCT = re.compile(r"[,，。；;：:！？!?]")
#: ORG spans that start with one of these were glued to the words before them.
_GLUE_START = set("与和及向以在将对把被由从于的了年件家个名届等为并或第") | set("(（)）")
_BROKEN_LINE = re.compile(r"\n\s*$")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)
class Actor:
    """A body that can be a subject: an AGENCY or ORG mention, or an anaphor standing for one.

    (A slotted class, like :class:`Target`: a dozen are made per article, their fields read
    about a hundred times, and CPython 3.11 reads a slot in a quarter of the instructions of
    a NamedTuple field.)
    """

    start: int
    end: int
    iri: str
    text: str = ""


@dataclass(slots=True)
class Target:
    """A document or campaign mention that a verb can take as its object."""

    start: int
    end: int
    iri: str
    label: str
    nested: bool = False


class _Group(NamedTuple):
    head: tuple[Actor, ...]
    parties: tuple[Actor, ...]
    start: int
    end: int
    joint: bool = False  # parties added with 联合/会同: they act with the head in later clauses too


def is_clean_org(text: str, before: str) -> bool:
    """False for an ORG span that the NER glued to the words around it.

    ``before`` is the article text just before the span.  A span starting with
    a function word (与余杭区局和阿里巴巴公司) or inside a word a line break split
    (…知识产\\n\\n权运营管理有限公司) is no subject.

    >>> is_clean_org("阿里巴巴公司", "和"), is_clean_org("与余杭区局和阿里巴巴公司", ","), is_clean_org("权运营管理有限公司", "知识产\\n\\n")
    (True, False, False)
    """
    body = "".join(text.split())
    if not body or body[0] in _GLUE_START:
        return False
    if body.count("(") + body.count("（") != body.count(")") + body.count("）"):
        return False
    tail = "".join(before.split())[-1:]
    split_word = bool(_BROKEN_LINE.search(before)) and bool(_HAN.match(tail or ""))
    return not split_word


@lru_cache(maxsize=1)
def _strip_tables() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The adverbial pattern (longest word first, as one alternation) and the deixis words."""
    return words_pattern(adverbials()), tuple(deixis_words())


#: What :func:`_strip_adverbials` ignores: whitespace (as ``str.isspace``) and quotes.
_NOISE = re.compile(r"[\s" + re.escape(_QUOTES) + "]")


# Cached: the gaps between bodies and verbs are few words (和, 近日, 联合), the same across articles.
@lru_cache(maxsize=16384)
def _strip_adverbials(gap: str, keep_deixis: bool = False) -> str:
    """``gap`` without leading datelines, dates and adverbials (近日, 同时 …).

    With ``keep_deixis`` stripping stops at a deixis word, so that "我省出台"
    still shows its subject 我省.

    >>> _strip_adverbials("近日, 2023年5月同时 市局印发"), _strip_adverbials("我省出台", keep_deixis=True)
    (',2023年5月同时市局印发', '我省出台')
    """
    words, deixis = _strip_tables()
    gap = _NOISE.sub("", gap)
    dateline = _DATELINE.match(gap)
    if dateline:
        gap = gap[dateline.end() :]
    changed = True
    while gap and changed:
        changed = False
        if keep_deixis and gap.startswith(deixis):
            break
        dated = _DATE.match(gap)
        if dated and dated.end():
            gap = gap[dated.end() :]
            changed = True
        word = words.match(gap)
        if word and word.end():
            gap = gap[word.end() :]
            changed = True
        number = _ENUMERATOR.match(gap) if gap[:1] in _ENUMERATOR_FIRST else None
        if number:
            gap = gap[number.end() :]
            changed = True
    return gap


#: Prepositions of place: 在高新区发布了《X》 says where, and the zone is no subject of its own.
_LOCATIVE_LEADS = ("在", "于")
#: Adverbs that may stand between an unfound body's name and its verb (…局同步编制了《X》).
_LONE_ADVERBS = ("同步", "同时", "也", "还", "已", "先后", "随后", "近日", "日前")


@lru_cache(maxsize=1)
def _unfound_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a list member the NER missed, a lone name before a verb, 等 + count + group noun), compiled once."""
    endings = alternation(member_endings())
    gap_words = alternation(tuple(w for w in _ADJACENT_GAP if w))
    member = re.compile(rf"(?P<join>{alternation(tuple(_JOIN_PARTY))}|、)?[\u4e00-\u9fff]{{1,22}}(?:{endings})、")
    lone = re.compile(rf"[\u4e00-\u9fff]{{1,22}}(?:{endings})(?:{gap_words})?")
    etc = re.compile(rf"等(?:[0-9一二三四五六七八九十两多]+[个家]?)?(?:{alternation(etc_words())})?")
    return member, lone, etc


@lru_cache(maxsize=4096)
def _unfound_member(gap: str) -> str | None:
    """The joining word of a gap that holds one list member the NER did not find, else None.

    上海市知识产权局会同中国国际进口博览局、上海海关…: 会同 joins the found 上海海关
    as it would have joined the unfound member; a member between two found ones joins with 、.

    >>> _unfound_member("会同中国国际进口博览局、"), _unfound_member("、某某办、"), _unfound_member("召开会议、")
    ('会同', '、', None)
    """
    if not gap.endswith("、"):
        return None
    match = _unfound_patterns()[0].fullmatch(gap)
    if match is None:
        return None
    return match.group("join") or "、"


#: The most characters of manner or verb words a gap may hold before 会同/联合/携手 (牵头会同, 主动对接并联合).
_ACTING_WITH_MAX = 8
_JOINT_WORDS = tuple(sorted(_JOINT_ACTION, key=len, reverse=True))


@lru_cache(maxsize=4096)
def _acting_with(gap: str) -> str | None:
    """The joint-action word ending ``gap`` when only a few words of the subject's own come before it, else None.

    A会同/联合/携手B: B acts with A, whatever A does first (牵头, 积极, 主动对接并); with 与 it
    may only be met (加强与B协作), so 与 is not read so.

    >>> _acting_with("牵头会同"), _acting_with("主动对接并联合"), _acting_with("加强与"), _acting_with("召开会议,联合")
    ('会同', '联合', None, None)
    """
    if len(gap) > _ACTING_WITH_MAX or not gap.endswith(_JOINT_WORDS) or _PUNCT.search(gap):
        return None
    return next(w for w in _JOINT_WORDS if gap.endswith(w))


def _body_before(groups: list[_Group], verb_start: int, text: str) -> bool:
    """True when a group found ends right before the verb (…联合市公安局制定): the name before it is no unfound body."""
    return bool(groups) and groups[-1].end <= verb_start and _strip_adverbials(text[groups[-1].end : verb_start]) in _ADJACENT_GAP


def _names_unfound_body(pre: str) -> bool:
    """True when all that stands before a verb is a name ending like a body's (常委会办公厅印发了《…》).

    The clause names its own issuer, one the NER did not find: nothing is carried into it.

    A name after a joining word (并联合浦东新区科技和经济委员会制定) is a party added to the
    subject carried in, not a subject of its own.

    >>> _names_unfound_body("常委会办公厅"), _names_unfound_body("常委会办公厅联合"), _names_unfound_body("进一步")
    (True, True, False)
    >>> _names_unfound_body("并联合区科技和经济委员会"), _names_unfound_body("会同区科技和经济委员会")
    (False, False)
    """
    if pre.startswith(_PARTY_LEADS):
        return False
    if pre.endswith(_LONE_ADVERBS):
        # (an adverb may follow the name: 新区科技创新和人才局同步编制了《X》)
        pre = pre[: -len(next(w for w in _LONE_ADVERBS if pre.endswith(w)))]
    return len(pre) >= 2 and pre[-1] in _LONE_LAST and _unfound_patterns()[1].fullmatch(pre) is not None


#: Words opening a clause's lead before a party it adds to the subject carried in (并联合B制定).
_PARTY_LEADS = tuple(sorted({*_PARTY_OPENERS, *("并" + w for w in _PARTY_OPENERS | {"同"} if w[0] != "并")}, key=len, reverse=True))


def _without_etc(gap: str) -> str:
    """``gap`` without a leading 等 + count + group noun (国家版权局等四部门联合印发: 联合).

    >>> _without_etc("等四部门联合"), _without_etc("等8部门"), _without_etc("联合")
    ('联合', '', '联合')
    """
    if not gap.startswith("等"):
        return gap
    return gap[_unfound_patterns()[2].match(gap).end() :]


def _groups(actors: list[Actor], text: str) -> list[_Group]:
    groups: list[_Group] = []
    for actor in actors:
        if groups:
            last = groups[-1]
            gap = "".join(text[last.end : actor.start].split())
            if gap not in _JOIN_HEAD:
                gap = _strip_adverbials(gap)  # 该局还联合市公安局: 还 is an adverb
                if gap not in _JOIN_PARTY and gap.startswith(modal_words()):
                    gap = _without_modal(gap)  # 市司法局将会同市市场监管局: 将 is intent
                if gap not in _JOIN_PARTY and gap not in _JOIN_HEAD:
                    gap = _unfound_member(gap) or gap  # (a member the NER missed keeps the list whole)
                if gap not in _JOIN_PARTY and gap not in _JOIN_HEAD:
                    gap = _acting_with(gap) or gap  # 市局牵头会同市公安局…: 会同 adds the party all the same
            if gap in _JOIN_HEAD and not last.parties:
                groups[-1] = new_tuple(_Group, (last.head + (actor,), (), last.start, actor.end, False))
                continue
            if gap in _JOIN_PARTY or (gap in _JOIN_HEAD and last.parties):
                joint = last.joint if last.parties else gap in _JOINT_ACTION
                groups[-1] = new_tuple(_Group, (last.head, last.parties + (actor,), last.start, actor.end, joint))
                continue
        groups.append(new_tuple(_Group, ((actor,), (), actor.start, actor.end, False)))
    return groups


#: A run of name characters (no break, no joining word) between a body and its verb.
_NAME_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _longer_name(text: str, end: int, verb_start: int) -> bool:
    """True when the body ending at ``end`` heads a longer name that runs on to the verb.

    国务院知识产权战略实施工作部际联席会议办公室印发: 国务院 is only the head of the
    issuer's name; the issuer is the 办公室.

    >>> _longer_name("国务院知识产权战略实施工作部际联席会议办公室印发", 3, 22), _longer_name("市政府办公室近日印发", 3, 8)
    (True, False)
    """
    if verb_start - end < 3 or not text.endswith(body_endings(), end, verb_start):
        return False
    run = _NAME_RUN.match(text, end, verb_start)
    return run is not None and run.end() == verb_start and not any(
        word in text[end:verb_start] for word in _ANY_JOIN
    )


#: The last characters of member_endings and of the words of _ADJACENT_GAP that may follow
#: the name (联合, 共同 …): a cheap test before the full match, derived so it follows the table.
_LONE_LAST = frozenset(e[-1] for e in member_endings()) | frozenset(w[-1] for w in _ADJACENT_GAP if w)
#: The words of _ADJACENT_GAP, longest first.
_GAP_WORDS = tuple(sorted((w for w in _ADJACENT_GAP if w), key=len, reverse=True))
#: How many characters :func:`_guided` reads before a group.
_GUIDE_MAX = 4

#: Marks that end a clause or a sentence.
_BREAKS = tuple(",，:：;；。！？!?\n")


def _place_opens_clause(text: str, stop_starts: list[int], low: int, high: int) -> bool:
    """True when a place in [low, high) opens its clause (在第二师铁门关市,…; 溧水区…): a side of its own.

    A place named inside a clause (通报了南京市的经验) is no such side.

    >>> t = "甲局、乙局通报情况。在溧水区,调研组了解工作。"
    >>> _place_opens_clause(t, [t.index("溧水区")], 5, len(t)), _place_opens_clause("甲局通报了溧水区经验。", [5], 2, 11)
    (True, False)
    """
    at = bisect.bisect_left(stop_starts, low)
    while at < len(stop_starts) and stop_starts[at] < high:
        start = stop_starts[at]
        clause = last_of(text, _BREAKS, low, start) + 1
        lead = _strip_adverbials(text[max(clause, low) : start])
        if lead == "" or lead.startswith("在"):  # (在第二师铁门关市: a locative opener)
            return True
        at += 1
    return False


@lru_cache(maxsize=1024)
def _without_modal(gap: str) -> str:
    """``gap`` without one leading word of time or intent, when a joining word follows it.

    >>> _without_modal("将会同"), _without_modal("将于")
    ('会同', '将于')
    """
    for word in sorted(modal_words(), key=len, reverse=True):
        if gap.startswith(word) and gap[len(word) :] in _JOIN_PARTY:
            return gap[len(word) :]
    return gap


def _unique(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.iri, actor)
    return tuple(seen.values())


_FIRST_OF = operator.itemgetter(0)
_SECOND_OF = operator.itemgetter(1)


class SpanUnion:
    """A union of spans with O(log n) membership (a verb inside a title is part of its name).

    >>> union = SpanUnion([(0, 3), (2, 6), (10, 12)])
    >>> union.covers(5), union.covers(6), union.contains(1, 6), union.contains(5, 11)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        # Merged straight into the two bisection lists: thousands are built per corpus.
        spans = sorted(spans)
        starts: list[int] = list(map(_FIRST_OF, spans))
        ends: list[int] = list(map(_SECOND_OF, spans))
        if all(map(operator.gt, starts[1:], ends)):
            # (most unions: no span starts at or before the end of the one before it, so the
            # loop below would merge none; one C-level pass tells)
            self.starts = starts
            self.ends = ends
            return
        starts = []
        ends = []
        for start, end in spans:
            if ends and start <= ends[-1]:
                if end > ends[-1]:
                    ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
        self.starts = starts
        self.ends = ends

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside the union."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]

    def uncovered(self, items: Iterable[Actor]) -> list:
        """The ``items`` (with ``start`` and ``end``) whose span does not lie inside the union, in order.

        :meth:`outside` for objects rather than tuples.

        >>> SpanUnion([(0, 3), (2, 6)]).uncovered([Actor(1, 6, "a"), Actor(5, 8, "b")])
        [Actor(start=5, end=8, iri='b', text='')]
        """
        starts, ends = self.starts, self.ends
        return [item for item in items if not ((i := bisect.bisect_right(starts, item.start) - 1) >= 0 and item.end <= ends[i])]

    def outside(self, items: Iterable[tuple]) -> list:
        """The ``items`` (``(start, end, ...)`` tuples) whose span does not lie inside the union, in order.

        :meth:`contains` in one comprehension (no Python call per item: it runs once per place).

        >>> SpanUnion([(0, 3), (2, 6)]).outside([(1, 6, "a"), (5, 8, "b"), (7, 8, "c")])
        [(5, 8, 'b'), (7, 8, 'c')]
        """
        starts, ends = self.starts, self.ends
        return [item for item in items if not ((i := bisect.bisect_right(starts, item[0]) - 1) >= 0 and item[1] <= ends[i])]


class _ByStart:
    """Spans sorted by start, with the lookups the clause loop needs in O(log n)."""

    def __init__(self, items: Iterable, starts: list[int] | None = None):
        # ``starts``: the items' starts, given by a caller whose items are in order already
        # (sentences): trusted as they are, neither checked nor sorted.
        items = list(items)
        if starts is not None:
            self.items, self.starts = items, starts
            return
        starts = list(map(_START, items))
        # Most come in order already (sentences, mentions), each starting after the one
        # before: then they are sorted by (start, -end), and only the others need a sort.
        if not all(map(operator.lt, starts, starts[1:])):
            items.sort(key=lambda i: (i.start, -i.end))
            starts = [i.start for i in items]
        self.items = items
        self.starts = starts

    def between(self, low: int, high: int) -> list:
        """Items starting in [low, high)."""
        return self.items[bisect.bisect_left(self.starts, low) : bisect.bisect_left(self.starts, high)]

    def before(self, offset: int) -> Iterator:
        """Items starting before ``offset``, nearest first."""
        for index in range(bisect.bisect_left(self.starts, offset) - 1, -1, -1):
            yield self.items[index]


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")
_START_OF_SPAN = operator.itemgetter(0)

_NO_TITLE_MARKS = str.maketrans("", "", "《》〈〉")
_NO_OPENING_MARKS = str.maketrans("", "", "《〈")


def _solid_tail(text: str, start: int, end: int, size: int, marks: dict[int, None] | None = None) -> str:
    """The last ``size`` characters of ``text[start:end]`` without blanks (and ``marks``): what ``endswith`` reads.

    The same as ``_solid(text[start:end], marks)[-size:]`` (``marks`` None: blanks
    only), but it reads only as far back as it needs, so a test before each verb
    of a very long sentence does not copy the whole sentence.

    >>> _solid_tail("经 市 局", 0, 5, 2), _solid_tail("由", 0, 1, 3), _solid_tail("将《 》", 0, 4, 1, _NO_OPENING_MARKS)
    ('市局', '由', '》')
    """
    width = max(16, 4 * size)
    while True:
        low = max(start, end - width)
        solid = "".join(text[low:end].split())
        if marks is not None:
            solid = solid.translate(marks)
        if len(solid) >= size or low == start:
            return solid[-size:] if size else ""
        width *= 4


def last_of(text: str, marks: tuple[str, ...], start: int, end: int) -> int:
    """``max(text.rfind(mark, start, end) for mark in marks)``, reading back only as far as it needs.

    A mark found in a window at the end is later than any found only before
    it, so the window grows only while it holds none: a clause's start is found
    without scanning a long sentence once per mention.

    >>> last_of("甲,乙:丙", (",", ":"), 0, 5), last_of("甲乙", (",",), 0, 2)
    (3, -1)
    """
    width = 64
    while True:
        low = max(start, end - width)
        found = max(text.rfind(mark, low, end) for mark in marks)
        if found >= 0 or low <= start:
            return found
        width *= 8


def _solid(text: str, marks: dict[int, None] = _NO_TITLE_MARKS) -> str:
    """``text`` without blanks (``str.isspace``) and title marks: what a gap holds besides layout.

    >>> _solid(" 了\u3000《 》的"), _solid("将《", _NO_OPENING_MARKS)
    ('了的', '将')
    """
    return "".join(text.split()).translate(marks)


def _objects(verb_end: int, limit: int, targets: _ByStart, label: str, text: str) -> list[Target]:
    found: list[Target] = []
    cursor = verb_end
    for target in targets.between(verb_end, limit):
        if target.label != label or target.nested or target.start < cursor:
            continue
        if not found and _PUNCT.search(text, cursor, target.start):
            break  # the clause ends before the first object (_PUNCT is no blank or title mark)
        gap = _solid(text[cursor : target.start])
        if not found and label == "POLICY" and len(gap) > _VERB_TO_OBJECT_MAX and _APPROVED.fullmatch(gap):
            gap = ""  # 发布了经新区党工委、管委会同意的《X》: the approval says who agreed, not who issued
        if not found:
            max_gap = _VERB_TO_OBJECT_MAX if label == "POLICY" else _CAMPAIGN_GAP_MAX
            # 发布十大典型案例和《…》白皮书: an unquoted object listed before the title.
            listed = label == "POLICY" and gap.endswith(_LIST_JOINS) and len(gap) <= _LISTED_OBJECT_MAX
            if (len(gap) > max_gap and not listed) or _PUNCT.search(gap):
                break
        else:
            # 《A》(以下简称《方案》)和《B》: the short name is A again, so the chain goes on.
            joined = _ALIAS_WORDS.sub("", gap.strip(_QUOTES + "等")).translate(_NO_BRACKETS)
            if label == "POLICY" and joined not in _DOC_CHAIN:
                break
            if label == "CAMPAIGN" and (len(joined) > _CAMPAIGN_CHAIN_MAX or _PUNCT.search(joined.replace("、", ""))):
                break
        found.append(target)
        cursor = target.end
    return found


@lru_cache(maxsize=1)
def _passive_resumed() -> re.Pattern[str]:
    """What else may stand between a title and its passive agent: the title taken up
    again (《X》，该通知由Y印发) or the step before (《X》，经…审议通过后由Y印发)."""
    return re.compile(rf"[,，]?(?:(?:该|此|这一?)(?:{alternation(document_nouns())})|经[^,，。；;:：]{{1,16}}?后[,，]?)")


@lru_cache(maxsize=1)
def _resuming() -> re.Pattern[str]:
    """A sentence that opens by taking up a document named in the sentence before: 该条例由…审议通过."""
    return re.compile(rf"\s*(?:该|此|这一?)(?P<noun>{alternation(document_nouns())})")


def _passive(
    verb_start: int, floor: int, groups: list[_Group], targets: _ByStart, label: str, text: str,
    previous: int | None = None,
) -> tuple[_Group, Target] | None:
    """《X》由Y印发 / 《X》经Y审议通过: the agent after 由/经 and the title before it.

    ``previous``: where the sentence before starts, when this one opens with the document taken
    up again (《X》自7月1日起施行。该条例由Y审议通过): then X may stand in that sentence.
    """
    agent = next((g for g in reversed(groups) if g.end <= verb_start), None)
    if agent is None or len("".join(text[agent.end : verb_start].split())) > _PASSIVE_GAP_MAX:
        return None
    if not _solid_tail(text, floor, agent.start, _PASSIVE_MARK_MAX).endswith(_PASSIVE_MARKS):
        return None
    marker = last_of(text, _PASSIVE_MARKS, floor, agent.start)
    for target in targets.before(marker):
        if target.start < floor:
            break
        if target.label != label or target.nested or target.end > marker:
            continue
        gap = _solid(text[target.end : marker])
        if (len(gap) <= _PASSIVE_GAP_MAX and not _PUNCT.search(gap)) or _passive_resumed().fullmatch(gap):
            return agent, target
        return None
    if previous is None or label != "POLICY":
        return None
    opening = _resuming().match(text, floor, marker)
    if opening is None or _solid(text[opening.end() : marker]):
        return None  # (only 该条例 itself may stand before 由: 该条例由…)
    noun = opening.group("noun")
    # The last title of the sentence before that is such a document (《…条例》 for 该条例).
    for target in targets.before(floor):
        if target.start < previous:
            break
        if target.label == label and not target.nested and noun in text[target.start : target.end]:
            return agent, target
    return None


def _fronted(verb_start: int, floor: int, targets: _ByStart, label: str, text: str) -> list[Target]:
    """现将《X》印发给你们: a title put before its verb with 将/把."""
    for target in targets.before(verb_start):
        if target.start < floor:
            break
        if target.label != label or target.nested or target.end > verb_start:
            continue
        gap = _solid(text[target.end : verb_start])
        before = _solid_tail(text, floor, target.start, 1, _NO_OPENING_MARKS)
        if len(gap) <= _PASSIVE_GAP_MAX and not _PUNCT.search(gap) and before.endswith(("将", "把")):
            return [target]
        return []
    return []


class _Hits:
    """Verb hits ``(start, end, verb, objects)`` in text order, looked up by where they start."""

    def __init__(self, items: list[tuple[int, int, str, list[Target]]]):
        self.items = items
        self.starts = [item[0] for item in items]

    def between(self, low: int, high: int) -> list[tuple[int, int, str, list[Target]]]:
        """Hits starting in [low, high)."""
        if not self.items:
            return []
        return self.items[bisect.bisect_left(self.starts, low) : bisect.bisect_left(self.starts, high)]


@lru_cache(maxsize=1)
def _verb_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The issue verbs and the conduct verbs, each list one alternation (the longest first), compiled once."""
    return words_pattern(tuple(issue_verbs())), words_pattern(conduct_verbs())


def _verb_hits(
    text: str, sentences: list[Sentence], with_title: set[int], with_campaign: set[int]
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the issue verbs (label POLICY) in the sentences at the indices
    ``with_title`` and of the conduct verbs (CAMPAIGN) in those ``with_campaign``, by start.

    >>> from kg.link.sentences import split_sentences
    >>> _verb_hits("甲印发《A》。乙开展“B”行动", split_sentences("甲印发《A》。乙开展“B”行动"), {0}, {1})
    [(1, 3, 'POLICY'), (8, 10, 'CAMPAIGN')]
    """
    found = []
    for pattern, indices, label in zip(_verb_patterns(), (with_title, with_campaign), ("POLICY", "CAMPAIGN")):
        for index in sorted(indices):
            sentence = sentences[index]
            found += [(m.start(), m.end(), label) for m in pattern.finditer(text, sentence.start, sentence.end)]
    if with_title and with_campaign:
        found.sort()
    return found


def _titled_before(targets: "_ByStart", low: int, verb_start: int, label: str) -> bool:
    """True when a target of ``label`` (not nested) lies in [low, verb_start): the object a passive
    (《X》由Y印发) or fronted (现将《X》印发) reading of the verb at ``verb_start`` may take."""
    return any(t.label == label and not t.nested and t.end <= verb_start for t in targets.between(low, verb_start))


@lru_cache(maxsize=8)
def _first_chars(words: tuple[str, ...]) -> re.Pattern[str]:
    """A character class of the first characters of ``words`` (a cheap test before a full match)."""
    return re.compile("[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "]" if words else "(?!)")


@lru_cache(maxsize=1)
def _deixis_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The deixis words and their first characters, compiled once."""
    deixis = tuple(deixis_words())
    return words_pattern(deixis), _first_chars(deixis)


#: The longest dateline before its bracket: 本报 + eight characters + 电, or twelve + 中心讯.
_DATELINE_REACH = 15
_DATELINE_MARK = re.compile("[电讯]")
_LEAD_SPACE = re.compile(r"\s*")


def _dateline_end(text: str, start: int, end: int) -> int:
    """Where the body of the clause [start, end) begins: after its dateline (佛山日报讯), else ``start``."""
    at = _LEAD_SPACE.match(text, start, end).end()
    # Every dateline ends in 电 or 讯 within its reach: skip the full match when neither is there.
    if not _DATELINE_MARK.search(text, at, min(end, at + _DATELINE_REACH)):
        return start
    dateline = _DATELINE.match(text, at, end)
    return dateline.end() if dateline else start


def _adjacent(groups: list[_Group], verb_start: int, floor: int, text: str) -> _Group | None:
    """The group of bodies that ends right before a verb and is not an object (向X递交)."""
    group = next((g for g in reversed(groups) if g.end <= verb_start), None)
    if group is None:
        return None
    gap = _strip_adverbials(text[group.end : verb_start])
    if gap not in _ADJACENT_GAP and _strip_adverbials(_without_etc(gap)) not in _ADJACENT_GAP:
        return None  # (商务部等8部门印发的《X》: the group noun and its count stand between)
    before = _solid_tail(text, floor, group.start, _BEFORE_SUBJECT_MAX)
    if before.endswith(_AFTER_TITLE):
        return group  # (a list of titles: this one's issuers stand before its verb)
    if before.endswith(_NOT_SUBJECT_BEFORE) or before.endswith(tuple(_JOIN_PARTY)):
        return None
    return group


def _guided(adjacent: _Group, floor: int, text: str) -> bool:
    """True when a guiding verb stands right before the group (省局指导青岛市局制定《X》: 青岛市局 issues)."""
    return _solid_tail(text, floor, adjacent.start, _GUIDE_MAX).endswith(guide_verbs())


def _parties_before(pre: str) -> bool:
    """True when 双方/各方 stands right before the verb (通报双方联合印发的《X》).

    >>> _parties_before("通报双方联合"), _parties_before("双方"), _parties_before("通报")
    (True, True, False)
    """
    if pre.endswith(_GAP_WORDS):  # (one C-level test: most clauses end in no such word)
        pre = pre[: -len(next(w for w in _GAP_WORDS if pre.endswith(w)))]
    return pre.endswith(all_parties())


def _partner(groups: list[_Group], verb: str, verb_start: int, floor: int, text: str) -> _Group | None:
    """The group after 与/同/会同 right before a verb of acting together: 我院将与市市场监管局联合发布《X》.

    Such a party issues with the subject (whoever that is); with 与 and any other verb it is only
    a party to the meeting or talks (A与B召开联席会议,印发《X》: A alone issues X).
    """
    if not verb.startswith(_TOGETHER) and text.find("联合", floor, verb_start) < 0 and text.find("共同", floor, verb_start) < 0:
        return None  # (most verbs: settled before looking for a group)
    group = next((g for g in reversed(groups) if g.end <= verb_start), None)
    if group is None:
        return None
    gap = _strip_adverbials(text[group.end : verb_start])
    if not (gap in _TOGETHER or (gap == "" and verb.startswith(_TOGETHER))):
        return None
    if not _solid_tail(text, floor, group.start, _BEFORE_SUBJECT_MAX).endswith(_PARTNER_BEFORE):
        return None
    return group


def is_addressee(sentence: str) -> bool:
    """True for a notice's addressee line: it opens with 各 and ends with a colon.

    >>> is_addressee("各市、县(市、区)市场监管局(知识产权局),省局各有关处室:"), is_addressee("市局表示:")
    (True, False)
    """
    return sentence.startswith("各") and sentence.rstrip().endswith((":", "："))


#: A sentence ending with one is a question (a journalist's at a press conference): it passes
#: no subject to its answer.  (A sentence ends at its mark, so no ``rstrip`` is needed.)
_QUESTION_MARKS = ("?", "？")


def _any_between(starts: list[int], low: int, high: int) -> bool:
    index = bisect.bisect_left(starts, low)
    return index < len(starts) and starts[index] < high


def _subject(groups: list[_Group], floor: int, text: str) -> tuple[_Group | None, _Group | None]:
    """(subject, opening) of a clause: the first group when nothing but adverbials comes before it,
    or the first group when 与/和 comes before it (an added party), also after the speaker
    (我局联合市商务局、市农业农村局制定《X》: the two bureaus join the speaker)."""
    if groups:
        lead = _strip_adverbials(text[floor : groups[0].start])
        if lead == "":
            return groups[0], None
        if lead in _ANY_JOIN or _acting_with(lead):
            # (下一步将联合市公安局制定《X》: the subject dropped, the party added all the same)
            return None, groups[0]
        if _SPEAKER_FIRST.search(lead) and _after_speaker(text[floor : groups[0].start]) in _JOIN_PARTY:
            return None, groups[0]
    return None, None


@lru_cache(maxsize=1)
def _speaker_pattern() -> re.Pattern[str]:
    """A body's word for itself (``data/first_person.tsv``: 我局, 本院 …) or 我们."""
    return words_pattern((*first_person(), "我们"))


#: What a lead must hold (after adverbials, which take 我) to hold a speaker word: a cheap test first.
_SPEAKER_FIRST = re.compile("[局院委厅们中本]")


@lru_cache(maxsize=4096)
def _after_speaker(lead: str) -> str | None:
    """What follows a speaker word that opens ``lead`` (after adverbials), without a modal word; else None.

    >>> _after_speaker("近日,我局联合"), _after_speaker("我院将与"), _after_speaker("省局联合")
    ('联合', '与', None)
    """
    lead = _NOISE.sub("", lead)
    found = _speaker_pattern().search(lead)
    if found is None or _strip_adverbials(lead[: found.start()]).strip(",，") != "":
        return None
    rest = _strip_adverbials(lead[found.end() :])
    return _without_modal(rest) if rest.startswith(modal_words()) else rest


#: A clause opening with a noun taken up again (该项目, 此次活动, 这批成果) names its own subject.
_TAKEN_UP = re.compile(r"(?:该|此|这)[\u4e00-\u9fff]")
#: How far into a clause :func:`_own_subject` looks for a speaker word or 该/此/这 (a dateline and a date fit).
_OWN_SUBJECT_REACH = 24


def _own_subject(text: str, start: int, end: int, dated: bool = False) -> bool:
    """True when a clause opens with a subject that is no body found: the speaker (我局, 本院) or a
    noun taken up again (该项目于5月启动). It names its own subject, so no earlier one is carried in.
    ``dated``: the clause may open with a dateline (本报讯), read past (the window then holds it too).

    >>> _own_subject("该项目于2024年5月启动", 0, 14), _own_subject("近日,我局召开会议", 0, 9), _own_subject("印发《X》", 0, 5)
    (True, True, False)
    """
    if not _OWN_FIRST.search(text, start, start + _OWN_SUBJECT_REACH if start + _OWN_SUBJECT_REACH < end else end):
        return False  # (one C-level test: most clauses hold none of these characters near their start)
    if dated:
        start = _dateline_end(text, start, end)
    lead = _strip_adverbials(text[start:end])
    if _TAKEN_UP.match(lead):
        return True
    return _after_speaker(text[start:end]) is not None


_OWN_FIRST = re.compile("[我本该此这]")


@lru_cache(maxsize=1)
def _generic_pattern() -> re.Pattern[str]:
    """A word of ``data/subject_heads.txt`` followed by a modal word, after blanks.

    A clause opening so (合作区将对标…, 企业可申请…) has a generic subject of its own, no body
    found, so none is carried into it.  Matched at the clause's start only, after a test of its
    first character against :func:`_generic_first` (it runs on most clauses without a subject).

    >>> opens = _generic_pattern().match
    >>> opens("下一步,合作区将对标国际规则", 4) is not None, opens("合作区综合服务中心") is not None
    (True, False)
    """
    heads = subject_heads()
    # (the lookahead of first characters fails most clauses at once, before the alternation)
    first = "".join(sorted({re.escape(h[0]) for h in heads}))
    return re.compile(rf"\s*(?=[{first}])(?:{alternation(heads)})(?:{alternation(modal_words())}|要|也|还|可)")


@lru_cache(maxsize=1)
def _generic_first() -> frozenset[str]:
    """The characters a clause may open with when :func:`_generic_pattern` can match: a head's first or a blank."""
    return frozenset(h[0] for h in subject_heads()) | frozenset(" \t\n\r\u3000")


def _last_group(sentence: Sentence, text: str, bodies: "_ByStart", clause_index: ClauseIndex) -> _Group | None:
    """The group of bodies a sentence leaves for a later 双方: its last clause's subject, else last group."""
    if not _any_between(bodies.starts, sentence.start, sentence.end):
        return None
    for c_start, c_end in reversed(clause_index.of(sentence)):
        if not _any_between(bodies.starts, c_start, c_end):
            continue
        floor = _dateline_end(text, c_start, c_end)
        inside = bodies.between(floor, c_end)
        if inside:
            groups = _groups(inside, text)
            subject, _ = _subject(groups, floor, text)
            return subject or groups[-1]
    return None


def find_relations(
    article_id: str,
    text: str,
    sentences: list[Sentence],
    sections: list[tuple[int, int]],
    actors: list[Actor],
    targets: list[Target],
    stoppers: list[tuple[int, int]] = (),
    title_parties: Callable[[Target], list[Actor]] | None = None,
    original: str | None = None,
    evidence_of: dict[int, Evidence] | None = None,
    sentence_starts: list[int] | None = None,
    *,
    read_objectless_verbs: bool = False,
) -> list[Relation]:
    """ISSUED and CONDUCTS relations of one article, with evidence.

    Args:
        sentences: the sentences of ``text``, disjoint and in order (as :func:`split_sentences` gives them).
        actors: bodies that can be subjects (sorted or not).
        targets: POLICY and CAMPAIGN mentions (``nested`` for titles inside titles).
        stoppers: spans of non-body subjects (a place, 我市) that end a carried subject.
        title_parties: the bodies an agreement's title names, for 签署《…》 without a subject.
        original: the text as read, when ``text`` is a simplified view of it
            (same length; verbs are matched on the view, evidence quotes the original).
        evidence_of: the evidence made so far by sentence start, shared with the caller's
            other relations (a sentence quoted once); filled in as sentences are quoted.
        sentence_starts: ``[s.start for s in sentences]``, when the caller has it at hand
            (trusted: the sentences must then be in order, as ``sentences`` says).
        read_objectless_verbs: keep the verbs that can take no object and read their
            sentences clause by clause (the reference reading, for tests: the rows are the
            same as without, where such a sentence is read as one without a verb).
    """
    if all(t.nested for t in targets):
        return []  # every relation has a title or campaign as its object
    issue = issue_verbs()
    deixis_re, deixis_start = _deixis_patterns()
    own_first = _OWN_FIRST.search  # (the cheap test before :func:`_own_subject`, without a Python call)
    generic = _generic_pattern().match  # (bound once: most clauses ask)
    generic_first = _generic_first()  # (tested first: most clauses open with none of these characters)
    # A verb whose sentence holds no title (no campaign) can take no object, by any reading
    # (after it, passive, fronted): only verbs in sentences holding one are kept.
    by_start = _ByStart(sentences, sentence_starts)
    # The sentences holding a title, and those holding a campaign: each target placed once.
    holding: dict[str, set[int]] = {"POLICY": set(), "CAMPAIGN": set()}
    sentence_starts, sentence_list = by_start.starts, by_start.items
    for target in targets:
        if not target.nested and target.label in holding:
            # (the sentence holding the target, by bisection: sentences are disjoint)
            index = bisect.bisect_right(sentence_starts, target.start) - 1
            if index >= 0 and target.start < sentence_list[index].end:
                holding[target.label].add(index)
    # A sentence right after a title's that opens with 该条例/此方案 takes that title up again:
    # its verbs may read it as their passive object (该条例由州人大常委会审议通过).
    resuming: set[int] = set()
    if holding["POLICY"]:
        opens = _resuming().match
        resuming = {
            i + 1 for i in holding["POLICY"]
            if i + 1 < len(sentence_list) and opens(sentence_list[i + 1].text) is not None
        }
        holding["POLICY"] |= resuming
    found = _verb_hits(text, sentence_list, holding["POLICY"], holding["CAMPAIGN"])
    if not found:
        return []  # every relation is read from a verb
    # By (start, -end), from two stable sorts on C keys (no Python call per actor): the longest
    # first among those starting together, ties in the order given.
    actors = sorted(actors, key=_END, reverse=True)
    actors.sort(key=_START)
    # Drop actors inside a document title, then those inside another actor (one inside a
    # title is never kept, so it sets no reach: the order of the two filters does not matter).
    outer: list[Actor] = []
    reach = -1  # where the last actor kept ends
    for actor in SpanUnion([(t.start, t.end) for t in targets if t.label == "POLICY"]).uncovered(actors):
        if actor.start >= reach:
            outer.append(actor)
            reach = actor.end
    targets = _ByStart(targets)
    bodies = _ByStart(outer)
    # A verb inside a title or a body's name is part of that name (关于印发…的通知).  Only the few
    # verbs found are tested, so the spans are not merged into a union: the targets (titles nest)
    # are read by the furthest end reached so far, the outer bodies (disjoint, in order) as they are.
    target_reach = list(itertools.accumulate([t.end for t in targets.items], max))
    body_ends = [a.end for a in outer]
    # A verb that takes no object (none after it, no title of its kind before it in its sentence
    # for a passive or fronted reading) yields nothing, and its sentence reads as one without a
    # verb (the clause reading and the on-demand reading agree on what a sentence passes on).
    with_verb: set[int] = set()  # the sentences holding a verb kept
    verb_starts: list[int] = []  # where the verbs kept start (in order: ``found`` is)
    issue_hits: list[tuple[int, int, str, list[Target]]] = []
    conduct_hits: list[tuple[int, int, str, list[Target]]] = []
    for v_start, v_end, label in found:
        index = bisect.bisect_right(targets.starts, v_start) - 1
        if index >= 0 and v_start < target_reach[index]:
            continue
        index = bisect.bisect_right(bodies.starts, v_start) - 1
        if index >= 0 and v_start < body_ends[index]:
            if v_end <= body_ends[index]:
                continue
            # 管理委员会签订: 会签 straddles the name's end and hid the verb 签订 right after it.
            pattern = _verb_patterns()[label != "POLICY"]
            again = pattern.match(text, body_ends[index])
            if again is None:
                continue
            v_start, v_end = again.span()
        index = bisect.bisect_right(sentence_starts, v_start) - 1  # (the sentence holding it: _verb_hits)
        sentence = sentence_list[index]
        objects = _objects(v_end, sentence.end, targets, label, text)
        if (
            not objects and not read_objectless_verbs and not _titled_before(targets, sentence.start, v_start, label)
            and not (label == "POLICY" and index in resuming)
        ):
            continue
        hit = (v_start, v_end, text[v_start:v_end], objects)
        (issue_hits if label == "POLICY" else conduct_hits).append(hit)
        with_verb.add(index)
        verb_starts.append(v_start)
    issue_verb_hits, conduct_verb_hits = _Hits(issue_hits), _Hits(conduct_hits)
    if not verb_starts:
        return []
    stop_starts = sorted(map(_START_OF_SPAN, stoppers))  # a stopper is read by where it starts
    # Where a body, a place or a verb starts: a clause with none of them needs no reading.
    events = sorted(verb_starts + bodies.starts + stop_starts)
    clause_index = ClauseIndex(text)
    implicit_sentences: set[int] = set()
    rows: dict[tuple[str, str, str], Relation] = {}

    if evidence_of is None:
        evidence_of = {}  # by sentence start: a sentence often yields several rows

    def emit(kind: str, subjects: Iterable[tuple[Actor, bool]], objects: list[Target], sentence: Sentence) -> None:
        evidence = evidence_of.get(sentence.start)
        if evidence is None:
            quoted = sentence.text if original is None else original[sentence.start : sentence.end]
            evidence = evidence_of[sentence.start] = record(
                Evidence, article_id=article_id, start=sentence.start, end=sentence.end, sentence=quoted
            )
        for actor, explicit in subjects:
            for target in objects:
                key = (kind, actor.iri, target.iri)
                old = rows.get(key)
                if old is None or (explicit and not old.explicit):
                    rows[key] = record(
                        Relation, kind=kind, subject=actor.iri, object=target.iri, evidence=evidence, explicit=explicit
                    )
                if not explicit:
                    implicit_sentences.add(sentence.start)

    # The sentences holding a verb (sentences are disjoint: a verb lies in the last one starting
    # at or before it).  Only those are read clause by clause, in order; of the others only
    # two things can matter, each read on demand: the subject the sentence just before a verb's
    # leaves for it (when a verb finds none of its own), and the bodies named last (a later 双方).
    verb_sentences = sorted(with_verb)  # each section takes its own by bisection

    def head_of(sentence: Sentence) -> tuple[Actor, ...]:
        """The subject a sentence without a verb passes to the next: that of its last clause naming one
        (or none, when a later clause opens with a place or 我市), read from the last clause back.

        A notice's addressee line (各市知识产权局,人民银行各市分行:) names whom it speaks to: none, and
        so does a question (新华社记者:…有什么安排?): the answer speaks for its own body.
        """
        if is_addressee(sentence.text) or sentence.text.endswith(_QUESTION_MARKS):
            return ()
        for c_start, c_end in reversed(clause_index.of(sentence)):
            if _any_between(events, c_start, c_end):
                floor = _dateline_end(text, c_start, c_end)
                subject, _ = _subject(_groups(bodies.between(floor, c_end), text), floor, text)
                if subject is not None:
                    return _unique(subject.head + (subject.parties if subject.joint else ()))
                here = stop_starts[bisect.bisect_left(stop_starts, floor) : bisect.bisect_left(stop_starts, c_end)]
                if here and any(_strip_adverbials(text[floor:at]) == "" for at in here):
                    return ()
            if deixis_start.search(text, c_start, c_end) and deixis_re.match(
                _strip_adverbials(text[c_start:c_end], True)
            ) or (own_first(text, c_start, c_start + _OWN_SUBJECT_REACH) and _own_subject(text, c_start, c_end, True)) or (
                text[c_start] in generic_first and generic(text, c_start, c_end)
            ):
                return ()
        return ()

    for sec_start, sec_end in sections:
        # The subject carried into the next sentence (the guidelines' "implied by context"):
        # only from one sentence to the next, unless that one issued with it in turn.
        carried: tuple[Actor, ...] = ()
        before: int | None = None  # a verbless sentence just before, whose subject is read when asked for
        last_group: _Group | None = None  # the bodies named last, for 双方
        low = bisect.bisect_left(by_start.starts, sec_start)
        high = bisect.bisect_left(by_start.starts, sec_end)
        to_read = verb_sentences[bisect.bisect_left(verb_sentences, low) : bisect.bisect_left(verb_sentences, high)]
        to_read_set = set(to_read)  # (to_read is sorted already: the set only answers named_last)
        # Sentences passed over (not in to_read_set) from unread_from on have not been read for last_group.
        unread_from = low
        index = low

        def named_last() -> _Group | None:
            """last_group, after reading the passed-over sentences for it (only 双方 needs it).

            Not a group named before a place that the sentences since name: 双方 then stands
            for that place's side too (在第二师铁门关市,调研组了解了…。双方签订…), which is no body.
            """
            nonlocal last_group, unread_from
            for passed in range(index - 1, unread_from - 1, -1):
                if passed in to_read_set:
                    continue
                group = _last_group(by_start.items[passed], text, bodies, clause_index)
                if group is not None:
                    last_group = group
                    break
            unread_from = index + 1
            if last_group is not None and _place_opens_clause(
                text, stop_starts, last_group.end, by_start.items[index].start
            ):
                return None
            return last_group

        previous = low - 1
        for index in to_read:
            sentence = by_start.items[index]
            if index > previous + 1:
                # The sentence before holds no verb: only its own subject may carry.
                carried, before = (), (index - 1 if index > low else None)
            previous = index
            head: tuple[Actor, ...] = ()
            head_known = False  # the sentence named its own subject (a body, a place or 我市)
            # The 与-parties of that subject (with the head they belong to): they sign with it.
            companions: tuple[tuple[Actor, ...], tuple[Actor, ...]] = ((), ())
            for c_start, c_end in clause_index.of(sentence):
                if not _any_between(events, c_start, c_end):
                    # No body, place or verb: the clause can only open with 我市 and the like.
                    if deixis_start.search(text, c_start, c_end) and deixis_re.match(
                        _strip_adverbials(text[c_start:c_end], True)
                    ) or (
                        own_first(text, c_start, c_start + _OWN_SUBJECT_REACH) and _own_subject(text, c_start, c_end, True)
                    ) or (text[c_start] in generic_first and generic(text, c_start, c_end)):
                        head, head_known = (), True
                    continue
                floor = _dateline_end(text, c_start, c_end)
                # The paper in "佛山日报讯" is the dateline, not the subject.
                inside = bodies.between(floor, c_end)
                groups = _groups(inside, text)
                subject, opening = _subject(groups, floor, text)
                if subject is None:
                    here = stop_starts[bisect.bisect_left(stop_starts, floor) : bisect.bisect_left(stop_starts, c_end)]
                    stop = bool(here) and any(_strip_adverbials(text[floor:at]) == "" for at in here)
                    # Only a clause holding a deixis word's first character can open with one.
                    if stop or (
                        deixis_start.search(text, c_start, c_end)
                        and deixis_re.match(_strip_adverbials(text[c_start:c_end], True))
                    ) or (own_first(text, floor, floor + _OWN_SUBJECT_REACH) and _own_subject(text, floor, c_end)) or (
                        text[floor : floor + 1] in generic_first and generic(text, floor, c_end)
                    ):
                        head, head_known = (), True
                next_verb = bisect.bisect_left(verb_starts, c_start)
                if next_verb == len(verb_starts) or verb_starts[next_verb] >= c_end:
                    kinds = ()  # no verb in this clause: only its subject matters
                else:
                    kinds = ((issue_verb_hits, "ISSUED", "POLICY"), (conduct_verb_hits, "CONDUCTS", "CAMPAIGN"))
                for verbs, relation, label in kinds:
                    for v_start, v_end, word, objects in verbs.between(c_start, c_end):  # none inside a name
                        fronted = False
                        if not objects:
                            passive = _passive(
                                v_start, sentence.start, groups, targets, label, text,
                                by_start.items[index - 1].start if index in resuming and index > low else None,
                            )
                            if passive is not None:
                                agent, obj = passive
                                emit(relation, [(a, True) for a in agent.head + agent.parties], [obj], sentence)
                                continue
                            objects = _fronted(v_start, c_start, targets, label, text)
                            fronted = bool(objects)
                        if not objects:
                            continue
                        verb_kind = issue.get(word, "issue") if relation == "ISSUED" else "conduct"
                        subjects: list[tuple[Actor, bool]] = []
                        pre = _strip_adverbials(text[floor:v_start], True)  # (keep_deixis, positional: a cheaper cache key)
                        relative = text[v_end : v_end + 1] == "的"
                        adjacent = _adjacent(groups, v_start, floor, text)
                        if (
                            relative and subject is None and opening is None and pre not in _ADJACENT_GAP
                            and adjacent is None and not _parties_before(pre)
                        ):
                            # 落实京津冀三地签署的《X》: the relative clause has a subject of its own that is
                            # no body found here; whoever acts in the clause only cites X.
                            continue
                        # 省局指导市局制定《X》: the guided body issues, not the clause's subject.
                        guided = (
                            adjacent is not None and subject is not None and adjacent is not subject
                            and _guided(adjacent, floor, text)
                        )
                        if adjacent is not None and adjacent is not subject and (subject is None or relative or guided):
                            # 贯彻落实市委办、市政府办联合印发的《A》和《B》: the bodies right
                            # before the verb issued A; the relative clause ends at A.
                            subjects = [(a, True) for a in adjacent.head + adjacent.parties]
                            if relative:
                                objects = objects[:1]
                        elif subject is not None and subject.end <= v_start:
                            if not _longer_name(text, subject.end, v_start):
                                subjects = [(a, True) for a in subject.head + subject.parties]
                        elif (pre.startswith(all_parties()) or _parties_before(pre)) and (group := named_last()) is not None:
                            # 双方签署《…》: every party of the group just named.
                            subjects = [(a, True) for a in group.head + group.parties]
                            if relative:
                                objects = objects[:1]  # (通报双方联合印发的《A》: the relative clause ends at A)
                        elif opening is None and (
                            (pre.endswith(subject_heads()) and not pre.startswith(_LOCATIVE_LEADS))
                            or pre.startswith(subject_heads())
                            or (_names_unfound_body(pre) and not _body_before(groups, v_start, text))
                        ):
                            # 会议审议通过了《…》, 会上还发布了《…》 and 常委会办公厅印发了《…》 (a body
                            # the NER missed) name their own subject: nothing is carried.
                            head, head_known = (), True
                        else:
                            if head:
                                subjects = [(a, True) for a in head]
                                together = word.startswith(_TOGETHER) or pre.endswith(_TOGETHER)
                                if (verb_kind == "agreement" or together) and companions[0] is head and opening is None:
                                    # A与B、C召开联席会议,会签《X》: an agreement is signed by every party met
                                    # (unless the clause names its own: …,与D签订《Y》), and so is what
                                    # they do together (A与B签署《X》,并联合发布《Y》).
                                    subjects += [(a, True) for a in companions[1]]
                            elif not head_known and not fronted and (carried or before is not None):
                                # (现将《X》印发给你们 speaks for the notice's author, not the body named before.)
                                if before is not None:
                                    carried, before = head_of(by_start.items[before]), None
                                subjects = [(a, False) for a in carried]
                            if opening is not None and opening.end <= v_start:
                                subjects += [(a, True) for a in opening.head + opening.parties]
                        partner = _partner(groups, word, v_start, floor, text) if relation == "ISSUED" else None
                        if partner is not None and partner is not subject:
                            subjects += [(a, True) for a in partner.head + partner.parties]
                        if (
                            verb_kind == "agreement" and subject is None and opening is None and groups
                            and groups[0].end <= v_start and not any(a in groups[0].head for a, _ in subjects)
                            and _solid_tail(text, floor, groups[0].start, 1) in _PARTNER_BEFORE
                        ):
                            # 我们已与重庆市渝中公证处签订《X》: the party after 与 signs, whoever 我们 is.
                            subjects += [(a, True) for a in groups[0].head + groups[0].parties]
                        if not subjects and verb_kind == "agreement" and title_parties is not None:
                            for target in objects:
                                emit(relation, [(a, True) for a in title_parties(target)], [target], sentence)
                            continue
                        emit(relation, subjects, objects, sentence)
                if subject is not None:
                    head, head_known = _unique(subject.head + (subject.parties if subject.joint else ())), True
                    companions = (head, () if subject.joint else subject.parties)
                if groups:
                    last_group = groups[-1] if subject is None else subject
                    unread_from = index + 1
            before = None
            if sentence.text.endswith(_QUESTION_MARKS):
                carried = ()  # (a press question: the answer after it has a speaker of its own)
            elif head:
                carried = head
            elif head_known or sentence.start not in implicit_sentences:
                # (A sentence that issued with a carried subject passes it on.)
                carried = ()
    return [rows[key] for key in sorted(rows)]


# Read at import, with the module: the rare rules that use these tables would otherwise
# read and compile them in the middle of a batch, on whichever article first needs them.
_unfound_patterns()
guide_verbs()
