"""``kg_places``: administrative divisions from the gazetteer, towns by suffix.

Full names (拉萨市) and short forms (拉萨, 内蒙古, 昆区) come from
:mod:`kg.gazetteer` and are found with one pass of :class:`NameIndex`.  A hit is taken
only when the text supports it:

* it must not cut through a common word at its edges (示范县 holds 范县,
  示范 is a word; 拉萨市场 holds 拉萨市, 市场 is a word: take 拉萨);
* a short form that is also an ordinary word (资源 for 资源县, 合作 for 合作市,
  listed in ``place_ordinary_words.txt`` generated from jieba, and in
  ``place_stopwords.txt``) needs context: an organ or 地区 right after it
  (``place_context.txt``), a 、-list with another place, a dateline, or a
  product name after it (朗县辣椒).

Places the gazetteer does not know are found by grammar:

* towns and sub-districts by suffix (小曹娥镇, 田心街道, 阿尔巴斯苏木), starting
  after a boundary word or a county; once seen, a town's stem counts alone too
  (狮泉河镇 … 狮泉河); a village (…村) only right after its town (双龙镇十八洞村);
* datelines: 本报狮泉河电;
* geographical-indication products: the words before a product name are a
  place when 地理标志 is in the sentence (勒布茶叶, 帕里牦牛);
* one-character abbreviations after a motion verb (赴藏, 对俄).
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import code_prefix, ethnic_run, load_gazetteer, load_towns
from kg.nlp import lexicon
from kg.nlp.grammar import Boundaries, common_words
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_all, compact_view

_CJK = "\u4e00-\u9fff"
_CJK_RUN = re.compile(rf"[{_CJK}]+")
#: A count and a level word open no place name (三省区, 两市, 五县).
_COUNT_DIGITS = frozenset("一二三四五六七八九十两多几数")
_LEVEL_WORDS = frozenset("省市县区州旗盟地镇乡村")
_LIST_GAP = re.compile(r"[、和及与]")
#: A county's short form written with one of these may name it after a renaming (县改区).
_RENAMED_SUFFIXES = "区县市旗"
_START, _END = operator.attrgetter("start"), operator.attrgetter("end")
_UNKNOWN = object()


#: The marks between the items of a list of places (张江镇、唐镇).
_LIST_MARKS = "、，,"
#: What follows a geographical-indication product's name (and what opens it): it is listed, quoted or called a 地理标志.
_PRODUCT_NEXT = ("、", "地理标志", "”", "」", "\"", "等", "和", "及", "，", "。", "）")
_PRODUCT_OPEN = "、“「\"（《"


class NameIndex:
    """Leftmost-longest matches of a fixed set of names (two characters or more).

    The names are one word list of a :class:`kg.nlp.lexicon.Scanner`: its
    automaton finds every occurrence in one pass over the text, in Rust,
    and the leftmost-longest ones are picked from those hits.  With the
    scanner the rule components share, the gazetteer's names cost no pass
    of their own.  (Before, numpy masks over the text's code points and a
    binary search over the names' first two characters found where a name
    could start, and Python tried the lengths there: about twice the
    instructions.)

    >>> index = NameIndex([("拉萨", 1), ("拉萨市", 2), ("萨市", 3)])
    >>> list(index.longest("在拉萨市和拉萨"))
    [(1, 4, 2), (5, 7, 1)]
    """

    def __init__(self, items, scanner: lexicon.Scanner | None = None):
        self.values: dict[str, Any] = dict(items)
        self.scanner = scanner if scanner is not None else lexicon.Scanner()
        self.names = self.scanner.register(name for name in self.values if len(name) >= 2)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def longest(self, text: str) -> list[tuple[int, int, Any]]:
        """``(start, end, value)`` of the longest name at each position, not overlapping."""
        values = self.values
        return [(start, end, values[text[start:end]]) for start, end in self.scanner.scan(text).longest(self.names)]


#: 朝阳区内, 两江新区外: a name's level word and 内/外 make a word (区内, 省外) that says
#: where, not a longer word the name was cut out of (市场 in 拉萨市场).
_WITHIN, _LEVEL_WORDS = "内外", "省市县区州旗盟"


class _Name(NamedTuple):
    """A gazetteer name with the tests :meth:`PlaceMatcher._gazetteer_hits` makes of it."""

    surface: str
    codes: tuple[str, ...]
    full: bool  # the full name of a division, not a short form
    blocked: tuple[str, ...]  # longer stop words it starts (阿里 of 阿里巴巴)
    short_stem: bool  # may close a word with the character before it
    ends_in_word: bool  # a word it opens with the next character rejects it
    ambiguous: bool  # also an ordinary word: needs context


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    surface: str
    codes: tuple[str, ...]
    full: bool
    ambiguous: bool
    kind: str = "gazetteer"  # gazetteer | renamed | town | village | dateline | product | abbreviation | region


class PlaceMatcher:
    """Find gazetteer places and grammar places (towns, datelines, GI products) in a doc."""

    def __init__(
        self,
        name: str,
        spans_key: str,
        stopwords: str,
        ordinary: str,
        safe: str,
        context: str,
        common: str,
        boundaries: str,
        town_suffixes: str,
        products: str,
        abbreviations: str,
        max_town_stem: int,
        product_window: int,
        determiners: str = "determiners.txt",
        organs: str = "organs.tsv",
        regions: str = "region_abbreviations.txt",
        verbs: str = "place_verbs.txt",
        verb_leads: str = "place_verb_leads.txt",
        villages: str = "village_suffixes.txt",
        roads: str = "road_suffixes.txt",
        titles: str = "person_titles.txt",
        max_listed_town_stem: int = 9,
        landforms: str = "landforms.tsv",
        title_verbs: str = "title_verbs.txt",
    ):
        self.name = name
        self.scanner = lexicon.SCANNER
        # 会同 in 将会同县农业农村局 is the verb "together with" (place_verbs.txt).
        self.verbs = tuple(sorted(set(lexicon.words(verbs))))
        self.verb_leads = frozenset(lexicon.words(verb_leads))
        self.village_list = self.scanner.register(lexicon.words(villages))
        # Their last characters: most articles hold none, and skip the village pass.
        self.village_lasts = tuple(sorted({w[-1] for w in lexicon.words(villages)}))
        self.roads = tuple(lexicon.words(roads))
        self.titles = tuple(lexicon.words(titles))
        self.title_lasts = frozenset(title[-1] for title in self.titles)
        self.title_verbs = frozenset(lexicon.words(title_verbs))
        # 公安 (公安县) in 昆明市公安局 is the organ's first word, not a place.
        self.organ_word = re.compile(lexicon.alternation([row[0] for row in lexicon.rows(organs) if len(row[0]) > 2]))
        self.determiners = tuple(lexicon.words(determiners))
        self.spans_key = spans_key
        self.gazetteer = load_gazetteer()
        self.words = common_words(common)
        self.boundaries = Boundaries(lexicon.words(boundaries), self.words)
        stop = set(lexicon.words(stopwords))
        safe_forms = set(lexicon.words(safe))
        self.ambiguous = (set(lexicon.words(ordinary)) | {w for w in stop if len(w) <= 2}) - safe_forms
        self.blocked_words = tuple(w for w in stop if len(w) > 2)
        full_names = {p.name for p in self.gazetteer.by_code.values()}
        self._levels = {code: p.level for code, p in self.gazetteer.by_code.items()}
        self._names_by_codes: dict[tuple[str, ...], str | None] = {}
        self.blocked_prefixes: dict[str, tuple[str, ...]] = {}
        for word in self.blocked_words:
            for cut in range(2, len(word)):
                self.blocked_prefixes.setdefault(word[:cut], ())
                self.blocked_prefixes[word[:cut]] += (word,)
        # The gazetteer's names are one lexicon of the scanner the components share.
        self.names = NameIndex(
            (
                (surface, self._name(surface, tuple(sorted(codes)), surface in full_names))
                for surface, codes in self.gazetteer.by_name.items()
                if len(surface) >= 2 and not (surface in stop and len(surface) > 2)
            ),
            self.scanner,
        )
        self.context = re.compile(lexicon.alternation(lexicon.words(context)))
        self.max_town_stem = max_town_stem
        self.max_listed_town_stem = max_listed_town_stem
        self.official_towns = load_towns().full_names
        self.town = re.compile(lexicon.alternation(lexicon.words(town_suffixes)))
        self.town_list = self.scanner.register(lexicon.words(town_suffixes))
        # 民族乡 are named by a place and the ethnic group(s): 民乐 + 朝鲜族 + 乡.
        self.ethnic_run = ethnic_run()
        self.product = re.compile(lexicon.alternation(lexicon.words(products)))
        self.product_list = self.scanner.register(lexicon.words(products))
        self.product_window = product_window
        self.dateline = re.compile(rf"本报([{_CJK}]{{2,6}}?)(?:[0-9]+月[0-9]+日)?电")
        abbreviations_map: dict[str, list[str]] = {}
        motion_only = set()
        for row in lexicon.rows(abbreviations):
            abbreviations_map.setdefault(row[0], []).append(row[1])
            if len(row) > 2 and row[2] == "motion":
                motion_only.add(row[0])
        self.abbreviations = {k: tuple(v) for k, v in abbreviations_map.items()}
        # A region is a province's abbreviation and a direction (赣南); an
        # abbreviation counts after a motion verb (赴藏), and one marked motion
        # not after 对 (对京 is no trip to Beijing).  Both are two-character words.
        # Mountains, basins, lakes (长白山, 塔里木): no division code, named as the file says.
        self.landforms = lexicon.mapping(landforms)
        self.landform_list = self.scanner.register(self.landforms)
        regional = sorted(set(lexicon.words(regions)))
        self.region_list = self.scanner.register(r + d for r in regional for d in "东南西北中")
        verbs = "赴援驻访离返对"
        self.abbreviation_list = self.scanner.register(
            verb + char
            for char in self.abbreviations
            for verb in verbs
            if char not in motion_only or verb != "对"
        )

    # ------------------------------------------------------------ gazetteer

    def _name(self, surface: str, codes: tuple[str, ...], full: bool) -> _Name:
        """What :meth:`_gazetteer_hits` needs to know of a gazetteer name, worked out once at load time."""
        return _Name(
            surface,
            codes,
            full,
            self.blocked_prefixes.get(surface, ()),
            # A two-character stem can close a word with the character before it
            # (示范县, 选中欧); longer names rarely do (年内蒙古 is 年 + 内蒙古).
            len(surface) <= 2 or full and len(surface) <= 3,
            not full or surface[-1] in "市县区省州旗盟",
            surface in self.ambiguous,
        )

    def _gazetteer_hits(self, text: str) -> list[_Hit]:
        """Leftmost-longest gazetteer names; a rejected one falls back to its shorter prefixes.

        拉萨市场 gives 拉萨市 (市场 is a word) and falls back to 拉萨.
        """
        hits = []
        names = self.names
        left_cut, right_cut = self.words.left_cut, self.words.right_cut
        size = len(text)
        # Stop words that blocked a name: they block the names starting inside them
        # too (山东 in 贺兰山东麓).  Rare, so filtered once at the end.
        blocked: list[tuple[int, int]] = []
        # Some twenty names an article: the tests are written out here, not a call each.
        for start, end, name in names.longest(text):
            passed = False
            while True:
                if name is not None:
                    if name.blocked and text.startswith(name.blocked, start):  # 阿里巴巴
                        blocked.append((start, start + max(len(w) for w in name.blocked if text.startswith(w, start))))
                    elif not (name.short_stem and left_cut(text, start)) and not (
                        name.ends_in_word and right_cut(text, end) and not (text[end] in _WITHIN and text[end - 1] in _LEVEL_WORDS)
                    ):
                        passed = True
                        break
                end -= 1  # the longest shorter name at this start, if any
                if end - start < 2:
                    break
                name = names.get(text[start:end])
            if passed:
                hit = _Hit(start, end, name.surface, name.codes, name.full, name.ambiguous)
                # Only a short form followed by a division suffix can be a renamed county.
                if hit.full or end >= size or text[end] not in _RENAMED_SUFFIXES:
                    hits.append(hit)
                else:
                    hits.append(self._renamed(text, hit))
        if blocked:
            hits = [h for h in hits if not any(a < h.start < b for a, b in blocked)]
        # A verb is read only where a hit starts with one: a test per hit, not a
        # search of the whole text per verb.
        verbs, leads = self.verbs, self.verb_leads
        if any(map(text.startswith, itertools.repeat(verbs, len(hits)), map(_START, hits))):  # in C: no frame per hit
            hits = [
                h for h in hits
                if not (h.start > 0 and text[h.start - 1] in leads and text.startswith(verbs, h.start))
            ]
        return hits

    def _renamed(self, text: str, hit: _Hit) -> _Hit:
        """A county's short form written with another division suffix: 凤翔 + 区.

        Counties are renamed (县改区, 县改市) faster than gazetteers follow; the
        written suffix still belongs to the name unless it opens a word (凤翔区域).
        ``hit`` is a short form with one of ``_RENAMED_SUFFIXES`` after it:
        :meth:`_gazetteer_hits` tests that inline before the call.
        """
        end = hit.end
        if self.words.right_cut(text, end + 1):
            return hit
        if not hit.codes or any(self._levels.get(c) != "county" for c in hit.codes):
            return hit
        if hit.ambiguous and self.organ_word.match(text, end + 1):
            return hit  # 会同市公安局: the verb 会同 and 市 + an organ, not a renamed 会同县
        return _Hit(hit.start, end + 1, text[hit.start : end + 1], hit.codes, True, hit.ambiguous, "renamed")

    def _supported(self, text: str, hit: _Hit, accepted_ends: dict[int, _Hit], accepted_starts: dict[int, _Hit]) -> bool:
        """Context that makes an ambiguous short form a place."""
        if self.organ_word.match(text, hit.start):
            return False
        if self.context.match(text, hit.end):
            return True
        if text.startswith("电", hit.end) and text[max(0, hit.start - 2) : hit.start] == "本报":
            return True
        if self.product.match(text, hit.end):
            return True
        # A neighbour in a list (呼和浩特、包头、鄂尔多斯), or a full name right
        # before it (甘肃白银).
        if hit.start > 0 and _LIST_GAP.match(text, hit.start - 1) and (hit.start - 1) in accepted_ends:
            return True
        if _LIST_GAP.match(text, hit.end) and (hit.end + 1) in accepted_starts:
            return True
        before = accepted_ends.get(hit.start)
        # A division right before (甘肃白银); a town is below any division, so
        # what follows it is no place of its own (水田河镇新建茶园).
        return before is not None and before.full and before.kind != "town"

    # ------------------------------------------------------------ grammar places

    def _towns(self, text: str, hits: list[_Hit]) -> list[_Hit]:
        """Towns by suffix; a county among the unambiguous ``hits`` right before one ends its name.

        Where the grammar finds no name (a stem longer than it reaches, 乌里雅斯太镇;
        a stem that ends in a word with the suffix, 蔺市镇), the official list of
        townships still gives the longest listed name ending at the suffix.
        """
        ends = None
        towns = []
        for s, end in self.scanner.scan(text).longest(self.town_list):
            if self.words.right_cut(text, end):
                continue  # 乡村
            if ends is None:  # made at the first suffix that counts (many articles have none)
                ends = {p.end: p for p in hits if not p.ambiguous}
            start = self._town_start(text, s, end, ends)
            if start is None:
                start = self._official_town_start(text, s, end)
                if start is None and s > 1 and text[s - 2] in _LIST_MARKS and text[s - 1 : end] in self.official_towns:
                    # 张江镇、唐镇: a township with a one-character stem, listed after another town.
                    before = s - 2
                    if any(t.end == before for t in towns) or any(h.end == before and h.kind == "town" for h in hits):
                        start = s - 1
                if start is None:
                    continue
            towns.append(_Hit(start, end, text[start:end], (), True, False, "town"))
        return towns

    def _town_start(self, text: str, s: int, end: int, ends: dict[int, _Hit]) -> int | None:
        """Where the grammar starts the town whose suffix is ``text[s:end]``, or None if it names none."""
        lo = max(0, s - self.max_town_stem)
        start = self.boundaries.left_edge(text, s, self.max_town_stem)
        # A county right before the town ends the search (余姚市小曹娥镇).
        after_county = False
        for pos in range(s - 2, lo - 1, -1):
            if pos in ends:
                after_county = pos >= start
                start = max(start, pos)
                if after_county and text[s - 1] == "族" and self.ethnic_run is not None and self.ethnic_run.fullmatch(text, pos, s):
                    start = ends[pos].start  # 民乐朝鲜族乡: the place names the township
                break
        if not after_county and self.words.left_cut(text, s):
            return None  # 城乡, 乡镇 (but 昆山市周市镇 is a town)
        cut = max(text.rfind(d, start, s) for d in self.determiners)
        if cut >= 0:
            start = cut + 1  # 各区镇, 全乡: a class of towns or the article's own
            if start < s - 1 and text[start] in _LEVEL_WORDS:
                start += 1  # 对全县舟塔乡: the determiner's level word (全县) is not the town's
        stem = text[start:s]
        if len(stem) < 2 or not _CJK_RUN.fullmatch(stem) or stem[-1] == "之":
            return None  # …之乡 is a title of honour (天麻之乡, 羊绒之乡), not a township
        if start == lo and not (start in ends or start == 0):
            if not self._listed_town(text, s, end):
                return None  # no left edge found: the name may start further back
            start = s - 2  # 调解厚街镇、长安镇: the first of a list of two-character towns
        return start

    def _official_town_start(self, text: str, s: int, end: int) -> int | None:
        """The start of the longest official township name ending at ``end``, if one does."""
        names = self.official_towns
        for start in range(max(0, s - self.max_listed_town_stem), s - 1):
            if text[start:end] in names:
                return start
        return None

    def _listed_town(self, text: str, s: int, end: int) -> bool:
        """A town suffix at ``[s, end)`` heads a 、-list whose next item is a two-character town.

        Most towns have two-character stems; a list of them (厚街镇、长安镇) gives
        the first one its length when no left edge stands in reach.
        """
        if not text.startswith("、", end) or s < 2 or self.words.left_cut(text, s - 2):
            return False
        nxt = self.town.match(text, end + 3)
        return (nxt is not None and text[s:end] == nxt.group() and _CJK_RUN.fullmatch(text, end + 1, end + 3) is not None
                and _CJK_RUN.fullmatch(text, s - 2, s) is not None)

    def _villages(self, text: str, towns: list[_Hit], hits: list[_Hit]) -> list[_Hit]:
        """Villages by suffix, right after the town or county that names them (双龙镇十八洞村).

        Alone, a word ending in 村 is mostly a class or an ordinary word (贫困村,
        农村), so the town before it is required; the stem is two to four
        characters, not a common word, and holds no boundary word.
        """
        out: list[_Hit] = []
        ends = None
        for s, end in self.scanner.scan(text).longest(self.village_list):
            if self.words.left_cut(text, s):
                continue  # 农村, 乡村, 山村: 村 closes a word (保靖县农业农村局)
            if ends is None:  # worked out at the first 村 that closes no word: most never do
                ends = {h.end for h in towns}
                ends.update(h.end for h in hits if not h.ambiguous and h.full and h.codes
                            and all(self._levels.get(c) == "county" for c in h.codes))
            # A 嘎查's stem is a transliterated Mongolian name, often five or six characters.
            for size in ((2, 3, 4) if end - s == 1 else (2, 3, 4, 5, 6)):
                start = s - size
                if start in ends:
                    stem = text[start:s]
                    if (_CJK_RUN.fullmatch(stem) and stem not in self.words.words
                            and not stem.startswith(self.determiners)
                            and not self.boundaries.has_boundary(text, start, s)):
                        out.append(_Hit(start, end, text[start:end], (), True, False, "village"))
                    break
        return out

    def _stems(self, text: str, towns: list[_Hit]) -> list[_Hit]:
        """A town's stem alone, once the article has named the town (狮泉河镇 … 狮泉河)."""
        out = []
        for stem in {t.surface[: -len(self.town.search(t.surface).group())] for t in towns}:
            if len(stem) < 3:
                continue
            for match in re.finditer(re.escape(stem), text):
                out.append(_Hit(match.start(), match.end(), stem, (), False, False, "town"))
        return out

    def _datelines(self, text: str) -> list[_Hit]:
        out = []
        for match in self.dateline.finditer(text):
            surface = match.group(1)
            codes = tuple(sorted(self.gazetteer.by_name.get(surface, ())))
            out.append(_Hit(match.start(1), match.end(1), surface, codes, False, False, "dateline"))
        return out

    def _products(self, text: str, accepted: list[_Hit]) -> list[_Hit]:
        """勒布茶叶, 帕里牦牛: the words between a left edge and a product name."""
        out: list[_Hit] = []
        if "地理标志" not in text:
            return out  # a product counts only with 地理标志 near it; most articles never say it
        ends: set[int] | None = None
        by_start: dict[int, list[_Hit]] | None = None
        for s, product_end in self.scanner.scan(text).longest(self.product_list):
            window = text[max(0, s - self.product_window) : product_end + self.product_window]
            if "地理标志" not in window:
                continue
            if ends is None:
                ends = {h.end for h in accepted}
            if s in ends:
                continue  # the gazetteer already named the place (朗县辣椒)
            start = self.boundaries.left_edge(text, s, 8)
            if start == max(0, s - 8):
                continue
            if by_start is None:
                by_start = {}
                for hit in sorted(accepted, key=lambda h: h.start):
                    by_start.setdefault(hit.start, []).append(hit)
            # Skip gazetteer places at the start of the chunk (鄂托克 in 鄂托克阿尔巴斯).
            cursor = start
            while True:
                step = next((h.end for h in by_start.get(cursor, ()) if h.end <= s), None)
                if step is None:
                    break
                cursor = step
            stem = text[cursor:s]
            if stem.startswith(self.determiners):
                continue  # 该批茶叶, 本地大米: a determiner, not a place
            if cursor > start and text[cursor - 1] in "县市区旗":
                continue  # 隰县玉露香梨: after a county named in full, a variety's name
            if len(stem) > 1 and stem[0] in _COUNT_DIGITS and stem[1] in _LEVEL_WORDS:
                continue  # 宁夏、甘肃、青海三省区枸杞: a count of the places just listed, no place
            if not (text.startswith(_PRODUCT_NEXT, product_end) or (cursor > 0 and text[cursor - 1] in _PRODUCT_OPEN)):
                continue  # 网售羊肉: a product named as such is listed, quoted or said to be a 地理标志
            if 2 <= len(stem) <= 4 and _CJK_RUN.fullmatch(stem) and stem not in self.words.words:
                codes = tuple(sorted(self.gazetteer.by_name.get(stem, ())))
                if not codes and len(stem) == 4 and stem[:2] in self.words.words and stem[2:] in self.words.words:
                    continue  # two ordinary words (涉案 + 假冒 葡萄酒) name no place
                if self.boundaries.has_boundary(text, cursor, s):
                    continue
                if not codes:
                    # 平和琯溪蜜柚, 民和旱作马铃薯: a county's short name, then the variety or the way it is grown.
                    for cut in range(len(stem) - 2, 1, -1):
                        head = tuple(sorted(self.gazetteer.by_name.get(stem[:cut], ())))
                        if head and all(self._levels.get(c) == "county" for c in head):
                            stem, codes, s = stem[:cut], head, cursor + cut
                            break
                out.append(_Hit(cursor, s, stem, codes, False, False, "product"))
        return out

    def _regions(self, text: str) -> list[_Hit]:
        """赣南, 苏北, 皖南: a province's one-character abbreviation and a direction name a region.

        Gazetteer names that look alike (云南, 湘西, 津南) are matched first and win.
        """
        out = []
        for start, end in self.scanner.scan(text).longest(self.region_list):
            if self.words.right_cut(text, end) or self.words.left_cut(text, start):
                continue  # 江苏中…, 赣南方…: the pair sits across a word
            out.append(_Hit(start, end, text[start:end], (), False, False, "region"))
        return out

    def _landforms(self, text: str) -> list[_Hit]:
        """长白山人参, 武当道茶, 塔里木大学: a named landform (``landforms.tsv``), not cut from a word."""
        out = []
        for start, end in self.scanner.scan(text).longest(self.landform_list):
            if self.words.right_cut(text, end) or self.words.left_cut(text, start):
                continue  # 今天山…: the name sits across a word
            out.append(_Hit(start, end, self.landforms[text[start:end]], (), False, False, "landform"))
        return out

    def _abbreviations(self, text: str) -> list[_Hit]:
        out = []
        for verb, end in self.scanner.scan(text).longest(self.abbreviation_list):
            start = verb + 1
            if self.words.right_cut(text, end) or self.words.left_cut(text, start):
                continue
            nxt = text[end : end + 1]
            if nxt and nxt in self.abbreviations:
                continue  # 对湘赣…: a run of abbreviations is not handled here
            char = text[start]
            out.append(_Hit(start, end, char, self.abbreviations[char], False, False, "abbreviation"))
        return out

    def _single_name(self, codes: tuple[str, ...]) -> str | None:
        """The gazetteer name when exactly one of ``codes`` is known, memoised per code tuple."""
        cache = self._names_by_codes
        if codes not in cache:
            places = [self.gazetteer.by_code[c] for c in codes if c in self.gazetteer.by_code]
            cache[codes] = places[0].name if len(places) == 1 else None
        return cache[codes]

    def _not_a_place(self, text: str, hit: _Hit, previous: "_Hit | None") -> bool:
        """A short form that names something else: a street, a person or a firm's trade name.

        副秘书长李建华: 建华 after a title (``person_titles.txt``) and a surname is a given name.
        杨桥东路: 桥东 names a street (``road_suffixes.txt``).  大连东港文化传媒有限公司:
        东港 (a county of 丹东 or 日照) right after 大连 lies in neither, so it is
        the firm's name, where 甘肃白银 or 北京西城 name a place inside the one before.
        """
        end = hit.end
        if (hit.start > 2 and text.endswith(self.titles, 0, hit.start - 1) and _CJK_RUN.match(text, hit.start - 1)
                and text[hit.start - 1] not in self.title_verbs):
            return True  # 副秘书长李建华: a title, a surname, then the given name (but 局长到江苏: a verb)
        for road in self.roads:
            if text.startswith(road, end) and not self.words.right_cut(text, end + len(road)):
                return True
        if previous is None or previous.end != hit.start or not previous.codes or not hit.codes:
            return False
        outer = [code_prefix(c) for c in previous.codes if not c.startswith("ISO:")]
        if not outer or any(len(p) == 6 for p in outer):
            return False  # a county or town before it: 东港 may be a street or village name there
        return not any(c.startswith(p) for c in hit.codes for p in outer)

    # ------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        text = compact_view(doc).text
        hits = self._gazetteer_hits(text)
        hits.extend(self._datelines(text))
        hits.extend(self._abbreviations(text))
        hits.extend(self._regions(text))
        hits.extend(self._landforms(text))
        towns = self._towns(text, hits)
        hits.extend(towns)
        hits.extend(self._stems(text, towns))
        if any(map(text.__contains__, self.village_lasts)):  # in C: no generator frame per article
            hits.extend(self._villages(text, towns, hits))
        firm_ends = {h.end: h for h in hits if not h.ambiguous}
        firm_starts = {h.start: h for h in hits if not h.ambiguous}
        for hit in hits:
            if hit.ambiguous and self._supported(text, hit, firm_ends, firm_starts):
                hit.ambiguous = False
        hits = [h for h in hits if not h.ambiguous]
        hits.extend(self._products(text, hits))
        # Leftmost-longest, one place per stretch of text: by start, the longest
        # first, in the order found when equal (two stable sorts in C, no key per hit in Python).
        hits.sort(key=_END, reverse=True)
        hits.sort(key=_START)
        taken_until = -1
        found = []
        names_by_codes = self._names_by_codes
        previous: _Hit | None = None
        roads, title_lasts = self.roads, self.title_lasts
        for hit in hits:
            if hit.start < taken_until:
                continue
            # A cheap test of the three cases first (most hits are none): the
            # road test is _not_a_place's own prefix test, one C call without a slice.
            if (hit.kind == "gazetteer" and not hit.full
                    and (text.startswith(roads, hit.end) or text[hit.start - 2 : hit.start - 1] in title_lasts
                         or (previous is not None and previous.end == hit.start))
                    and self._not_a_place(text, hit, previous)):
                continue
            previous = hit
            single = names_by_codes.get(hit.codes, _UNKNOWN)
            if single is _UNKNOWN:
                single = self._single_name(hit.codes)
            name = single if single is not None and hit.kind != "renamed" else hit.surface
            attrs = {"codes": list(hit.codes)}
            if hit.kind == "renamed":
                # 会理市 for the gazetteer's 会理县: the written name is the current one.
                attrs["renamed"] = hit.surface
            elif hit.kind != "gazetteer":
                attrs["grammar"] = hit.kind
            if hit.kind in ("town", "village"):
                attrs["level"] = hit.kind
            found.append((hit.start, hit.end, name, attrs))
            taken_until = hit.end
        add_all(doc, self.spans_key, "PLACE", found, handed_over=True)
        return doc


@Language.factory(
    "kg_places",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "stopwords": "place_stopwords.txt",
        "ordinary": "place_ordinary_words.txt",
        "safe": "place_safe.txt",
        "context": "place_context.txt",
        "common": "common_words.txt",
        "boundaries": "boundaries.txt",
        "town_suffixes": "town_suffixes.txt",
        "products": "gi_products.txt",
        "abbreviations": "place_abbreviations.tsv",
        "max_town_stem": 5,
        "product_window": 40,
        "determiners": "determiners.txt",
        "organs": "organs.tsv",
        "regions": "region_abbreviations.txt",
        "verbs": "place_verbs.txt",
        "verb_leads": "place_verb_leads.txt",
        "villages": "village_suffixes.txt",
        "roads": "road_suffixes.txt",
        "titles": "person_titles.txt",
        "max_listed_town_stem": 9,
        "landforms": "landforms.tsv",
        "title_verbs": "title_verbs.txt",
    },
)
def make_places(
    nlp: Language,
    name: str,
    spans_key: str,
    stopwords: str,
    ordinary: str,
    safe: str,
    context: str,
    common: str,
    boundaries: str,
    town_suffixes: str,
    products: str,
    abbreviations: str,
    max_town_stem: int,
    product_window: int,
    determiners: str,
    organs: str,
    regions: str,
    verbs: str,
    verb_leads: str,
    villages: str,
    roads: str,
    titles: str,
    max_listed_town_stem: int,
    landforms: str,
    title_verbs: str,
) -> PlaceMatcher:
    return PlaceMatcher(
        name, spans_key, stopwords, ordinary, safe, context, common, boundaries,
        town_suffixes, products, abbreviations, max_town_stem, product_window, determiners, organs, regions,
        verbs, verb_leads, villages, roads, titles, max_listed_town_stem, landforms, title_verbs,
    )
