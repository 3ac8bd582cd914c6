"""Where an article speaks from: sections, their places, and deixis.

A page often bundles several local news items (a provincial overview, then
short items from 拉萨, 昌都, 阿里 …), and 市中院 in the 拉萨 item is 拉萨's court.
So the text is cut into :class:`Section` objects at bylines and datelines
("本报记者 王莉", "本报昌都电", "余姚新闻网讯", "姚界客户端记者 张敏"), each section
starting at the short headline lines just above its byline.

Each section's locale is the place its deixis refers to.  Votes come from the
places it names (three times in its headline and dateline); the deixis words it
uses (我区, 全市, 自治区党委, 市市场监管局 …) say at which level the speaker sits.
For every level used, the best-supported place at that level is found; the most
specific of those is the locale (a 拉萨 item says both 全区 and 市中院: 拉萨市,
whose chain also holds 西藏自治区 for the 全区).

>>> from kg.gazetteer import load_gazetteer
>>> gaz = load_gazetteer()
>>> [p.name for p in locale_chain(gaz.by_code["330281"], gaz)]
['余姚市', '宁波市', '浙江省', '中华人民共和国']
>>> place_for_deixis("市", locale_chain(gaz.by_code["330110"], gaz)).name
'杭州市'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Callable

from kg.gazetteer import Gazetteer, Place
from kg.link.resources import WordFinder, deixis_words, word_finder
from kg.model import Mention, record

__all__ = [
    "Section",
    "split_sections",
    "infer_sections",
    "locale_chain",
    "place_for_deixis",
    "deixis_target",
    "deixis_levels",
    "HEADLINE_WEIGHT",
    "dateline_place",
    "Layout",
    "section_layout",
    "class_of_bodies",
]

#: Votes of a place named in a headline or a dateline.
HEADLINE_WEIGHT = 3
#: A headline line above a byline is at most this long.
HEADLINE_MAX_CHARS = 45
#: At most this many headline lines belong to a byline.
HEADLINE_MAX_LINES = 4

# Bylines and datelines open a news item: "本报昌都电(记者 …)", "余姚新闻网讯",
# "图/文 本报记者 王莉", "株洲日报·掌上株洲记者/易蓉 通讯员/…", "姚界客户端记者 张敏".
_BYLINE = re.compile(
    r"^\s*(?:图/文\s*)?(?:"
    r"本报(?P<dateline>[\u4e00-\u9fff]{1,8}?)电"
    r"|(?P<agency>[\u4e00-\u9fff·]{2,14}?)讯(?=[\s(（]|$)"
    r"|[^\n。，,]{0,24}?记者[\s/]"
    r")"
)
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*$")
# A column of items, each opened by its place: "【古丈】《…条例》自7月1日起施行", "宝鸡：开展专项整治".
_PLACE_TAG = re.compile(r"[ \t\u3000]*(?:【(?P<bracketed>[\u4e00-\u9fff]{2,8})】|(?P<colon>[\u4e00-\u9fff]{2,8})[：:])")
#: The furthest a tag's mark (】 or the colon) lies from its line's start.
_TAG_REACH = 12
#: A page is a column of tagged items only with at least this many place tags.
COLUMN_MIN_TAGS = 2
# Media names after the place in a dateline: 余姚新闻网讯, 佛山日报讯.
_MEDIA_SUFFIXES = ("广播电视台", "融媒体中心", "新闻网", "电视台", "客户端", "日报", "晚报", "新闻", "网", "报")
_LEVEL_ORDER = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "town": 4}


@dataclass(frozen=True)
class Section:
    """A news item of an article: its offsets, headline end, locale and the locale's chain."""

    start: int
    end: int
    head_end: int
    locale: Place | None = None
    chain: tuple[Place, ...] = field(default=(), compare=False)
    dateline: str = ""


def _section(
    start: int, end: int, head_end: int, locale: Place | None = None, chain: tuple[Place, ...] = (), dateline: str = ""
) -> Section:
    """``Section(...)`` made with :func:`~kg.model.record` (a frozen dataclass's __init__ costs more)."""
    return record(Section, start=start, end=end, head_end=head_end, locale=locale, chain=chain, dateline=dateline)


def locale_chain(place: Place | None, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """``place`` and every division enclosing it, nearest first."""
    if place is None:
        return ()
    return (place, *_ancestors(gazetteer, place.code))


@lru_cache(maxsize=8192)
def _ancestors(gazetteer: Gazetteer, code: str) -> tuple[Place, ...]:
    # Cached: every section and every anchored body asks again for the same few divisions.
    return tuple(gazetteer.ancestors(code))


def _is_county_district(place: Place) -> bool:
    return place.level == "county" and place.name.endswith("区")


def place_for_deixis(level: str, chain: tuple[Place, ...] | list[Place]) -> Place | None:
    """The place of ``chain`` that a deixis of ``level`` (市, 区, 自治区 …) refers to.

    区 is a county-level district when the chain has one, else an autonomous
    region (西藏的"我区"), else a 地区.  市 is the nearest city, county-level or
    prefecture-level (余姚的"市市场监管局" is 余姚市's).
    """
    if level == "区":
        for test in (_is_county_district, lambda p: p.level == "province" and p.name.endswith("自治区")):
            hit = next((p for p in chain if test(p)), None)
            if hit is not None:
                return hit
        # (not a special administrative region: 区 in a 珠海 item that names 澳门 is no 澳门's)
        return next(
            (p for p in chain if p.name.endswith("区") and p.level != "country" and not p.name.endswith("特别行政区")), None
        )
    if level == "自治区":
        return next((p for p in chain if p.level == "province" and p.name.endswith("自治区")), None)
    if level == "省":
        return next((p for p in chain if p.level == "province" and p.name.endswith("省")), None)
    if level == "地区":
        # 地区市场监管局, 地区中院 in an 阿克苏 item: the prefecture-level 地区 (阿克苏地区).
        return next((p for p in chain if p.level == "prefecture" and p.name.endswith("地区")), None)
    if level in ("新区", "合作区"):
        # 新区综合执法局 in a 雄安 item: a state-level new area governing counties (河北雄安新区);
        # 合作区执委会 in a 横琴 item: the cooperation zone (横琴粤澳深度合作区).
        return next((p for p in chain if p.level != "country" and p.name.endswith(level)), None)
    if level in ("市", "县", "州", "盟", "旗"):
        return next((p for p in chain if p.level in ("prefecture", "county", "province") and p.name.endswith(level)), None)
    return None


@lru_cache(maxsize=1)
def _deixis_finder() -> WordFinder:
    # 全市场 / 全区域 / 本市级 are words of their own, not deixis.
    return word_finder(tuple(deixis_words()), "(?![场域级面长])")


def _bare_autonomous_region(text: str, gazetteer: Gazetteer) -> list[int]:
    """Offsets of 自治区 not part of a written name (自治区党委, not 西藏自治区)."""
    hits: list[int] = []
    if "自治区" not in text:  # most pages: no scan needed
        return hits
    names = _autonomous_region_names(gazetteer)
    at = text.find("自治区")
    while at >= 0:
        # Written when a gazetteer name of two to eight characters + 自治区 ends here (西藏自治区).
        if not any(at >= cut and text.startswith(name, at - cut) for name, cut in names):
            hits.append(at)
        at = text.find("自治区", at + 3)
    return hits


@lru_cache(maxsize=4)
def _autonomous_region_names(gazetteer: Gazetteer) -> tuple[tuple[str, int], ...]:
    """(name, characters before 自治区) of the gazetteer's names that end in 自治区 (five regions)."""
    return tuple(
        (name, len(name) - 3) for name in sorted(gazetteer.by_name) if name.endswith("自治区") and 2 <= len(name) - 3 <= 8
    )


def deixis_levels(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, keep: Callable[[int, str], bool] | None = None, offset: int = 0,
) -> dict[str, int]:
    """How often ``text`` refers to its own 省/市/区/自治区 … without naming it.

    ``keep(start, level)``, when given, is asked of each deixis word (``start`` in the page: ``offset``
    is where ``text`` starts there): a word it refuses speaks of another place (赣州市…,全市).

    >>> from kg.gazetteer import load_gazetteer
    >>> sorted(deixis_levels("我区全区自治区党委,西藏自治区", [], load_gazetteer()).items())
    [('区', 2), ('自治区', 1)]
    >>> deixis_levels("我区全市", [], load_gazetteer(), keep=lambda start, level: level != "市")
    {'区': 1}
    """
    # Counts in plain dicts (a Counter costs more to make than the counting here), in first-seen order.
    levels: dict[str, int] = {}
    words = deixis_words()
    for match in _deixis_finder().finditer(text):
        level = words[match.group()]
        if keep is not None and not keep(match.start() + offset, level):
            continue
        levels[level] = levels.get(level, 0) + 1
    bare = len(_bare_autonomous_region(text, gazetteer))
    if bare:
        levels["自治区"] = levels.get("自治区", 0) + bare
    for mention in mentions:
        if mention.label == "AGENCY" and mention.attrs.get("jurisdiction_kind") == "deixis":
            word = mention.attrs.get("jurisdiction") or ""
            # (bare 自治区 was counted in the text)
            if word and word != "自治区" and not class_of_bodies(text, mention.start - offset):
                levels[word] = levels.get(word, 0) + 1
    return levels


#: Words before a deixis body that make it a class of bodies (各设区市知识产权局, 各市市场监管局):
#: every city's bureau, spoken of from above, not the speaker's own level.
_CLASS_MARKS = ("各", "设区", "各有关", "各地")  # (设区 covers 各设区)
_CLASS_LAST = frozenset(mark[-1] for mark in _CLASS_MARKS)


def class_of_bodies(text: str, at: int) -> bool:
    """True when the body starting at ``at`` in ``text`` names a class (各设区市知识产权局).

    >>> class_of_bodies("指导各设区市知识产权局", 5), class_of_bodies("市知识产权局", 0)
    (True, False)
    """
    return at > 0 and text[at - 1] in _CLASS_LAST and text[max(0, at - 3) : at].endswith(_CLASS_MARKS)


def _lines(text: str, first_only: bool = False) -> list[tuple[int, str]]:
    r"""(offset, line with its break) of each line of ``text``; with ``first_only``, up to its first non-blank line.

    >>> _lines("甲\n\n乙"), _lines("\n甲\n乙", first_only=True)
    ([(0, '甲\n'), (2, '\n'), (3, '乙')], [(0, '\n'), (1, '甲\n')])
    """
    lines = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        lines.append((offset, raw))
        if first_only and raw.strip():
            break
        offset += len(raw)
    return lines


def split_sections(text: str, gazetteer: Gazetteer | None = None) -> list[Section]:
    """Cut ``text`` into news items at bylines and datelines (no locales yet).

    >>> t = "总标题\\n\\n正文一。\\n\\n小标题\\n\\n本报昌都电 正文二。"
    >>> [(text[s.start:s.end].split()[0], s.dateline) for s in split_sections(t) for text in [t]]
    [('总标题', ''), ('小标题', '昌都')]

    With ``gazetteer``, a column's place tags open items too (at least two lines opening
    with 【古丈】 or 宝鸡：, each naming a division); the tag is the item's dateline.

    >>> from kg.gazetteer import load_gazetteer
    >>> t = "州县动态\\n【保靖】县农业农村局开展培训。\\n【古丈】县市场监管局开展检查。"
    >>> [(s.start, s.head_end, s.dateline) for s in split_sections(t, load_gazetteer())]
    [(0, 4, ''), (5, 20, '保靖'), (21, 36, '古丈')]
    """
    starts: list[tuple[int, int, str]] = []  # (section start, head end, dateline)
    # Every byline holds 电, 讯 or 记者: a page without them is one news item, and on
    # the others most lines are passed over without the full match.
    has_marks = "电" in text or "讯" in text or "记者" in text
    # (the lines with their offsets only for a page with the marks: the others need the first line alone)
    lines = _lines(text) if has_marks else []
    for index, (line_start, raw) in enumerate(lines):
        match = _BYLINE.match(raw) if ("电" in raw or "讯" in raw or "记者" in raw) else None
        if not match:
            continue
        dateline = match.group("dateline") or match.group("agency") or ""
        start = line_start
        taken = 0
        for back in range(index - 1, -1, -1):
            prev_start, prev = lines[back]
            body = prev.strip()
            if not body:
                continue
            if taken >= HEADLINE_MAX_LINES or len(body) > HEADLINE_MAX_CHARS or _SENTENCE_END.search(body):
                break
            if starts and prev_start < starts[-1][1]:
                break
            start = prev_start + (len(prev) - len(prev.lstrip()))
            taken += 1
        # A dateline that opens a paragraph ("本报昌都电(记者 …)近日,…") ends the
        # headline where the dateline ends; the paragraph after it is body text.
        line_end = line_start + len(raw.rstrip("\n"))
        head_end = line_end if len(raw.strip()) <= HEADLINE_MAX_CHARS else line_start + match.end()
        starts.append((start, head_end, dateline))
    if gazetteer is not None:
        # (no test for the marks first: _tag_lines finds none on a page without them, and every
        # test for a mark scans the whole page, some 2,500 instructions)
        starts = _with_place_tags(text, starts, gazetteer)
    sections: list[Section] = []
    if starts and not text[: starts[0][0]].strip():
        starts[0] = (0, starts[0][1], starts[0][2])
    if not starts or starts[0][0] > 0:
        first = next(((s, r) for s, r in (lines if has_marks else _lines(text, first_only=True)) if r.strip()), (0, ""))
        short = len(first[1].strip()) <= HEADLINE_MAX_CHARS
        first_head = first[0] + len(first[1].rstrip("\n")) if short else 0
        first_end = starts[0][0] if starts else len(text)
        sections.append(_section(0, first_end, min(first_head, first_end)))
    for i, (start, head_end, dateline) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        sections.append(_section(start, end, head_end, dateline=dateline))
    return sections


def _with_place_tags(
    text: str, starts: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> list[tuple[int, int, str]]:
    """``starts`` (section start, head end, dateline) with the items a column's place tags open.

    A tag inside a byline's item head (宝鸡：… just above 本报宝鸡电) opens nothing more.
    """
    lines = _tag_lines(text)
    if len(lines) < COLUMN_MIN_TAGS:
        return starts  # (most pages: one colon near a line's start at most, so no column)
    tags = []
    for line_start in lines:
        match = _PLACE_TAG.match(text, line_start)
        if match is None:
            continue
        tag = match.group("bracketed") or match.group("colon")
        if dateline_place(tag, gazetteer) is None:
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        line = text[match.start() : line_end]
        start = match.start() + (len(line) - len(line.lstrip()))
        head_end = line_end if len(line.strip()) <= HEADLINE_MAX_CHARS else match.end()
        tags.append((start, head_end, tag))
    if len(tags) < COLUMN_MIN_TAGS:
        return starts
    heads = [(start, head_end) for start, head_end, _ in starts]
    fresh = [tag for tag in tags if not any(low <= tag[0] <= high for low, high in heads)]
    return sorted(starts + fresh) if fresh else starts


def _tag_lines(text: str) -> list[int]:
    """Starts of the lines that may open with a place tag: a 【 or a colon near the line's start.

    Found from the marks (``str.find``), not by trying a pattern at every line: most pages
    hold a few colons and no 【.
    """
    found = set()
    for mark in ("【", ":", "："):
        at = text.find(mark)
        while at >= 0:
            line_start = text.rfind("\n", max(0, at - _TAG_REACH), at) + 1
            if line_start or at <= _TAG_REACH:
                found.add(line_start)
            at = text.find(mark, at + 1)
    return sorted(found)


_MENTION = itemgetter(0)
_START = attrgetter("start")


class _Places(list):
    """(mention, place) pairs sorted by offset, with their offsets for bisection."""

    def __init__(self, pairs):
        pairs = list(pairs)
        starts = list(map(_START, map(_MENTION, pairs)))  # (C-level maps: one is made per item)
        if starts != sorted(starts):  # the linker's pairs come in order: sort only when not
            pairs.sort(key=lambda pair: pair[0].start)
            starts = [m.start for m, _ in pairs]
        super().__init__(pairs)
        self.starts = starts


def _within(section: Section, places: _Places) -> list[tuple[Mention, Place]]:
    """The (mention, place) pairs of ``places`` inside ``section``."""
    return places[bisect.bisect_left(places.starts, section.start) : bisect.bisect_left(places.starts, section.end)]


def _votes(section: Section, places: list[tuple[Mention, Place]], gazetteer: Gazetteer) -> dict[str, int]:
    # Counted in a plain dict, as in deixis_levels.
    votes: dict[str, int] = {}
    head_end = section.head_end
    for mention, place in _within(section, places):
        code = place.code
        if not code.startswith("ISO:"):
            votes[code] = votes.get(code, 0) + (HEADLINE_WEIGHT if mention.start < head_end else 1)
    place = dateline_place(section.dateline, gazetteer)
    if place is not None:
        votes[place.code] = votes.get(place.code, 0) + HEADLINE_WEIGHT
    return votes


def _headline_named(section: Section, places: list[tuple[Mention, Place]], gazetteer: Gazetteer) -> bool:
    if dateline_place(section.dateline, gazetteer) is not None:
        return True
    return any(m.start < section.head_end and not p.code.startswith("ISO:") for m, p in _within(section, places))


def dateline_place(dateline: str, gazetteer: Gazetteer) -> Place | None:
    """The division a dateline names: 昌都 (本报昌都电), 宁德 (本报宁德讯), 余姚 (余姚新闻网讯).

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> [dateline_place(d, gaz).name for d in ("昌都", "本报宁德", "余姚新闻网")]
    ['昌都市', '宁德市', '余姚市']
    """
    return _dateline_place(dateline, gazetteer)


@lru_cache(maxsize=4096)
def _dateline_place(dateline: str, gazetteer: Gazetteer) -> Place | None:
    # Cached: most sections have no dateline, and papers repeat theirs (本报昌都电).
    word = dateline.removeprefix("本报")
    forms = [word] + [word[: -len(suffix)] for suffix in _MEDIA_SUFFIXES if word.endswith(suffix)]
    for form in forms:
        named = [p for p in gazetteer.lookup(form) if not p.code.startswith("ISO:")]
        if named:
            named.sort(key=lambda p: (_LEVEL_ORDER.get(p.level, 9), p.code))
            return named[0]
    return None


# Cached: few places, few levels.
@lru_cache(maxsize=8192)
def deixis_target(gazetteer: Gazetteer, level: str, code: str) -> str | None:
    """The code of the division a deixis of ``level`` (市, 区, 自治区 …) names when spoken from division ``code``.

    :func:`place_for_deixis` on the locale chain of ``code``, by code.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> deixis_target(gaz, "市", "330110"), deixis_target(gaz, "区", "330110"), deixis_target(gaz, "州", "330110")
    ('330100', '330110', None)
    """
    target = place_for_deixis(level, locale_chain(gazetteer.by_code[code], gazetteer))
    return target.code if target is not None else None


def _pick(votes: dict[str, int], levels: dict[str, int], gazetteer: Gazetteer) -> Place | None:
    if not votes:
        return None

    def best_supported() -> Place:
        # The most votes, then the highest level, then the smallest code (min: the first of a sort).
        code, weight = min(votes.items(), key=lambda kv: (-kv[1], _LEVEL_ORDER.get(gazetteer.by_code[kv[0]].level, 9), kv[0]))
        best = gazetteer.by_code[code]
        if list(votes.values()).count(weight) > 1:  # (one C-level count: most pages have one leader)
            # A feature on two cities alike (株洲 and 长沙, as often named): it speaks from the
            # division holding both, when that is named too (湖南省), not from the smaller code.
            tied = sorted(c for c, w in votes.items() if w == weight and c != code and gazetteer.by_code[c].level == best.level)
            holding = _holding(gazetteer, [best, gazetteer.by_code[tied[0]]]) if tied else None
            if holding is not None and holding.code in votes:
                return holding
        return best

    if not levels:
        return best_supported()
    targets: list[tuple[int, str]] = []
    for level in levels:
        support: dict[str, int] = {}
        for code, weight in votes.items():
            target = deixis_target(gazetteer, level, code)
            if target is not None:
                support[target] = support.get(target, 0) + weight
        if support:
            code, weight = min(support.items(), key=lambda kv: (-kv[1], kv[0]))
            targets.append((weight, code))
    if not targets:
        return best_supported()
    # The most specific target whose chain holds the others' (拉萨市 ⊂ 西藏自治区).
    chosen = [gazetteer.by_code[code] for _, code in targets]
    chosen.sort(key=lambda p: (-_LEVEL_ORDER.get(p.level, 9), p.code))
    for place in chosen:
        chain = {p.code for p in locale_chain(place, gazetteer)}
        if all(other.code in chain for other in chosen):
            return place
    return gazetteer.by_code[max(targets)[1]]


def _holding(gazetteer: Gazetteer, places: list[Place]) -> Place | None:
    """The nearest division (not the country) holding every one of ``places`` (at least two), else None."""
    if len(places) < 2 or len({p.code for p in places}) < 2:
        return None
    shared = None
    for place in places:
        chain = [p.code for p in locale_chain(place, gazetteer)]
        shared = chain if shared is None else [code for code in shared if code in set(chain)]
    for code in shared or ():
        if not code.startswith("ISO:"):
            return gazetteer.by_code[code]
    return None


@dataclass(frozen=True)
class Layout:
    """An article's news items and the deixis levels each uses: what locale inference reads besides places."""

    sections: tuple[Section, ...]
    levels: tuple[dict[str, int], ...]


def section_layout(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, keep: Callable[[int, str], bool] | None = None
) -> Layout:
    """Cut ``text`` into news items and count each item's deixis (places play no part).

    ``keep``: as in :func:`deixis_levels`, for the deixis words of the text.

    >>> from kg.gazetteer import load_gazetteer
    >>> layout = section_layout("全市推进。\\n\\n小标题\\n\\n本报昌都电 全区推进。", [], load_gazetteer())
    >>> [dict(levels) for levels in layout.levels]
    [{'市': 1}, {'区': 1}]
    """
    raw = split_sections(text, gazetteer)
    starts = [m.start for m in mentions]
    if starts != sorted(starts):  # the linker passes them in order: sort only when not
        mentions = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
    ordered = mentions
    levels = []
    for section in raw:
        inside = ordered[bisect.bisect_left(starts, section.start) : bisect.bisect_left(starts, section.end)]
        levels.append(deixis_levels(text[section.start : section.end], inside, gazetteer, keep, section.start))
    return Layout(tuple(raw), tuple(levels))


def infer_sections(
    text: str,
    mentions: list[Mention],
    places: list[tuple[Mention, Place]],
    gazetteer: Gazetteer,
    layout: Layout | None = None,
) -> tuple[Place | None, list[Section]]:
    """The article's locale and its sections, each with its own locale.

    ``places`` pairs each PLACE mention with the division it was resolved to.
    A section that names no place inherits the locale of the article; the
    article's locale is the first section's, or, when that names no place, the
    whole page's places read at the level of the first section's deixis.
    """
    places = _Places(places)
    # ``layout`` (from :func:`section_layout` on the same text and bodies) saves
    # cutting the page again when only the places changed.
    layout = layout or section_layout(text, mentions, gazetteer)
    located: list[tuple[Section, Place | None]] = []  # each item and its own locale, if any
    first_levels: dict[str, int] = {}
    for section, levels in zip(layout.sections, layout.levels):
        first_levels = first_levels or levels
        if located and not _headline_named(section, places, gazetteer):
            # A later item speaks from its own place only when its headline or
            # dateline names one; a photo credit ("记者 张三 摄") is no new item.
            votes: dict[str, int] = {}
        else:
            votes = _votes(section, places, gazetteer)
        located.append((section, _pick(votes, levels, gazetteer)))
    article = located[0][1] if located else None
    if article is None and len(located) > 2 and all(locale is not None for _, locale in located[1:]):
        # A column whose lead names no place and whose every item names its own (知识产权快讯,
        # then 【大连】…【沈阳】…): it speaks from the division holding all its items.
        article = _holding(gazetteer, [locale for _, locale in located[1:]])
    if article is None and places:
        # The lead item names no place ("全省知识产权工作扎实推进"): read the
        # places of the whole page at the level its deixis asks for.
        whole = Section(0, len(text), 0)
        levels = first_levels or deixis_levels(text, mentions, gazetteer)
        article = _pick(_votes(whole, places, gazetteer), levels, gazetteer)
    out = []
    for section, locale in located:
        locale = locale or article
        out.append(_section(section.start, section.end, section.head_end, locale, locale_chain(locale, gazetteer), section.dateline))
    return article, out
