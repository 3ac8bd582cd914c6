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
    ("第二十届中国—东盟博览会在南宁开幕", {("中国—东盟博览会", "中国—东盟博览会")}),
], ids=["scope", "particle", "year", "dated-event", "place-event"])
def test_general_campaign_rules(found, text, wanted):
    assert wanted <= campaigns(found(text))


def test_unnamed_expo_is_no_campaign(found):
    assert not campaigns(found("该市举办博览会和论坛"))
