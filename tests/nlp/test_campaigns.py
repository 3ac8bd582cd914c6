"""kg_campaigns: quoted names, lists, verb-introduced names, publicity events."""

from __future__ import annotations

import pytest


def campaigns(mentions):
    return {(m.text, m.name) for m in mentions if m.label == "CAMPAIGN"}


CASES = [
    ("seed000-list", "持续开展\"双打\"\"铁拳\"\"藏博会知识产权保护\"等专项行动。",
     {('"双打"', "双打专项行动"), ('"铁拳"', "铁拳专项行动"), ('"藏博会知识产权保护"', "藏博会知识产权保护专项行动")}),
    ("seed000-single", "持续开展\"蓝天\"专项行动,加强监管", {('"蓝天"专项行动', "蓝天专项行动")}),
    ("seed000-verb", "为助力固边兴边富民行动,我区充分挖掘", {("固边兴边富民行动", "固边兴边富民行动")}),
    ("seed000-event-date", "以\"4·26\"世界知识产权日、\"5·10\"中国品牌日和\"拉萨商标周\"等节点为契机",
     {('"4·26"世界知识产权日', "世界知识产权日"), ('"5·10"中国品牌日', "中国品牌日"), ('"拉萨商标周"', "拉萨商标周")}),
    ("seed001-modifier", "以“三比一讲”争先创优活动为抓手", {("“三比一讲”争先创优活动", "三比一讲争先创优活动")}),
    ("seed001-quoted-event", "“知识产权宣传周”活动启动", {("知识产权宣传周", "知识产权宣传周")}),
    ("seed003-edition", "2023年内蒙古知识产权宣传周活动在呼和浩特市启动",
     {("2023年内蒙古知识产权宣传周活动", "2023年内蒙古知识产权宣传周")}),
    ("seed004-list-modifiers", "持续开展知识产权“铁拳”“剑网”“昆仑”等行政执法专项行动",
     {("“铁拳”", "铁拳专项行动"), ("“剑网”", "剑网专项行动"), ("“昆仑”", "昆仑专项行动")}),
    ("seed002-verb-quoted", "深入开展知识产权“面对面”服务企业行动。",
     {("知识产权“面对面”服务企业行动", "知识产权面对面服务企业行动")}),
    ("fixture-f03-traditional", "組織開展「雙打」「鐵拳」等專項行動", {("「雙打」", "双打专项行动"), ("「鐵拳」", "铁拳专项行动")}),
]


@pytest.mark.parametrize("text,wanted", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_campaigns(found, text, wanted):
    assert wanted <= campaigns(found(text))


@pytest.mark.parametrize(
    "text",
    [
        "开展知识产权宣传活动,发放宣传资料",  # generic activity
        "以“知识产权转化运用促进高质量发展”为主题,举办活动",  # a theme
        "制定《2021年白银市知识产权保护行动计划》",  # a plan, not a campaign
        "围绕重要节日开展专项行动,快速应对",  # no name
    ],
    ids=["generic", "theme", "plan", "unnamed"],
)
def test_not_campaigns(found, text):
    assert not campaigns(found(text))


@pytest.mark.parametrize("text,wanted", [
    ("开展食品领域“净网”专项行动", {("“净网”专项行动", "净网专项行动")}),
    ("部署了打击侵犯商业秘密专项行动", {("打击侵犯商业秘密专项行动", "打击侵犯商业秘密专项行动")}),
    ("部署开展2025年“净网”专项行动", {("“净网”专项行动", "净网专项行动")}),
    ("正式启动“3·15”消费者权益保护日系列活动", {("“3·15”消费者权益保护日", "消费者权益保护日")}),
    # The edition is part of the mention, not of the name (held-out gold: 第135届中国进出口商品交易会).
    ("第二十届中国—东盟博览会在南宁开幕", {("第二十届中国—东盟博览会", "中国—东盟博览会")}),
], ids=["scope", "particle", "year", "dated-event", "place-event"])
def test_general_campaign_rules(found, text, wanted):
    assert wanted <= campaigns(found(text))


@pytest.mark.parametrize("text,wanted", [
    ("各地要在种业振兴行动中加大执法力度", {("种业振兴行动", "种业振兴行动")}),
    ("对在市级知识产权强企培育工程中表现突出的企业给予奖励", {("知识产权强企培育工程", "知识产权强企培育工程")}),
    ("组织企业参加第三届“老字号购物节”活动", {("“老字号购物节”活动", "老字号购物节活动")}),
], ids=["named-after-in", "level-is-no-part", "edition-is-no-part"])
def test_what_leads_a_campaigns_name(found, text, wanted):
    # 在…中 introduces a campaign as a verb of conducting does; 省级/市级 is its level, not its name.
    assert wanted <= campaigns(found(text))


def test_in_an_unnamed_action_introduces_no_campaign(found):
    assert not campaigns(found("在专项行动中发现侵权线索12条"))


def test_unnamed_expo_is_no_campaign(found):
    assert not campaigns(found("该市举办博览会和论坛"))


# The kind words and named events were read with regexes over the whole text
# before they came from the shared scanner (kg.nlp.lexicon.Scanner); the
# readings must stay what those regexes matched.  The regexes are spelt here,
# from the same lexicons, as the reference.

def _finder(nlp):
    return nlp.get_pipe("kg_campaigns")


def _kind_words():
    from kg.nlp import lexicon

    # ("whole" kinds, 计划, count only as the end of a whole quoted name: never read here.)
    return [row[0] for row in lexicon.rows("campaign_kinds.txt") if row[1:] != ("whole",)]


def _event_names():
    from kg.nlp import lexicon

    return list(lexicon.words("named_events.txt"))


def _replaced_regexes():
    """The kind-word and event regexes the scanner's readings replaced, spelt from the same lexicons."""
    import re

    from kg.nlp import lexicon
    from kg.nlp.campaigns import _CLOSE, _NOT_AFTER_KIND

    kind = re.compile(rf"(?:{lexicon.alternation(_kind_words())}){_NOT_AFTER_KIND}")
    event = re.compile(rf"({lexicon.alternation(_event_names())})([{_CLOSE}])?(活动(?!主题))?")
    return kind, event


def _event_readings(event, text):
    """What ``CampaignFinder._read_events`` gives, read with the replaced regex."""
    return [(m.start(), m.end(1), m.group(2) is not None, m.group(3) is not None) for m in event.finditer(text)]


def _pieces():
    """Text pieces that make kind words, events and their neighbours meet and overlap."""
    from hypothesis import strategies as st

    from kg.nlp.campaigns import _CLOSE, _DOCUMENT_WORDS

    words = _kind_words() + _event_names()
    # Prefixes and tails of the words make near misses and overlaps.
    parts = {w[:cut] for w in words for cut in range(1, len(w))} | {w[cut:] for w in words for cut in range(1, len(w))}
    extra = [*_DOCUMENT_WORDS, *_CLOSE, "活动", "主题", "活动主题", "的", "\n"]
    piece = st.one_of(st.sampled_from(sorted(set(_kind_words()))), st.sampled_from(sorted(set(_event_names()))),
                      st.sampled_from(extra), st.sampled_from(sorted(parts)))
    return st.lists(piece, max_size=14).map("".join)


def test_kind_and_event_readings_equal_the_regexes_they_replaced(nlp):
    import re

    from hypothesis import given, settings

    from kg.nlp import lexicon

    finder = _finder(nlp)
    kind, event = _replaced_regexes()
    event_word = re.compile(lexicon.alternation(lexicon.words("event_suffixes.txt")))

    @settings(max_examples=300, deadline=None)
    @given(_pieces())
    def check(text):
        assert finder._kinds(text) == [m.span() for m in kind.finditer(text)]
        assert finder._read_events(text) == _event_readings(event, text)
        assert finder.scanner.scan(text).longest(finder.event_word_list) == [m.span() for m in event_word.finditer(text)]

    check()


@pytest.mark.parametrize(
    "text",
    [
        "开展专项行动计划和专项行动,迎接世界知识产权日",  # a kind word before a document word, then one alone
        "“世界知识产权日”活动主题是“知识产权宣传周”活动",  # 活动主题 is not 活动
        "中国专利周活动和全国知识产权宣传周”活动",  # the longest event at a start
    ],
)
def test_kind_and_event_readings_on_written_text(nlp, text):
    finder = _finder(nlp)
    kind, event = _replaced_regexes()
    kinds, events = finder._kinds(text), finder._read_events(text)
    assert kinds and events  # the sentences hold both
    assert kinds == [m.span() for m in kind.finditer(text)]
    assert events == _event_readings(event, text)


def _opening_quotes(finder, text):
    return [at for at, _ in finder.scanner.scan(text).longest(finder.open_quote_list)]


def _check_tried_starts_keep_every_match(finder, piece, starts_of, matches_at):
    """On generated texts: ``starts_of`` tries only opening quotes, and the matches from them are those from every quote."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(piece, max_size=16).map("".join))
    def check(text):
        opening = _opening_quotes(finder, text)
        tried = starts_of(text, opening)
        assert set(tried) <= set(opening)
        assert matches_at(text, tried) == matches_at(text, opening)

    check()


def test_quoted_lists_are_tried_only_at_quotes_that_can_open_one(nlp):
    from hypothesis import strategies as st

    from kg.nlp.campaigns import _CLOSE, _OPEN
    from kg.nlp.grammar import finditer_at

    finder = _finder(nlp)
    piece = st.one_of(
        st.sampled_from(sorted(set(_kind_words()))),
        st.sampled_from(list(_OPEN + _CLOSE)),
        st.sampled_from(["蓝天", "铁拳", "剑网行动", "等", "、", "和", "\n", "计划", "知识产权保护工作", "的"]),
    )

    def lists(text, starts):
        return [m.span() for m in finditer_at(finder.quoted_list, text, starts)]

    _check_tried_starts_keep_every_match(finder, piece, finder._list_starts, lists)
    text = "开展“蓝天”“铁拳”等专项行动,“净网”\n专项行动"
    opening = _opening_quotes(finder, text)
    assert finder._list_starts(text, opening) == opening[:2]  # the third quote's kind word is on the next line


def test_event_endings_are_what_the_anchored_regex_found(nlp):
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.nlp import lexicon

    finder = _finder(nlp)
    endings = lexicon.words("event_suffixes.txt")
    anchored = re.compile(rf"(?:{lexicon.alternation(endings)})$")
    chars = sorted({ch for word in endings for ch in word} | set("“”知识产权"))

    # A quoted name holds no line break (where `$` would also match).
    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(st.sampled_from(list(endings)), st.sampled_from(chars)), max_size=8).map("".join))
    def check(name):
        assert name.endswith(finder.event_endings) == (anchored.search(name) is not None)

    check()


def test_quoted_events_are_tried_only_at_quotes_with_an_event_word_in_reach(nlp):
    from hypothesis import strategies as st

    from kg.nlp import lexicon
    from kg.nlp.campaigns import _CLOSE, _OPEN
    from kg.nlp.grammar import finditer_at

    finder = _finder(nlp)
    piece = st.one_of(
        st.sampled_from(lexicon.words("event_suffixes.txt")),
        st.sampled_from(list(_OPEN + _CLOSE)),
        st.sampled_from(["拉萨", "知识产权", "中国", "第一届", "\n", "、", "的", "活动"]),
    )

    def quoted_events(text, starts):
        return [m.span() for m in finditer_at(finder.quoted, text, starts) if m.group(1).endswith(finder.event_endings)]

    _check_tried_starts_keep_every_match(finder, piece, finder._quoted_event_starts, quoted_events)
    # A straight quote closes the first name and would open a second one (an event) if tried.
    text = '"' + "知识产权" * 5 + '"' + "知识产权" * 2 + '商标周"'
    opening = _opening_quotes(finder, text)
    assert quoted_events(text, finder._quoted_event_starts(text, opening)) == quoted_events(text, opening) == []
    text = "举办“拉萨商标周”活动,“蓝天”行动"
    opening = _opening_quotes(finder, text)
    assert finder._quoted_event_starts(text, opening) == opening[:1]  # the second name ends in no event word


@pytest.mark.parametrize("text,wanted", [
    ("“我们把‘净网行动’和‘清朗行动’结合起来。”", {("‘净网行动’", "净网行动"), ("‘清朗行动’", "清朗行动")}),
    ("深入推进“护苗2023”专项行动和“秋风行动2023”", {("“秋风行动2023”", "秋风行动2023")}),
    ("开展“雷霆”知识产权专项执法行动", {("“雷霆”知识产权专项执法行动", "雷霆知识产权专项执法行动")}),
    ("启动为期三个月的商标侵权专项整治行动", {("商标侵权专项整治行动", "商标侵权专项整治行动")}),
], ids=["nested-quotes", "quoted-with-year", "zhifa-kind", "duration-lead"])
def test_batch5_campaign_classes(found, text, wanted):
    assert wanted <= campaigns(found(text))


def test_quoted_theme_ending_in_a_kind_is_no_campaign(found):
    assert not campaigns(found("以“品牌强国行动”为主题开展宣传"))


@pytest.mark.parametrize("text,wanted", [
    ("3月5日，全省知识产权质押融资专项行动推进会在西宁召开", {("知识产权质押融资专项行动", "知识产权质押融资专项行动")}),
    ("市局召开地理标志保护工程动员会", {("地理标志保护工程", "地理标志保护工程")}),
], ids=["whole-province", "after-zhaokai"])
def test_campaign_named_by_its_meeting(found, text, wanted):
    assert wanted <= campaigns(found(text))


def test_generic_meeting_is_no_campaign(found):
    assert not campaigns(found("召开宣传活动推进会，全市工作推进会"))


# Batch 6 and 7 fixes: sentences written for the tests.

def test_a_name_found_after_a_verb_counts_where_it_is_repeated(found):
    text = "我市深入实施商标品牌培育工程。作为商标品牌培育工程试点单位，我市将以商标品牌培育工程为抓手"
    spans = [m for m in found(text) if m.label == "CAMPAIGN"]
    assert len(spans) == 3 and {m.text for m in spans} == {"商标品牌培育工程"}


def test_a_short_name_given_in_brackets(found):
    text = "决定组织实施中小企业知识产权托管专项计划（以下简称“专项计划”），纳入专项计划的企业"
    spans = [m.text for m in found(text) if m.label == "CAMPAIGN"]
    assert spans.count("专项计划") == 2
    assert "中小企业知识产权托管专项计划" in spans


def test_quoted_names_are_not_repeated_as_longer_names(found):
    text = "开展打击网络侵权盗版“剑网2025”专项行动。“剑网2025”专项行动期间"
    texts = [m.text for m in found(text) if m.label == "CAMPAIGN"]
    assert texts == ["打击网络侵权盗版“剑网2025”专项行动", "“剑网2025”专项行动"]


# Batch 8 and 9 fixes (docs/ner.md): sentences written for the tests.

@pytest.mark.parametrize("text,unwanted", [
    ("区市场监管局在城区开展节日食品专项检查；", "节日食品专项检查"),
    ("县局在集市开展农贸市场专项检查时发现", "农贸市场专项检查"),
], ids=["goods", "market"])
def test_an_unquoted_routine_check_is_no_campaign(found, text, unwanted):
    assert unwanted not in {m.text for m in found(text) if m.label == "CAMPAIGN"}


def test_an_unquoted_check_that_names_what_it_protects_is_one(found):
    assert ("商标代理专项检查", "商标代理专项检查") in campaigns(found("全省开展商标代理专项检查，"))


def test_words_between_a_scope_and_a_quoted_name_are_not_the_name(found):
    assert campaigns(found("持续开展食品安全领域执法办案“铁拳”行动。")) == {("“铁拳”行动", "铁拳行动")}


def test_a_name_joined_to_a_campaign_by_a_conjunction(found):
    got = campaigns(found("要抓好“净网2024”专项行动和校园版权保护月行动。"))
    assert ("校园版权保护月行动", "校园版权保护月行动") in got
    assert ("“净网2024”专项行动", "净网2024专项行动") in got


@pytest.mark.parametrize("text,wanted", [
    ("全省启动营商环境优化年活动", {"营商环境优化年活动"}),
    ("开展2025年活动", set()),
    ("组织开展全年活动", set()),
], ids=["themed-year", "a-year", "whole-year"])
def test_a_themed_year_names_an_activity(found, text, wanted):
    assert {m.text for m in found(text) if m.label == "CAMPAIGN"} == wanted


@pytest.mark.parametrize("text,wanted", [
    ("举办“送法进企”专题讲座、“惠企纾困”上门服务", {("“送法进企”专题讲座", "送法进企专题讲座"), ("“惠企纾困”上门服务", "惠企纾困上门服务")}),
    ("组织“助企护航”深入走访企业", {("“助企护航”深入走访企业", "助企护航深入走访企业")}),
    ("开展专题培训和走访企业", set()),
], ids=["lecture-and-visits", "adverb-before-head", "unquoted"])
def test_a_quoted_name_before_an_activity_head(found, text, wanted):
    assert campaigns(found(text)) == wanted


@pytest.mark.parametrize(
    "text,names",
    [
        ("开展知识产权宣传活动", set()),  # no quote, no themed year: generic
        ("今年开展种业监管执法年活动", {"种业监管执法年活动"}),  # a themed year, unquoted
        # the quote more than max_middle characters before the kind word: only the verb grammar reads it
        ("深入开展“护航”知识产权服务进园区入企业活动", {"护航知识产权服务进园区入企业活动"}),
    ],
)
def test_activity_needs_a_quote_or_a_themed_year(found, text, names):
    # Quoted-only kinds (活动) whose reach holds no quote and no year are skipped before the verb
    # grammar runs; those with either still go through it.
    assert {name for _, name in campaigns(found(text))} == names


# ---------------------------------------------------------------- batches 14–16: classes, not strings


@pytest.mark.parametrize("text,wanted", [
    ("“宁夏枸杞”纳入地理标志运用促进工程", {("地理标志运用促进工程", "地理标志运用促进工程")}),
    ("深入开展浙江省“品字标”提升行动", {("“品字标”提升行动", "品字标提升行动")}),
], ids=["taken-into-a-programme", "place-before-the-quoted-name"])
def test_a_programme_something_is_taken_into(found, text, wanted):
    assert wanted <= campaigns(found(text))


def test_a_quoted_project(found):
    assert ("“新能源汽车产业专利导航”项目", "新能源汽车产业专利导航项目") in campaigns(
        found("我市承担的“新能源汽车产业专利导航”项目通过验收"))
    assert not campaigns(found("共签约项目12个，总投资50亿元"))


@pytest.mark.parametrize("text,wanted", [
    ("举办“高校专利转化对接会”", "高校专利转化对接会"),
    ("第20届中国（义乌）国际小商品（标准）博览会开幕", "中国(义乌)国际小商品(标准)博览会"),
    ("第十届中国（南宁）国际知识产权论坛召开", "中国(南宁)国际知识产权论坛"),
    ("柳州螺蛳粉借助中国—东盟博览会拓展市场", "中国—东盟博览会"),
], ids=["matchmaking-meeting", "fair-with-brackets", "forum-with-place", "verb-before-a-fair"])
def test_named_events(found, text, wanted):
    names = {name.replace("（", "(").replace("）", ")") for _, name in campaigns(found(text))}
    assert wanted in names, names


# ---------------------------------------------------------------- batches 17–19


@pytest.mark.parametrize("text,wanted", [
    ("印发《2025年打击侵权假冒“蓝剑”专项行动方案》的通知", {("“蓝剑”专项行动", "蓝剑专项行动")}),
    ("“百校千企”技术对接行动成效明显", {("“百校千企”技术对接行动", "百校千企技术对接行动")}),
    ("继续实施“知识产权助力乡村振兴计划”，", {("“知识产权助力乡村振兴计划”", "知识产权助力乡村振兴计划")}),
    ("承办第三届川渝知识产权交流周", {("第三届川渝知识产权交流周", "川渝知识产权交流周")}),
    ("举办中国人工智能产业年会", {("中国人工智能产业年会", "中国人工智能产业年会")}),
    ("参加第十届中国·东盟商品交易会", {("第十届中国·东盟商品交易会", "中国·东盟商品交易会")}),
], ids=["inside-a-title", "word-between", "quoted-programme", "exchange-week", "annual-conference", "middle-dot"])
def test_campaigns_from_batches_17_19(found, text, wanted):
    assert wanted <= campaigns(found(text))


@pytest.mark.parametrize("text", [
    "制定“蓝剑”专项行动方案，明确分工",  # the plan, in running text
    "落实“十四五”计划",  # a plan period, not a programme
    "联合开展农资产品专项检查",  # a routine check of goods
    "开展地理标志产品专项检查",
])
def test_no_campaign_from_plans_and_routine_checks(found, text):
    assert not campaigns(found(text))
