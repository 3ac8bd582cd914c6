"""``kg_orgs``: enterprises, banks, universities, associations, parks, media.

Three grammars:

* **Suffix grammar** (``org_suffixes.tsv``): a name ends in an organisation
  word (有限公司, 银行, 支行, 研究院, 协会, 日报, 科技园 …) and starts at a left
  edge (:class:`kg.nlp.grammar.Boundaries`): after punctuation, a count, a
  function word or a verb ("…件的成都弘毅天承知识产权代理有限公司" starts after
  的), never inside a place name.  A stem spelt only from ``org_generic.txt``
  names a class (6家商标代理公司, 重点科研平台) and is dropped; "weak" endings
  (平台, 联盟) need a proper part (a place, a quoted name, Latin letters).
* **Bylines** of media outlets, read on the text with its spaces: a name at
  the start of a line or after "·" followed by 记者/讯/转载 (余姚新闻网讯,
  株洲日报·掌上株洲记者, 余姚电商资源网转载), except 本报.
* **Enumerations** before 等…企业: "针对中车、航发等我市企业" names two
  enterprises.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.grammar import Boundaries, PlaceCover, common_words, finditer_at, place_mask
from kg.nlp.spans import DEFAULT_SPANS_KEY, add, add_all, compact_spans, compact_view
from kg.nlp.text import WHITESPACE_CHARS, CompactText, canonical_text

_CJK = "\u4e00-\u9fff"
_OPEN = "“\"「『"
_CLOSE = "”\"」』"
_QUOTE_CHARS = re.compile(rf"[{_OPEN}{_CLOSE}]")
#: A quoted or Latin part makes a "weak" ending (平台, 联盟) a proper name.
_PROPER_MARK = re.compile(rf"[{_OPEN}A-Za-z]")
_DEIXIS_HEAD = re.compile(r"(?:我|全|本)(?:市|区|县|省|州|盟|旗)")  # (matched at a left edge: no ^, which pos ignores)
#: A stem ending in 一 ("a", not 第一 or 统一) speaks of one unnamed organisation.
_A_ONE = re.compile(r"(?<![第统唯专万])一$")
#: The words that close a byline, and how long the outlet's name before them can be.
_BYLINE_WORDS = ("记者", "讯", "转载", "消息")
_BYLINE_NAME = (2, 10)
_BYLINE = re.compile(
    rf"(?:^|(?<=[\s·|/]))([{_CJK}]{{{_BYLINE_NAME[0]},{_BYLINE_NAME[1]}}}?)(?:{'|'.join(_BYLINE_WORDS)})"
)
#: Where a byline can start (after a space, · , | or /; position 0 is tried too).
_BYLINE_START = re.compile(rf"[{re.escape(WHITESPACE_CHARS)}·|/](?=[{_CJK}])")  # \s spelt out: a faster scan
_BYLINE_MARKS = "·|/"
_BYLINE_SKIP = ("本报", "本网", "本台", "通讯员", "记者")
_NEWS_WORDS = ("快讯", "简讯", "资讯", "喜讯", "短讯", "电讯")
_ENUM_TAIL = re.compile(
    r"等(?:我市|本市|全市|本地|当地|省内|一批|多家|[0-9]+家)?(?:重点|骨干|龙头|知名|优势|科技型)?(?:企业|公司)"
)
_ENUM = re.compile(r"(?:[^、,，。;；:：\n“”\"]{2,8}、)+[^、,，。;；:：\n“”\"]{2,8}$")
_NAME_CHARS = re.compile(rf"[{_CJK}A-Za-z0-9()（）{_OPEN}{_CLOSE}·&]+")


#: A newsroom's desk written between the outlet and 记者 (湖南日报全媒体记者).
_DESK_WORDS = ("全媒体",)
#: Last characters of bodies and organisations: 余杭区局和阿里巴巴公司 is a list of two.
_BODY_LASTS = frozenset("局院厅委办府部署站组队心室处科所会社司行校")
#: What a company writes in brackets inside its name: 中国北方稀土（集团）高科技股份有限公司.
_GROUP_WORDS = ("集团", "控股", "集团控股")
#: Locative words after a name (开发区内, 园区外) do not run into it.
_LOCATIVE = "内外"


class OrgFinder:
    """Suffix grammar, bylines and enumerations for organisations that are not public bodies."""

    def __init__(
        self, name: str, spans_key: str, suffixes: str, generic: str, boundaries: str, common: str,
        min_len: int, max_len: int, named: str = "named_jurisdictions.tsv",
    ):
        self.name = name
        self.scanner = lexicon.SCANNER
        self.spans_key = spans_key
        rows = lexicon.rows(suffixes)
        self.weak = {r[0] for r in rows if len(r) > 1 and r[1] == "weak"}
        self.suffix_list = self.scanner.register(r[0] for r in rows)
        self.generic = re.compile(f"(?:{lexicon.alternation(lexicon.words(generic))})+")
        self.words = common_words(common)
        self.boundaries = Boundaries(lexicon.words(boundaries), self.words)
        # Two-character boundary words and the endings a stem can never open with.
        self.word_edges = frozenset(w for w in lexicon.words(boundaries) if len(w) == 2)
        strong = sorted({r[0] for r in rows if len(r[0]) >= 2 and r[1:] == ("strong",)})
        # A stem that ends in a strong ending of two or more characters is a whole name.
        self.suffix_end = re.compile(f"(?:{lexicon.alternation(strong)})$")
        self.suffix_head = re.compile(lexicon.alternation(strong))
        self.min_len = min_len
        self.max_len = max_len
        self.named = lexicon.mapping(named)

    def _is_generic(self, stem: str) -> bool:
        plain = _QUOTE_CHARS.sub("", stem)
        return not plain or self.generic.fullmatch(plain) is not None

    def _suffixed(self, doc: Doc, text: str, places: list[tuple[int, int]], gaps: tuple[int, ...] = ()) -> None:
        """Names that end in a suffix of ``org_suffixes.tsv``, from their left edge.

        ``gaps`` are the compact positions where the original had whitespace:
        a complete name before one (…股份有限公司　洛阳高新区, two table cells)
        is not part of the next name.
        """
        mask = None
        found = []  # recorded together at the end, in the order found
        for s, e in self.scanner.scan(text).longest(self.suffix_list):
            if self.words.right_cut(text, e) and text[e] not in _LOCATIVE and not (e - s > 1 and text[e] == "为"):
                continue  # 大学生, 公司化 (but 高新区内: 内 places, it does not extend; 分行为企业: 为 is the verb)
            if mask is None:
                # Built for the first suffix that counts (many articles have none).
                # Lookups by position rather than scans over every place: a long
                # text holds thousands of places and hundreds of suffixes.
                mask = place_mask(len(text), places)
                places = sorted(places)
                starts = [a for a, _ in places]
                place_ends = {b: a for a, b in places}
                cover = PlaceCover(places, last=False)
            edge = self.boundaries.left_edge(text, s, self.max_len, mask)
            if edge > 1 and text[edge - 2 : edge] in self.word_edges and self.suffix_head.match(text, edge, s):
                # 中国建设银行山东省分行: a stem cannot open with an ending (银行), so the
                # boundary word before it (建设) is the name's own; look further back.
                edge = self.boundaries.left_edge(text, edge - 2, self.max_len - (s - edge) - 2, mask)
            while (edge > 2 and s - edge < self.min_len and text[edge - 2 : edge] in self.word_edges
                   and "\u4e00" <= text[edge - 3] <= "\u9fff" and text.endswith("公司", s, e)):
                # 郑州国际陆港开发建设有限公司: a company's trade word right before the ending is its name's own.
                edge = self.boundaries.left_edge(text, edge - 2, self.max_len - (s - edge) - 2, mask)
            if edge > 0 and text[edge - 1] in _OPEN and any(c in text[edge:s] for c in _CLOSE):
                edge -= 1  # keep the opening quote of "红盾云桥"政企协作平台
            elif edge > 1 and text[edge - 1] in _CLOSE:
                opened = max(text.rfind(q, max(0, edge - 14), edge - 1) for q in _OPEN)
                if opened >= 0 and not any(c in text[opened + 1 : edge - 1] for c in _OPEN + _CLOSE):
                    edge = opened  # a quoted name before the ending: “红盾云桥”政企协作平台
            elif edge > 2 and text[edge - 1] in ")）" and (text[e - 1] == "区" or text.endswith("公司", s, e)):
                # A zone or company with a place in brackets inside its name: 中国（上海）自由贸易试验区,
                # 图们江区域（珲春）国际合作示范区, 利丰贸易（香港）有限公司, or a company with its group's
                # word there: 中国北方稀土（集团）高科技股份有限公司.  The name goes on before the bracket.
                # (Other names take brackets for a second name: …公司(…平台) is two mentions.)
                grouped = text.endswith("公司", s, e) and text.endswith(_GROUP_WORDS, 0, edge - 1)
                lo = max(0, edge - (8 if grouped else 10))
                opened = max(text.rfind("(", lo, edge - 1), text.rfind("（", lo, edge - 1))
                k = bisect.bisect_left(starts, opened + 1)
                if opened > 0 and (grouped or places[k : k + 1] == [(opened + 1, edge - 1)]):
                    before = self.boundaries.left_edge(text, opened, self.max_len, mask)
                    if before < opened and before != max(0, opened - self.max_len):
                        edge = before
            if edge > 2 and text[edge - 1] in "和与" and edge - 2 in place_ends and text[edge - 2] not in _BODY_LASTS:
                # 包头天和磁材科技股份有限公司: a place and one character before 和 make no conjunct;
                # the name's own 和 (天和) follows its place.
                edge = place_ends[edge - 2]
            inside = cover.start_at(edge)
            if inside is not None:
                edge = inside  # never start inside a place name
            if edge == max(0, s - self.max_len) and edge > 0:
                continue  # no left edge in reach: not a name we can delimit
            head = _DEIXIS_HEAD.match(text, edge)
            if head:
                edge = head.end()
            if gaps and gaps[-1] > edge:
                at = bisect.bisect_right(gaps, edge)
                while at < len(gaps) and gaps[at] < s:
                    if self.suffix_end.search(text, edge, gaps[at]):
                        edge = gaps[at]  # a whole name, then a space: the next cell starts here
                    at += 1
            if e in place_ends and place_ends[e] >= edge:
                continue  # (上海市)浦东新区, 雄安新区: a new area that is a division is a place, not a zone
            stem = text[edge:s]
            if stem.endswith("一") and _A_ONE.search(stem):
                continue  # 广州市白云区一批发市场: "a wholesale market in …", no name
            if len(stem) < self.min_len or not _NAME_CHARS.fullmatch(stem) or self._is_generic(stem):
                continue
            if "某" in stem:
                continue  # 济南某科技有限公司: an anonymised party, not a name
            if text[s:e] in self.weak:
                first = bisect.bisect_left(starts, edge)
                proper = any(b <= s for _, b in places[first : bisect.bisect_left(starts, s)]) or _PROPER_MARK.search(stem)
                if not proper:
                    continue
            if text[s:e] in self.weak and text[edge] in _OPEN:
                close = max(text.rfind(q, edge + 1, s) for q in _CLOSE)
                if close > edge + 1 and self._is_generic(text[close + 1 : s]):
                    # “淘宝”交易平台: a brand and a generic word for what it runs; the brand is the name.
                    found.append((edge + 1, close, canonical_text(text[edge + 1 : close]), None))
                    continue
            name = self.named.get(text[edge:e]) or canonical_text(_QUOTE_CHARS.sub("", text[edge:e]))
            found.append((edge, e, name, None))  # (两江新区: the official name, 重庆两江新区)
        add_all(doc, self.spans_key, "ORG", found)

    def _bylines(self, doc: Doc) -> None:
        view = compact_view(doc)
        for match in finditer_at(_BYLINE, view.simplified, _byline_candidates(view)):
            name = match.group(1)
            if name.startswith(_BYLINE_SKIP) or self._is_generic(name):
                continue
            if view.simplified[match.end(1) - 1 : match.end(1) + 1] in _NEWS_WORDS:
                continue  # 知识产权快讯, 工作简讯: a column name, not a paper's dateline
            end = match.end(1)
            desk = next((w for w in _DESK_WORDS if name.endswith(w)), "")
            if desk and len(name) > len(desk) + 2:
                end -= len(desk)  # 湖南日报全媒体记者: the paper's all-media desk, the outlet is 湖南日报
            add(doc, self.spans_key, "ORG", match.start(1), end, compact=False)

    def _enumerations(self, doc: Doc, text: str, places: list[tuple[int, int]]) -> None:
        place_set = None  # made at the first list (most articles have none)
        for tail in _ENUM_TAIL.finditer(text):
            # Anchor on 等…企业 and read the list backwards: cheaper than a
            # list regex tried at every position.
            match = _ENUM.search(text, max(0, tail.start() - 60), tail.start())
            if match is None:
                continue
            if place_set is None:
                place_set = set(places)
            items = match.group().split("、")
            first = items[0]
            edge = self.boundaries.left_edge(text, match.start() + len(first), len(first))
            pos = match.start()
            for item in items:
                start, end = pos, pos + len(item)
                pos = end + 1
                if start < edge:
                    start = edge
                if end - start < 2 or (start, end) in place_set or self._is_generic(text[start:end]):
                    continue
                add(doc, self.spans_key, "ORG", start, end)

    def __call__(self, doc: Doc) -> Doc:
        view = compact_view(doc)
        text = view.text
        places = [(start, end) for start, end, _span in compact_spans(doc, self.spans_key, "PLACE")]
        self._suffixed(doc, text, places, tuple(view.offsets.starts[1:]))
        self._bylines(doc)
        self._enumerations(doc, text, places)
        return doc


def _byline_candidates(view: CompactText) -> list[int]:
    """The :func:`_byline_starts` with a byline's closing word in reach, ascending.

    The closing word lies 2 to 10 characters after a byline's start; an
    article has about one such word and some thirty starts, so only the
    starts in reach before each closing word are worked out.
    """
    text = view.simplified
    closing = sorted(at for word in _BYLINE_WORDS for at in _find_all(text, word))
    shortest, longest = _BYLINE_NAME
    found: set[int] = set()
    for at in closing:
        if at >= shortest:  # a start in [at - longest, at - shortest] has this word in reach
            found.update(_byline_starts(view, max(0, at - longest), at - shortest))
    return sorted(found)


def _find_all(text: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs in ``text``, ascending (``str.find`` skips to each in C)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _byline_starts(view: CompactText, lo: int = 0, hi: int | None = None) -> list[int]:
    """0 and every position after a space, · , | or / where a Chinese character follows, ascending.

    Only the starts in ``[lo, hi]`` (the whole text by default).  The compact
    view already knows where the whitespace runs end; the marks are rare and
    ``str.find`` skips to them, so no regex scans the text.
    """
    text = view.simplified
    size = len(text)
    hi = size if hi is None else hi
    first = [0] if lo == 0 else []
    if view.space_ends is None:
        # One character past hi: the lookahead reads the character a start at hi is.
        return first + [after.end() for after in _BYLINE_START.finditer(text, max(0, lo - 1), hi + 1)]
    space_ends = view.space_ends
    starts = [
        end
        for end in space_ends[bisect.bisect_left(space_ends, lo) : bisect.bisect_right(space_ends, hi)]
        if end < size and "\u4e00" <= text[end] <= "\u9fff"
    ]
    for mark in _BYLINE_MARKS:  # a mark at lo - 1 up to hi - 1 starts one in [lo, hi]
        at = text.find(mark, max(0, lo - 1), hi)
        while at >= 0:
            if at + 1 < size and "\u4e00" <= text[at + 1] <= "\u9fff":
                starts.append(at + 1)
            at = text.find(mark, at + 1, hi)
    starts.sort()
    return first + starts


@Language.factory(
    "kg_orgs",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "suffixes": "org_suffixes.tsv",
        "generic": "org_generic.txt",
        "boundaries": "boundaries.txt",
        "common": "common_words.txt",
        "min_len": 2,
        "max_len": 20,
        "named": "named_jurisdictions.tsv",
    },
)
def make_orgs(
    nlp: Language, name: str, spans_key: str, suffixes: str, generic: str, boundaries: str, common: str,
    min_len: int, max_len: int, named: str,
) -> OrgFinder:
    return OrgFinder(name, spans_key, suffixes, generic, boundaries, common, min_len, max_len, named)
