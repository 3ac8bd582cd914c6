"""Turn NER mentions into canonical entities and relations with evidence.

The steps, each in its own module:

1. :mod:`kg.link.locale` — cut the article into news items and find where each
   speaks from (its locale chain, most specific division first);
2. :mod:`kg.link.canonical` — places from the gazetteer (short forms read in
   the locale's context), agencies from jurisdiction + organ;
3. here — merge what names one thing: repeated mentions, second plates
   (市场监督管理局、知识产权局), short titles (以下简称《方案》);
4. :mod:`kg.link.anaphora` and :mod:`kg.link.relations` — ISSUED and CONDUCTS
   with evidence; JURISDICTION and PART_OF come from the resolved places.

IRIs come from :mod:`kg.link.iri`: places by division code, everything else by
canonical name, so they do not depend on input order.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Callable, Iterable

from kg.gazetteer import Gazetteer, Place, Town, load_gazetteer, load_towns, short_forms
from kg.link.anaphora import find_anaphors
from kg.link.canonical import (
    agency_name, expand_organ, joint_places, main_court, names_bare_court, resolve_agency, resolve_codes, resolve_place, short_form_enclosing,
    short_form_hits, standard_organ, zone_name,
)
from kg.link.iri import entity_iri, identity_key, place_iri
from kg.link.locale import (
    Section, _ancestors, class_of_bodies, dateline_place, deixis_target, infer_sections, locale_chain,
    place_for_deixis, section_layout,
)
from kg.link.relations import (
    Actor, SpanUnion, Target, _solid_tail, _strip_adverbials, find_relations, is_addressee, is_clean_org, last_of,
)
from kg.link.resources import (
    anaphors, bank_names, campaign_fillers, canonical_text, deixis_orgs, first_person, generic_parents, local_plates, offices, plates,
    short_organs, zone_abbreviations,
)
from kg.link.sentences import Sentence, split_sentences
from kg.model import Article, Entity, Evidence, Extraction, Mention, Relation, record
from kg.nlp.text import simplify

__all__ = ["link"]

#: Words that introduce a short name for the title just before (以下简称《方案》).
_ALIAS = re.compile(r"(?:以下简称|下称|简称)[“\"《〈]*$")
#: Joins between two plates of one body: 市场监督管理局、知识产权局 / 市场监管局(知识产权局).
_PLATE_GAP = {"、", "(", "（", "和", "及"}
#: A notice's own title names its author and the document it issues:
#: 长春市人民政府办公厅关于印发长春市…规划的通知 (the title may be unquoted).
_NOTICE_TITLE = re.compile(r"关于(?:印发|发布|出台|颁布)《?(?P<title>[^\n《》]{2,80}?)》?的(?:通知|决定|公告)")
#: A people's congress (or its standing committee) in session: 江西省第十四届人民代表大会常务委员会第八次会议.
_SESSION = re.compile(
    r"第[\d一二三四五六七八九十百]+届(?P<organ>人民代表大会(?:常务委员会)?)第[\d一二三四五六七八九十百]+次(?:全体)?会议"
)
#: Endings of a body's name inside an agreement's title.
_TITLE_BODY = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:局|厅|委员会|法院|检察院|中心|办公室|政府)")


#: Marks that end a clause inside a sentence.
_CLAUSE_MARKS = tuple(",，:：;；")

_SPAN = attrgetter("start", "end")
_START = attrgetter("start")
_END = attrgetter("end")
_LABEL = attrgetter("label")
_NAME = attrgetter("name")
_TEXT = attrgetter("text")
_new_object = object.__new__
_FIRST = itemgetter(0)
_FOURTH = itemgetter(3)
_CANONICAL = attrgetter("canonical")
_RELATION_ORDER = attrgetter("kind", "subject", "object")
_COUNTRY_IRI = place_iri("ISO:CN")
#: Mentions whose names hold places that anchor nothing (a title's, a campaign's, an organisation's).
_NAMED_LABELS = frozenset(("POLICY", "CAMPAIGN", "ORG"))


@dataclass(slots=True)
class _Draft:
    label: str
    iri: str
    canonical: str
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    jurisdiction: Place | None = None
    jurisdiction_written: bool = False
    #: False once a mention was added out of span order (the entity's mentions must then be sorted).
    in_order: bool = True


def _generic_plate(mention: Mention, text: str) -> bool:
    """True for a second plate in brackets worn by a body that is no mention: 各市、县(市、区)市场监管局(知识产权局).

    The NER leaves out a class of bodies (各市…市场监管局, the addressees of a notice), but
    a bare second plate after it still looks like a body; it is the class's plate, not the
    locale's own 知识产权局.  (A plate worn by a body that is a mention comes with its
    jurisdiction: 市市场监管局(市知识产权局), or ``attrs.nested``.)
    """
    if mention.label != "AGENCY" or mention.start == 0 or text[mention.start - 1] != "(":
        return False
    attrs = mention.attrs
    if (attrs.get("jurisdiction_kind") or "none") != "none" or attrs.get("nested") or attrs.get("modifiers"):
        return False
    firsts = plates().get(canonical_text(attrs.get("organ") or ""))
    if not firsts:
        return False
    before = "".join(text[max(0, mention.start - 12) : mention.start - 1].split())
    return any(expand_organ(before[-n:]) in firsts for n in range(2, min(len(before), 8) + 1))


def _has_addressee(text: str) -> bool:
    """True when a line of ``text`` is an addressee line (:func:`~kg.link.relations.is_addressee`).

    From the 各 found (``str.find``), not a pattern tried at every line start.
    """
    at = text.find("各")
    while at >= 0:
        if is_addressee(_line_at(text, at)):
            return True
        at = text.find("各", at + 1)
    return False


def _line_at(text: str, start: int, end: int | None = None) -> str:
    """The line(s) of ``text`` holding ``text[start:end]``, stripped."""
    end = text.find("\n", start if end is None else end)
    start = text.rfind("\n", 0, start) + 1
    return text[start : len(text) if end < 0 else end].strip()


def _addressed_class(mention: Mention, text: str) -> bool:
    """True for a body without jurisdiction in a notice's addressee line (各设区市、县(市、区)市场监管局:).

    The line names classes of bodies (every city's bureau), never the locale's own one; a
    body written with its jurisdiction there (市双打领导小组各成员单位) is itself.
    """
    if mention.label != "AGENCY" or (mention.attrs.get("jurisdiction_kind") or "none") != "none":
        return False
    if mention.attrs.get("canonical"):
        return False
    return is_addressee(_line_at(text, mention.start, mention.end))


def _locator(sections: list[Section]):
    """A function from an offset to the section holding it."""
    starts = [s.start for s in sections]

    def section_of(offset: int) -> Section:
        return sections[max(bisect.bisect_right(starts, offset) - 1, 0)]

    return section_of


def _province(chain: tuple[Place, ...]) -> Place | None:
    return next((p for p in chain if p.level == "province"), None)


def _place_key(mention: Mention, chain: tuple[Place, ...], gazetteer: Gazetteer) -> tuple[str, str, Place | None]:
    """(canonical, iri, parent) of a place without a division code (a town, a street)."""
    name = canonical_text(mention.name)
    province = _province(chain)
    if province is None:
        return name, entity_iri("PLACE", name), None
    parent = chain[0]
    town = _listed_town(name, chain)
    if town is not None:
        # 帕里 (in 帕里牦牛) is 帕里镇, in 亚东县: the official name, and the county it lies in.
        name = town.name
        county = gazetteer.by_code.get(town.county) or gazetteer.by_code.get(town.county[:4] + "00")
        parent = county or parent
    # Keyed within its province: 新城镇 exists in many provinces.
    return name, place_iri(f"{province.code}-{name}"), parent


def _listed_town(name: str, chain: tuple[Place, ...]) -> Town | None:
    """The one listed township written ``name`` nearest the place ``chain`` speaks from.

    The chain is searched from its nearest division out to its province; a name that is
    several townships there (城关镇 is in many counties) is none.
    """
    towns = load_towns()
    for place in chain:
        found = towns.named(name, place.code)
        if found:
            return found[0] if len(found) == 1 else None
        if place.level == "province":
            break
    return None


@dataclass(slots=True)
class _PlaceForm:
    """What a place name tells without context: read once per written form and codes.

    (A slotted class, not a tuple: made once per form and read a hundred times an article;
    CPython 3.11 reads a slot in a quarter of the instructions of a NamedTuple field.)
    """

    written: str  # canonical_text of the mention's text
    codes: tuple[str, ...]
    joint: tuple[Place, ...]  # the places a joint name (京津冀) speaks of, else ()
    place: Place | None  # the division it names read without context (None for a joint name)
    #: For a bare short form whose every reading is a county (合作 in 合作协议), the divisions
    #: enclosing its readings (:func:`short_form_enclosing`): an ordinary word in an article
    #: from a province that is none of them.  None for any other name.
    enclosing: frozenset[str] | None


@lru_cache(maxsize=16384)
def _place_form(gazetteer: Gazetteer, text: str, codes: tuple[str, ...]) -> _PlaceForm:
    """:func:`several_places`, the context-free :func:`resolve_place` and :func:`short_form_enclosing`
    of a PLACE mention written ``text`` with ``codes``.

    Cached: the places of a corpus recur (about half of all mentions are places).
    """
    written = canonical_text(text)
    joint = joint_places(gazetteer, written, codes) if len(codes) > 1 else ()
    place = None if joint else resolve_place(codes, gazetteer, (), written)
    enclosing = None if place is None else short_form_enclosing(gazetteer, written, place.code, codes)
    return _PlaceForm(written, codes, joint, place, enclosing)


def _written_parents(
    several: list[Mention], forms: dict[tuple[int, int], _PlaceForm], place_ends: dict[int, Place], gazetteer: Gazetteer,
) -> dict[str, Place]:
    """The reading of each ambiguous name that the page fixes by writing its parent just before it.

    福州市鼓楼区 is Fuzhou's 鼓楼区 (not Nanjing's), and so is every bare 鼓楼区 of the same page
    (one sense per page).  A name written after parents of two different readings is left open.

    >>> from kg.gazetteer import load_gazetteer
    >>> from kg.model import Mention
    >>> gaz = load_gazetteer()
    >>> m = Mention("PLACE", 3, 6, "鼓楼区", "鼓楼区", {"codes": ["320106", "350102"]})
    >>> forms = {(3, 6): _place_form(gaz, "鼓楼区", ("320106", "350102"))}
    >>> _written_parents([m], forms, {3: gaz.by_code["350100"]}, gaz)["鼓楼区"].code
    '350102'
    """
    pins: dict[str, Place | None] = {}
    for mention in several:
        parent = place_ends.get(mention.start)
        if parent is None:
            continue
        form = forms[(mention.start, mention.end)]
        inside = [code for code in form.codes if code != parent.code and parent in _ancestors(gazetteer, code)]
        if len(inside) != 1:
            continue
        place = gazetteer.by_code[inside[0]]
        if pins.setdefault(form.written, place) not in (None, place):
            pins[form.written] = None  # (parents of two readings on one page)
    return {written: place for written, place in pins.items() if place is not None}


def _pinned_in(gazetteer: Gazetteer, form: _PlaceForm, pinned: Place, chain: tuple[str, ...]) -> Place:
    """``pinned`` unless the item's locale ``chain`` lies inside another reading of the name only."""
    local = set(chain) - {"ISO:CN"}
    others = [
        code for code in form.codes
        if code != pinned.code and local & {code, *(p.code for p in _ancestors(gazetteer, code))}
    ]
    if not others or local & {pinned.code, *(p.code for p in _ancestors(gazetteer, pinned.code))}:
        return pinned
    return resolve_codes(gazetteer, form.codes, chain, form.written)


def _speakers_word(
    text: str, places: list[tuple[Mention, Place]], sentences: list[Sentence], sentence_starts: list[int],
    gazetteer: Gazetteer, place_starts: list[int],
) -> Callable[[int, str], bool]:
    """A test of whether a deixis word (全市 at ``start``, of ``level``) speaks of the item's own place.

    Not when the nearest place named before it in its sentence is the very division it names and
    opens its clause, alone or as a body's (赣州市市场监督管理局已举办培训班,全市300余家企业参加):
    the word then speaks of that subject's place, whatever the item's locale.
    ``place_starts``: the starts of ``places``, in order.
    """

    def keep(start: int, level: str) -> bool:
        index = bisect.bisect_left(place_starts, start) - 1
        while index >= 0 and places[index][0].end > start:
            index -= 1
        if index < 0:
            return True
        mention, place = places[index]
        if place.code.startswith("ISO:") or deixis_target(gazetteer, level, place.code) != place.code:
            return True  # (most words: the place before names another level; cached by level and code)
        sentence = _sentence_at(sentences, sentence_starts, start)
        if sentence is None or mention.start < sentence.start:
            return True
        # (within its line too: a headline without a full stop runs into the next line's sentence;
        # both searches stay between the place and the word, not back to the line's start)
        if text.find("\n", mention.start, start) >= 0:
            return True
        floor = max(sentence.start, text.rfind("\n", sentence.start, mention.start) + 1)
        # (a place named as an object, 充分发挥达州市…领导小组的职能, may be the speaker's own)
        clause_start = max(last_of(text, _CLAUSE_MARKS, floor, mention.start) + 1, floor)
        return _strip_adverbials(text[clause_start : mention.start]) != ""

    return keep


#: A word of a speaker's own level (我市, 全省, 本县 …): a page using one speaks from a division.
#: (本地区 is no such word: a central notice's 各省…建立本地区协调机制 speaks of each province.)
_OWN_LEVEL = re.compile(r"[我全](?:自治区|地区|[区市省县州盟旗])|本[区市省县州盟旗]")
#: Units so generic that a longer unit ending with one is another unit (新闻办公室 is no 办公室).
_GENERIC_UNITS = frozenset({"办公室", "办公厅", "办", "党组", "机关", "综合处"})
_DATE_ONLY = re.compile(r"[\d年月日\s]+")
#: The longest first line read as a title (a lead paragraph is longer, or holds a full stop).
_TITLE_MAX = 120


def _national_title(text: str, mentions: list[Mention], first: Section, gazetteer: Gazetteer) -> bool:
    r"""True when the page's title is a central body's (国家知识产权局…关于印发…的通知, …例行新闻发布会):
    it opens with a national body, names no division nor a body of one, and no dateline
    or word of a speaker's own level (我省, 全市) follows in the first news item.

    >>> from kg.gazetteer import load_gazetteer
    >>> from kg.model import Mention
    >>> t = "国家知识产权局例行新闻发布会\n北京、上海推进试点。"
    >>> m = Mention("AGENCY", 0, 7, "国家知识产权局", "国家知识产权局", {"jurisdiction_kind": "national"})
    >>> _national_title(t, [m], Section(0, len(t), 14), load_gazetteer())
    True
    >>> _national_title(t.replace("北京", "我省"), [m], Section(0, len(t), 14), load_gazetteer())
    False
    """
    if not mentions or dateline_place(first.dateline, gazetteer) is not None:
        return False
    opening = mentions[0]
    line_start = len(text) - len(text.lstrip())
    if opening.label != "AGENCY" or opening.attrs.get("jurisdiction_kind") != "national":
        return False  # (most pages: settled by the first mention)
    if opening.start != line_start and not _DATE_ONLY.fullmatch(text, line_start, opening.start):
        return False  # (a date may come first: 2026年1月国家知识产权局例行新闻发布会)
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > _TITLE_MAX or "。" in text[line_start:line_end]:
        return False
    for mention in mentions:
        if mention.start >= line_end:
            break
        if mention.label == "AGENCY" and mention.attrs.get("jurisdiction_kind") != "national":
            return False
        if mention.label == "PLACE" and not all(c.startswith("ISO:") for c in mention.attrs.get("codes") or ("",)):
            return False
    return _OWN_LEVEL.search(text, first.start, first.end) is None


def _speaks_nationally(mentions: list[Mention]) -> bool:
    """True when most bodies of a page that names no division of its own are national (国务院, 公安部 …).

    Such a page (a national plan and the ministries that carry it out) speaks from the country.

    >>> from kg.model import Mention
    >>> _speaks_nationally([Mention("AGENCY", 0, 3, "公安部", "公安部", {"jurisdiction_kind": "national"})])
    True
    """
    national = others = 0
    for mention in mentions:
        if mention.label == "AGENCY":
            if mention.attrs.get("jurisdiction_kind") == "national":
                national += 1
            else:
                others += 1
    return national > others


def _in_context(
    pairs: list[tuple[Mention, Place]], several: list[Mention], forms: dict[tuple[int, int], _PlaceForm],
    gazetteer: Gazetteer, sections: list[Section], pins: dict[str, Place] | None = None,
    readings: dict[tuple[int, int], Place] | None = None,
) -> dict:
    """``pairs`` read again in their news items' locales, by span (``forms``: their :class:`_PlaceForm`).

    Only a name with several codes (``several``: those mentions, in order, a superset of
    those among ``pairs``) can read differently in context; whether it names a place at
    all does not depend on the context.  A name the page pins (``pins``, from
    :func:`_written_parents`) keeps its pinned reading unless the item speaks from inside
    another reading only.  ``readings``: ``pairs`` by span, when the caller has made that already.
    """
    if readings is not None:
        if not several:
            return readings  # (read again as they are: no copy, nothing changes them)
        places = dict(readings)
    else:
        places = {(mention.start, mention.end): place for mention, place in pairs}
        if not several:
            return places
    section_of = _locator(sections) if sections else None
    chain_codes: dict[int, tuple[str, ...]] = {}  # by id(section): its chain as codes, built once
    for mention in several:
        span = (mention.start, mention.end)
        if span not in places:
            continue  # (dropped: an ordinary word here)
        form = forms[span]
        section = section_of(mention.start) if section_of else None
        chain = chain_codes.get(id(section))
        if chain is None:
            chain = chain_codes[id(section)] = tuple(p.code for p in section.chain) if section is not None else ()
        pinned = pins.get(form.written) if pins else None
        if pinned is not None:
            places[span] = _pinned_in(gazetteer, form, pinned, chain)
        else:
            places[span] = resolve_codes(gazetteer, form.codes, chain, form.written)
    return places


#: Words after which a one-character abbreviation names where the speaker is (驻青高校, 来青, 在青).
_HERE_WORDS = frozenset("驻来在赴留离抵返")


def _local_abbreviations(
    pairs: list[tuple[Mention, Place]], places: dict[tuple[int, int], Place], text: str, sections: list[Section]
) -> dict[tuple[int, int], Place]:
    """``places`` with a one-character abbreviation after 驻/来/在 read as the item's own city.

    驻青高校 in a 青岛 item is 青岛's universities: 青 there is the city's short
    name, not 青海's, when the province it would name is not the item's own.
    """
    # (one C-level pass first: most pages write no place of one character; a mention's text
    # is the file's text from start to end, so its length is end - start)
    if 1 not in map(len, map(_TEXT, map(_FIRST, pairs))):
        return places
    hits = [
        m for m, _ in pairs
        if m.end - m.start == 1 and m.start > 0 and text[m.start - 1] in _HERE_WORDS
        and m.attrs.get("grammar") == "abbreviation"
    ]
    if not hits or not sections:
        return places
    section_of = _locator(sections)
    places = dict(places)
    for mention in hits:
        span = (mention.start, mention.end)
        place = places.get(span)
        chain = section_of(mention.start).chain
        if place is None or any(p.code == place.code for p in chain):
            continue
        city = next((p for p in chain if p.level in ("prefecture", "county") and p.name.startswith(text[mention.start])), None)
        if city is not None:
            places[span] = city
    return places


def _in_mention_order(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` in (start, -end, label) order: a new list, or ``mentions`` sorted in place.

    The NER hands its mentions over by (start, end), no span twice: then the order wanted
    only turns round each run of mentions sharing a start (the longest first), in one pass
    (about 30 % cheaper than the three sorts: reading a Mention's attribute through ``attrgetter``
    costs five times what the loop's reading does, and the sorts scramble the NER's order).
    Any other order gets three stable sorts on C keys.

    >>> from kg.model import Mention
    >>> [(m.start, m.end, m.label) for m in _in_mention_order(
    ...     [Mention("PLACE", 2, 4, "ab", "ab"), Mention("ORG", 0, 2, "ab", "ab"), Mention("AGENCY", 0, 4, "abcd", "abcd")])]
    [(0, 4, 'AGENCY'), (0, 2, 'ORG'), (2, 4, 'PLACE')]
    >>> [(m.start, m.end) for m in _in_mention_order(
    ...     [Mention("PLACE", 0, 2, "ab", "ab"), Mention("AGENCY", 0, 4, "abcd", "abcd"), Mention("PLACE", 2, 4, "ab", "ab")])]
    [(0, 4), (0, 2), (2, 4)]
    """
    ordered: list[Mention] = []
    run = 0  # where the run of mentions sharing the last start begins in ``ordered``
    last_start = last_end = -1
    for mention in mentions:
        start = mention.start
        if start != last_start:
            if start < last_start:
                break
            run = len(ordered)
            ordered.append(mention)
            last_start = start
        elif mention.end > last_end:
            ordered.insert(run, mention)  # (longer than the run's others: first)
        else:
            break  # (a span twice, or a shorter one after a longer: the label or a sort decides)
        last_end = mention.end
    else:
        return ordered
    mentions.sort(key=_LABEL)
    mentions.sort(key=_END, reverse=True)
    mentions.sort(key=_START)
    return mentions


def _sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0:
        sentence = sentences[index]
        # (an empty sentence still holds its start)
        if sentence.start <= offset and (offset < sentence.end or offset == sentence.start):
            return sentence
    return None


def _evidence(article: Article, sentence: Sentence, evidence_of: dict[int, Evidence]) -> Evidence:
    """The evidence quoting ``sentence``, made once per sentence (``evidence_of``: by sentence start)."""
    evidence = evidence_of.get(sentence.start)
    if evidence is None:
        evidence = evidence_of[sentence.start] = record(
            Evidence, article_id=article.id, start=sentence.start, end=sentence.end,
            sentence=article.text[sentence.start : sentence.end],
        )
    return evidence


def link(article: Article, mentions: list[Mention]) -> Extraction:
    """Link ``mentions`` of ``article`` into an :class:`Extraction`.

    >>> from kg.model import Article, Mention
    >>> a = Article("x", "余姚新闻网讯 我市市场监管局印发《方案》")
    >>> ex = link(a, [Mention("PLACE", 0, 2, "余姚", "余姚市", {"codes": ["330281"]}),
    ...     Mention("AGENCY", 8, 14, "市市场监管局", "市市场监管局",
    ...         {"jurisdiction": "市", "jurisdiction_kind": "deixis", "organ": "市场监督管理局"}),
    ...     Mention("POLICY", 17, 19, "方案", "方案")])
    >>> ex.locale, [e.canonical for e in ex.entities]
    ('余姚市', ['余姚市', '余姚市市场监督管理局', '方案'])
    >>> [(r.kind, ex.entity(r.subject).canonical) for r in ex.relations if r.kind == "ISSUED"]
    [('ISSUED', '余姚市市场监督管理局')]
    """
    gazetteer = load_gazetteer()
    # Rules read a simplified view of the text (印發 → 印发, ，→ ,); it has the
    # same length, so every offset still points into the text as read.
    text = simplify(article.text)
    # A span with nothing to name (blank after normalisation) cannot be an entity.
    # (Nearly every name is non-blank: one C-level pass over the names settles it, and a copy is sorted.)
    if all(map(canonical_text, map(_NAME, mentions))):
        mentions = _in_mention_order(list(mentions))
    else:
        mentions = _in_mention_order([m for m in mentions if canonical_text(m.name or m.text)])

    # Locale: a first pass on every place, then again without short forms that
    # are ordinary words here (合作 in 合作协议 is not 合作市 in 甘肃).
    # One pass reads each place without context (cached per written form) and picks
    # the bodies written with deixis (市市场监管局): of the other mentions only they
    # tell where an item speaks from.
    deictic: list[Mention] = []
    forms: dict[tuple[int, int], _PlaceForm] = {}
    body_of: dict[int, _Body] = {}  # by id(mention): what each body tells without context
    first_places: list[tuple[Mention, Place]] = []  # places that name one division
    several: list[Mention] = []  # of those, the ones with several codes (read again in context)
    short_forms: list[tuple[Mention, Place]] = []  # of those, the ones that may be ordinary words
    renamed_places: list[Mention] = []  # places written with attrs.renamed (会理市 for the gazetteer's 会理县)
    classes: list[Mention] = []  # bodies that name a class of bodies (a plural addressee), dropped
    addressed: bool | None = None  # whether the page has an addressee line (asked of a bare body only)
    for m in mentions:
        label = m.label
        if label == "PLACE":
            if m.attrs.get("renamed"):
                renamed_places.append(m)
            form = forms[(m.start, m.end)] = _place_form(gazetteer, m.text, tuple(m.attrs.get("codes") or ()))
            if form.place is not None:  # (a joint name, 京津冀, speaks of three provinces, not from one)
                first_places.append((m, form.place))
                if len(form.codes) > 1:
                    several.append(m)
                if form.enclosing is not None:
                    short_forms.append((m, form.place))
        elif label == "AGENCY":
            kind = m.attrs.get("jurisdiction_kind")
            if kind == "deixis":
                if class_of_bodies(text, m.start):
                    classes.append(m)  # 指导各设区市知识产权局: every city's office, no one body
                    continue
                deictic.append(m)
            elif kind in (None, "none"):
                # A bare body may be a plural addressee (各市、县市场监管局(知识产权局):) or its plate.
                if addressed is None:
                    addressed = _has_addressee(text)
                if _generic_plate(m, text) or (addressed and _addressed_class(m, text)):
                    classes.append(m)
                    continue
            body_of[id(m)] = _body(m, gazetteer)
    if classes:
        mentions = [m for m in mentions if m not in classes]
    pins: dict[str, Place] = {}
    if several:
        # The place read ending where such a name starts (a parent written before it); only a
        # parent of one reading fixes its child's.
        wanted = {m.start for m in several}
        place_ends = {m.end: p for m, p in first_places if m.end in wanted and len(forms[(m.start, m.end)].codes) == 1}
        pins = _written_parents(several, forms, place_ends, gazetteer)
    if pins:
        first_places = [(m, pins.get(forms[(m.start, m.end)].written, p)) for m, p in first_places]
    sentences = split_sentences(text)
    sentence_starts = list(map(attrgetter("start"), sentences))  # (for bisection, by the anchors and the relations)
    first_anchors: _Anchors | None = None
    # The first pass's places by span: for the anchors, and the places themselves unless some are dropped.
    first_readings = {(m.start, m.end): p for m, p in first_places}
    # (in order: the mentions are; read by the deixis words and, when no span repeats, the anchors)
    place_starts = [m.start for m, _ in first_places]
    if deictic and first_places:
        # A deixis body of a place named before it (江孜县组织县市场监管局) tells nothing of
        # where the item speaks from: its 县 is 江孜县's, not the speaker's.
        first_anchors = _Anchors(mentions, first_readings, sentences, sentence_starts, text)
        if len(first_readings) == len(place_starts):
            first_anchors.place_starts = place_starts
        deictic = [m for m in deictic if not first_anchors.chain_for(m, gazetteer)]
    # The page's items and deixis do not depend on the places: cut it once.
    keep = _speakers_word(text, first_places, sentences, sentence_starts, gazetteer, place_starts) if first_places else None
    layout = section_layout(text, deictic, gazetteer, keep)
    locale, sections = infer_sections(text, deictic, first_places, gazetteer, layout)
    provinces = list({p.code: p for s in sections for p in [_province(s.chain)] if p is not None}.values())
    # Only the few places the forms mark as bare county short forms can be dropped.
    dropped = short_form_hits(short_forms, gazetteer, provinces)
    if dropped:
        # A short form written right after a division enclosing it (重庆市渝中公证处) is the place.
        ends = {m.end: p for m, p in first_places}
        for m, p in short_forms:
            parent = ends.get(m.start)
            if parent is not None and (m.start, m.end) in dropped and any(
                a.code == parent.code for a in gazetteer.ancestors(p.code)
            ):
                dropped.discard((m.start, m.end))
    kept = first_places
    if dropped:  # else the first reading stands as it is
        mentions = [m for m in mentions if not (m.label == "PLACE" and (m.start, m.end) in dropped)]
        # Context-free readings do not depend on the other mentions: keep the first pass's.
        kept = [(m, p) for m, p in first_places if (m.start, m.end) not in dropped]
        locale, sections = infer_sections(text, deictic, kept, gazetteer, layout)
    if (
        locale is not None and mentions and mentions[0].label == "AGENCY"
        and mentions[0].attrs.get("jurisdiction_kind") == "national"  # (most pages: settled here, without a call)
        and not locale.code.startswith("ISO:") and _national_title(text, mentions, sections[0], gazetteer)
    ):
        # A central body's notice or press conference: it speaks from the country, not from a
        # province it lists (广东、浙江…) or the capital it sits in; its items' chains stay empty.
        locale = gazetteer.by_code.get("ISO:CN")
        sections = [
            Section(s.start, s.end, s.head_end, dateline=s.dateline) if s.locale == sections[0].locale else s
            for s in sections
        ]
    places = _in_context(kept, several, forms, gazetteer, sections, pins, first_readings if kept is first_places else None)
    places = _local_abbreviations(kept, places, text, sections)
    if locale is None and _speaks_nationally(mentions):
        locale = gazetteer.by_code.get("ISO:CN")  # (the article's locale only: the items' chains stay empty)
    section_of = _locator(sections)
    # (most pages are one news item: its section, with no look-up per mention)
    only_section = sections[0] if len(sections) == 1 else None

    drafts: dict[str, _Draft] = {}
    # The drafts of each label, in the drafts' order: the merges and the look-ups below read one
    # label's drafts, not every draft once per rule.
    drafts_of: defaultdict[str, list[_Draft]] = defaultdict(list)
    iri_of: dict[tuple[int, int, str], str] = {}

    def add(
        mention: Mention, label: str, iri: str, canonical: str,
        place: Place | None = None, jurisdiction: Place | None = None, jurisdiction_written: bool = False,
    ) -> None:
        draft = drafts.get(iri)
        if draft is None:
            draft = drafts[iri] = _Draft(label, iri, canonical, [], place, jurisdiction, jurisdiction_written)
            drafts_of[label].append(draft)
        elif draft.in_order:
            # (the mentions come in span order, but for a shorter one at the same start or a late one)
            last = draft.mentions[-1]
            if mention.start <= last.start and (mention.start < last.start or mention.end < last.end):
                draft.in_order = False
        draft.mentions.append(mention)
        iri_of[(mention.start, mention.end, label)] = iri  # (``label`` is the mention's own)

    if first_anchors is not None and not dropped and (not several or places == first_readings):
        anchors = first_anchors  # (the same mentions and places read the same: its answers stand)
    else:
        anchors = _Anchors(mentions, places, sentences, sentence_starts, text)
        if first_anchors is not None and not dropped:
            # (the same mentions, and the same spans read again: what depends on them alone is shared)
            anchors.named, anchors.bodies = first_anchors.named, first_anchors.bodies
            if places.keys() == first_readings.keys():
                anchors.place_starts = first_anchors.place_starts
    renamed = {  # (a dropped short form has no place)
        place.code: canonical_text(m.attrs["renamed"])
        for m in renamed_places
        if (place := places.get((m.start, m.end))) is not None
    }
    sessions = _congress_sessions(article.text, text, mentions, places)
    if sessions:
        mentions = _in_mention_order([*mentions, *sessions])
        body_of.update((id(m), _body(m, gazetteer)) for m in sessions)
    counterpart, court = _main_organs(body_of.values())
    previous_agency: tuple[Mention, str, str] | None = None  # mention, iri, organ
    second_plates = plates()
    aliases: dict[str, str] = {}
    plated: set[str] = set()  # bodies written with their second plate somewhere
    written_plates: dict[str, str] = {}  # a second plate's canonical name → its first plate's IRI (from attrs.plate2)
    own_plates: list[str] = []  # bodies written in brackets after 我局 / 本局: the speaker's other plate
    new_area: str | None = None  # the new area a 新区 deixis names, found on the first one (most pages have none)
    chain_read = False  # whether a body was read in the item's place (written bare, 巡回法庭)
    zone_bodies = False  # whether a body of a zone (a place coded with a letter suffix) was read
    short_companies = False  # whether an organisation's name ends like a company's short name (商城集团)
    # What the relations read, sorted out on the way (each list in the mentions' order).
    place_spans: list[tuple[int, int]] = []
    agency_mentions: list[Mention] = []
    org_mentions: list[Mention] = []
    objects: list[Mention] = []  # titles and campaigns
    titles: list[Mention] = []
    for mention in mentions:
        label = mention.label
        if label == "PLACE":
            span = (mention.start, mention.end)
            place_spans.append(span)
            place = places.get(span)
            joint = forms[span].joint
            if joint:
                for each in joint:
                    add(mention, "PLACE", place_iri(each.code), each.name, each)
            elif place is not None:
                # A division renamed since the gazetteer (会理县 → 会理市) is named as written.
                name = renamed.get(place.code, place.name) if renamed else place.name
                add(mention, "PLACE", place_iri(place.code), name, place)
            else:
                canonical, iri, parent = _place_key(mention, (only_section or section_of(mention.start)).chain, gazetteer)
                add(mention, "PLACE", iri, canonical, jurisdiction=parent)
        elif label == "AGENCY":
            agency_mentions.append(mention)
            body = body_of[id(mention)]
            if body.context == "chain":
                chain_read = True  # (a bare organ: _merge_full_names may find its full name)
            organ = body.organ
            if previous_agency is not None and organ in second_plates:
                prev, prev_iri, prev_organ = previous_agency
                gap = "".join(text[prev.end : mention.start].split())
                bare = mention.attrs.get("jurisdiction_kind") in (None, "none") or canonical_text(mention.text) in second_plates
                if gap in _PLATE_GAP and prev_organ in second_plates[organ] and bare:
                    add(mention, "AGENCY", prev_iri, drafts[prev_iri].canonical)
                    plated.add(prev_iri)
                    continue
            section = only_section or section_of(mention.start)
            attrs = mention.attrs
            word = body.parent_word
            parent = None  # the body a unit belongs to, when its name says so
            if len(body.name) > len(word) > 0:
                parent = _generic_parent(mention, word, drafts_of["AGENCY"], section)
            if parent is None and (attrs.get("anaphor") or attrs.get("parent")):
                parent = _named_parent(mention, drafts_of["AGENCY"], section)
            if parent is None and not word and attrs.get("unit") and _bare_unit(mention):
                # 联系人:知识产权保护处 — a unit standing alone is the author's: the body named most before it.
                parent = _own_body(mention, "", drafts_of["AGENCY"])
            if parent is not None:
                rest = body.name[len(word) :]
                head = attrs.get("anaphor") or ""
                if head and rest.startswith(head) and parent.canonical.endswith(head):
                    rest = rest[len(head) :]  # (厅知识产权保护处: the parent's ending is written, not repeated)
                canonical = parent.canonical + rest
                if rest and rest not in _GENERIC_UNITS and entity_iri("AGENCY", canonical) not in drafts:
                    # 运用促进司 after 知识产权运用促进司: the one unit of that parent named in full before.
                    longer = [
                        d.canonical for d in drafts_of["AGENCY"]
                        if len(d.canonical) > len(canonical) and d.canonical.endswith(rest)
                        and d.canonical.startswith(parent.canonical)
                    ]
                    if len(longer) == 1:
                        canonical = longer[0]
                add(mention, "AGENCY", entity_iri("AGENCY", canonical), canonical, jurisdiction=parent.jurisdiction)
                continue
            # Only deixis and bare bodies read a place named before them (anchors); others the item's chain.
            chain = (body.anchored and anchors.chain_for(mention, gazetteer)) or section.chain
            canonical, jurisdiction, written, iri = _read(body, mention, chain, gazetteer, counterpart, court)
            if jurisdiction is None and attrs.get("jurisdiction") == "新区" and attrs.get("jurisdiction_kind") == "deixis":
                # 新区管委会 in a 郑东新区 item: a new area the gazetteer lacks (a city's own), so no division
                # of the chain; the 19 国家级新区 are places and never come here.
                if new_area is None:
                    new_area = _new_area(mentions)
                if new_area:
                    canonical = _zone_body(new_area, mention, gazetteer)
                    iri = entity_iri("AGENCY", canonical)
            if jurisdiction is not None and "-" in jurisdiction.code:
                zone_bodies = True  # (前海管理局 may fold into 深圳市前海…管理局)
            if jurisdiction is not None and jurisdiction.code in renamed and jurisdiction.name in canonical:
                canonical = canonical.replace(jurisdiction.name, renamed[jurisdiction.code], 1)
                iri = entity_iri("AGENCY", canonical)
            add(mention, "AGENCY", iri, canonical, jurisdiction=jurisdiction, jurisdiction_written=written)
            if attrs.get("plate2"):
                plated.add(iri)
                if jurisdiction is not None and not attrs.get("nested"):
                    # 新区综合执法局(新区市场监管局): the second plate the NER read is this body's name too,
                    # whatever the plates table lists (folded below, wherever it stands in the article).
                    second = agency_name(jurisdiction, expand_organ(canonical_text(attrs["plate2"])))
                    if second != canonical:
                        written_plates.setdefault(second, iri)
            elif text[mention.start - 1 : mention.start] in _OPENING_BRACKETS and _after_first_person(
                text, mention.start
            ):  # (the bracket first: a C-level test that most bodies fail)
                own_plates.append(iri)
            previous_agency = (mention, iri, organ or expand_organ(canonical))
        elif label == "POLICY":
            objects.append(mention)
            titles.append(mention)
            canonical = canonical_text(mention.name)
            before = text[max(0, mention.start - 8) : mention.start]
            if _ALIAS.search("".join(before.split())):
                # The title that ended last before the alias (the first drafted on a tie): one pass, no sort.
                host = None
                for d in drafts_of["POLICY"]:
                    if d.mentions[-1].end <= mention.start:
                        if host is None or d.mentions[-1].end > host.mentions[-1].end:
                            host = d
                if host is not None:
                    aliases[canonical] = host.iri
            if canonical in aliases:
                add(mention, "POLICY", aliases[canonical], drafts[aliases[canonical]].canonical)
            else:
                add(mention, "POLICY", entity_iri("POLICY", canonical), canonical)
        elif label == "ORG":
            org_mentions.append(mention)
            canonical, iri = _org_entity(mention.name)
            if canonical.endswith(_COMPANY_HEADS) and not canonical.endswith(_COMPANY_TAILS):
                short_companies = True
            level = _deixis_org_level(canonical)
            if level:
                # 市工量具协会 in a 余姚 article: 余姚市工量具协会, as a body written with deixis.
                place = place_for_deixis(level, (only_section or section_of(mention.start)).chain)
                if place is not None:
                    canonical = place.name + canonical[len(level) :]
                    iri = entity_iri("ORG", canonical)
            add(mention, "ORG", iri, canonical)
        elif label == "CAMPAIGN":
            objects.append(mention)
            canonical, iri = _campaign_entity(
                mention.name, mention.text, mention.attrs.get("kind") or "", _place_after_year(mention, places)
            )
            add(mention, "CAMPAIGN", iri, canonical)
        else:
            canonical = canonical_text(mention.name)
            add(mention, mention.label, entity_iri(mention.label, canonical), canonical)

    # (each merge folds drafts of its own label only: the other labels' lists stay whole)
    if own_plates:
        plated.update(_speaker_plates(own_plates, drafts, drafts_of["AGENCY"]))
    folded = _merge_plates(drafts_of["AGENCY"], drafts, iri_of, plated)
    if written_plates:
        folded.update(_merge_written_plates(drafts_of["AGENCY"], drafts, iri_of, written_plates))
    # Most pages name no body by a short ending (联席会议) or a grass-roots office (…所) and no local
    # second plate alone: one C-level search of all the bodies' names, one name a line, tells
    # whether to look body by body.
    names = "\n".join([d.canonical for d in drafts_of["AGENCY"]]) + "\n"
    if _local_plate_pattern().search(names):
        local = _merge_local_plates(drafts_of["AGENCY"], drafts, iri_of)
        if local:
            folded.update(local)
            names = "\n".join([d.canonical for d in drafts_of["AGENCY"]]) + "\n"
    if _short_organ_pattern().search(names):
        folded.update(_merge_short_names(drafts_of["AGENCY"], drafts, iri_of))
        names = "\n".join([d.canonical for d in drafts_of["AGENCY"]]) + "\n"  # (it may name new bodies)
    if _office_pattern().search(names):
        _place_offices(drafts_of["AGENCY"], drafts, iri_of)
    if folded:
        _rehome_units(drafts_of["AGENCY"], drafts, iri_of, folded)
    if len(drafts_of["AGENCY"]) > 1 and (chain_read or "(" in names or "中国" in names):
        names = "\n".join([d.canonical for d in drafts_of["AGENCY"]]) + "\n"  # (the merges above may name new bodies)
        _merge_full_names(drafts_of["AGENCY"], drafts, iri_of, names)
    if zone_bodies:
        _merge_zone_bodies(drafts_of["AGENCY"], drafts, iri_of)
    _merge_towns(drafts_of["PLACE"], drafts, iri_of)
    if len(drafts_of["POLICY"]) > 1:
        _merge_short_titles(drafts_of["POLICY"], drafts, iri_of)
    _merge_campaigns(drafts_of["CAMPAIGN"], drafts, iri_of, gazetteer)
    if len(drafts_of["CAMPAIGN"]) > 1:
        _merge_campaign_variants(drafts_of["CAMPAIGN"], drafts, iri_of, sections[0].head_end if sections else 0)
    _merge_zones(drafts_of["ORG"], drafts, iri_of)
    if short_companies and len(drafts_of["ORG"]) > 1:
        _merge_company_short_names(drafts_of["ORG"], drafts, iri_of)
    if drafts_of["ORG"] and drafts_of["AGENCY"]:
        _zones_named_by_bodies(drafts_of["ORG"], drafts_of["AGENCY"], drafts, iri_of)

    # Relations.
    spans = [(s.start, s.end) for s in sections]
    # (read after the merges: a folded mention names its host)
    bodies = [
        (m.start, m.end, (iri := iri_of[(m.start, m.end, "AGENCY")]), drafts[iri].canonical) for m in agency_mentions
    ]
    orgs = [
        Actor(m.start, m.end, iri_of[(m.start, m.end, "ORG")], m.text)
        for m in org_mentions
        if is_clean_org(m.text, text[max(0, m.start - 4) : m.start])
    ]
    # bodies and organisations: a place inside one is no subject
    named = [(m.start, m.end) for m in agency_mentions] + [(m.start, m.end) for m in org_mentions]
    actors = [Actor(*body) for body in bodies] + orgs
    # 该校 refers to a university (an ORG); 该局 to a bureau.
    referents = bodies + [(a.start, a.end, a.iri, canonical_text(a.text)) for a in orgs]
    anaphoric = [Actor(a.start, a.end, a.iri, a.text) for a in find_anaphors(text, referents, spans)]
    actors += anaphoric
    actor_index: list[tuple[list[int], list[Actor]]] | None = None  # built on the first agreement's title
    mention_starts: list[int] | None = None
    nested = _nested_titles(titles)
    targets = [
        Target(m.start, m.end, iri_of[(m.start, m.end, m.label)], m.label, (m.start, m.end) in nested and m.label == "POLICY")
        for m in objects
    ]
    stoppers = SpanUnion(named).outside(place_spans)

    parties_of: dict[tuple[int, int], list[Actor]] = {}

    def title_parties(target: Target) -> list[Actor]:
        if (target.start, target.end) not in parties_of:
            parties_of[(target.start, target.end)] = named_in_title(target)
        return parties_of[(target.start, target.end)]

    def named_in_title(target: Target) -> list[Actor]:
        """The bodies an agreement's title names (白银市市场监督管理局 定西市市场监督管理局…协议)."""
        nonlocal actor_index, mention_starts
        if actor_index is None:
            # ``actors`` is three runs, each in text order (the mentions' and the anaphors'):
            # a title finds the ones inside it by bisection.
            runs = [run for run in (actors[: len(bodies)], orgs, anaphoric) if run]
            actor_index = [([a.start for a in run], run) for run in runs]
            mention_starts = [m.start for m in mentions]
        nested = [
            a
            for starts, run in actor_index
            for a in run[bisect.bisect_left(starts, target.start) : bisect.bisect_right(starts, target.end)]
            if a.end <= target.end
        ]
        if nested:
            return nested
        found = []
        # The mentions are sorted by start: only those starting inside the title can name a party.
        inside = mentions[bisect.bisect_left(mention_starts, target.start) : bisect.bisect_left(mention_starts, target.end)]
        for mention in inside:
            place = places.get((mention.start, mention.end))
            if mention.label != "PLACE" or place is None or not (target.start <= mention.start < target.end):
                continue
            match = _TITLE_BODY.match(text, mention.end, target.end)
            if match is None:
                continue
            rest = expand_organ(match.group())
            body = Mention(
                "AGENCY", mention.start, match.end(), article.text[mention.start : match.end()],
                canonical_text(text[mention.start : match.end()]),
                {"jurisdiction": mention.text, "jurisdiction_kind": "place", "organ": rest, "codes": [place.code]},
                source="link",
            )
            canonical, jurisdiction, _ = resolve_agency(body, section_of(body.start).chain, gazetteer)
            iri = entity_iri("AGENCY", canonical)
            add(body, "AGENCY", iri, canonical, jurisdiction=jurisdiction, jurisdiction_written=True)
            found.append(Actor(body.start, body.end, iri, canonical))
        return found

    evidence_of: dict[int, Evidence] = {}  # by sentence start: each sentence is quoted once
    relations = find_relations(
        article.id, text, sentences, spans, actors, targets, stoppers, title_parties,
        original=article.text, evidence_of=evidence_of, sentence_starts=sentence_starts,
    )

    relations += _notice_titles(
        article, text, mentions, iri_of, drafts_of["POLICY"], sentences, sentence_starts, relations, evidence_of
    )
    # Most entities are named once: sort only the mentions of the others.  Entities in order of
    # (first mention, type, IRI), sorted as plain tuples (an IRI names one draft: no tie goes further).
    # Each entity is made in the drafts' order and then sorted with its key (one loop, no second walk).
    ordered = []
    for d in drafts.values():
        in_order = tuple(d.mentions) if d.in_order else tuple(sorted(d.mentions, key=_SPAN))
        # (kg.model.record inline, the same object: a Python call per entity saved)
        entity = _new_object(Entity)
        entity.__dict__.update(
            iri=d.iri, type=d.label, canonical=d.canonical, mentions=in_order,
            # (_entity_attrs' own test, inline: most drafts have no attrs)
            attrs=_entity_attrs(d) if d.place is not None or d.jurisdiction is not None else {},
        )
        ordered.append((in_order[0].start, d.label, d.iri, entity))
    ordered.sort()
    # (the structural rows come in the drafts' order; the sort below settles every row's place)
    extra = _structural_relations(article, drafts.values(), sentences, sentence_starts, evidence_of)
    relations = sorted([*relations, *extra], key=_RELATION_ORDER)
    return Extraction(
        article=article,
        # (a division renamed since the gazetteer is the article's locale by the name it writes: 湟中区)
        locale=(renamed.get(locale.code, locale.name) if renamed else locale.name) if locale else None,
        entities=tuple(map(_FOURTH, ordered)),
        relations=tuple(relations),
        locale_iri=place_iri(locale.code) if locale else None,
    )


#: Bound on the memo of bodies (a corpus names a few thousand distinct bodies in a few contexts) …
AGENCY_BODIES_MAX = 16384
#: … and on the readings kept in all of them together (one per body and context that reads differently).
AGENCY_READINGS_MAX = 65536


@dataclass(slots=True)
class _Body:
    """What an AGENCY mention tells without context, and its readings by context.

    Made once per body as written (its name and the attributes :func:`resolve_agency`
    reads) and shared across articles: the bodies of a corpus recur.  (A slotted class,
    like :class:`_PlaceForm`: read field by field many times, made rarely.)
    """

    name: str  # canonical_text of Mention.name
    organ: str  # canonical_text of attrs.organ (a second plate follows the body of its first plate)
    parent_word: str  # the generic parent word its name starts with (检察机关知识产权办公室), or ""
    anchored: bool  # deixis or bare: may read a place named just before it (:class:`_Anchors`)
    context: str  # what of the context its reading reads: "" (nothing), "deixis" or "chain"
    bare_bureau: bool  # a bare 局: the reading depends on the article's main bureau too
    bureau: str  # its organ when a bureau (ends in 局, not national), else "": what _main_organs counts
    bare_court: bool  # a bare 院 (市院知识产权检察办公室): the reading depends on the article's own 院 too
    court: str  # what it counts for in the article's own 院 (canonical.main_court), else ""
    #: (canonical, jurisdiction, jurisdiction written, IRI) by context.
    readings: dict[object, tuple[str, Place | None, bool, str]]


_bodies: dict[tuple, _Body] = {}
#: Readings held in ``_bodies`` (see AGENCY_READINGS_MAX).
_reading_count = 0


def _body(mention: Mention, gazetteer: Gazetteer) -> _Body:
    """The :class:`_Body` of an AGENCY mention (memoised, bounded: oldest dropped first)."""
    attrs = mention.attrs
    kind = attrs.get("jurisdiction_kind")
    codes = tuple(attrs.get("codes") or ())
    given = attrs.get("canonical")
    written = (
        mention.name, kind, attrs.get("jurisdiction"), attrs.get("organ"), given, attrs.get("unit"),
        attrs.get("plate2"), attrs.get("modifiers"), codes, gazetteer,
    )
    global _reading_count
    body = _bodies.get(written)
    if body is None:
        if len(_bodies) >= AGENCY_BODIES_MAX:
            # The oldest goes, with its readings: memory stays flat.
            _reading_count -= len(_bodies.pop(next(iter(_bodies))).readings)
        name = canonical_text(mention.name)
        word = _parent_word(name)
        # A body with a full name given, a national one and one of a place with one reading are
        # read the same in every context; a body written with deixis (市市场监管局) reads only the
        # division its deixis names; the others read the chain's first place (what follows
        # from it: every chain the linker passes is a locale chain, :func:`locale_chain`).
        if given or kind == "national" or (kind == "place" and len(codes) == 1):
            context = ""
        elif kind == "deixis":
            context = "deixis"
        else:
            context = "chain"
        organ = canonical_text(attrs.get("organ") or "")
        bureau = expand_organ(organ)
        body = _bodies[written] = _Body(
            name,
            organ,
            word,
            (kind or "none") in ("deixis", "none"),
            context,
            # (the organ as resolve_agency reads it)
            not given and kind != "national" and standard_organ(mention, gazetteer) == "局",
            bureau if kind != "national" and bureau.endswith("局") and bureau != "局" else "",
            not given and kind != "national" and names_bare_court(attrs.get("modifiers") or "", bureau),
            main_court(bureau) if kind != "national" else "",
            {},
        )
    return body


def _read(
    body: _Body, mention: Mention, chain: tuple[Place, ...], gazetteer: Gazetteer, counterpart: str | None,
    court: str | None = None,
) -> tuple[str, Place | None, bool, str]:
    """(canonical, jurisdiction, written, IRI) of ``mention`` (its :class:`_Body` ``body``) in ``chain``.

    ``counterpart``: the article's main bureau (for a bare 局), ``court``: its own 院 (for a bare 院).
    """
    if not body.context or not chain:
        context = None
    elif body.context == "deixis":
        context = deixis_target(gazetteer, mention.attrs.get("jurisdiction") or "", chain[0].code)
    else:
        context = chain[0].code
    key = (context, counterpart) if body.bare_bureau else (context, court) if body.bare_court else context
    reading = body.readings.get(key)
    if reading is None:
        global _reading_count
        if _reading_count >= AGENCY_READINGS_MAX:
            # Rare (a corpus reads a few bodies in many places): start again rather than track ages.
            for other in _bodies.values():
                other.readings.clear()
            _reading_count = 0
        canonical, jurisdiction, written = resolve_agency(mention, chain, gazetteer, counterpart, court)
        reading = body.readings[key] = (canonical, jurisdiction, written, entity_iri("AGENCY", canonical))
        _reading_count += 1
    return reading


def _agency_reading(
    mention: Mention, chain: tuple[Place, ...], gazetteer: Gazetteer, counterpart: str | None
) -> tuple[str, Place | None, bool]:
    """:func:`resolve_agency`, memoised across articles: the bodies of a corpus recur in few contexts.

    The reading depends on the mention only through its name and the attributes
    :func:`_body` keys (those :func:`resolve_agency` reads). Of the context it reads
    only what the body's kind of jurisdiction makes it read, so that one reading
    serves every context that gives the same answer: a body written with deixis
    (市市场监管局) reads the division its deixis names from ``chain`` (every district
    of 杭州市 shares it), a bare organ and a place with several readings the chain's
    first place, and ``counterpart`` matters only to a bare 局.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> body = Mention("AGENCY", 0, 6, "市市场监管局", "市市场监管局",
    ...     {"jurisdiction": "市", "jurisdiction_kind": "deixis", "organ": "市场监督管理局"})
    >>> _agency_reading(body, locale_chain(gaz.by_code["330281"], gaz), gaz, None)[0]
    '余姚市市场监督管理局'
    """
    return _read(_body(mention, gazetteer), mention, chain, gazetteer, counterpart)[:3]


@lru_cache(maxsize=16384)
def _parent_word(name: str) -> str:
    # Cached: asked of every body, and the bodies of a corpus repeat.
    words = _parents_by_length()
    if not name.startswith(words):
        return ""  # (most bodies: one test in C)
    return next(word for word in words if name.startswith(word))


@lru_cache(maxsize=1)
def _parents_by_length() -> tuple[str, ...]:
    return tuple(sorted(generic_parents(), key=len, reverse=True))


def _generic_parent(mention: Mention, word: str, bodies: list[_Draft], section: Section) -> _Draft | None:
    """The body a unit named after a generic parent ``word`` (检察机关知识产权办公室) belongs to:
    the last body of the news item before it whose name ends with the word's ending (``bodies``:
    the AGENCY drafts)."""
    ending = generic_parents()[word]
    best: tuple[int, _Draft] | None = None
    for draft in bodies:
        if not draft.canonical.endswith(ending):
            continue
        for other in draft.mentions:
            if section.start <= other.start and other.end <= mention.start and (best is None or other.start > best[0]):
                best = (other.start, draft)
    return best[1] if best else None


#: Words that bring a partner along (A会同市公安局): the partner's deixis reads A's place.
_PARTNER_WORDS = ("会同", "联合", "与", "同")


class _Anchors:
    """Places written in the text that a nearby 市公安局 or a bare body belongs to.

    In 宝鸡市市场监管局联合市公安局 the 市 is 宝鸡市, whatever the news item's
    locale; in 沈阳市浑南区成立知识产权纠纷人民调解委员会 the committee is 浑南区's.
    Places inside titles, campaign and organisation names are no anchors.
    """

    def __init__(self, mentions, places, sentences: list[Sentence], sentence_starts: list[int], text: str):
        self._source = (mentions, places)
        self.sentences = sentences
        self.sentence_starts = sentence_starts
        self.text = text
        self.items: list | None = None  # built on first use: most bodies are named with their place
        self.place_starts: list[int] | None = None
        self.bodies: SpanUnion | None = None  # built when a deixis body first finds an anchor
        self.named: SpanUnion | None = None  # the spans of names a place inside is no anchor in (by the mentions alone)
        self.answers: dict[tuple[int, int], tuple[Place, ...]] = {}  # by span: asked again in the second pass

    def _build(self) -> None:
        mentions, places = self._source
        # ``places`` holds the places read in context, in the mentions' order; a joint
        # name (京津冀) is never among them, so it is no anchor.
        named = self.named
        if named is None:
            named = self.named = SpanUnion([(m.start, m.end) for m in mentions if m.label in _NAMED_LABELS])
        self.items = named.outside([(s, e, place) for (s, e), place in places.items() if place is not None])
        self.starts = list(map(itemgetter(0), self.items))

    def _place_between(self, low: int, high: int) -> bool:
        """True when a resolved place starts in [low, high)."""
        if self.place_starts is None:
            self.place_starts = sorted([start for start, _ in self._source[1]])
        index = bisect.bisect_left(self.place_starts, low)
        return index < len(self.place_starts) and self.place_starts[index] < high

    def _nearest(self, offset: int, floor: int):
        index = bisect.bisect_left(self.starts, offset) - 1
        while index >= 0 and self.items[index][1] > offset:
            index -= 1  # a place inside the body's own name is its jurisdiction, not an anchor
        if index >= 0 and self.items[index][0] >= floor:
            return self.items[index]
        return None

    def chain_for(self, mention: Mention, gazetteer: Gazetteer) -> tuple[Place, ...]:
        """The locale chain a deixis or bare body reads from, or () to use the news item's."""
        kind = mention.attrs.get("jurisdiction_kind") or "none"
        if kind not in ("deixis", "none"):
            return ()
        sentence = _sentence_at(self.sentences, self.sentence_starts, mention.start)
        # An anchor is a place named earlier in the sentence: most bodies have none, and
        # then the anchors need not be built (a place of ``places`` starts there if one does).
        if sentence is None or not self._place_between(sentence.start, mention.start):
            return ()
        # (only the bodies that get this far are remembered: the tests above cost less than a memo)
        key = (mention.start, mention.end)
        chain = self.answers.get(key)
        if chain is None:
            chain = self.answers[key] = self._anchored_chain(mention, kind, sentence, gazetteer)
        return chain

    def _anchored_chain(self, mention: Mention, kind: str, sentence: Sentence, gazetteer: Gazetteer) -> tuple[Place, ...]:
        if self.items is None:
            self._build()
        in_sentence = self._nearest(mention.start, sentence.start) if self.items else None
        if in_sentence is None:
            return ()
        clause_start = last_of(self.text, _CLAUSE_MARKS, sentence.start, mention.start) + 1
        clause_start = max(clause_start, sentence.start)
        anchor = self._nearest(mention.start, clause_start)
        if anchor is None:
            if kind == "deixis" and _solid_tail(self.text, sentence.start, mention.start, 2).endswith(_PARTNER_WORDS):
                # 乌鲁木齐市天山区…大队在…中发现线索,会同市公安局天山区分局查获…: a partner the
                # sentence's subject brings along is of the subject's place, whose clause opens the sentence.
                anchor = in_sentence
                if self._leads(sentence.start, anchor):
                    chain = locale_chain(anchor[2], gazetteer)
                    if place_for_deixis(mention.attrs.get("jurisdiction") or "", chain) is not None:
                        return chain
            if kind == "deixis":
                # 大通回族土族自治县培育…品牌,县市场监管局为合作社提供服务: the division that is the
                # subject of the clause just before, when the deixis names that very division.
                subject = self._previous_subject(sentence.start, clause_start)
                if subject is not None:
                    chain = locale_chain(subject[2], gazetteer)
                    target = place_for_deixis(mention.attrs.get("jurisdiction") or "", chain)
                    if target is not None and target.code == subject[2].code:
                        return chain
            return ()
        if kind == "deixis":
            # Only a body of a place named just before in the same clause (宝鸡市市场监管局联合市公安局)
            # moves the deixis; a place named as an object (与上海市一家企业) does not.
            if self.bodies is None:
                self.bodies = SpanUnion([(m.start, m.end) for m in self._source[0] if m.label == "AGENCY"])
            chain = locale_chain(anchor[2], gazetteer)
            target = place_for_deixis(mention.attrs.get("jurisdiction") or "", chain)
            if target is None:
                return ()
            if self.bodies.contains(anchor[0], anchor[1]):
                return chain
            # Nor does a place that is the clause's subject, unless it is the very division the
            # deixis names: in 江孜县组织县市场监管局、县司法局 the 县 is 江孜县.
            if target.code != anchor[2].code or anchor[0] <= self.text.rfind("\n", 0, mention.start):
                return ()  # (not across a line: a headline without a full stop runs into the next line)
            if not self._leads(clause_start, anchor):
                return ()
            return chain
        # A bare body in a clause whose subject is a place: 浑南区成立…委员会.
        if not self._leads(clause_start, anchor):
            return ()
        return locale_chain(anchor[2], gazetteer)

    def _previous_subject(self, floor: int, clause_start: int):
        """The place opening the clause before ``clause_start`` (within ``floor``, a sentence's start,
        and its line) as that clause's subject, else None."""
        if clause_start <= floor + 1:
            return None
        start = max(last_of(self.text, _CLAUSE_MARKS, floor, clause_start - 1) + 1, floor)
        index = bisect.bisect_left(self.starts, start)
        if index == len(self.items) or self.items[index][0] >= clause_start - 1:
            return None
        subject = self.items[index]
        if self.text.find("\n", subject[0], clause_start) >= 0 or not self._leads(start, subject):
            return None
        return subject

    def _leads(self, clause_start: int, anchor) -> bool:
        """True when only adverbials, a 【沈阳】 tag and enclosing places come before ``anchor`` in its clause."""
        # Only adverbials, a 【沈阳】 tag and the enclosing places (沈阳市浑南区) may come before it.
        lead, cursor = [], clause_start
        for start, end, _ in self.items[bisect.bisect_left(self.starts, clause_start) :]:
            if start >= anchor[0]:
                break
            lead.append(self.text[cursor:start])
            cursor = max(cursor, end)
        lead.append(self.text[cursor : anchor[0]])
        return _strip_adverbials("".join(lead).strip("【】〔〕[]")) == ""


def _named_parent(mention: Mention, bodies: list[_Draft], section: Section) -> _Draft | None:
    """The body a unit names as its parent: 该院知识产权审判庭 (attrs.anaphor), 会理市人民检察院设立的… (attrs.parent).

    ``bodies``: the AGENCY drafts.
    """
    anaphor = mention.attrs.get("anaphor")
    parent = canonical_text(mention.attrs.get("parent") or "")
    if not anaphor and not parent:
        return None
    own = first_person().get(anaphor) if anaphor else None
    if own is None and anaphor in _own_heads():
        own = anaphor  # 厅知识产权保护处: the parent written as its ending alone is the article's own 厅
    if own is not None:
        return _own_body(mention, own, bodies)
    ending = anaphors().get(anaphor, ()) if anaphor else ()
    best: tuple[int, _Draft] | None = None
    for draft in bodies:
        for other in draft.mentions:
            if not (section.start <= other.start and other.end <= mention.start):
                continue
            fits = canonical_text(other.text) == parent if parent else draft.canonical.endswith(ending) and bool(ending)
            if fits and (best is None or other.start > best[0]):
                best = (other.start, draft)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _own_heads() -> frozenset[str]:
    """The endings a body's word for itself names (院, 局, 委, 厅 of ``data/first_person.tsv``)."""
    return frozenset(first_person().values())


def _bare_unit(mention: Mention) -> bool:
    """True for an internal unit written alone (知识产권保护处): no jurisdiction, no organ, the unit is the whole name.

    >>> _bare_unit(Mention("AGENCY", 0, 7, "知识产权保护处", "知识产权保护处", {"jurisdiction_kind": "none", "unit": "知识产权保护处"}))
    True
    """
    attrs = mention.attrs
    unit = attrs.get("unit")
    return bool(unit) and not attrs.get("organ") and (attrs.get("jurisdiction_kind") or "none") == "none" and (
        canonical_text(unit) == canonical_text(mention.name)
    )


def _own_body(mention: Mention, ending: str, bodies: list[_Draft]) -> _Draft | None:
    """The body a unit written 我院知识产权审判庭 belongs to: of the bodies ending in ``ending`` named
    before it, the one named most (the first of them on a tie).  ``bodies``: the AGENCY drafts."""
    best: tuple[int, _Draft] | None = None
    for draft in bodies:
        if not draft.canonical.endswith(ending):
            continue
        named = sum(1 for other in draft.mentions if other.end <= mention.start)
        if named and (best is None or named > best[0]):
            best = (named, draft)
    return best[1] if best else None


def _congress_sessions(original: str, text: str, mentions: list[Mention], places: dict) -> list[Mention]:
    """Bodies named by a session (江西省第十四届人民代表大会常务委员会第八次会议 → 江西省人民代表大会常务委员会).

    The session's meeting is what adopts a regulation (…会议表决通过《条例》); the
    body is the place's congress or its standing committee, without the term.
    """
    if "届" not in text:
        return []
    taken = SpanUnion((m.start, m.end) for m in mentions if m.label == "AGENCY")
    by_end = {m.end: m for m in mentions if m.label == "PLACE" and (m.start, m.end) in places}
    found = []
    for match in _SESSION.finditer(text):
        place = by_end.get(match.start())
        if place is None or taken.covers(place.start):
            continue
        organ = match.group("organ")
        end = match.start("organ") + len(organ)
        found.append(Mention(
            "AGENCY", place.start, end, original[place.start : end], canonical_text(place.text) + organ,
            {"jurisdiction": place.text, "jurisdiction_kind": "place", "organ": organ,
             "codes": [places[(place.start, place.end)].code]},
            source="link",
        ))
    return found


def _notice_titles(
    article, text, mentions, iri_of, policies, sentences, sentence_starts, relations, evidence_of
) -> list[Relation]:
    """ISSUED rows that a notice's title states: its author issues the document it forwards.

    Only when the author is a body written right before 关于 and the document is
    an entity of the article (the notice quotes it again: 现将《…》印发给你们); ``policies``: the
    POLICY drafts.
    """
    if "关于" not in text:
        return []
    out: list[Relation] = []
    matches = list(_NOTICE_TITLE.finditer(text))
    if not matches:
        return out
    ends = {m.end: m for m in mentions if m.label == "AGENCY"}
    # The tables below are built only for a title written right after a body (most pages have none).
    documents = known = None
    for match in matches:
        author = ends.get(match.start())
        if author is None:
            continue
        if documents is None:
            documents = {identity_key(d.canonical): d for d in policies}
            known = {(r.subject, r.object) for r in relations if r.kind == "ISSUED"}
        document = documents.get(identity_key(canonical_text(match.group("title"))))
        if document is None:
            continue
        subject = iri_of[(author.start, author.end, author.label)]
        sentence = _sentence_at(sentences, sentence_starts, match.start())
        if (subject, document.iri) in known or sentence is None:
            continue
        known.add((subject, document.iri))
        out.append(Relation("ISSUED", subject, document.iri, _evidence(article, sentence, evidence_of), True))
    return out


def _main_organs(bodies: Iterable[_Body]) -> tuple[str | None, str | None]:
    """Of the article's bodies: the organ ending in 局 it names most (its speaker's kind of bureau,
    for a bare 局) and the kind of 院 it names most (人民检察院 or 人民法院 at any level, for a bare 院)."""
    bureaus: dict[str, int] = {}
    courts: dict[str, int] = {}
    for body in bodies:
        if body.bureau:
            bureaus[body.bureau] = bureaus.get(body.bureau, 0) + 1
        elif body.court:
            courts[body.court] = courts.get(body.court, 0) + 1
    bureau = min(bureaus.items(), key=lambda kv: (-kv[1], kv[0]))[0] if bureaus else None
    return bureau, min(courts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if courts else None


def _entity_attrs(draft: _Draft) -> dict[str, str]:
    # (link() calls this only for a draft with a place or a jurisdiction: an attr read from
    # anything else needs that test widened too.)
    attrs: dict[str, str] = {}
    if draft.place is not None:
        attrs["code"] = draft.place.code
        attrs["level"] = draft.place.level
    if draft.jurisdiction is not None:
        attrs["jurisdiction"] = draft.jurisdiction.code
    return attrs


def _structural_relations(
    article: Article, drafts: Iterable[_Draft], sentences: list[Sentence],
    starts: list[int], evidence_of: dict[int, Evidence],
) -> list[Relation]:
    """JURISDICTION (body → its place) and PART_OF (place → its parent), evidenced by a first mention.

    ``drafts``: the article's drafts (the rows' order does not matter: one row per draft at most,
    sorted by the caller); ``starts`` are the sentences' starts; ``evidence_of`` holds the
    evidence quoted so far by sentence start (many first mentions share one sentence).
    """
    out: list[Relation] = []  # (one row per draft at most: no two share a key)
    for draft in drafts:
        label = draft.label
        if label == "AGENCY":
            if draft.jurisdiction is not None:
                kind, target, explicit = "JURISDICTION", place_iri(draft.jurisdiction.code), draft.jurisdiction_written
            else:
                for m in draft.mentions:
                    if m.attrs.get("jurisdiction_kind") == "national":
                        kind, target, explicit = "JURISDICTION", _COUNTRY_IRI, False
                        break
                else:
                    continue
        elif label == "PLACE":
            if draft.place is not None and draft.place.parent:
                kind, target, explicit = "PART_OF", place_iri(draft.place.parent), True
            elif draft.jurisdiction is not None:
                # A town without a code: within the locale of the news item naming it.
                kind, target, explicit = "PART_OF", place_iri(draft.jurisdiction.code), False
            else:
                continue
        else:
            continue
        # (the first mention's start: the earliest, when the mentions came out of order)
        first = draft.mentions[0].start if draft.in_order else min(map(_START, draft.mentions))
        # (_sentence_at and _evidence inline, the evidence looked up first: most rows share a
        # sentence quoted already; a row is made as kg.model.record makes it)
        index = bisect_right(starts, first) - 1
        evidence = None
        if index >= 0:
            sentence = sentences[index]
            if sentence.start <= first and (first < sentence.end or first == sentence.start):
                evidence = evidence_of.get(sentence.start) or _evidence(article, sentence, evidence_of)
        row = _new_object(Relation)
        row.__dict__.update(kind=kind, subject=draft.iri, object=target, evidence=evidence, explicit=explicit)
        out.append(row)
    return out


def _nested_titles(titles: list[Mention]) -> set[tuple[int, int]]:
    """Spans of titles inside a longer title (〈…〉 in 《…〈…〉…》), in one sweep."""
    nested = set()
    if len(titles) < 2:
        return nested  # (most pages: with one title or none, nothing nests)
    reach = -1  # the furthest end of the longer titles seen so far
    spans = sorted({(m.start, m.end) for m in titles}, key=lambda span: (span[0], -span[1]))
    for start, end in spans:
        if end <= reach:
            nested.add((start, end))
        reach = max(reach, end)
    return nested


@lru_cache(maxsize=1)
def _town_suffixes() -> tuple[str, ...]:
    try:
        from kg.nlp.lexicon import words

        return tuple(words("town_suffixes.txt"))
    except (ImportError, OSError):  # pragma: no cover - the NER data ships with kg
        return ("街道", "苏木", "镇", "乡")


def _fold_into(host: _Draft, draft: _Draft, drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Make ``draft``'s mentions mentions of ``host`` and drop ``draft``."""
    host.mentions.extend(draft.mentions)
    host.in_order = False
    for mention in draft.mentions:
        iri_of[(mention.start, mention.end, mention.label)] = host.iri
    del drafts[draft.iri]


#: What closes a title's full form: its years or 试行 in brackets (《X（2024—2026年）》, 《Y（试行）》).
_TITLE_QUALIFIER = re.compile(r"\((?:\d{4}年?(?:[—–\-~至]+\d{4}年?)?|试行|暂行)\)$")


_STATE_NAME = "中华人民共和国"


def _merge_short_titles(
    titles: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]
) -> None:
    """Fold a title written without its years (a headline's 《X》) into the one full form 《X（2024—2026年）》,
    and a law written without the state's name (《专利法》) into 《中华人民共和国专利法》.

    ``titles``: the POLICY drafts.  Only when the article has one such full form.
    """
    full: dict[str, list[_Draft]] = {}
    for draft in titles:
        if draft.canonical.startswith(_STATE_NAME) and drafts.get(draft.iri) is draft:
            # 《专利法》 after 《中华人民共和国专利法》: a national law is cited without the state's name.
            full.setdefault(draft.canonical[len(_STATE_NAME) :], []).append(draft)
        if draft.canonical.endswith(")") and drafts.get(draft.iri) is draft:
            qualifier = _TITLE_QUALIFIER.search(draft.canonical)
            if qualifier is not None and qualifier.start() > 0:
                full.setdefault(draft.canonical[: qualifier.start()], []).append(draft)
    if not full:
        return
    for draft in titles:
        hosts = full.get(draft.canonical)
        if hosts is not None and len(hosts) == 1 and hosts[0] is not draft and drafts.get(draft.iri) is draft:
            _fold_into(hosts[0], draft, drafts, iri_of)


def _merge_towns(places: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Fold a town's bare name into its full name when the article writes both (狮泉河 → 狮泉河镇).

    ``places``: the PLACE drafts.
    """
    if len(places) < 2:
        return  # nothing to fold
    towns = {d.canonical: d for d in places if d.place is None}
    if len(towns) < 2:
        return  # nothing to fold
    suffixes = _town_suffixes()
    for name, draft in sorted(towns.items()):
        host = next((towns[name + suffix] for suffix in suffixes if name + suffix in towns), None)
        if host is None or host is draft:
            continue
        _fold_into(host, draft, drafts, iri_of)


#: A campaign's name written with a quoted part: prefix, quoted name, what follows the quote.
_QUOTED = re.compile(r"^(?P<pre>[^“”\"]+)[“\"](?P<quoted>[^“”\"]+)[”\"](?P<rest>[^“”\"]*)$")
#: A year that opens a campaign's name (2024年中国品牌日).
_YEAR = re.compile(r"^\d{4}年度?")
#: The same, the prefix optional.
_QUOTED_ANYWHERE = re.compile(r"^[^“”\"]*[“\"](?P<quoted>[^“”\"]+)[”\"](?P<rest>[^“”\"]*)$")
_DIGITS = re.compile(r"\d")
_QUOTES_AND_BLANKS = "“”\"‘’'「」『』 \t\u3000"
#: Kind words a campaign written without one may lack (“蓝天”专项整治 next to “蓝天”专项整治行动).
_CAMPAIGN_TAILS = ("行动", "活动")
#: Their lengths: where ``_merge_campaigns`` cuts a name to find the stem a tail leaves.
_CAMPAIGN_TAIL_LENGTHS = tuple(sorted(set(map(len, _CAMPAIGN_TAILS))))


def campaign_name(mention: Mention, placed_after_year: bool = False) -> str:
    """The canonical name of a CAMPAIGN mention (GUIDELINES.md: the quoted name plus its kind word).

    知识产权“入园惠企”行动 → 入园惠企行动: what stands before the quotes is no part of
    the name when the kind word follows them directly (知识产权“面对面”服务企业行动
    keeps it all). A year alone is no edition: 2024年中国品牌日 → 中国品牌日, while
    2024年佛山市知识产权宣传周 (a year and a place, ``placed_after_year``) keeps it.

    >>> campaign_name(Mention("CAMPAIGN", 0, 9, "科技“护企护航”行动", "科技护企护航行动", {"kind": "行动"}))
    '护企护航行动'
    >>> campaign_name(Mention("CAMPAIGN", 0, 10, "2025年世界知识产权日", "2025年世界知识产权日", {"kind": "世界知识产权日"}))
    '世界知识产权日'
    """
    return _campaign_name(mention.name, mention.text, mention.attrs.get("kind") or "", placed_after_year)


# Cached, as the other per-name readings: the campaigns of a corpus recur.
@lru_cache(maxsize=16384)
def _campaign_name(name: str, text: str, kind: str, placed_after_year: bool) -> str:
    name = canonical_text(name)
    quoted = _QUOTED.match(canonical_text(text))
    kind = canonical_text(kind)
    if quoted and kind and quoted.group("rest") == kind and name.endswith(quoted.group("quoted") + kind):
        return quoted.group("quoted") + kind
    quoted = quoted or _QUOTED_ANYWHERE.match(canonical_text(text))
    if (
        quoted and kind.endswith("行动") and "执法" not in kind and quoted.group("rest").endswith(kind)
        and not any(t in quoted.group("quoted") for t in _CAMPAIGN_TAILS) and not _DIGITS.search(quoted.group("quoted"))
    ):
        # “蓉城护航”知识产权保护专项行动 → 蓉城护航专项行动: the field of work is no part of the name.
        if quoted.group("rest")[: -len(kind)] in campaign_fillers():
            return quoted.group("quoted") + kind
    year = _YEAR.match(name)
    if year and not placed_after_year and len(name) > year.end():
        return name[year.end() :]
    return name


@lru_cache(maxsize=16384)
def _campaign_entity(name: str, text: str, kind: str, placed_after_year: bool) -> tuple[str, str]:
    """(canonical, iri) of a campaign written ``text`` (Mention.name ``name``, attrs.kind ``kind``)."""
    canonical = _campaign_name(name, text, kind, placed_after_year)
    return canonical, entity_iri("CAMPAIGN", canonical)


@lru_cache(maxsize=16384)
def _org_entity(name: str) -> tuple[str, str]:
    """(canonical, iri) of an organisation whose Mention.name is ``name`` (zones and big banks under their official name).

    >>> _org_entity("农业银行株洲分行")[0], _org_entity("中国农业银行株洲分行")[0]
    ('中国农业银行株洲分行', '中国农业银行株洲分行')
    """
    canonical = free_trade_zone_name(bank_name(zone_name(prefecture_spelled(canonical_text(name)))))
    return canonical, entity_iri("ORG", canonical)


#: An autonomous prefecture written short at the start of a name: 西双版纳州, 湘西州 (2–6 characters + 州).
_SHORT_PREFECTURE = re.compile(r"^[\u4e00-\u9fff]{2,6}?州")


def prefecture_spelled(name: str) -> str:
    """``name`` with an autonomous prefecture written short at its start spelt out (not a company's).

    A public body's official name carries the prefecture's full name: 西双版纳州傣医医院
    is 西双版纳傣族自治州傣医医院.  A company keeps the name it registered.

    >>> prefecture_spelled("西双版纳州傣医医院"), prefecture_spelled("兰州大学"), prefecture_spelled("湘西州某某有限公司")
    ('西双版纳傣族自治州傣医医院', '兰州大学', '湘西州某某有限公司')
    """
    match = _SHORT_PREFECTURE.match(name)
    if match is None or name.endswith("公司") or "自治州" in name:
        return name
    found = [p for p in load_gazetteer().lookup(match.group()) if p.name.endswith("自治州")]
    if len(found) != 1 or found[0].name == match.group():
        return name
    return found[0].name + name[match.end() :]


#: A pilot free trade zone written short: 天津自贸试验区, 自贸试验区厦门片区, 中国(福建)自由贸易试验区.
_FREE_TRADE_ZONE = re.compile(
    r"^(?:中国)?\(?(?P<province>[\u4e00-\u9fff]{2,3}?)?\)?(?:自贸试验区|自由贸易试验区)(?P<area>(?P<city>[\u4e00-\u9fff]{2,4}?)片区)?$"
)


@lru_cache(maxsize=1024)
def free_trade_zone_name(name: str) -> str:
    """The official name of a pilot free trade zone (or its area) written short; other names as they are.

    The province comes from the name or from the area's city.

    >>> free_trade_zone_name("天津自贸试验区"), free_trade_zone_name("自贸试验区厦门片区")
    ('中国(天津)自由贸易试验区', '中国(福建)自由贸易试验区厦门片区')
    >>> free_trade_zone_name("自贸试验区"), free_trade_zone_name("前海蛇口自贸片区")
    ('自贸试验区', '前海蛇口自贸片区')
    """
    match = _FREE_TRADE_ZONE.match(name) if "试验区" in name else None
    if match is None:
        return name
    gazetteer = load_gazetteer()
    written = match.group("province") or match.group("city")
    places = [p for p in gazetteer.lookup(written) if not p.code.startswith("ISO:")] if written else []
    if len(places) != 1:
        return name
    place = places[0]
    province = place if place.level == "province" else _province(tuple(gazetteer.ancestors(place.code)))
    if province is None:
        return name
    short = short_forms(province.name)
    return f"中国({short[0] if short else province.name})自由贸易试验区" + (match.group("area") or "")


def bank_name(name: str) -> str:
    """The official name of a big bank (or its branch) written short: 工行余姚支行 → 中国工商银行余姚支行.

    >>> bank_name("建行宁波分行"), bank_name("中国建设银行宁波分行"), bank_name("宁波银行")
    ('中国建设银行宁波分行', '中国建设银行宁波分行', '宁波银行')
    """
    banks = _banks_longest_first()
    if not name.startswith(banks[0]):
        return name  # (most organisations: one C-level test of every short name at once)
    for short, full in banks[1]:
        if name.startswith(short) and not name.startswith(full):
            return full + name[len(short) :]
    return name


@lru_cache(maxsize=1)
def _banks_longest_first() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(the short names, the (short, official) pairs longest short name first)."""
    pairs = tuple(sorted(bank_names().items(), key=lambda kv: (-len(kv[0]), kv[0])))
    return tuple(short for short, _ in pairs), pairs


@lru_cache(maxsize=4096)
def _deixis_org_level(name: str) -> str:
    """The deixis level (市, 县, 区, 省) an association's name opens with, else "".

    >>> _deixis_org_level("市工量具协会"), _deixis_org_level("市场营销协会"), _deixis_org_level("余姚市工量具协会")
    ('市', '', '')
    """
    endings, words = deixis_orgs()
    if len(name) < 4 or name[0] not in "市县区省" or not name.endswith(endings) or name.startswith(words):
        return ""
    return name[0]


def _place_after_year(mention: Mention, places: dict[tuple[int, int], Place]) -> bool:
    """True when a division (not a country) is written right after the campaign's opening year.

    ``places`` holds the article's places by span.  Most campaigns open with no year: the
    places are read only for those that do.
    """
    lead = len(mention.text) - len(mention.text.lstrip(_QUOTES_AND_BLANKS))  # (“2024年成都知识产权宣传周”)
    year = _YEAR.match(mention.text[lead:] if lead else mention.text)
    if year is None:
        return False
    at = mention.start + lead + year.end()
    return any(start == at and not place.code.startswith("ISO:") for (start, _), place in places.items())


@lru_cache(maxsize=1)
def _zone_endings() -> tuple[str, ...]:
    return tuple(zone_abbreviations().values())


#: How many characters a city's name may add before a zone's name (包头 + 稀土高新技术产业开发区).
_ZONE_PREFIX_MAX = 4


def _zones_named_by_bodies(
    organisations: list[_Draft], bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]
) -> None:
    """Name a zone written without its city after the full name a body of it gives
    (稀土高新区 → 包头稀土高新技术产业开发区, from 包头稀土高新技术产业开发区管理委员会).

    Only when one longer name of the zone is given; ``organisations``/``bodies``: the ORG/AGENCY drafts.
    """
    endings = _zone_endings()
    for draft in [d for d in organisations if drafts.get(d.iri) is d and d.canonical.endswith(endings)]:
        name = draft.canonical
        longer = {
            body.canonical[: at + len(name)]
            for body in bodies
            if drafts.get(body.iri) is body and 0 < (at := body.canonical.find(name)) <= _ZONE_PREFIX_MAX
            and _HAN_ONLY.fullmatch(body.canonical[:at])
        }
        if len(longer) != 1:
            continue
        full = longer.pop()
        host = next((d for d in organisations if d.canonical == full and drafts.get(d.iri) is d), None)
        _fold_into(host or _renamed_draft(draft, full, drafts, organisations), draft, drafts, iri_of)


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def _merge_zone_bodies(bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Fold a zone's body named by the zone alone into the one body of the article named with the city
    that set it up (前海管理局 → 深圳市前海深港现代服务业合作区管理局).

    ``bodies``: the AGENCY drafts.
    """
    zoned = [d for d in bodies if d.jurisdiction is not None and "-" in d.jurisdiction.code and d.iri in drafts]
    if len(zoned) < 2:
        return  # (most pages: no body of a zone, or one)
    for draft in zoned:
        hosts = [
            d for d in zoned
            if d is not draft and d.iri in drafts and d.jurisdiction.code == draft.jurisdiction.code
            and d.canonical.endswith(draft.canonical) and len(d.canonical) > len(draft.canonical)
        ]
        if len(hosts) == 1:
            _fold_into(hosts[0], draft, drafts, iri_of)


#: The heads a company's short name ends with (商城集团, 华为公司), and what ends its full name.
_COMPANY_HEADS = ("集团", "公司")
_COMPANY_TAILS = ("股份有限公司", "有限责任公司", "有限公司")


def _is_subsequence(short: str, name: str) -> bool:
    """True when the characters of ``short`` occur in ``name`` in order (商城 in 小商品城)."""
    at = 0
    for char in short:
        at = name.find(char, at) + 1
        if not at:
            return False
    return True


def _merge_company_short_names(
    organisations: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]
) -> None:
    """Fold a company's short name into the one full name given before it (商城集团 → 浙江中国小商品城集团股份有限公司).

    The short name ends with a head (集团, 公司) that the full name holds too, and the rest of
    it is written in the full name in order (商城 in 小商品城); a name two full names fit stays.
    ``organisations``: the ORG drafts.
    """
    shorts = [d for d in organisations if d.canonical.endswith(_COMPANY_HEADS) and not d.canonical.endswith(_COMPANY_TAILS)]
    if not shorts:
        return  # (most pages: every company written in full)
    fulls = [d for d in organisations if d.canonical.endswith(_COMPANY_TAILS)]
    for draft in shorts:
        if draft.iri not in drafts:
            continue
        head = next(h for h in _COMPANY_HEADS if draft.canonical.endswith(h))
        core = draft.canonical[: -len(head)]
        if len(core) < 2:
            continue
        first = min(m.start for m in draft.mentions)
        hosts = [
            d for d in fulls
            if d.iri in drafts and min(m.start for m in d.mentions) < first
            and head in (body := d.canonical[: -len(next(t for t in _COMPANY_TAILS if d.canonical.endswith(t)))] + "公司")
            and _is_subsequence(core, body[: body.rfind(head)])
        ]
        if len(hosts) == 1:
            _fold_into(hosts[0], draft, drafts, iri_of)


def _merge_zones(organisations: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Fold a zone written short into another name of it in the article (东湖高新区 → 东湖新技术开发区).

    ``organisations``: the ORG drafts.
    """
    if len(organisations) < 2:
        return  # a zone folds into another organisation: nothing to fold
    orgs = {d.canonical: d for d in organisations}
    if not any(name.endswith(_zone_endings()) for name in orgs):
        return  # no zone written with its official ending: nothing to fold
    for short, full in zone_abbreviations().items():
        for name, draft in sorted(orgs.items()):
            if not name.endswith(full) or len(name) == len(full):
                continue
            if not any("".join(m.text.split()).endswith(short) for m in draft.mentions):
                continue  # (written in full, 天津经济技术开发区: a zone of its own, not the one named before it)
            stem = name[: -len(full)]
            host = next(
                (d for other, d in sorted(orgs.items())
                 if d is not draft and stem in other and other.endswith("开发区") and other != name),
                None,
            )
            if host is None or draft.iri not in drafts:
                continue
            _fold_into(host, draft, drafts, iri_of)


def _merge_campaigns(
    campaigns: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], gazetteer: Gazetteer
) -> None:
    """Fold a campaign written without its kind word into the one written with it (蓝天专项整治 → …行动),
    and one written without its place into the one written with it when the article writes both
    (高校和科研院所专利转化专项计划 → 贵州省高校和科研院所专利转化专项计划).

    ``campaigns``: the CAMPAIGN drafts.
    """
    if len(campaigns) < 2:
        return  # nothing to fold
    named = {d.canonical: d for d in campaigns}  # (one draft a canonical: the IRI is read from it)
    # Most pages write no campaign both with and without a tail: the names cut by a tail's length
    # (a superset of the stems the tails leave), tested against the names in one C-level call,
    # rule the loop out.
    stems = [name[:-cut] for cut in _CAMPAIGN_TAIL_LENGTHS for name in named if name.endswith(_CAMPAIGN_TAILS)]
    for name, draft in sorted(named.items()) if not named.keys().isdisjoint(stems) else ():
        host = next((named[name + tail] for tail in _CAMPAIGN_TAILS if name + tail in named), None)
        if host is None:
            continue
        _fold_into(host, draft, drafts, iri_of)
    named = {d.canonical: d for d in campaigns if d.iri in drafts}
    by_name = gazetteer.by_name
    # Most names end no other: the names one a line, counted once per name (one C call), rule them
    # out before the pairwise test.  (Valid while no name holds a line break: one test per page.)
    lines = "\n".join(named) + "\n"
    ends_another = lines.count if lines.count("\n") == len(named) else None
    for name, draft in sorted(named.items()):
        if ends_another is not None and ends_another(name + "\n") == 1:
            continue  # (only the name's own line ends with it)
        # The longest name of the article that is a place + this name (the place a division's name).
        # (endswith first: it settles almost every pair of an article's campaigns in one C call)
        hosts = [
            other for other in named
            if other.endswith(name) and len(other) > len(name) + 1 and other[: -len(name)] in by_name
        ]
        if hosts and draft.iri in drafts:
            host = named[max(hosts, key=lambda other: (len(other), other))]
            if host.iri in drafts:
                _fold_into(host, draft, drafts, iri_of)


#: A headline's campaign and a quoted one are one action when they share this much of their
#: ending beyond the kind word (标志保护 in …标志保护专项行动).
CAMPAIGN_SHARED_MIN = 4


#: A year closing a campaign's quoted name: its edition (龙腾行动2024, 昆仑2023).
_EDITION_YEAR = re.compile(r"\d{4}年?度?$")
#: The quoted part of a campaign's name.
_QUOTED_PART = re.compile(r"[“\"]([^“”\"]+)[”\"]")


# Cached, as the other per-name readings: the campaigns of a corpus recur.
@lru_cache(maxsize=16384)
def _quoted_part(text: str) -> str:
    """The quoted name of a campaign written ``text`` with quotes (护航冬春 in “护航冬春”专项行动), else "".

    >>> _quoted_part("“护航冬春”专项行动"), _quoted_part("护航冬春专项行动")
    ('护航冬春', '')
    """
    quoted = _QUOTED_PART.search(canonical_text(text))
    return quoted.group(1) if quoted else ""


def _merge_campaign_variants(
    campaigns: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], head_end: int
) -> None:
    """Fold the variants of one campaign an article writes in several ways.

    - The same quoted name and kind word, once with a descriptor between them:
      “护航冬春”知识产权保护专项行动 and “护航冬春”专项行动 are one action, named the short way.
    - A quoted name without its year after the dated one (‘龙腾行动’ after “龙腾行动2024”…,
      “护稻”行动 after “护稻2024”专项执法行动): that edition, when the page has only one.
    - A headline that describes the action (部署开展杭州亚运会和亚残运会标志保护专项行动)
      and the one quoted campaign of the page with the same ending beyond the kind word
      (“护航亚运”标志保护专项行动): the body names what the headline describes.

    ``campaigns``: the CAMPAIGN drafts; ``head_end``: where the article's headline ends.
    """
    live = [d for d in campaigns if drafts.get(d.iri) is d]
    # (a draft's first mention: how it was named)
    core_of = {id(d): _quoted_part(d.mentions[0].text) for d in live}
    # Every rule below needs one quoted name written by two drafts, a quoted name ending in its
    # year (an edition) or a campaign in the headline without a quoted name: most pages have none
    # (tested in C first, the headline last).
    written = [core for core in core_of.values() if core]
    if (
        len(set(written)) == len(written)
        and not any(map(_EDITION_YEAR.search, written))
        and not any(d.mentions[0].start < head_end and not core_of[id(d)] for d in live)
    ):
        return
    cores: dict[tuple[str, str], list[_Draft]] = {}
    editions: dict[str, list[_Draft]] = {}
    bare: dict[str, list[_Draft]] = {}  # quoted names written without a kind word (“龙腾行动2024”)
    for draft in live:
        core = core_of[id(draft)]
        if not core:
            continue
        kind = canonical_text(draft.mentions[0].attrs.get("kind") or "")
        if kind and draft.canonical.startswith(core) and draft.canonical.endswith(kind):
            cores.setdefault((core, kind), []).append(draft)
        elif draft.canonical == core:
            bare.setdefault(core, []).append(draft)
        undated = _EDITION_YEAR.sub("", core)
        if undated and undated != core:
            editions.setdefault(undated, []).append(draft)
    for group in cores.values():
        if len(group) < 2:
            continue
        host = min(group, key=lambda d: (len(d.canonical), d.canonical))
        for draft in group:
            if draft is not host and drafts.get(draft.iri) is draft:
                _fold_into(host, draft, drafts, iri_of)
    if len(cores) > 1 or bare:
        _fold_kinds_of_one_core(cores, bare, drafts, iri_of)
    # An edition's name without its year (‘龙腾行动’ after “龙腾行动2024”…专项执法行动): that edition.
    for draft in live if editions else ():
        # (or by its quoted name: “护稻”行动 after “护稻2024”专项执法行动, whatever its kind word)
        written = editions.get(draft.canonical) or editions.get(core_of[id(draft)] or draft.canonical, ())
        hosts = [h for h in written if drafts.get(h.iri) is h]  # (still live)
        if len(hosts) == 1 and hosts[0] is not draft and drafts.get(draft.iri) is draft:
            _fold_into(hosts[0], draft, drafts, iri_of)
    heads = [d for d in live if d.mentions[0].start < head_end and not core_of[id(d)] and drafts.get(d.iri) is d]
    if not heads:
        return  # (most pages: no campaign in the headline, or a quoted one)
    quoted = [d for d in live if drafts.get(d.iri) is d and any(_quoted_part(m.text) for m in d.mentions)]
    for draft in heads:
        kind = canonical_text(draft.mentions[0].attrs.get("kind") or "")
        if not kind or not draft.canonical.endswith(kind):
            continue
        reach = len(kind) + CAMPAIGN_SHARED_MIN
        hosts = [
            d for d in quoted
            if d is not draft and len(d.canonical) >= reach and draft.canonical.endswith(d.canonical[-reach:])
            and not draft.canonical.endswith(d.canonical)
        ]
        if len(hosts) == 1:
            _fold_into(hosts[0], draft, drafts, iri_of)


def _fold_kinds_of_one_core(
    cores: dict[tuple[str, str], list[_Draft]], bare: dict[str, list[_Draft]],
    drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str],
) -> None:
    """Fold the forms of one quoted name that differ in their kind word.

    “铁拳”行动 and “铁拳”专项行动 in one article are one action, named with the
    longer kind word that ends with the shorter; a quoted name written alone
    (“龙腾行动2024”) is the one action of the article written with it and a kind
    word.  (``cores``: the live drafts by quoted name and kind word, each group
    already one draft; ``bare``: those written without a kind word.)
    """
    by_core: dict[str, list[tuple[str, _Draft]]] = {}
    for (core, kind), group in cores.items():
        draft = next((d for d in group if drafts.get(d.iri) is d), None)
        if draft is not None:
            by_core.setdefault(core, []).append((kind, draft))
    for core, kinds in by_core.items():
        if len(kinds) > 1:
            for kind, draft in kinds:
                hosts = [d for other, d in kinds if other != kind and other.endswith(kind)]
                if len(hosts) == 1:
                    _fold_into(hosts[0], draft, drafts, iri_of)
        hosts = [d for _, d in kinds if drafts.get(d.iri) is d]
        if len(hosts) == 1:
            for draft in bare.get(core, ()):
                if drafts.get(draft.iri) is draft:
                    _fold_into(hosts[0], draft, drafts, iri_of)


#: Opening brackets: a body right after one may be the speaker's second plate (我局(市知识产权局)).
_OPENING_BRACKETS = ("(", "（")


def _after_first_person(text: str, start: int) -> bool:
    """True for a body in brackets right after a first-person word: 我局(市知识产权局)."""
    return start > 2 and text[start - 1] in _OPENING_BRACKETS and text[start - 3 : start - 1] in first_person()


def _speaker_plates(own_plates: list[str], drafts: dict[str, _Draft], bodies: list[_Draft]) -> set[str]:
    """The bodies whose second plate the speaker names in 我局(市知识产权局): they are plated.

    The bracket gives the speaker's other plate, so the first plate of the same
    jurisdiction (厦门市市场监督管理局 for 厦门市知识产权局) wears it.
    """
    second_plates = plates()
    wanted: set[str] = set()
    for iri in own_plates:
        canonical = drafts[iri].canonical
        for second, firsts in second_plates.items():
            if canonical.endswith(second):
                wanted.update(canonical[: -len(second)] + first for first in firsts)
    return {d.iri for d in bodies if d.canonical in wanted}


def _merge_short_names(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]
) -> dict[str, _Draft]:
    """Fold a body called by its ending alone into the one body of its jurisdiction named in full.

    全市推进使用正版软件工作联席会议 … 市联席会议: 大连市联席会议 is 大连市推进使用正版软件工作联席会议,
    and 市联席会议办公室 its 办公室.  Returns the folded bodies' canonical names and their hosts.
    """
    endings = short_organs()
    folded: dict[str, _Draft] = {}
    has_ending = _short_organ_pattern().search
    for draft in list(bodies):
        if draft.jurisdiction is None or not has_ending(draft.canonical) or drafts.get(draft.iri) is not draft:
            continue
        unit = next((u for m in draft.mentions if (u := m.attrs.get("unit")) and draft.canonical.endswith(u)), "")
        base = draft.canonical[: len(draft.canonical) - len(unit)]
        ending = next((e for e in endings if base == draft.jurisdiction.name + e), None)
        if ending is None:
            continue  # (named with more than its place and ending: a full name itself)
        hosts = [
            d for d in bodies
            if drafts.get(d.iri) is d and d.canonical.startswith(draft.jurisdiction.name) and d.canonical.endswith(ending)
            and len(d.canonical) > len(base)
        ]
        if len(hosts) != 1:
            continue
        host = hosts[0]
        if unit:
            canonical = host.canonical + unit
            _fold_into(_renamed_draft(draft, canonical, drafts, bodies), draft, drafts, iri_of)
        else:
            _fold_into(host, draft, drafts, iri_of)
            folded[draft.canonical] = host
    return folded


@lru_cache(maxsize=1)
def _short_organ_pattern() -> re.Pattern[str]:
    """Any of :func:`short_organs`, found anywhere in a string.

    >>> bool(_short_organ_pattern().search("大连市联席会议")), bool(_short_organ_pattern().search("大连市人民政府"))
    (True, False)
    """
    return re.compile("|".join(map(re.escape, short_organs())))


@lru_cache(maxsize=1)
def _office_pattern() -> re.Pattern[str]:
    """Any office organ of :func:`offices` ending a line (a name, in a string of names one a line).

    >>> bool(_office_pattern().search("鼓楼区人民政府\\n东街司法所\\n")), bool(_office_pattern().search("司法所长\\n"))
    (True, False)
    """
    return re.compile("(?:" + "|".join(map(re.escape, offices())) + ")\n")


def _renamed_draft(draft: _Draft, canonical: str, drafts: dict[str, _Draft], bodies: list[_Draft]) -> _Draft:
    """The draft of ``draft``'s type named ``canonical``, made like ``draft`` (and listed in ``bodies``,
    the drafts of that type) if there is none."""
    iri = entity_iri(draft.label, canonical)
    target = drafts.get(iri)
    if target is None:
        target = drafts[iri] = _Draft(draft.label, iri, canonical, [], draft.place, draft.jurisdiction, draft.jurisdiction_written)
        bodies.append(target)
    return target


def _place_offices(bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Name a grass-roots office written bare (东街市场监管所) as a unit of its county's bureau.

    The same office written with its bureau elsewhere in the article
    (福州市鼓楼区市场监督管理局东街市场监管所) is that entity; else it is the unit of the bureau
    of its jurisdiction (the county-level locale): 鼓楼区市场监督管理局 + 东街市场监督管理所.
    """
    table = offices()
    endings = tuple(table)
    for draft in list(bodies):
        if not draft.canonical.endswith(endings) or draft.jurisdiction is None or drafts.get(draft.iri) is not draft:
            continue
        first = draft.mentions[0]
        if (first.attrs.get("jurisdiction_kind") or "none") != "none" or first.attrs.get("unit"):
            continue
        office = next(o for o in table if draft.canonical.endswith(o))
        place = draft.jurisdiction.name
        if not draft.canonical.startswith(place) or len(draft.canonical) <= len(place) + len(office):
            continue  # (an office without its own name: no unit to name)
        own = draft.canonical[len(place) :]
        hosts = [
            d for d in bodies
            if d is not draft and drafts.get(d.iri) is d and d.canonical.endswith(own) and len(d.canonical) > len(draft.canonical)
        ]
        if len(hosts) > 1:
            continue
        if hosts:
            _fold_into(hosts[0], draft, drafts, iri_of)
            continue
        if draft.jurisdiction.level != "county":
            continue
        canonical = place + table[office] + own
        _fold_into(_renamed_draft(draft, canonical, drafts, bodies), draft, drafts, iri_of)


def _rehome_units(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], folded: dict[str, _Draft]
) -> None:
    """Name a unit of a second plate after its first plate: 省知识产权局知识产权保护处 → 湖南省市场监督管理局知识产权保护处.

    ``folded``: the second plates' canonical names and the first-plate bodies they were folded into.
    """
    for draft in list(bodies):
        if drafts.get(draft.iri) is not draft:
            continue
        for second, host in folded.items():
            unit = draft.canonical[len(second) :]
            if not (unit and draft.canonical.startswith(second) and any(m.attrs.get("unit") for m in draft.mentions)):
                continue
            canonical = host.canonical + unit
            _fold_into(_renamed_draft(draft, canonical, drafts, bodies), draft, drafts, iri_of)
            break


def _merge_written_plates(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], seconds: dict[str, str]
) -> dict[str, _Draft]:
    """Fold the bodies named as a second plate the article writes in brackets into their first plate.

    ``seconds``: second plate's canonical name → first plate's IRI.  Returns the folded
    bodies' canonical names and their hosts (as :func:`_merge_plates`).
    """
    folded: dict[str, _Draft] = {}
    if seconds.keys().isdisjoint(map(_CANONICAL, bodies)):
        return folded  # (one C-level test: the plate is mostly the body's own second name, not another body)
    for draft in list(bodies):
        host_iri = seconds.get(draft.canonical)
        host = drafts.get(host_iri) if host_iri is not None else None
        if host is None or host is draft or drafts.get(draft.iri) is not draft:
            continue
        _fold_into(host, draft, drafts, iri_of)
        folded[draft.canonical] = host
    return folded


_OFFICIAL_MARKS = str.maketrans("", "", "()（）")


def _unmarked(name: str) -> str:
    """A body's name without brackets and a leading 中国: 中国景德镇(陶瓷)知识产权快速维权中心 → 景德镇陶瓷知识产权快速维权中心."""
    return name.translate(_OFFICIAL_MARKS).removeprefix("中国")


def _merge_full_names(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], names: str
) -> None:
    """Fold a body written short into the one full name of it the article gives.

    * the official name with its brackets and 中国 (中国景德镇（陶瓷）知识产权快速维权中心) and
      the name written plain (景德镇陶瓷知识产权快速维权中心) are one body;
    * an organ written alone (巡回法庭, read as the locale's 澄海区巡回法庭) is the one body
      whose longer name ends with it (澄海区人民法院玩具产业知识产权巡回法庭).

    ``names``: the bodies' names, one a line (C-level tests before the loops).
    """
    live = [d for d in bodies if drafts.get(d.iri) is d]
    marked = (
        {_unmarked(d.canonical): d for d in live if "(" in d.canonical or d.canonical.startswith("中国")}
        if "(" in names or "中国" in names else {}
    )
    for draft in live:
        if marked:
            host = marked.get(_unmarked(draft.canonical))
            if host is not None and host is not draft:
                _fold_into(host, draft, drafts, iri_of)
                continue
        place = draft.jurisdiction
        # (the first mention first: most bodies are written with their place or deixis)
        if place is None or draft.mentions[0].attrs.get("jurisdiction_kind") not in (None, "none") or not all(
            (m.attrs.get("jurisdiction_kind") or "none") == "none" and not m.attrs.get("modifiers") and not m.attrs.get("unit")
            for m in draft.mentions
        ):
            continue
        organ = draft.canonical[len(place.name) :] if draft.canonical.startswith(place.name) else ""
        if len(organ) < 2 or names.count(organ + "\n") < 2:
            continue  # (no other name ends with the organ: no host)
        # (a host has a name of its own before the organ, not only its place: 南京市市场监督管理局 is
        # no longer name of a bare 市场监督管理局, which stays the locale's)
        hosts = [
            d for d in live
            if d.canonical.endswith(organ) and d is not draft and drafts.get(d.iri) is d
            and len(d.canonical) > len(draft.canonical)
            and (d.jurisdiction is None or d.canonical != d.jurisdiction.name + organ)
        ]
        if len(hosts) == 1:
            _fold_into(hosts[0], draft, drafts, iri_of)


_NEW_AREA = "新区"


def _new_area(mentions: list[Mention]) -> str:
    """The new area an article speaks of when no division of its chain is one (郑州郑东新区).

    The 19 国家级新区 are gazetteer places; this serves the others, a city's own new areas.
    Read from the names written: zones ending in 新区 (ORG) and the new area heading a body's
    full name (郑州郑东新区管理委员会).  The one named most, spelt in the longest form that
    ends with it (郑东新区 ×5, 郑州郑东新区 ×1 → 郑州郑东新区); "" when none is named.
    """
    counts: dict[str, int] = {}
    for mention in mentions:
        name = canonical_text(mention.name)
        if mention.label == "ORG" and name.endswith(_NEW_AREA) and len(name) > len(_NEW_AREA) + 1:
            area = name
        elif mention.label == "AGENCY" and mention.attrs.get("jurisdiction_kind") != "deixis" and _NEW_AREA in name[2:]:
            area = name[: name.index(_NEW_AREA, 2) + len(_NEW_AREA)]
        else:
            continue
        counts[area] = counts.get(area, 0) + 1
    if not counts:
        return ""
    core = min(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
    return max((a for a in counts if a.endswith(core)), key=lambda a: (len(a), a))


def _zone_body(area: str, mention: Mention, gazetteer: Gazetteer) -> str:
    """The canonical name of a 新区 body of ``area``: 新区检察院 → 重庆两江新区人民检察院."""
    organ = standard_organ(mention, gazetteer)
    unit = canonical_text(mention.attrs.get("unit") or "")
    if unit and organ.endswith(unit):
        unit = ""
    return agency_name(Place("", area, "county", None), organ) + unit


@lru_cache(maxsize=1)
def _local_plate_pattern() -> re.Pattern[str]:
    """A local second plate (``data/local_plates.tsv``) ending a line of names."""
    return re.compile("(?:" + "|".join(map(re.escape, local_plates())) + ")\n")


def _merge_local_plates(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]
) -> dict[str, _Draft]:
    """Name a city's or county's second plate written alone after its first plate (``data/local_plates.tsv``).

    株洲市知识产权局, with no 株洲市市场监督管理局 written anywhere, is that bureau: since
    the 2019 reform local IP offices are plates of the market regulator (not in every
    province: the table lists the exceptions; provincial offices keep their written name).
    Runs after the merges of written pairs; returns the renamed bodies' names and their hosts.
    """
    folded: dict[str, _Draft] = {}
    table = local_plates()
    seconds = tuple(table)
    for draft in list(bodies):
        place = draft.jurisdiction
        if (
            place is None or not draft.canonical.endswith(seconds) or place.level not in ("prefecture", "county")
            or drafts.get(draft.iri) is not draft
        ):
            continue
        second = next(s for s in seconds if draft.canonical.endswith(s))
        first, alone = table[second]
        if draft.canonical != place.name + second or (place.code[:2] in alone or place.code[:4] in alone or place.code in alone):
            continue  # (a unit or a longer name: not the plate itself)
        host = _renamed_draft(draft, place.name + first, drafts, bodies)
        _fold_into(host, draft, drafts, iri_of)
        folded[draft.canonical] = host
    return folded


def _merge_plates(
    bodies: list[_Draft], drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], plated: set[str]
) -> dict[str, _Draft]:
    """Fold a second-plate body into its first plate when both have one jurisdiction.

    昌都市市场监督管理局(知识产权局) and a later 昌都市知识产权局 are one body, but
    only when the article itself writes the two plates together somewhere
    (``plated``): many provinces keep a 知识产权局 of their own.  ``bodies``: the AGENCY drafts.
    Returns the folded bodies' canonical names and their hosts.
    """
    folded: dict[str, _Draft] = {}
    if not plated:
        return folded  # (no body is written with its second plate: none is a host, most pages)
    second_plates = plates()
    seconds = tuple(second_plates)
    hosts: dict[str, list[tuple[int, _Draft]]] | None = None  # bodies of two plates by canonical name
    for draft in bodies:
        # (endswith with a tuple settles most bodies before the loop over the plates)
        if draft.jurisdiction is None or not draft.canonical.endswith(seconds):
            continue
        for second, firsts in second_plates.items():
            if not draft.canonical.endswith(second):
                continue
            prefix = draft.canonical[: -len(second)]
            if hosts is None:  # built on the first second plate: most pages have none
                hosts = {}
                for position, d in enumerate(bodies):
                    if d.iri in plated:
                        hosts.setdefault(d.canonical, []).append((position, d))
            # The first such body still drafted, in the drafts' order (folding only drops drafts).
            host = min(
                (
                    (position, d)
                    for first in firsts
                    # (a party department is named 中共上海市委宣传部: 市版权局 is its plate)
                    # (an autonomous region's is 新疆维吾尔自治区党委宣传部)
                    for name in (prefix + first, "中共" + prefix + "委" + first, prefix + "党委" + first)
                    for position, d in hosts.get(name, ())
                    if d is not draft and drafts.get(d.iri) is d
                ),
                default=(None, None),
                key=itemgetter(0),
            )[1]
            if host is None:
                continue
            _fold_into(host, draft, drafts, iri_of)
            folded[draft.canonical] = host
            break
    return folded


# Read at import (as relations.py's rare tables): only a rare campaign name needs it.
campaign_fillers()
