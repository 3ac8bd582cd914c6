"""``kg_agencies``: government bodies by grammar, not by a list of names.

An agency is a jurisdiction followed by an organ from ``organs.tsv``:

* a place the ``kg_places`` component found right before the organ
  (拉萨市 + 市场监管局), or 中国(株洲) before a centre;
* a deixis word standing for the article's own jurisdiction
  (市 + 市场监管局 in "市市场监管局"; 自治区 + 党委);
* a national jurisdiction (国家 + 知识产权局).

Coordinating and service bodies (organs flagged ``mod``) take modifiers
between the two: 自治区 + 打击侵权假冒工作 + 领导小组办公室.  Written without
a jurisdiction they count only when spelt from ``body_modifiers.txt`` and
introduced by a verb from ``body_verbs.txt`` ("成立知识产权工作领导小组").
A class of bodies rather than one body is not an agency: 国家级…中心,
5家…分中心, …中心1个.

Around the core the grammar reads a second plate in brackets
(市市场监管局(知识产权局)), internal units and branches after it
(国家知识产权局审定委员会), and lists that share one jurisdiction
(市委办和市政府办 have their own; in 自治区党委、政府 the 政府 takes
自治区).  National bodies that stand alone (国务院, 党中央, 国知局) come from
``national_bodies.tsv`` with their canonical names.

A jurisdiction outside the division list names its bodies too: a development
zone (苏州工业园区 + 市场监管局, 长白山管委会 + 市场监督管理局) and the ones in
``named_jurisdictions.tsv`` with their official names (兵团, 杨凌示范区).  地区
is deixis like 市 (地区中院), and 地委, 行署 carry it in themselves.

The span's attrs keep the parts (``jurisdiction``, ``jurisdiction_kind``,
``organ``, ``codes``, and ``canonical``/``unit``/``plate2`` where known) so the
linker can resolve 市 to the article's city.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import code_prefix
from kg.nlp import lexicon
from kg.nlp.grammar import CLASS_COUNT, CLASS_MEASURES, Boundaries, PlaceCover, common_words
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_all, compact_spans, compact_view

_CJK = "\u4e00-\u9fff"
_QUOTES = "“”\"「」『』"
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_NAME_RUN = re.compile(rf"[{_CJK}{_QUOTES}]+")
_QUOTES_AND_BREAKS = re.compile(rf"[{_QUOTES}\n]")
_LIST = "、和及与"
#: A class count (5家) ends in a measure word, or before a break `$` allows.
_COUNT_LASTS = frozenset(CLASS_MEASURES + "\n")
#: Between a body and a unit it set up: 会理市人民检察院设立的知识产权检察办公室.
_SET_UP = ("设立的", "成立的", "内设的", "下设的", "设立", "成立", "设立了", "成立了", "组建", "组建了")
#: What may stand between 各 and the bodies it makes a class of (各市、县（市、区）市场监管局).
_CLASS_GAP = frozenset("省市州盟县区旗乡镇设、，,（）() 　\n及和与")
#: 等区设立, 等地建立 right before a body: one set up in each place listed.
_SET_UP_IN_EACH = re.compile(r"等(?:地|[区县市镇乡])(?:设立|成立|建立|组建)了?$")
#: A verb that sets a body up and who leads it: 成立由地区行署分管副专员任组长的 + the body.
_LED_BY = re.compile(r"(?:成立|设立|组建|建立)了?由[^，。；,;：:\n]{2,24}?(?:任|担任|牵头)[^，。；,;：:\n]{0,6}的$")
#: A bureau written alone (:meth:`AgencyGrammar._listed_bureaus`): its ending, what may follow it,
#: what may stand before it, how long it is, and the verbs that join it to another body.
_BUREAU_NEXT = "（(、联会"
#: A recorded body's (start, end) and end, read in C.
_SPAN, _END = itemgetter(0, 1), itemgetter(1)
_BUREAU_LEN = (4, 7)
_BUREAU_VERBS = ("联合", "会同")
_NOT_BUREAU = frozenset(("我局", "该局", "本局", "各局", "全局", "当局"))
#: The last character of a ministry's department (知识产权保护司).
_DEPARTMENT_END = re.compile("司")
#: Words that make a unit's name any unit, not one (商务部有关司负责人, 业务主管司, 局相关处室).
_ANY_UNIT = ("有关", "相关", "主管")
#: Kinds of division in an addressee list after 各 (各省、自治区、直辖市…, 各地市、新疆生产建设兵团…).
_DIVISION_KINDS = re.compile(r"自治[区州县]?|直辖市?|计划单列市?|副省级城?市?|地级市?|新疆生产建设兵团|兵团")
#: 在 and a 、-list of places before a verb that sets bodies up: one body in each place.
_IN_PLACES = re.compile(r"在[^，。；,;\n]{1,12}、[^，。；,;\n]{1,12}$")
#: 经 of 经…同意/批准 before a body; no boundary word elsewhere (经侦, 经开区).
_APPROVAL = "经"
#: A body + (在 + a place) + a verb that sets up or runs a unit + the unit's own name (up to the organ).
_SET_UP_NAMED = re.compile(
    rf"(?:在[^，。；,;、“”\n]{{1,12}}?)?(?:(?:设立了?|成立了?|组建了?)[“\"]?|依托[“\"])(?=[{_CJK}]{{0,12}}$)"
)
_SET_UP_FIRSTS = frozenset("在设成组依")
#: A body's service hall, written after 在, is where something happens, not who acts.
_VENUES = ("服务中心", "服务大厅", "政务大厅")
_VENUE_VERBS = ("挂牌", "揭牌", "举行", "举办", "召开")
#: Halls that are buildings, not bodies, where a meeting is held (在区政务服务中心举行).
_HALLS = ("综合服务中心", "政务服务中心", "便民服务中心", "市民服务中心", "服务大厅", "政务大厅")
#: Organ words that are a court's units when written right after it (苏州中院知识产权法庭).
_COURT_UNITS = ("法庭", "审判庭")
_COURTS = ("法院", "中院", "高院")
#: A division of the Production and Construction Corps before its city: 第一师 + 阿拉尔市.
_CORPS_DIVISION = re.compile(r"第[一二三四五六七八九十]{1,3}师$")
#: Characters that cannot open a unit: a quick test before the unit pattern.
_NOT_UNIT = frozenset("，。、；：（）()《》“”\n 　,.;:的和与及等在")


class AgencyGrammar:
    """Jurisdiction + modifiers + organ (+ second plate, + unit)."""

    def __init__(
        self,
        name: str,
        spans_key: str,
        organs: str,
        deixis: str,
        national: str,
        national_bodies: str,
        modifiers: str,
        body_verbs: str,
        units: str,
        second_plates: str,
        boundaries: str,
        common: str,
        deixis_blockers: str,
        max_modifiers: int,
        max_unit: int,
        anaphors: str = "agency_anaphors.txt",
        branches: str = "branch_suffixes.txt",
        zones: str = "zone_suffixes.txt",
        determiners: str = "determiners.txt",
        adverbs: str = "subject_adverbs.txt",
        members: str = "body_members.tsv",
        named: str = "named_jurisdictions.tsv",
    ):
        self.name = name
        self.scanner = lexicon.SCANNER
        self.zone_end = re.compile(f"(?:{lexicon.alternation(lexicon.words(zones))})$")
        # Every organ may follow a zone's name (杨凌示范区市场监督管理局); one test at its last character.
        self.zone_lasts = frozenset(word[-1] for word in lexicon.words(zones))
        # 两江新区, 兵团: proper jurisdictions outside the division list, with their official names.
        self.named = lexicon.mapping(named)
        self.named_end = re.compile(f"(?:{lexicon.alternation(list(self.named))})$")
        self.named_lasts = frozenset(word[-1] for word in self.named)
        self.named_reach = max(map(len, self.named))  # the longest written name: _named's window
        self.branches = tuple(lexicon.words(branches))
        self.anaphor = re.compile(f"(?:{lexicon.alternation(lexicon.words(anaphors))})$")
        # 该厅 + 知识产权保护处, and a bare 厅 opening a name (厅知识产权保护处): found in the scanner's pass.
        self.anaphor_unit_list = self.scanner.register([*lexicon.words(anaphors), "厅"])
        self.spans_key = spans_key
        self.organs: dict[str, str] = {}
        self.flags: dict[str, set[str]] = {}
        # 地委, 行署: organ words that carry their jurisdiction (地区) when written alone.
        self.implied: dict[str, str] = {}
        for row in lexicon.rows(organs):
            self.organs[row[0]] = row[1] if len(row) > 1 and row[1] else row[0]
            self.flags[row[0]] = set(row[2].split(",")) if len(row) > 2 and row[2] else set()
            if len(row) > 3 and row[3]:
                self.implied[row[0]] = row[3]
        self.organ = re.compile(lexicon.alternation(list(self.organs)))
        # Organs that are whole bodies (市场监管局): never the end of another body's unit.
        self.bare_organs = tuple(sorted(o for o, f in self.flags.items() if "bare" in f))
        self.organ_list = self.scanner.register(self.organs)
        self.deixis = lexicon.words(deixis)
        self.national = lexicon.words(national)
        self.jurisdiction_word = re.compile(f"(?:{lexicon.alternation(list(self.national) + list(self.deixis))})")
        # A jurisdiction word can only start with one of these (a cheap test before the regex).
        self.jurisdiction_firsts = frozenset(word[0] for word in (*self.national, *self.deixis) if word)
        self.jurisdiction_lasts = frozenset(word[-1] for word in (*self.national, *self.deixis) if word)
        self.national_bodies = lexicon.mapping(national_bodies)
        self.national_body_list = self.scanner.register(self.national_bodies)
        # 局 and what may follow a bureau written alone (_listed_bureaus): most 局 are followed by
        # something else, and the scanner's pass finds the few that are not.
        self.bureau_list = self.scanner.register("局" + after for after in _BUREAU_NEXT)
        self.modifiers = re.compile(f"(?:{lexicon.alternation(lexicon.words(modifiers))})+")
        # A modifier run can only start with one of these (a cheap test before the regex).
        self.modifier_firsts = frozenset(word[0] for word in lexicon.words(modifiers) if word)
        # Two-character boundary words that end a modifier (建设 in 强市建设).
        self.modifier_boundaries = frozenset(
            w for w in lexicon.words(boundaries) if len(w) == 2 and any(m.endswith(w) for m in lexicon.words(modifiers))
        )
        self.body_verb = re.compile(f"(?:{lexicon.alternation(lexicon.words(body_verbs))})$")
        # (The lookahead lets each length the lazy run tries fail on one set test, not on each of
        # the ~30 first characters of the endings' alternation in turn.)
        unit_firsts = re.escape("".join(sorted({word[0] for word in lexicon.words(units)})))
        self.unit = re.compile(
            rf"[{_CJK}]{{0,{max_unit}}}?(?=[{unit_firsts}])(?:{lexicon.alternation(lexicon.words(units))})")
        self.max_unit = max_unit
        self.department = re.compile(rf"[{_CJK}]{{2,{max_unit}}}?[局署]")
        self._place_starts: dict[int, Any] = {}
        self._national_starts: set[int] = set()
        # 各市分行, 各监管分局: a class of units, not one (determiners.txt).
        self.determiners = tuple(lexicon.words(determiners))
        # 公安部将…: an adverb after a listed body does not make a word with its end (部将).
        self.adverbs = frozenset(lexicon.words(adverbs))
        self.unit_word = re.compile(f"(?:{lexicon.alternation(lexicon.words(units))})$")
        # Organ words that are a unit's whole name too (商标局, 宣传部, 知识产权检察办公室): right
        # after a body they are its unit (国家知识产权局商标局, 地委宣传部), not a second body.
        self.unit_organs = frozenset(lexicon.words(units)) & frozenset(self.organs)
        self.plates = lexicon.mapping(second_plates)
        # A second plate in brackets, bare or with its own jurisdiction:
        # 市市场监管局(知识产权局), 佛山市市场监督管理局（佛山市知识产权局）.
        organ_firsts = re.escape("".join(sorted({word[0] for word in self.organs})))  # (see self.unit)
        self.plate = re.compile(
            rf"[(（]\s*([{_CJK}]{{0,12}}?)(?=[{organ_firsts}])({lexicon.alternation(list(self.organs))})\s*[)）]"
        )
        # 中国（浙江）知识产权保护中心, and the rights centres named by a city and an
        # industry: 中国广州花都（皮革皮具）知识产权快速维权中心.
        self.china_paren = re.compile(rf"中国[{_CJK}]{{0,6}}[(（][{_CJK}]{{2,8}}[)）]")
        self.china_end = re.compile(rf"中国[{_CJK}]{{0,6}}[(（][{_CJK}]{{2,8}}[)）]$")
        self.count_before = re.compile(rf"{CLASS_COUNT}$")
        self.count_after = re.compile(CLASS_COUNT)
        self.words = common_words(common)
        self.boundaries = Boundaries(lexicon.words(boundaries), self.words)
        self.max_modifiers = max_modifiers
        # 人大 + 代表: members, not the body (keyed by the body's last character: one test per body).
        self.members: dict[str, list[tuple[str, str]]] = {}
        for tail, member in lexicon.rows(members):
            self.members.setdefault(tail[-1], []).append((tail, member))
        # The members' words (代表, 委员): a C-level test at each body before _members.
        self.member_words = tuple(sorted({member for rows in self.members.values() for _, member in rows}))
        from kg.gazetteer import load_gazetteer

        self._codes = load_gazetteer().by_name
        self.gazetteer_names = set(self._codes)
        self._levels = {code: place.level for code, place in load_gazetteer().by_code.items()}
        self.class_context = re.compile(r"(?:各|各级|等地|多地|各地)[^,，。;；:：\n]{0,12}$")
        self.blockers = re.compile(f"(?:{lexicon.alternation(lexicon.words(deixis_blockers))})$")
        # Deixis words that are blockers too (新区, 地区): they count only where a name starts.
        self.self_blocked = frozenset(self.deixis) & frozenset(lexicon.words(deixis_blockers))

    # ------------------------------------------------------------ jurisdiction

    def _direct(self, text: str, s: int, places: dict[int, tuple[int, Any]]) -> tuple[int, str, str, Any] | None:
        """A jurisdiction ending right at ``s``: (start, written, kind, place span)."""
        if s in places:
            start, record = places[s]
            return start, record[0], "place", record
        # The pattern ends in a bracket at s (or before a break there: `$` allows one).
        china = self.china_end.search(text, max(0, s - 14), s) if s > 0 and text[s - 1] in ")）\n" else None
        if china is not None:
            return china.start(), china.group(), "national", None
        if s == 0 or text[s - 1] not in self.jurisdiction_lasts:
            return None  # no jurisdiction word ends at s
        match = self.jurisdiction_word.search(text, max(0, s - 3), s)
        while match is not None and match.end() != s:
            match = self.jurisdiction_word.search(text, match.start() + 1, s)
        if match is None:
            return None
        word = match.group()
        before = places.get(match.start())
        if before is not None and word not in self.national:
            full = text[before[0] : match.start()] + word
            if self.gazetteer_names is not None and full in self.gazetteer_names:
                # 福州 + 市委: the place is 福州市 (市委 is a common word, so the
                # place matcher stopped at 福州).
                return before[0], full, "place", before[1]
        if word not in self.national and word not in self.self_blocked and self.words.left_cut(
                text, match.start() + len(word) - 1):
            return None  # 城市, 全市, 超市: not a jurisdiction (地区, a word, opens a name only: blockers below)
        j = match.start()
        # Deixis is not the tail of a noun (集聚区 + 公共服务中心, 城市 + …).
        # A blocker that is the word itself (新区) names the article's new area
        # where it opens a name; after a stem it is that stem's zone (长春新区).
        if word not in self.national and (blocker := self.blockers.search(text, max(0, j - 3), j + len(word))):
            if blocker.start() < j or (self.boundaries.left_edge(text, j, 4) != j and text[j - 1] not in _APPROVAL
                                       and not self._word_edge(text, j)):
                return None
        kind = "national" if word in self.national else "deixis"
        return j, word, kind, None

    def _across_modifiers(self, text: str, s: int, places: dict[int, tuple[int, Any]], place_starts: dict[int, Any]):
        """A jurisdiction before a modifier run that ends at ``s`` (自治区 + 打击侵权假冒工作)."""
        edge = self.boundaries.left_edge(text, s, self.max_modifiers)
        if edge > 0 and text[edge - 1] in _QUOTES:
            # Quotes may wrap the name after the jurisdiction: 拉萨市"知识产权纠纷维权调解工作站".
            edge = self.boundaries.left_edge(text, edge - 1, self.max_modifiers)
        elif edge > 0 and text[edge - 1] in ")）" and (edge == s or self.modifiers.fullmatch(text, edge, s)):
            # 中国广州花都（皮革皮具）+ 知识产权 + 快速维权中心: the bracket ends a 中国… name.
            china = self.china_end.search(text, max(0, edge - 18), edge)
            if china is not None:
                return china.start(), china.group(), "national", None, edge
        if (edge > 1 and text[edge - 2 : edge] in self.modifier_boundaries
                and (edge == s or self.modifiers.fullmatch(text, edge, s))):
            # 襄阳市知识产权强市建设工作领导小组: 建设 is a boundary word and also part
            # of a modifier; where the modifiers run on before it, so does the name.
            for pos in range(max(0, s - self.max_modifiers), edge - 2):
                if text[pos] in self.modifier_firsts and self.modifiers.fullmatch(text, pos, s):
                    edge = self.boundaries.left_edge(text, pos, self.max_modifiers - (s - pos) + 4)
                    break
        if self._place_cover is None:  # built on first use: only bodies written with modifiers need it
            self._place_cover = PlaceCover((start, end) for start, end, _ in self._compact_places)
        inside = self._place_cover.start_at(edge)
        if inside is not None and inside < edge:
            edge = inside  # a boundary word inside a place name (昌都) is no boundary
        jurisdiction_firsts = self.jurisdiction_firsts
        for pos in range(edge, s - 1):
            char = text[pos]
            china = self.china_paren.match(text, pos) if char == "中" else None
            if china and china.end() <= s:
                return pos, china.group(), "national", None, china.end()
            if pos in place_starts:
                span_end, record = place_starts[pos]
                if span_end < s and _NAME_RUN.fullmatch(text, span_end, s) and not (
                        text[span_end] in "市区县" and text[span_end - 1] not in "省市区县州"
                        and text[span_end : span_end + 2] in self.words.words) and not self._body_between(
                        text, span_end, s):
                    # (雄安 + 市民服务中心: a venue named for its citizens, no body of 雄安)
                    return pos, record[0], "place", record, span_end
            word = self.jurisdiction_word.match(text, pos) if char in jurisdiction_firsts else None
            if word and word.end() < s:
                # At the left edge, any run of name characters may follow the
                # jurisdiction; further in, only known modifiers (报送市 +
                # 知识产权工作 + 领导小组办公室).
                free = pos == edge or text[pos - 1] in _QUOTES
                run_ok = _NAME_RUN.fullmatch(text, word.end(), s) if free else \
                    self.modifiers.fullmatch(text, word.end(), s)
                deixis = word.group() not in self.national
                if deixis and free and self.words.right_cut(text, word.end()):
                    continue  # 在市民服务中心: 市 opens the word 市民, it names no jurisdiction
                if run_ok and not (deixis and self.words.left_cut(text, word.end() - 1)):
                    return pos, word.group(), "deixis" if deixis else "national", None, word.end()
        return None

    def _word_edge(self, text: str, j: int) -> bool:
        """A word ending in a boundary character right before ``j``: 设在 + 地区市场监管局.

        (The boundary test does not count 在 inside the word 设在, but the word ends there.)
        """
        return j >= 2 and text[j - 2 : j] in self.words.words and self.boundaries.pattern.fullmatch(text, j - 1, j) is not None

    def _body_between(self, text: str, start: int, end: int) -> bool:
        """A body of its own (an organ that takes no modifiers) in ``text[start:end]``.

        青浦区人民政府组成进博会知识产权保护工作组: the government formed the group, whose
        name does not run back to the place.
        """
        organ = self.organ.search(text, start, end)
        while organ is not None:
            if "mod" not in self.flags[organ.group()] and "word" not in self.flags[organ.group()]:
                return True
            organ = self.organ.search(text, organ.start() + 1, end)
        return False

    def _bare_body(self, text: str, s: int) -> int | None:
        """Start of a jurisdiction-less body spelt from modifiers after an introducing verb."""
        firsts = self.modifier_firsts
        for pos in range(max(0, s - self.max_modifiers), s - 1):
            if text[pos] not in firsts:
                continue
            verb = self.modifiers.fullmatch(text, pos, s) and (
                self.body_verb.search(text, max(0, pos - 6), pos)
                or (text[pos - 1] == "的" and _LED_BY.search(text, max(0, pos - 32), pos)))
            if verb:
                if _IN_PLACES.search(text, max(0, verb.start() - 30), verb.start()):
                    return None  # 在大朗镇、塘厦镇设立调解工作站: one station in each, a class
                return pos
        return None

    def _town_stem(self, text: str, s: int) -> bool:
        """Two name characters before ``s`` that can name a town or street (东街, 城关)."""
        if s < 2 or not _CJK_RUN.fullmatch(text, s - 2, s) or text.startswith(self.determiners, s - 2):
            return False
        if self.boundaries.has_boundary(text, s - 2, s) or self.words.left_cut(text, s - 2):
            return False
        return not (s > 2 and _CJK_RUN.match(text, s - 3) and not self.boundaries.has_boundary(text, s - 3, s - 2))

    def _members(self, text: str, end: int) -> bool:
        """A body ending at ``end`` is followed by its members' word (省人大 + 代表)."""
        rows = self.members.get(text[end - 1]) if end else None
        return rows is not None and any(
            text.startswith(member, end) and text.endswith(tail, 0, end) for tail, member in rows
        )

    def _port_stem(self, text: str, s: int, places: dict[int, tuple[int, Any]]) -> int | None:
        """Start of the port name (two to four characters) before a customs house at ``s``.

        Customs houses are named by their port, often an old or local name the
        gazetteer lacks (邕州海关, 钦州港海关).  The name follows a left edge and
        opens with no common word (直属海关, 出入境海关 name classes).
        """
        for port in ("口岸", "港"):
            # 芒街口岸海关, 钦州港海关: a place and the word for its port.
            place = places.get(s - len(port)) if text.startswith(port, s - len(port)) else None
            if place is not None:
                return place[0]
        start = self.boundaries.left_edge(text, s, 4)
        if not 2 <= s - start <= 4 or (start == s - 4 and start > 0 and _CJK_RUN.match(text, start - 1)):
            return None
        stem = text[start:s]
        if not _CJK_RUN.fullmatch(stem) or stem[:2] in self.words.words or stem.startswith(self.determiners):
            return None
        return start

    def _set_up_by(self, text: str, s: int, last_end: int | None, e: int) -> int | None:
        """Start of a unit that the body written right before set up (会理市人民检察院设立的 + organ).

        The unit may have a name of its own, and a place may stand between:
        寿光市人民法院在洛城街道设立种业知识产权司法保护工作站, 珠山区人民法院依托“瓷都知识产权巡回审判庭”.
        """
        if last_end is None:
            return None
        if text[last_end:s] in _SET_UP:
            return s
        if not 2 < s - last_end <= 30 or text[last_end] not in _SET_UP_FIRSTS:
            return None  # (a cheap test before the pattern)
        verb = _SET_UP_NAMED.match(text, last_end, s)
        if verb is None or self.boundaries.has_boundary(text, verb.end(), s):
            return None
        if 0 < s - verb.end() < 4:
            return None  # 设立现场服务站: a short word before the organ says what kind, it names no unit
        if text[verb.end() - 1] in _QUOTES and not (e < len(text) and text[e] in _QUOTES):
            return None  # an opened quote closes right after the organ
        return verb.end()

    def _anaphoric_body(self, text: str, s: int) -> tuple[int, str] | None:
        """该院 + modifiers + organ: (start after the anaphor, the anaphor)."""
        firsts = self.modifier_firsts
        for pos in range(max(0, s - self.max_modifiers), s + 1):
            if pos < s and (text[pos] not in firsts or not self.modifiers.fullmatch(text, pos, s)):
                continue
            anaphor = self.anaphor.search(text, max(0, pos - 3), pos)
            if anaphor is not None:
                return pos, anaphor.group()
        return None

    @staticmethod
    def _contains(outer: Any, inner: Any) -> bool:
        """Whether the place record ``outer`` is a province or prefecture holding ``inner`` (by code)."""
        outer_codes = (outer[1] or {}).get("codes", []) if outer is not None else []
        inner_codes = (inner[1] or {}).get("codes", []) if inner is not None else []
        for o in outer_codes:
            # (a county's prefix is its whole code: it holds no other code here)
            prefix = code_prefix(o)
            if not o.startswith("ISO") and any(i != o and i.startswith(prefix) for i in inner_codes):
                return True
        return False

    def _class_of_bodies(self, text: str, start: int) -> bool:
        """各区、县(市) or 等地设立… before a body: it names a class of bodies.

        After 各 (or 各级) only jurisdiction words and list marks may stand
        between: in 各成员单位要按照省双打办 the 各 belongs to another phrase.
        """
        match = self.class_context.search(text, max(0, start - 14), start)
        if match is None:
            return False
        word = match.group()
        if word.startswith("各") and not word.startswith("各地"):
            gap = word[2:] if word.startswith("各级") else word[1:]
            # Organs listed before this one are the same class (各市（州）教育局、科技局、…), and
            # so are the kinds of division a notice is addressed to (各省、自治区、直辖市知识产权局).
            gap = self.organ.sub("", gap)
            return all(ch in _CLASS_GAP for ch in gap) or all(ch in _CLASS_GAP for ch in _DIVISION_KINDS.sub("", gap))
        return True

    def _above_county(self, codes: list[str]) -> bool:
        """Every candidate place is a province or prefecture (or a country)."""
        return all(self._levels.get(code, "country") in ("country", "province", "prefecture") for code in codes)

    def _zone(self, text: str, s: int) -> int | None:
        """Start of a development zone's name ending at ``s`` (中关村科技园区 + 管委会)."""
        suffix = self.zone_end.search(text, max(0, s - 10), s)
        if suffix is None:
            return None
        start = self.boundaries.left_edge(text, suffix.start(), self.max_modifiers)
        stem = text[start : suffix.start()]
        if len(stem) < 2 or not _CJK_RUN.fullmatch(stem) or start == suffix.start() - self.max_modifiers:
            return None
        return start

    def _named(self, text: str, s: int) -> int | None:
        """Start of a named jurisdiction (两江新区, 兵团) ending at ``s`` and opening a name."""
        match = self.named_end.search(text, max(0, s - self.named_reach), s)
        if match is None:
            return None
        start = match.start()
        return start if start == 0 or self.boundaries.left_edge(text, start, 4) == start else None

    def _anaphor_units(self, text: str, hits: Any, recorded: list) -> None:
        """Divisions of a body named by an anaphor: 该厅知识产权保护处, and 厅 opening a sentence (厅法规处).

        The division (…处, …科, …室) is the body's, which the linker finds before it; a
        bare 厅 counts only where a name starts (after punctuation).  (A bare 局 is not read:
        it is in every bureau's name, and 局 + a division opening a sentence is rare.)
        """
        taken = None  # sorted at the first candidate (most articles have none)
        for begin, end in hits.longest(self.anaphor_unit_list):
            if end - begin == 1 and begin > 0 and text[begin - 1] not in _NOT_UNIT:
                continue  # 省市场监管厅 + 法规处 is the body's own unit; only a 厅 that opens a name
            if end >= len(text) or text[end] in _NOT_UNIT:
                continue
            word = text[begin:end]
            unit = self.unit.match(text, end)
            if unit is None or unit.group()[-1] not in "处科室" or not self._unit_ok(text, end, unit):
                continue
            if self.boundaries.has_boundary(text, end, unit.end()):
                continue
            start = end if len(word) > 1 else begin  # 该院…: the anaphor is not part of the name
            if taken is None:
                taken = sorted((a, b) for a, b, _, _ in recorded)
            at = bisect.bisect_right(taken, (unit.end(), unit.end()))
            if at and taken[at - 1][1] > start:
                continue  # inside a body found already
            attrs = {"jurisdiction": "", "jurisdiction_kind": "none", "organ": "", "codes": [], "anaphor": word,
                     "modifiers": text[end : unit.end()], "unit": unit.group()}
            recorded.append((start, unit.end(), None, attrs))

    def _bare_departments(self, text: str, recorded: list) -> None:
        """A ministry's department written alone after a national body: 知识产权运用促进司, 运用促进司.

        Only the State Council's ministries and administrations have departments named …司,
        so after one is named a name ending in 司 at a name start is its unit; the linker
        gives it the parent named most before it.  公司, 上司, 司法 are words, not units.
        """
        first = min(self._national_starts)
        taken = None
        for i in (m.start() for m in _DEPARTMENT_END.finditer(text, first)):
            if self.words.left_cut(text, i) or self.words.right_cut(text, i + 1) or text.startswith("局", i + 1):
                continue  # 公司, 官司; 司法, 司机; 司局 (有关司局负责人: the departments and bureaus at large)
            start = self.boundaries.left_edge(text, i, self.max_unit)
            words = self.words.words
            if i - start > 3 and text[start : start + 2] not in words and text[start + 1 : start + 3] in words:
                start += 1  # 请 + 运用促进司, 有 + 知识产权保护司: a verb before the name, no word with it
            if start > 3 and text[start - 1] in "和及":
                # 服务贸易和商贸服务业司: a department named for two fields of work keeps its 和.
                before = self.boundaries.left_edge(text, start - 1, self.max_unit)
                if 2 <= start - 1 - before and i - before <= 2 * self.max_unit and self.organ.search(
                        text, before, start - 1) is None and _CJK_RUN.fullmatch(text, before, start - 1):
                    start = before
            stem = text[start:i]
            if not 2 <= len(stem) < 2 * self.max_unit or not _CJK_RUN.fullmatch(stem.replace("和", "").replace("及", "")) \
                    or self.words.left_cut(text, start):
                continue
            if (stem.startswith(self.determiners) or stem.endswith(_ANY_UNIT) or self.jurisdiction_word.match(stem)
                    or start in self._place_starts):
                continue  # 各司, 有关司, 省司: no department of a ministry
            if taken is None:
                taken = sorted(map(_SPAN, recorded))
            at = bisect.bisect_right(taken, (i + 1, i + 1))
            if at and taken[at - 1][1] > start:
                continue  # inside a body found already (国家知识产权局知识产权保护司)
            name = text[start : i + 1]
            attrs = {"jurisdiction": "", "jurisdiction_kind": "none", "organ": "", "codes": [], "unit": name}
            recorded.append((start, i + 1, None, attrs))

    def _listed_bureaus(self, text: str, recorded: list) -> None:
        """A bureau written alone by its own name, where the text shows it is a body.

        Departments of a zone or a region are often written without their jurisdiction
        (商事服务局, 法律事务局 of a cooperation zone's executive committee).  Such a name
        opening a phrase counts when it carries a second plate (商事服务局（知识产权局）),
        stands in a 、-list next to a body found already, or acts with one (法律事务局联合…).
        """
        taken = None
        candidates = []
        found_ends = None
        for bureau, _ in self.scanner.scan(text).spans(self.bureau_list):
            end = bureau + 1
            if found_ends is None:
                found_ends = set(map(_END, recorded))
            if end in found_ends:
                continue  # 市场监管局（知识产权局）: a body found already (most bureaus before a bracket or 、)
            begin = self.boundaries.left_edge(text, end - 1, _BUREAU_LEN[1])
            while begin > 2 and text[begin - 2 : begin] in self.modifier_boundaries and end - begin < _BUREAU_LEN[1]:
                begin = self.boundaries.left_edge(text, begin - 2, _BUREAU_LEN[1] - (end - begin) - 1)  # 规划建设局
            if not _BUREAU_LEN[0] <= end - begin <= _BUREAU_LEN[1] or not _CJK_RUN.fullmatch(text, begin, end):
                continue  # a name opening a phrase in reach, after punctuation or a function word
            if taken is None:
                taken = sorted(map(_SPAN, recorded))
            at = bisect.bisect_right(taken, (end, end))
            if at and taken[at - 1][1] > begin:
                continue  # a body found already (市场监管局)
            name = text[begin:end]
            if (self.words.left_cut(text, end - 1) or name[-2:] in _NOT_BUREAU
                    or any(m.group() not in self.modifier_boundaries and self.boundaries.counts(text, m)
                           for m in self.boundaries.pattern.finditer(text, begin, end - 1))
                    or self.jurisdiction_word.match(name) or begin in self._place_starts
                    or any(len(o.group()) > 1 and o.end() < len(name) for o in self.organ.finditer(name))):
                continue  # 布局, 格局; 我局, 该局; a jurisdiction or place names it, or an organ: the grammar's
            candidates.append((begin, end))
        if not candidates:
            return
        starts = {a for a, _ in taken}
        ends = {b for _, b in taken}
        found = True
        while found:  # a list of such bureaus (商事服务局、法律事务局、…人民法院): each next to the one found
            found = False
            for begin, end in candidates[::-1]:
                if begin in starts:
                    continue
                plate = self.plate.match(text, end) if text[end] in "（(" else None
                listed = (text[end] == "、" and end + 1 in starts) or (text[begin - 1] == "、" and begin - 1 in ends)
                acting = text.startswith(_BUREAU_VERBS, end) and end + 2 in starts
                if not (plate is not None or listed or acting):
                    continue
                attrs = {"jurisdiction": "", "jurisdiction_kind": "none", "organ": text[begin:end], "codes": []}
                stop = end
                if plate is not None:
                    attrs["plate2"] = self.organs[plate.group(2)]
                    recorded.append((plate.start(1), plate.end(2), None, dict(attrs, nested=True)))
                    stop = plate.end()
                recorded.append((begin, stop, None, attrs))
                starts.add(begin)
                ends.add(end)
                found = True

    def _plate_ok(self, prefix: str, attrs: dict[str, Any]) -> bool:
        """The jurisdiction written inside a second plate's brackets is the first plate's."""
        return (
            prefix == ""
            or prefix == attrs["jurisdiction"]
            or prefix in self.deixis
            or prefix in self.national
            or prefix in self.gazetteer_names
            or prefix in self.named
            # 重庆两江新区人民法院（重庆自由贸易试验区人民法院）: a zone's body and its second name
            or ("canonical" in attrs and self.zone_end.search(prefix) is not None)
        )

    def _department(self, text: str, end: int) -> re.Match | None:
        """A department right after a government (…局, …署): 香港特别行政区政府知识产权署.

        Its name is written in full, 及 and 和 included (澳门特别行政区政府经济及科技发展局);
        any other boundary word, a jurisdiction word or a place at its start ends it.
        """
        unit = self.department.match(text, end)
        if unit is None or self.words.right_cut(text, unit.end()):
            return None
        if self.jurisdiction_word.match(text, end) or end in self._place_starts:
            return None  # 市政府市场监管局: two bodies written together
        if any(m.group() not in "及和" and self.boundaries.counts(text, m)
               for m in self.boundaries.pattern.finditer(text, end, unit.end())):
            return None
        return unit

    def _unit_ok(self, text: str, end: int, unit: re.Match) -> bool:
        """An internal unit right after an agency, not a verb phrase (市场监管局查处 …)."""
        organ = self.organ.match(text, end)
        if organ is not None and not (organ.group().endswith(_COURT_UNITS) and text.endswith(_COURTS, 0, end)) and not (
                organ.group() in self.unit_organs and organ.end() == unit.end()):
            return False  # 最高人民法院知识产权法庭: a court's tribunal is its unit, other organs a new body
        if text.endswith(self.bare_organs, end, unit.end()):
            return False  # …市场监督管理局初审后报自治区市场监管局: a second bureau, not a unit
        word = len(self.unit_word.search(unit.group()).group())
        # (A boundary word inside the unit's own ending is none: 组织 of 县委组织部.)
        if self.boundaries.has_boundary(text, end, unit.end() - word + 1):
            # A division named for the work it does keeps a modifier's boundary word
            # (市场体系建设处, 强省建设办公室), and a unit named for two fields of work its 和
            # (食品药品和环境犯罪侦查支队: no organ after the 和); elsewhere the word ends the name.
            joined = word > 1 and self.organ.search(text, end, unit.end() - word) is None
            if unit.group()[-1] not in "处科室" and not joined or any(
                    m.group() not in self.modifier_boundaries and self.boundaries.counts(text, m)
                    and not (joined and m.group() in "和及")
                    for m in self.boundaries.pattern.finditer(text, end, unit.end() - word + 1)):
                return False
        if self.words.right_cut(text, unit.end()) and not (word > 1 and text[unit.end()] in self.adverbs):
            return False  # but …东街市场监管所在…: a unit named in full, then 在 (所在 is no word here)
        # A one-character unit word must not close a word (查处, 到处, 厅室).
        return not (word == 1 and self.words.left_cut(text, unit.end() - 1))

    def _unit(self, text: str, end: int, government: bool = False) -> re.Match | None:
        """The internal unit right after an agency ending at ``end``, if any.

        After a government (``government``), a department (:meth:`_department`)
        comes first.
        """
        if end >= len(text) or text[end] in _NOT_UNIT:
            return None
        if government:
            department = self._department(text, end)
            if department is not None:
                return department
        unit = self.unit.match(text, end)
        if unit is None or not self._unit_ok(text, end, unit):
            return None
        if (unit.group().startswith(self.determiners) or unit.group().startswith(_ANY_UNIT)
                or end in self._national_starts):
            # 人民银行各市分行, 商务部有关司: a class of units; 山东省知识产权局 中国人民银行山东省分行: two signatures.
            return None
        if unit.group()[-1] in "局司" and unit.end() < len(text) and text[unit.end()] not in _NOT_UNIT:
            # A bureau inside a body has offices of its own: 国家知识产权局专利局 + 成都代办处.
            inner = self.unit.match(text, unit.end())
            if inner is not None and self._unit_ok(text, unit.end(), inner) and not inner.group().startswith(
                    self.determiners):
                return self.unit.fullmatch(text, end, inner.end()) or unit
        return unit

    # ------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        view = compact_view(doc)
        text = view.text
        places: dict[int, tuple[int, Any]] = {}
        place_starts: dict[int, tuple[int, Any]] = {}
        compact_places = compact_spans(doc, self.spans_key, "PLACE")
        for start, end, record in compact_places:
            places[end] = (start, record)
            place_starts[start] = (end, record)
        self._compact_places = compact_places
        self._place_starts = place_starts
        self._place_cover: PlaceCover | None = None

        emitted: set[tuple[int, int]] = set()
        # Recorded together at the end (attrs are not changed after they are found).
        recorded: list[tuple[int, int, None, dict[str, Any]]] = []
        hits = self.scanner.scan(text)
        national = hits.longest(self.national_body_list)
        self._national_starts = {b for b, _ in national}
        national_ends = dict(national)
        for body_start, body_end in national:
            if self.words.right_cut(text, body_end) and text[body_end] not in self.adverbs:
                continue
            if text.startswith(self.member_words, body_end) and self._members(text, body_end):
                continue
            attrs = {"jurisdiction": "国家", "jurisdiction_kind": "national", "organ": "",
                     "codes": [], "canonical": self.national_bodies[text[body_start:body_end]]}
            unit = self._unit(text, body_end)
            if unit is not None:
                # 人民银行山东省分行, 世界知识产权组织中国办事处: a branch, its parent no mention;
                # 国家知识产权局专利局: a unit, which mentions its parent too.
                recorded.append((body_start, unit.end(), None, dict(attrs, unit=unit.group())))
                emitted.add((body_start, unit.end()))
                if unit.group().endswith(self.branches) or body_end in place_starts:
                    continue
                attrs = dict(attrs, nested=True)  # (the resolver keeps a unit's parent marked so)
            recorded.append((body_start, body_end, None, attrs))
            emitted.add((body_start, body_end))

        last: tuple[int, dict[str, Any]] | None = None  # (end, attrs) of the previous agency
        last_start = 0
        skip_until = class_end = -1
        member_words = self.member_words
        for s, e in hits.longest(self.organ_list):
            if s < skip_until:
                continue
            if s == class_end + 1 and text[class_end] in _LIST and s > 0:
                # 各市（州）教育局、科技局、市场监管局: the list goes on naming the class.
                plate = self.plate.match(text, e) if text.startswith(("(", "（"), e) else None
                class_end = skip_until = plate.end() if plate is not None else e
                continue
            if last is not None and s < last[0]:
                continue  # inside the previous agency's plate or unit (spans share extension storage)
            if national_ends.get(s, 0) > e:
                continue  # 会同 + 海关总署: the organ opens a national body (read above), no body of a place
            surface = text[s:e]
            flags = self.flags[surface]  # the organ pattern is spelt from these keys
            if "org" in flags:
                continue  # 广州仲裁委员会: not a public body (kg_orgs reads it)
            organ = self.organs[surface]
            if "word" in flags and self.words.right_cut(text, e):
                continue  # 委托, 局势, 政府采购 is fine but 府采 is not a word
            if text.startswith(member_words, e) and self._members(text, e):
                continue  # 省人大 + 代表 (most bodies are followed by no member word)
            if text.startswith("网", e) and not self.words.right_cut(text, e + 1) or text.startswith("门户网", e):
                continue  # 安溪县人民政府网, …门户网站: a website (an ORG), not the body; 网站, 网上 are words
            jurisdiction = self._direct(text, s, places)
            jur_end = s
            if jurisdiction is None and "mod" in flags:
                found = self._across_modifiers(text, s, places, place_starts)
                if found is not None and not (text[s - 1] in self.zone_lasts and self.zone_end.search(text, found[4], s)):
                    # (杨凌 + 示范区管委会: a zone's name after the place, read below as the zone's body)
                    jurisdiction, jur_end = found[:4], found[4]
            if jurisdiction is not None and jurisdiction[2] == "deixis" and "place" in flags:
                # 区局 alone says nothing; 余杭区局 does, and so does 省局 with one
                # of its divisions after it (省局知识产权运用促进处).
                unit = self._unit(text, e)
                if unit is None or unit.group()[-1] not in "处科室":
                    jurisdiction = None
            if jurisdiction is None and surface in self.implied:
                jurisdiction = (s, self.implied[surface], "deixis", None)  # 地委: 地区 + 委
            inherited = False
            if jurisdiction is None and last is not None and s == last[0] + 1 and text[last[0]] in _LIST:
                prev = last[1]
                jurisdiction = (s, prev["jurisdiction"], prev["jurisdiction_kind"], None)
                inherited = True
            attrs: dict[str, Any]
            anaphor = parent = None
            zone = named = None
            if jurisdiction is None and s > 0:
                last_char = text[s - 1]
                if last_char in self.named_lasts:
                    named = self._named(text, s)
                if named is None and ("zone" in flags or last_char in self.zone_lasts):
                    zone = self._zone(text, s)
                if zone is not None and "zone" not in flags:
                    suffix = self.zone_end.search(text, zone, s)
                    if suffix is not None and text[zone : suffix.start()] in self.words.words:
                        zone = None  # 试点示范区市场监管局: a common word before the zone word names no zone
            if named is not None:
                # 兵团市场监管局, 两江新区管委会: the official name of the jurisdiction + the organ.
                attrs = {"jurisdiction": text[named:s], "jurisdiction_kind": "none", "organ": organ, "codes": [],
                         "canonical": self.named[text[named:s]] + organ}
                start = named
            elif zone is not None:
                # The zone names the body; the linker keeps the written name (a zone-flagged organ:
                # 管委会) or the zone's written name and the standard organ (杨凌示范区市场监督管理局).
                written_zone = text[zone:s].replace("\n", "")
                canonical = text[zone:e].replace("\n", "") if "zone" in flags else written_zone + organ
                attrs = {"jurisdiction": written_zone, "jurisdiction_kind": "none", "organ": organ, "codes": [],
                         "canonical": canonical}
                start = zone
            elif jurisdiction is None:
                if "mod" in flags:
                    start = self._bare_body(text, s)
                    if start is None and (set_up := self._set_up_by(text, s, last[0] if last else None, e)) is not None:
                        # a unit of the body just named
                        start, parent = set_up, text[last_start : last[0]].replace("\n", "")
                    if start is None:
                        anaphoric = self._anaphoric_body(text, s)
                        if anaphoric is None:
                            continue
                        start, anaphor = anaphoric
                elif "bare" in flags and not (s > 0 and text[s - 1] == "级"):
                    start = s
                elif "stem" in flags and self._town_stem(text, s):
                    start = s - 2  # 东街市场监管所: the office of a town or street
                elif "port" in flags and (port := self._port_stem(text, s, places)) is not None:
                    start = port  # 邕州海关: a customs house named by its port
                else:
                    continue
                attrs = {"jurisdiction": "", "jurisdiction_kind": "none", "organ": organ, "codes": []}
                if "stem" in flags and start < s:
                    attrs["modifiers"] = text[start:s]  # 东街 of 东街市场监管所: part of the name
                if "port" in flags and start < s:
                    attrs["canonical"] = text[start:e]  # 邕州海关 is its full name
                if parent is not None:
                    attrs["parent"] = parent  # 会理市人民检察院设立的知识产权检察办公室
                if anaphor is not None:
                    attrs["anaphor"] = anaphor  # 该院知识产权审判庭: the parent is the body 该院 points to
                    if start < s:
                        attrs["modifiers"] = text[start:s]
            else:
                start, written, kind, place = jurisdiction
                if kind == "place":
                    inner = place
                    while start in places and self._contains(places[start][1], inner):
                        # 厦门市思明区市场监管局: the places written before the jurisdiction
                        # that contain it belong to the name (the jurisdiction stays the last one).
                        start, inner = places[start]
                division = None
                if start > 2 and text[start - 1] == "师" and kind == "place":
                    # 第一师阿拉尔市市场监管局: a corps division and its city are one government (师市合一).
                    division = _CORPS_DIVISION.search(text, max(0, start - 6), start)
                    if division is not None:
                        start = division.start()
                counted = start > 0 and text[start - 1] in _COUNT_LASTS  # a cheap test before the regex
                counted = counted and self.count_before.search(text, max(0, start - 6), start)
                if text.startswith("级", jur_end) or counted:
                    continue  # 国家级…中心, 5家…分中心: a class of bodies
                codes = list((place[1] or {}).get("codes", [])) if place is not None else []
                if inherited:
                    codes = list(last[1].get("codes", []))
                if "collective" in flags and kind == "place" and codes and self._above_county(codes):
                    continue  # 济南法院: the courts of a city, not one body
                if organ == "人民政府" and kind == "place" and codes and all(c.startswith("ISO:") for c in codes):
                    continue  # 中华人民共和国政府 in a treaty: a state party, not a body
                attrs = {"jurisdiction": written, "jurisdiction_kind": kind, "organ": organ, "codes": codes}
                if jur_end < s:
                    # The words between jurisdiction and organ (知识产权工作 in
                    # 拉萨市知识产权工作联席会议领导小组) belong in the canonical name.
                    attrs["modifiers"] = _QUOTES_AND_BREAKS.sub("", text[jur_end:s])
                if division is not None:
                    attrs["canonical"] = division.group() + written + organ
                if written.startswith("中国") and len(written) > 2:
                    attrs["canonical"] = text[start:e].replace("\n", "")
                if inherited and self.plates.get(organ) == last[1].get("organ"):
                    # 市场监督管理局、知识产权局: the second plate of the same body.
                    attrs["organ"], attrs["plate2"] = last[1]["organ"], organ
                if kind == "national" and jur_end == s:
                    canonical = self.national_bodies.get(written + surface)
                    if canonical:
                        attrs["canonical"] = canonical
            if self.count_after.match(text, e):
                continue  # 国家知识产权信息服务中心1个
            if (start > 0 and text[start - 1] == "在" and text.startswith(_VENUE_VERBS, e) and (
                    last is not None and start < last[0] and text.endswith(_VENUES, 0, e)
                    or attrs["jurisdiction_kind"] == "deixis" and text.endswith(_HALLS, 0, e))):
                # 在陈埭镇人民政府便民服务中心挂牌: the government's hall is a venue; the government is named.
                # 在合作区综合服务中心举行: a service hall of the article's own jurisdiction is a venue too.
                continue
            if start > 2 and text[start - 1] in "立建" and _SET_UP_IN_EACH.search(text, max(0, start - 6), start):
                continue  # 在福田、南山等区设立深港知识产权服务工作站: one in each district, a class
            if attrs["jurisdiction_kind"] in ("none", "deixis") and self._class_of_bodies(text, start):
                # 各区、县(市)市场监管局, 等地设立…委员会: a class of bodies; so is
                # its second plate (…市场监管局（知识产权局）).
                plate = self.plate.match(text, e) if text.startswith(("(", "（"), e) else None
                class_end = skip_until = plate.end() if plate is not None else e
                continue
            end = e
            if end < len(text) and text[end] in "”\"」』" and any(q in text[start:s] for q in "“\"「『"):
                end += 1
            plate = self.plate.match(text, end) if text.startswith(("(", "（"), end) else None
            nested = None
            if plate is not None and self._plate_ok(plate.group(1), attrs):
                attrs["plate2"] = self.organs[plate.group(2)]
                nested = (plate.start(1), plate.end(2))
                end = plate.end()
            core_end = end
            government = organ == "人民政府" and attrs["jurisdiction_kind"] == "place"
            unit = self._unit(text, end, government)
            if unit is not None:
                attrs["unit"] = unit.group()
                end = unit.end()
            if (start, end) not in emitted:
                recorded.append((start, end, None, attrs))
                emitted.add((start, end))
            if nested is not None:
                # The bracketed plate is a mention of the same body (GUIDELINES: second plates).
                inner = dict(attrs, nested=True)
                inner.pop("unit", None)
                inner.pop("modifiers", None)
                prefix = plate.group(1)
                if prefix and prefix != attrs["jurisdiction"]:
                    # 永川区市场监管局（区知识产权局）: the plate writes its own jurisdiction.
                    kind = "deixis" if prefix in self.deixis else "national" if prefix in self.national else "place"
                    inner.update(jurisdiction=prefix, jurisdiction_kind=kind,
                                 codes=sorted(self._codes.get(prefix, ())) if kind == "place" else [])
                recorded.append((nested[0], nested[1], None, inner))
            # A unit named by a place is a regional branch too (中国国际贸易促进委员会四川省委员会).
            # So is a government's department (香港特别行政区政府知识产权署).
            department = government and "unit" in attrs and attrs["unit"][-1] in "局署"
            # The office of a coordinating body (…联席会议办公室, …领导小组办公室) is the
            # standing body that acts; it does not mention the meeting or group itself.
            office = "mod" in flags and "unit" in attrs and attrs["unit"].endswith("办公室")
            if ("unit" in attrs and not attrs["unit"].endswith(self.branches) and core_end not in place_starts
                    and not department and not office and (start, core_end) not in emitted):
                # 哈尔滨市中级人民法院知识产权审判庭 also mentions the court itself.
                parent = {k: v for k, v in attrs.items() if k != "unit"}
                recorded.append((start, core_end, None, dict(parent, nested=True)))
                emitted.add((start, core_end))
            last = (end, attrs)
            last_start = start  # its name is read only for a unit it set up (_set_up_by)
        self._anaphor_units(text, hits, recorded)
        if "司" in text and self._national_starts:
            self._bare_departments(text, recorded)
        self._listed_bureaus(text, recorded)
        add_all(doc, self.spans_key, "AGENCY", recorded, handed_over=True)
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
        "national_bodies": "national_bodies.tsv",
        "modifiers": "body_modifiers.txt",
        "body_verbs": "body_verbs.txt",
        "units": "unit_suffixes.txt",
        "second_plates": "second_plates.tsv",
        "boundaries": "boundaries.txt",
        "common": "common_words.txt",
        "deixis_blockers": "deixis_blockers.txt",
        "max_modifiers": 16,
        "max_unit": 10,
        "anaphors": "agency_anaphors.txt",
        "branches": "branch_suffixes.txt",
        "zones": "zone_suffixes.txt",
        "determiners": "determiners.txt",
        "adverbs": "subject_adverbs.txt",
        "members": "body_members.tsv",
        "named": "named_jurisdictions.tsv",
    },
)
def make_agencies(
    nlp: Language,
    name: str,
    spans_key: str,
    organs: str,
    deixis: str,
    national: str,
    national_bodies: str,
    modifiers: str,
    body_verbs: str,
    units: str,
    second_plates: str,
    boundaries: str,
    common: str,
    deixis_blockers: str,
    max_modifiers: int,
    max_unit: int,
    anaphors: str,
    branches: str,
    zones: str,
    determiners: str,
    adverbs: str,
    members: str,
    named: str,
) -> AgencyGrammar:
    return AgencyGrammar(
        name, spans_key, organs, deixis, national, national_bodies, modifiers, body_verbs,
        units, second_plates, boundaries, common, deixis_blockers, max_modifiers, max_unit, anaphors, branches, zones,
        determiners, adverbs, members, named,
    )
