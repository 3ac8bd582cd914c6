"""``kg_campaigns``: named campaigns, programmes, publicity days and weeks.

Three grammars:

* **Quoted names with a kind word** (``campaign_kinds.txt``): "蓝天"专项行动,
  “三比一讲”争先创优活动.  A list of quoted names shares one kind word
  ("铁拳""剑网""昆仑"等行政执法专项行动 → 铁拳专项行动, 剑网专项行动, …;
  each mention is the quoted name).  A quoted name that ends in its own
  kind word, maybe with a year, is one too (“蓝网行动”, ‘龙腾行动2024’).  A
  quoted theme (以"…"为主题) is not a campaign.
* **Unquoted names after a verb of conducting** (``campaign_verbs.txt``):
  开展打击商标恶意抢注行为专项行动, 实施知识产权强企工程, 深入开展知识产权
  “面对面”服务企业行动, or before a meeting that drives them (全州专利转化
  运用专项行动推进会).  Kinds marked ``quoted`` (活动) need a quoted part:
  开展宣传活动 is a generic activity.
* **Events**: names from ``named_events.txt`` with what the text puts in
  front (第24个, "4·26", 2023年, 内蒙古, 全国) and a trailing 活动, and quoted
  names ending in an event word from ``event_suffixes.txt`` (“拉萨商标周”).

``Mention.name`` is the name without quotes plus its kind word; an event's
name drops ordinals, dates and 全国 but keeps a year or place that makes it
one edition (2023年内蒙古知识产权宣传周).
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon
from kg.nlp.grammar import Boundaries, common_words, finditer_at
from kg.nlp.spans import DEFAULT_SPANS_KEY, add_all, compact_spans, compact_view

_CJK = "\u4e00-\u9fff"
# ‘’ are the quotes nested inside “”: ‘蓝网行动’ in a quoted remark.
_OPEN = "“\"「『‘"
_CLOSE = "”\"」』’"
#: How long a quoted name can be, in characters between the quotes.
_QUOTED_LENGTH = (2, 30)
_QUOTED = rf"[{_OPEN}]([^{_OPEN}{_CLOSE}\n]{{{_QUOTED_LENGTH[0]},{_QUOTED_LENGTH[1]}}})[{_CLOSE}]"
_UNQUOTE = re.compile(rf"[{_OPEN}{_CLOSE}]")
_CLOSING_QUOTE = re.compile(f"[{_CLOSE}]")
_DATE = r"[0-9]{1,2}[·•.．][0-9]{1,2}"
_CONNECTOR = re.compile(r"[—–\-·]")
_DASHES = re.compile(r"[—–\-]")
#: A kind word followed by one of these names a document, not a campaign (专项行动计划).
_DOCUMENT_WORDS = ("计划", "方案", "纲要", "指南", "实施方案", "工作方案")
_NOT_AFTER_KIND = f"(?!{'|'.join(_DOCUMENT_WORDS)})"
_DATE_ONLY = re.compile(_DATE)
#: A leading duration is not part of a name: 开展为期9个月的…专项整治行动.
_DURATION = re.compile(r"为期[0-9一二三四五六七八九十两半]{1,3}个?[年月周天日]的?")
#: 全省, 全州 …: the whole jurisdiction, not part of the name.
_WHOLE = re.compile(r"全[国省市州区县盟旗]")
#: 第二届, 首届, 第3期 …: an edition's ordinal before a campaign's name.
_ORDINAL = re.compile(r"(?:第[0-9０-９一二三四五六七八九十百]+|首)[届期轮次]")
#: The same right before an event's name (第二十三届 + 中国·海峡项目成果交易会).
_EDITION = re.compile(r"(?:第[0-9０-９一二三四五六七八九十百]+|首)[届次]$")
#: 省级, 国家级 …: the level of government a campaign runs at, not part of its name.
_LEVEL = re.compile(r"(?:国家|省|市|州|区|县)级")
#: The characters _ORDINAL and _LEVEL can open with: a cheap test before each.
_ORDINAL_FIRSTS = frozenset("第首")
_LEVEL_FIRSTS = frozenset("国省市州区县")
#: What may follow a kind word inside quotes: a closing quote or a year's first digit.
_AFTER_QUOTED_KIND = frozenset(_CLOSE + "0123456789")
#: How many digits of a year a quoted name may carry after its kind word (“龙腾行动2024”).
_YEAR_DIGITS = 4
_QUOTED_RE = re.compile(_QUOTED)
_OPEN_QUOTE = re.compile(f"[{_OPEN}]")
#: How a stem that :data:`_THEMED_YEAR` matches ends (``$`` also matches before a final line break).
_YEAR_ENDS = ("年", "年\n")
#: A themed year (执法年, 质量提升年): 开展种业监管执法年活动 names one campaign,
#: where 开展2024年活动 or 开展宣传活动 does not.
_THEMED_YEAR = re.compile(rf"[{_CJK}]{{2}}(?<![〇一二三四五六七八九十两今去明前后每全当同])年$")
#: What joins two campaign names in one object (“剑网”专项行动和…行动).
_CONJUNCTION = re.compile(r"以及|和|及|与|、")
#: A short name given right after a campaign's: （以下简称“专项计划”）.
_ALIAS = re.compile(rf"[(（](?:以下简称|下称|简称)[{_OPEN}]([{_CJK}]{{2,12}})[{_CLOSE}][)）]")
_EVENT_RUN = re.compile(rf"[{_CJK}—–\-·]+")
#: A run with a place or trade in brackets: 中国（晋江）国际鞋业（体育产业）+ 博览会.
_EVENT_RUN_BRACKETS = re.compile(rf"(?:[{_CJK}—–\-·]+|[(（][{_CJK}]{{2,6}}[)）])+")
_BRACKETS = re.compile(r"[(（）)]")
#: The last character of a written event prefix (see ``CampaignFinder.event_prefix``).
_PREFIX_LASTS = frozenset(_CLOSE + "0123456789年国\n")


def _plain(text: str) -> str:
    return _UNQUOTE.sub("", text).replace("\n", "")


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a 《title》 on its line.

    >>> _in_title("印发《打击侵权假冒“清源”专项行动方案》", 9, 17)
    True
    """
    opened = text.rfind("《", max(0, start - 60), start)
    if opened < 0 or text.rfind("》", opened, start) >= 0:
        return False
    closed = text.find("》", end, end + 60)
    return closed >= 0 and "\n" not in text[opened:closed]


def _is_theme(text: str, start: int, end: int) -> bool:
    """Whether the quoted name at ``[start, end)`` is a theme (以“…”为主题), not a campaign.

    >>> _is_theme("以“品牌强国行动”为主题", 1, 9)
    True
    """
    return "主题" in text[max(0, start - 3) : start] or text.startswith("为主题", end)


class CampaignFinder:
    """Quoted names with a kind word, verb-introduced names, and events."""

    def __init__(
        self,
        name: str,
        spans_key: str,
        kinds: str,
        events: str,
        verbs: str,
        event_suffixes: str,
        boundaries: str,
        max_middle: int,
        max_stem: int,
        scopes: str = "campaign_scopes.txt",
        meetings: str = "campaign_meetings.txt",
        topics: str = "campaign_topics.txt",
        common: str = "common_words.txt",
        objects: str = "campaign_objects.txt",
    ):
        self.name = name
        self.scanner = lexicon.SCANNER
        self.meetings = tuple(lexicon.words(meetings))
        self.scope = re.compile(lexicon.alternation(lexicon.words(scopes)))
        self.spans_key = spans_key
        rows = lexicon.rows(kinds)
        # 活动 and the activity heads (专题培训): only with a quoted name.
        self.activities = {r[0] for r in rows if len(r) > 1 and r[1] == "activity"}
        self.quoted_only = {r[0] for r in rows if len(r) > 1 and r[1] == "quoted"} | self.activities
        # 计划: only a whole quoted name ending in it (“专利产业化促进中小企业成长计划”); “十四五”计划
        # and 实施…计划 name plans.
        self.whole_only = {r[0] for r in rows if len(r) > 1 and r[1] == "whole"}
        # 专项检查: unquoted, the name must say what it protects (campaign_topics.txt).
        self.topic_only = {r[0] for r in rows if len(r) > 1 and r[1] == "topic"}
        self.topic = re.compile(lexicon.alternation(lexicon.words(topics)))
        # 地理标志产品专项检查: a topic word that only describes the goods checked (campaign_objects.txt).
        self.objects = tuple(lexicon.words(objects))
        kind = lexicon.alternation([r[0] for r in rows if r[0] not in self.whole_only])
        self.max_middle = max_middle
        sep = r"(?:[、,，和及与]?)"
        self.quoted_list = re.compile(
            rf"((?:{_QUOTED}{sep})*{_QUOTED})(等)?([{_CJK}]{{0,{max_middle}}}?)({kind})"
        )
        self.quoted = _QUOTED_RE
        self.open_quote_list = self.scanner.register(_OPEN)
        self.kind_list = self.scanner.register(r[0] for r in rows if r[0] not in self.whole_only)
        # (计划 is in most articles: looked at only right before a closing quote, found in the scanner's pass)
        self.whole_list = self.scanner.register(word + close for word in self.whole_only for close in _CLOSE)
        self.verbs = re.compile(lexicon.alternation(lexicon.words(verbs)))
        self.max_stem = max_stem
        self.events = lexicon.alternation(lexicon.words(events))
        self.event_list = self.scanner.register(lexicon.words(events))
        self.event_name = re.compile(self.events)
        self.dated_event = re.compile(rf"(?:{_DATE})?(?:{self.events})")
        self.event_prefix = re.compile(
            rf"(?:(?P<qdate>[{_OPEN}]{_DATE}[{_CLOSE}])|(?P<open>[{_OPEN}])?(?P<date>{_DATE}))?(?P<year>[0-9]{{4}}年)?(?P<nation>全国)?$"
        )
        # What a quoted name ends in to be an event (str.endswith: a `$`-anchored
        # search tried every position of the name; names hold no line break).
        self.event_endings = tuple(lexicon.words(event_suffixes))
        self.event_word_list = self.scanner.register(lexicon.words(event_suffixes))
        self.stem_stop = re.compile(r"[\s,，。、;；:：!！?？…—·/|()（）\[\]【】<>《》〈〉]|等")
        self.boundaries = Boundaries(lexicon.words(boundaries))
        # Between a quoted name and its kind word a boundary inside a common word is none
        # (“千企百校”专利对接行动: 对 of 对接).
        self.middle_boundaries = Boundaries(lexicon.words(boundaries), common_words(common))

    def _add(self, start: int, end: int, name: str, kind: str, seen: dict, nested: bool = False) -> None:
        """Note a campaign at compact ``[start, end)`` unless one was noted there (recorded in order at the end).

        ``nested``: the campaign is named inside a title (《…“清源”专项行动方案》) and stays there.
        """
        if (start, end) not in seen:
            seen[(start, end)] = (start, end, name, {"kind": kind, "nested": True} if nested else {"kind": kind})

    def _list_starts(self, text: str, opening: list[int]) -> list[int]:
        """The opening quotes a quoted list with its kind word may start at.

        The list's last closing quote stands at most 等 and ``max_middle``
        characters before a kind word, and no line break lies between the
        list's start and the kind word: a quote with no such kind word on its
        line is not tried (most quotes an article holds).
        """
        reach = 2 + self.max_middle
        anchors = [
            start
            for start, _ in self.scanner.scan(text).spans(self.kind_list)
            if _CLOSING_QUOTE.search(text, max(0, start - reach), start)
        ]
        starts = []
        for at in opening:
            k = bisect.bisect_right(anchors, at)
            if k < len(anchors) and text.find("\n", at, anchors[k]) < 0:
                starts.append(at)
        return starts

    def _quoted(self, text: str, seen: dict, opening: list[int]) -> None:
        # The list starts at an opening quote: try it only there.
        for match in finditer_at(self.quoted_list, text, self._list_starts(text, opening)):
            listed, etc, middle, kind = match.group(1), match.group(4), match.group(5), match.group(6)
            names = list(self.quoted.finditer(listed))
            offset = match.start(1)
            in_title = _in_title(text, offset, match.end())
            if text.startswith(_DOCUMENT_WORDS, match.end()) and not in_title:
                continue  # “…”专项行动方案 in running text names the plan (a title inside 《》 names both)
            if _is_theme(text, offset, match.end()):
                continue
            if kind in self.quoted_only and (etc or len(names) > 1):
                continue  # "…""…"等系列活动: a list of activities, not named campaigns
            if any(_DATE_ONLY.fullmatch(q.group(1)) for q in names) or self.event_name.search(middle):
                continue  # “5·10”中国品牌日系列活动: a date is no name; _events reads the event
            if any(q.group(1).endswith(self.event_endings) for q in names):
                continue  # “知识产权宣传周”活动: the event itself is found by _events
            if len(names) == 1 and not etc:
                if middle and self.middle_boundaries.has_boundary(text, match.start(5), match.end(5)) and not (
                        kind in self.activities and len(middle) >= 2 and "的" not in middle[-2:]
                        and not self.middle_boundaries.has_boundary(text, match.start(5), match.end(5) - 2)):
                    continue  # but "问需解难"深入走访企业: an adverb right before the activity's head
                self._add(match.start(), match.end(), names[0].group(1) + middle + kind, kind, seen, in_title)
                continue
            for quoted in names:
                self._add(offset + quoted.start(), offset + quoted.end(), quoted.group(1) + kind, kind, seen, in_title)

    def _kinds(self, text: str) -> list[tuple[int, int]]:
        """Kind words not followed by a document word, leftmost-longest, not overlapping.

        At a start the longest kind word that no document word follows wins
        (as the regex ``(?:kind|…)(?!计划|…)`` reads them).
        """
        found = []
        done = 0
        for start, end in self.scanner.scan(text).spans(self.kind_list):
            if start >= done and not text.startswith(_DOCUMENT_WORDS, end):
                found.append((start, end))
                done = end
        return found

    def _introduced(self, text: str, seen: dict, place_ends: dict[int, int]) -> None:
        # Where a conjunction after a campaign found so far ends: a name joined
        # to one by 和/及/、 shares its verb (rare: most articles have none).
        joins = self._joins(text, seen)
        for s, kind_end in self._kinds(text):
            kind = text[s:kind_end]
            lo = max(0, s - self.max_stem)
            if (kind in self.quoted_only and _OPEN_QUOTE.search(text, lo, s) is None
                    and not text.endswith(_YEAR_ENDS, lo, s)):
                # 开展宣传活动: the stem will lie in text[lo:s], so it holds no quote and
                # names no themed year; the generic test below would skip it (most 活动).
                continue
            verb = None
            for candidate in self.verbs.finditer(text, lo, s):
                verb = candidate
            joined = None
            if joins and joins[-1] > lo:
                at = bisect.bisect_left(joins, s)
                if at and joins[at - 1] > lo:
                    joined = joins[at - 1]
            if joined is not None and (verb is None or verb.end() <= joined):
                # 做好“剑网2024”专项行动和青少年版权保护季行动: the second name of a
                # coordination starts after the conjunction, whatever verb leads the first.
                begin = joined
            elif verb is not None:
                begin = verb.end()
            elif text.startswith(self.meetings, kind_end):
                # 全州专利转化运用专项行动推进会: a meeting named after the campaign it drives.
                begin = self.boundaries.left_edge(text, s, self.max_stem)
                if begin == lo and lo > 0:
                    continue  # no left edge in reach
                whole = _WHOLE.match(text, begin, s)
                if whole is not None:
                    begin = whole.end()
            else:
                continue
            duration = _DURATION.match(text, begin, s)
            if duration is not None:
                begin = duration.end()
            # Each pattern tried only where its first character stands (most stems open with neither).
            ordinal = _ORDINAL.match(text, begin, s) if begin < s and text[begin] in _ORDINAL_FIRSTS else None
            if ordinal is not None:
                begin = ordinal.end()  # 参加第二届“…”活动: the edition, not part of the name
            level = _LEVEL.match(text, begin, s) if begin < s and text[begin] in _LEVEL_FIRSTS else None
            if level is not None:
                begin = level.end()  # 在省级专利转化运用专项行动中: the level that runs it, not the name
            lead = self.boundaries.pattern.match(text, begin, s)
            if lead is not None and (lead.group()[0] >= "\u4e00" or lead.group()[0].isdigit()):
                begin = lead.end()  # 启动了…, 开展2024年…: a particle or a date is not part of the name
            first_quote = self.quoted.search(text, begin, s)
            if first_quote is not None and self.scope.search(text, begin, first_quote.start()):
                # 知识产权代理行业“蓝天”专项整治行动: a scope, then the name.  What stands
                # between the scope and the quote describes the work, not the name
                # (民生领域案件查办“铁拳”行动 → “铁拳”行动).
                begin = first_quote.start()
            elif first_quote is not None and place_ends.get(first_quote.start()) == begin:
                # 纳入湖南省“知惠行”专项行动: the place that runs it, then the name.
                begin = first_quote.start()
            stem = text[begin:s]
            if self.event_name.search(stem):
                continue  # “5·10”中国品牌日系列活动: the event grammar reads named events
            if len(self.quoted.findall(stem)) > 1:
                continue  # "雷霆""护航"专项行动: a list, each name its own campaign
            unquoted = _QUOTED_RE.sub("", stem)
            if self.stem_stop.search(unquoted) or len(_plain(stem)) < 2:
                continue
            if kind in self.quoted_only and unquoted == stem and not _THEMED_YEAR.search(stem):
                continue  # 开展宣传活动: generic; 种业监管执法年活动 names a themed year
            if kind in self.topic_only and unquoted == stem and (not self.topic.search(stem) or stem.endswith(self.objects)):
                continue  # 开展农村集贸市场专项检查, 地理标志产品专项检查: a routine check of goods, not a named campaign
            if _UNQUOTE.search(unquoted):
                continue  # an unbalanced quote
            self._add(begin, kind_end, _plain(stem) + kind, kind, seen)

    @staticmethod
    def _joins(text: str, seen: dict) -> list[int]:
        """Ends of the conjunctions that follow a campaign noted in ``seen``, ascending.

        >>> CampaignFinder._joins("开展“剑网”专项行动和版权保护季行动", {(2, 10): None})
        [11]
        """
        ends = []
        for _, end in seen:
            conj = _CONJUNCTION.match(text, end)
            if conj is not None:
                ends.append(conj.end())
        return sorted(ends)

    def _repeats(self, text: str, found: list[tuple[int, int, str, dict]], seen: dict) -> None:
        """A name the verb grammar found counts wherever the article repeats it.

        开展地理标志保护工程 … 以地理标志保护工程为牵引: the second time no verb
        stands before it.  A short name given in brackets right after it counts
        too (…专项计划（以下简称“专项计划”） … 纳入专项计划的单位).
        """
        for start, end, name, attrs in found:
            surface = text[start:end]
            # Quoted names are found wherever they stand by the quoted grammar.
            names = [surface] if len(surface) >= 6 and not _UNQUOTE.search(surface) else []
            alias = _ALIAS.match(text, end)
            if alias is not None and alias.group(1).endswith(attrs["kind"]):
                names.append(alias.group(1))
                self._add(alias.start(1), alias.end(1), name, attrs["kind"], seen)
            for written in names:
                at = text.find(written)
                while at >= 0:
                    if (at, at + len(written)) != (start, end) and not self._inside(at, at + len(written), seen):
                        self._add(at, at + len(written), name, attrs["kind"], seen)
                    at = text.find(written, at + len(written))

    @staticmethod
    def _inside(start: int, end: int, seen: dict) -> bool:
        """Whether a campaign already noted covers ``[start, end)``."""
        return any(a <= start and end <= b for a, b in seen)

    def _quoted_actions(self, text: str, seen: dict) -> None:
        """“蓝网行动”, ‘龙腾行动2024’: a quoted name that ends in its own kind word (and maybe a year).

        Found from the kind words the scanner already holds: one followed by a
        closing quote (or by a year and one) is looked at, the other quotes not.
        """
        size = len(text)
        hits = self.scanner.scan(text)
        spans = hits.spans(self.kind_list)
        whole = hits.longest(self.whole_list)
        if whole:
            spans = [*spans, *((start, end - 1) for start, end in whole)]  # (the word without its quote)
        for start, end in spans:
            if end >= size or text[end] not in _AFTER_QUOTED_KIND:
                continue  # most kind words: no quote closes right after them
            close = end
            if text[end] not in _CLOSE:  # a year's first digit: the quote closes after the year
                close = end + _YEAR_DIGITS
                if close >= size or text[close] not in _CLOSE or not text[end:close].isdigit():
                    continue
            kind = text[start:end]
            if kind in self.quoted_only:
                continue  # “…活动”: an activity needs its kind word outside the quotes
            opened = max(text.rfind(q, max(0, start - _QUOTED_LENGTH[1]), start) for q in _OPEN)
            if opened < 0 or start - opened < 3:
                continue  # no opening quote in reach, or no name before the kind word
            inner = text[opened + 1 : close]
            if _CLOSING_QUOTE.search(inner) or "\n" in inner:
                continue
            if kind in self.whole_only and (opened + 1, close) in seen:
                continue  # （以下简称“专项计划”）: the short name of a campaign found already
            if _is_theme(text, opened, close + 1):
                continue
            self._add(opened, close + 1, _plain(inner), kind, seen)

    def _read_events(self, text: str) -> list[tuple[int, int, bool, bool]]:
        """``(start, end, closing quote?, 活动?)`` of each named event, left to right, not overlapping.

        The event's name (the longest at a start), then a closing quote and
        活动 (not 活动主题) if written: what the regex
        ``(event|…)([”…])?(活动(?!主题))?`` reads, from the scanner's hits.
        """
        found = []
        done = 0
        size = len(text)
        for start, event_end in self.scanner.scan(text).spans(self.event_list):
            if start < done:
                continue  # inside the last event read, or a shorter event at its start
            close_q = event_end < size and text[event_end] in _CLOSE
            end = event_end + 1 if close_q else event_end
            activity = text.startswith("活动", end) and not text.startswith("主题", end + 2)
            done = end + 2 if activity else end
            found.append((start, event_end, close_q, activity))
        return found

    def _events(
        self, text: str, seen: dict, place_ends: dict[int, int], opening: list[int]
    ) -> None:
        for start, event_end, close_q, activity in self._read_events(text):
            event = text[start:event_end]
            end = event_end + close_q + 2 * activity  # with the closing quote and 活动 if written
            place = ""
            place_start = place_ends.get(start)
            if place_start is not None:
                place = text[place_start:start]
                start = place_start  # 2023年内蒙古知识产权宣传周: one edition
            # A prefix that is not empty ends in a quote, a digit, 年 or 国 (or a
            # break `$` allows before): elsewhere the search finds the empty one.
            prefix = None
            if start > 0 and text[start - 1] in _PREFIX_LASTS:
                prefix = self.event_prefix.search(text, max(0, start - 12), start)
            year = None
            if prefix is not None and prefix.group():
                year = prefix.group("year")
                if prefix.group("open") and not close_q:
                    start = prefix.start("date")  # a quote that does not wrap the event
                else:
                    start = prefix.start()
            if close_q and not (prefix is not None and prefix.group("open")):
                end = event_end  # “知识产权宣传周”活动: the quotes close the name
            elif close_q and activity:
                end = event_end + 1  # the closing quote
            name = event
            if year or place:
                name = (year or "") + place + event
            self._add(start, end, name, event, seen)
        for match in finditer_at(self.quoted, text, self._quoted_event_starts(text, opening)):
            inner = match.group(1)
            if inner.endswith(self.event_endings) and not self.dated_event.fullmatch(inner):
                self._add(match.start(), match.end(), _plain(inner), "event", seen)
        self._place_events(text, seen, place_ends)

    def _quoted_event_starts(self, text: str, opening: list[int]) -> list[int]:
        """The opening quotes a quoted event name (“拉萨商标周”) may start at.

        Its name ends in an event word right before the closing quote, which
        stands 3 to 31 characters after the opening one (a name of 2 to 30,
        :data:`_QUOTED_LENGTH`); most of an article's quotes have no such
        closing quote in reach, and they are not tried.  A straight quote (")
        both closes a name and may open the next, so a text holding one has
        every quote tried, as the matches left to right decide which quotes
        open a name.
        """
        if '"' in text:
            return opening
        size = len(text)
        closing = sorted(
            {end for _, end in self.scanner.scan(text).spans(self.event_word_list) if end < size and text[end] in _CLOSE}
        )
        if not closing:
            return []
        shortest, longest = _QUOTED_LENGTH
        return [
            at
            for at in opening
            if (k := bisect.bisect_left(closing, at + 1 + shortest)) < len(closing) and closing[k] <= at + 1 + longest
        ]

    def _place_events(self, text: str, seen: dict, place_ends: dict[int, int]) -> None:
        """Unquoted events named after places: 中国—东盟博览会, 中国—东盟知识产权论坛.

        The name starts at a place and runs, without a boundary word, over
        more places (joined by —), name words and an event ending.
        """
        starts: list[int] | None = None
        for s, word_end in self.scanner.scan(text).longest(self.event_word_list):
            if s > 0 and text[s - 1] in _CLOSE:
                continue  # “拉萨商标周”: quoted names are read above
            if starts is None:  # sorted once an event word needs them
                starts = sorted(place_ends.values())
            first = bisect.bisect_left(starts, s - self.max_stem)
            for start in starts[first : bisect.bisect_left(starts, s)]:
                run = text[start:s]
                if not _EVENT_RUN.fullmatch(run) and not (
                        run.startswith("中国") and _EVENT_RUN_BRACKETS.fullmatch(run)):
                    continue
                words = _BRACKETS.sub("", _CONNECTOR.sub("", run))
                if self.boundaries.has_boundary(words, 0, len(words)):
                    continue
                # Dashes are one connector (中国-东盟 → 中国—东盟); a middle dot is the name's own (中国·海峡).
                name = _DASHES.sub("—", run) + text[s:word_end]
                edition = _EDITION.search(text, max(0, start - 8), start) if start and text[start - 1] in "届次" else None
                # 第五届粤澳知识产权交流周: the mention holds the edition, the name does not.
                self._add(edition.start() if edition else start, word_end, name, "event", seen)
                break

    def __call__(self, doc: Doc) -> Doc:
        view = compact_view(doc)
        text = view.text
        # (start, end) → the campaign noted there, in the order found: recorded
        # together at the end (no rule here reads the doc's mentions in between).
        seen: dict[tuple[int, int], tuple] = {}
        # end → start of each place (the last one wins an end); its name is sliced
        # only for the rare event that follows a place.
        place_ends = {end: start for start, end, _record in compact_spans(doc, self.spans_key, "PLACE")}
        # Quoted names start at an opening quote: found in the scanner's pass.
        opening = [at for at, _ in self.scanner.scan(text).longest(self.open_quote_list)]
        self._events(text, seen, place_ends, opening)
        self._quoted(text, seen, opening)
        before = len(seen)
        self._introduced(text, seen, place_ends)
        introduced = list(seen.values())[before:]
        if introduced:
            self._repeats(text, introduced, seen)
        self._quoted_actions(text, seen)
        add_all(doc, self.spans_key, "CAMPAIGN", seen.values(), handed_over=True)
        return doc


@Language.factory(
    "kg_campaigns",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "kinds": "campaign_kinds.txt",
        "events": "named_events.txt",
        "verbs": "campaign_verbs.txt",
        "event_suffixes": "event_suffixes.txt",
        "boundaries": "boundaries.txt",
        "max_middle": 8,
        "max_stem": 18,
        "scopes": "campaign_scopes.txt",
        "meetings": "campaign_meetings.txt",
        "topics": "campaign_topics.txt",
        "common": "common_words.txt",
        "objects": "campaign_objects.txt",
    },
)
def make_campaigns(
    nlp: Language,
    name: str,
    spans_key: str,
    kinds: str,
    events: str,
    verbs: str,
    event_suffixes: str,
    boundaries: str,
    max_middle: int,
    max_stem: int,
    scopes: str,
    meetings: str,
    topics: str,
    common: str,
    objects: str,
) -> CampaignFinder:
    return CampaignFinder(
        name, spans_key, kinds, events, verbs, event_suffixes, boundaries, max_middle, max_stem, scopes, meetings,
        topics, common, objects,
    )
