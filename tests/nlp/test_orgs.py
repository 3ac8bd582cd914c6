"""kg_orgs: suffix grammar with left edges, bylines, enumerations."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.nlp.conftest import labelled

CASES = [
    ("seed002-de", "针对非正常专利申请数量较多的甘肃华晨生态治理有限公司、涉及非正常专利12件的成都弘毅天承知识产权代理有限公司分别开展了行政约谈",
     {"甘肃华晨生态治理有限公司", "成都弘毅天承知识产权代理有限公司"}),
    ("seed002-chain", "以兰州大学白银产业技术研究院、兰州理工大学白银新材料研究院等10家重点科研平台研发资源为支撑",
     {"兰州大学白银产业技术研究院", "兰州理工大学白银新材料研究院"}),
    ("seed004-bank-branch", "4月12日,中国农业银行株洲醴陵支行向湖南湖电电力设备有限公司发放知识产权质押贷款",
     {"中国农业银行株洲醴陵支行", "湖南湖电电力设备有限公司"}),
    ("seed004-quoted-platform", "依托“红盾云桥”政企协作平台,与“淘宝”交易平台实现案件协查", {"“红盾云桥”政企协作平台"}),
    ("seed004-enumeration", "针对中车、航发等我市企业的需求", {"中车", "航发"}),
    ("seed001-byline", "  余姚新闻网讯 4月26日是第22个世界知识产权日。", {"余姚新闻网"}),
    ("seed004-byline", "株洲日报·掌上株洲记者/易蓉 通讯员/何应军", {"株洲日报", "掌上株洲"}),
    ("seed001-deixis", "在过去的一年中,市工量具协会推动申请集体商标2件", {"市工量具协会"}),
    ("fixture-f02", "已为四川长虹电器股份有限公司、九洲集团等120余家企业提供服务", {"四川长虹电器股份有限公司", "九洲集团"}),
    ("fixture-f03-traditional", "福建師範大學、福州大學與福建省知識產權保護中心簽署合作協議", {"福建師範大學", "福州大學"}),
]


@pytest.mark.parametrize("text,wanted", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_orgs(found, text, wanted):
    assert wanted <= labelled(found(text), "ORG")


@pytest.mark.parametrize(
    "text",
    [
        "对我市在国知局备案的6家商标代理公司进行了检查",
        "建立以行业主管部门为主、行业协会参与的指导机制",
        "推进电子商务平台知识产权保护",
        "本报记者 王莉",
        "山东省高级人民法院二审维持了济南某科技有限公司侵权案的判决",
        "第31届世界大学生夏季运动会",
        "知识产权快讯\n\n近日,有关部门",
    ],
    ids=["seed002-count", "seed002-generic", "seed002-weak", "seed000-own-paper", "fixture-f05-anonymised", "seed003-word",
         "column-name"],
)
def test_not_orgs(found, text):
    assert not labelled(found(text), "ORG")


@pytest.mark.parametrize("text,wanted", [
    ("武汉东湖新技术开发区内企业", {"武汉东湖新技术开发区"}),
    ("判令被告赔偿原告杭州某某科技有限公司", set()),
    ("江苏省版权协会、苏州市软件行业联合会参会", {"江苏省版权协会", "苏州市软件行业联合会"}),
], ids=["locative", "party-roles", "federation"])
def test_general_org_rules(found, text, wanted):
    orgs = labelled(found(text), "ORG")
    assert wanted <= orgs
    assert not any(o.startswith(("原告", "被告", "赔偿")) for o in orgs)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("株洲日报讯記者 \n\t\u3000·|/a1，")), max_size=40))
def test_byline_starts_are_where_the_regex_finds_them(text):
    from kg.nlp.orgs import _BYLINE_START, _byline_starts
    from kg.nlp.text import CompactText

    # 記 is traditional: such texts take the compact view's other way (simplify, then a regex for the runs).
    view = CompactText.of(text)
    assert _byline_starts(view) == [0] + [after.end() for after in _BYLINE_START.finditer(view.simplified)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["株洲", "日报", "新闻网", "讯", "记者", "转载", "消息", "本报", " ", "\n", "·", "|",
                                 "知识产权局", "快讯", "1", "，"]), max_size=16).map("".join))
def test_bylines_are_tried_only_where_a_closing_word_is_in_reach(text):
    from kg.nlp.grammar import finditer_at
    from kg.nlp.orgs import _BYLINE, _byline_candidates, _byline_starts
    from kg.nlp.text import CompactText

    view = CompactText.of(text)
    every = [m.span(1) for m in finditer_at(_BYLINE, view.simplified, _byline_starts(view))]
    assert [m.span(1) for m in finditer_at(_BYLINE, view.simplified, _byline_candidates(view))] == every


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["株洲", "日报", "新闻网", "讯", "记者", "转载", "消息", "本报", " ", "\n", "·", "|", "/",
                                 "知识产权局", "快讯", "1", "，", "記"]), max_size=24).map("".join))
def test_byline_candidates_are_the_starts_with_a_closing_word_in_reach(text):
    import bisect

    from kg.nlp.orgs import _BYLINE_NAME, _BYLINE_WORDS, _byline_candidates, _byline_starts, _find_all
    from kg.nlp.text import CompactText

    # Worked out near each closing word; the definition filters every start.
    view = CompactText.of(text)
    closing = sorted(at for word in _BYLINE_WORDS for at in _find_all(view.simplified, word))
    shortest, longest = _BYLINE_NAME
    wanted = [
        start
        for start in _byline_starts(view)
        if (k := bisect.bisect_left(closing, start + shortest)) < len(closing) and closing[k] <= start + longest
    ]
    assert _byline_candidates(view) == wanted
    # A view that has not worked out its whitespace runs finds the same starts by regex.
    unmapped = dataclasses.replace(view, space_ends=None)
    assert _byline_starts(unmapped) == _byline_starts(view)
    assert _byline_candidates(unmapped) == wanted


def test_zone_with_a_bracketed_place_keeps_its_head(found):
    orgs = {m.text for m in found("企业入驻中国（湖北）自由贸易试验区后") if m.label == "ORG"}
    assert "中国（湖北）自由贸易试验区" in orgs
    # A bracketed second name after a company is its own mention, not a longer name.
    orgs = {m.text for m in found("与北京某运营有限公司(国家平台试点)签订协议") if m.label == "ORG"}
    assert not any("(" in o and o.startswith("北京") for o in orgs)


# Batch 6 and 7 fixes: sentences written for the tests.

@pytest.mark.parametrize("text,wanted,unwanted", [
    ("鼓励中国农业银行江苏省分行加大投放", {"中国农业银行江苏省分行"}, {"鼓励中国农业银行江苏省分行"}),
    ("帮助江苏恒瑞医药股份有限公司维权", {"江苏恒瑞医药股份有限公司"}, {"帮助江苏恒瑞医药股份有限公司"}),
    ("中国建设银行江苏省分行、交通银行江苏省分行", {"中国建设银行江苏省分行", "交通银行江苏省分行"}, {"银行江苏省分行"}),
    ("依托中建八局建设集团有限公司", {"中建八局建设集团有限公司"}, {"集团有限公司"}),
], ids=["verb-encourage", "verb-help", "boundary-word-in-a-bank", "boundary-word-in-a-group"])
def test_left_edges(found, text, wanted, unwanted):
    orgs = labelled(found(text), "ORG")
    assert wanted <= orgs
    assert not unwanted & orgs


@pytest.mark.parametrize("text,wanted", [
    ("依托石门县雁池乡柑橘种植专业合作社建设基地", {"石门县雁池乡柑橘种植专业合作社"}),
    ("之江实验室、鹏城实验室作为科研单位", {"之江实验室", "鹏城实验室"}),
    ("位于成都天府国际空港综合实验区", {"成都天府国际空港综合实验区"}),
    ("来源：南平市人民政府网", {"南平市人民政府网"}),
    ("展会期间，东方明珠贸易（香港）有限公司表示", {"东方明珠贸易（香港）有限公司"}),
], ids=["cooperative", "laboratory", "pilot-zone", "government-website", "company-with-a-place"])
def test_new_endings(found, text, wanted):
    assert wanted <= labelled(found(text), "ORG")


@pytest.mark.parametrize("text", ["全县42家茶企和合作社负责人参加", "农民专业合作社", "人民银行各市分行"])
def test_classes_of_organisations(found, text):
    assert not labelled(found(text), "ORG")


# Batch 8 and 9 fixes (docs/ner.md): sentences written for the tests.

def test_a_role_noun_is_a_left_edge(found):
    orgs = labelled(found("经注册商标权利人浙江森马服饰股份有限公司确认"), "ORG")
    assert orgs == {"浙江森马服饰股份有限公司"}


def test_table_cells_split_by_a_wide_space(found):
    orgs = labelled(found("1　浙江大华技术股份有限公司　杭州高新区\n2　某某"), "ORG")
    assert {"浙江大华技术股份有限公司", "杭州高新区"} <= orgs
    assert "浙江大华技术股份有限公司杭州高新区" not in {o.replace("　", "") for o in orgs}


@pytest.mark.parametrize("text,unwanted", [
    ("来自深圳市龙岗区一批发市场", "深圳市龙岗区一批发市场"),
    ("查扣小商品批发市场内的假冒玩具", "小商品批发市场"),
], ids=["a-market", "generic-market"])
def test_unnamed_markets(found, text, unwanted):
    assert unwanted not in labelled(found(text), "ORG")


def test_a_trade_city_named_by_its_place(found):
    assert "临沂国际商贸城" in labelled(found("指导临沂国际商贸城商户规范经营"), "ORG")
    assert "东莞第一中学" in labelled(found("东莞第一中学开展活动"), "ORG")


def test_a_quoted_brand_before_a_generic_platform_word(found):
    assert labelled(found("在“拼多多”电商平台开设店铺"), "ORG") == {"拼多多"}
    # A quoted name with its own words before 平台 is the platform's name.
    assert "“浙里办”政务服务平台" in labelled(found("通过“浙里办”政务服务平台办理"), "ORG")


def test_a_name_after_the_verb_give_starts_after_it(found):
    # 许可给, 转让给: 给 ends the name on its left, as other verbs that take the name as object do.
    orgs = {m.text for m in found("该批专利以开放许可方式许可给烟台张裕葡萄酿酒股份有限公司实施") if m.label == "ORG"}
    assert orgs == {"烟台张裕葡萄酿酒股份有限公司"}


# ---------------------------------------------------------------- batches 14–16: classes, not strings


@pytest.mark.parametrize("text,wanted", [
    ("南京江北新区、苏州工业园区和青岛西海岸新区入选", {"苏州工业园区"}),
    ("服务站在中国（福建）自由贸易试验区福州片区挂牌", {"中国（福建）自由贸易试验区福州片区"}),
    ("在武陵山旅游经济特区开展执法", {"武陵山旅游经济特区"}),
], ids=["park-beside-new-areas", "free-trade-area", "special-zone"])
def test_zones_and_areas(found, text, wanted):
    assert labelled(found(text), "ORG") == wanted


def test_a_national_new_area_is_a_place_by_its_official_name(found):
    # (gazetteer: extra_places.tsv and place_aliases.tsv; the new area wins over a zone reading)
    names = {m.text: m.name for m in found("两江新区、天府新区和南京江北新区签约") if m.label == "PLACE"}
    assert names == {"两江新区": "重庆两江新区", "天府新区": "四川天府新区", "南京江北新区": "南京江北新区"}


@pytest.mark.parametrize("text", [
    "企业不出新区即可办理",  # no name before 新区
    "上海市浦东新区市场监管局",  # a district: a place
    "寿光一家种业公司发现侵权",  # a trade, not a name
    "在茶叶批发市场开展检查",  # goods, not a name
    "各位记者朋友，大家好",  # a greeting before 记者
], ids=["bare-new-area", "district", "a-seed-firm", "goods-market", "greeting"])
def test_generic_phrases_are_no_organisations(found, text):
    orgs = labelled(found(text), "ORG")
    assert not orgs, orgs


def test_a_market_with_a_place_in_its_name(found):
    assert "海口市南北水果批发市场" in labelled(found("执法人员对海口市南北水果批发市场开展检查"), "ORG")


def test_a_company_with_a_group_word_in_brackets(found):
    orgs = labelled(found("项目由中国铝业（集团）有色金属股份有限公司承担"), "ORG")
    assert "中国铝业（集团）有色金属股份有限公司" in orgs


def test_a_place_and_one_character_before_he_are_no_list(found):
    # 宁波天和电子有限公司: 天 alone is no conjunct of 和; after a body's name (余杭区局和…) it is a list.
    assert "宁波天和电子有限公司" in labelled(found("许可给宁波天和电子有限公司实施"), "ORG")
    assert "阿里巴巴公司" in labelled(found("与余杭区局和阿里巴巴公司签署协议"), "ORG")


def test_an_all_media_desk_is_not_the_outlet(found):
    assert labelled(found("浙江日报全媒体记者 王某 通讯员 李某"), "ORG") == {"浙江日报"}


def test_exchanges_and_the_national_broadcaster(found):
    orgs = labelled(found("中央广播电视总台报道了广西国际茶叶交易中心的做法"), "ORG")
    assert {"中央广播电视总台", "广西国际茶叶交易中心"} <= orgs


# ---------------------------------------------------------------- batches 17–19


@pytest.mark.parametrize("text,wanted", [
    ("杭州仲裁委员会知识产权仲裁中心受理案件", "杭州仲裁委员会知识产权仲裁中心"),
    ("洛阳国际物流港开发建设有限公司中标", "洛阳国际物流港开发建设有限公司"),
    ("中国工商银行湖北省分行为企业发放质押贷款", "中国工商银行湖北省分行"),
    ("来源：江西省人民政府门户网站", "江西省人民政府门户网站"),
    ("与澳门生产力暨科技转移中心、香港生产力促进局合作", "香港生产力促进局"),
    ("执法人员检查了常熟招商城服装市场", "常熟招商城服装市场"),
])
def test_organisations_from_batches_17_19(found, text, wanted):
    assert wanted in labelled(found(text), "ORG")


@pytest.mark.parametrize("text,unwanted", [
    ("天津某精细化工有限公司引进南开大学科研团队", "有限公司引进南开大学"),
    ("执法人员检查农产品批发市场", "检查农产品批发市场"),
    ("组织召开全市服装市场经营户座谈会", "全市服装市场"),
])
def test_no_organisation_running_over_a_verb_or_a_class(found, text, unwanted):
    assert not any(unwanted in o for o in labelled(found(text), "ORG"))
