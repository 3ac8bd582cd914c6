"""Locale inference: sections, datelines, deixis levels, per-section locales."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer
from kg.link.locale import deixis_levels, locale_chain, place_for_deixis, split_sections
from tests.conftest import gold
from tests.link.conftest import canonicals, run, seed_text

GAZ = load_gazetteer()


def _chain(code: str):
    return locale_chain(GAZ.by_code[code], GAZ)


@pytest.mark.parametrize(
    "stem, doc",
    [
        ("000", "000_270aec11aeae12c3"),
        ("001", "001_33a5e50e001da68a"),
        ("002", "002_fd5c015d66bd1487"),
        ("003", "003_7570615aa3bd0e0e"),
        ("004", "004_a064705295691626"),
    ],
)
def test_article_locale_matches_gold(linked_seed, stem, doc):
    assert linked_seed(stem).locale == gold(doc)["locale"]


def test_locale_iri_is_keyed_by_division_code(linked_seed):
    assert linked_seed("003").locale_iri.endswith("/place/150000")


def test_seed000_bundle_is_cut_into_news_items():
    text = seed_text("000")
    sections = split_sections(text)
    datelines = [s.dateline for s in sections if s.dateline]
    assert datelines == ["昌都", "狮泉河", "日喀则", "昌都"]
    # The 拉萨 item starts at its headline, above "本报记者 耿锐仙".
    lhasa = next(s for s in sections if text[s.start :].startswith("拉萨市市场监管局以全链条保护为重点"))
    assert "市中院" in text[lhasa.start : lhasa.end]
    assert sections[0].start == 0


def test_seed000_city_deixis_resolves_per_section(linked_seed):
    # "联合市中院、市司法局" sits in the 拉萨 item of a 西藏 page.
    ex = linked_seed("000")
    court = next(e for e in ex.entities if any(m.text == "市中院" for m in e.mentions))
    assert court.canonical == "拉萨市中级人民法院"
    assert ex.locale == "西藏自治区"


def test_seed001_dateline_picks_county_level_city_over_prefecture(linked_seed):
    # "余姚新闻网讯" and 我市: 余姚市 (county-level), not 宁波市 which it also names.
    assert linked_seed("001").locale == "余姚市"


def test_dateline_kinds_open_sections():
    text = "省里总标题\n\n正文一很长很长。\n\n县里小标题\n\n本报讯(记者 张三)正文二。\n\n第三条\n\n融媒体中心记者 李四\n\n正文三。"
    sections = split_sections(text)
    assert [text[s.start : s.end].split()[0] for s in sections] == ["省里总标题", "县里小标题", "第三条"]


@pytest.mark.parametrize(
    "level, code, expected",
    [
        ("市", "330281", "余姚市"),  # a county-level city speaks of itself as 市
        ("市", "330110", "杭州市"),  # a district's 市 is its prefecture
        ("区", "330110", "余杭区"),  # a district's 区 is itself
        ("区", "540102", "城关区"),  # in 拉萨's 城关区, 我区 is the district, not the region
        ("区", "540100", "西藏自治区"),  # a prefecture in 西藏: 我区 is the region
        ("自治区", "150200", "内蒙古自治区"),
        ("省", "430200", "湖南省"),
        ("州", "433100", "湘西土家族苗族自治州"),
    ],
)
def test_place_for_deixis(level, code, expected):
    assert place_for_deixis(level, _chain(code)).name == expected


def test_deixis_levels_ignore_words_that_only_start_like_deixis():
    levels = deixis_levels("全市场监管系统、全区域覆盖,我市全市本市;自治区党委与西藏自治区", [], GAZ)
    assert levels == {"市": 3, "自治区": 1}


@pytest.mark.parametrize(
    "text, bare",
    [
        ("自治区党委", 1),  # at the very start: nothing before it
        ("区自治区", 1),  # one character before it is no name
        ("西藏自治区", 0),
        ("新疆维吾尔自治区党委和广西壮族自治区", 0),  # the longest written names
        ("宁夏回族自治区自治区", 1),  # written, then bare right after it
        ("内蒙古自治区与自治区人大", 1),
        ("藏自治区", 1),  # a cut-off name is no name
    ],
)
def test_bare_autonomous_region_counts_only_unnamed_ones(text, bare):
    assert deixis_levels(text, [], GAZ).get("自治区", 0) == bare


def test_own_text_guangdong_dateline_and_city_deixis():
    ex = run("佛山日报讯 近日,市市场监管局联合市中院召开会议,全市知识产权保护工作取得新进展。")
    assert ex.locale == "佛山市"
    assert "佛山市中级人民法院" in {e.canonical for e in ex.entities}


def test_own_text_province_level_deixis_beats_the_cities_it_names():
    text = (
        "近日,省市场监管局召开全省知识产权保护工作会议。会议指出,武汉市、襄阳市、宜昌市知识产权工作成效明显,"
        "我省将继续推进湖北知识产权强省建设。"
    )
    ex = run(text)
    assert ex.locale == "湖北省"
    assert "湖北省市场监督管理局" in {e.canonical for e in ex.entities}


def test_own_text_traditional_characters():
    ex = run("本報訊 近日,廣州市市場監管局召開全市知識產權工作會議。")
    assert ex.locale == "广州市"
    assert "广州市市场监督管理局" in {e.canonical for e in ex.entities}


def test_article_without_places_has_no_locale():
    ex = run("近日,有关部门召开会议,研究知识产权保护工作。")
    assert ex.locale is None and ex.locale_iri is None


def test_own_bundle_page_each_item_has_its_own_city():
    text = (
        "全省知识产权工作扎实推进\n\n本报记者 林丽\n\n近日,省市场监管局召开会议,全省知识产权保护成效明显。\n\n"
        "宁德开展知识产权宣传周活动\n\n本报宁德讯(记者 陈强)近日,市市场监管局联合市中院开展宣传活动。\n\n"
        "龙岩\n\n本报龙岩讯 近日,市知识产权局印发《龙岩市知识产权保护工作方案》。福建"
    )
    ex = run(text)
    names = {e.canonical for e in ex.entities if e.type == "AGENCY"}
    # (龙岩市知识产权局 is the second plate of the city's market regulator: data/local_plates.tsv)
    assert {"宁德市市场监督管理局", "宁德市中级人民法院", "龙岩市市场监督管理局", "福建省市场监督管理局"} <= names
    assert ex.locale == "福建省"


@pytest.mark.parametrize("dateline, expected", [("昌都", "昌都市"), ("本报宁德", "宁德市"), ("余姚新闻网", "余姚市"), ("新华社", None)])
def test_dateline_place(dateline, expected):
    from kg.link.locale import dateline_place

    place = dateline_place(dateline, GAZ)
    assert (place.name if place else None) == expected


def test_photo_credit_does_not_open_an_item_with_its_own_city():
    text = (
        "株洲日报讯 近日,市市场监管局召开全市知识产权工作会议。\n\n"
        "会议现场\n\n记者 张三 摄\n\n"
        "会上,市市场监管局与上海市一家企业签订合作协议,市中院有关负责人出席。"
    )
    ex = run(text)
    court = {e.canonical for e in ex.entities if any(m.text == "市中院" for m in e.mentions)}
    assert court == {"株洲市中级人民法院"}


def test_a_column_of_tagged_items_reads_each_items_deixis_in_its_own_county():
    text = (
        "赣州市场监管动态\n\n"
        "【信丰】县市场监管局联合县农业农村局开展脐橙地理标志保护检查，查处案件5起。\n\n"
        "【瑞金】市市场监管局在全市开展商标专项整治行动，检查商户120家。\n\n"
        "【南康】区市场监管局为家具企业开展知识产权培训。"
    )
    ex = run(text)
    assert {"信丰县市场监督管理局", "信丰县农业农村局", "瑞金市市场监督管理局", "南康区市场监督管理局"} <= {
        e.canonical for e in ex.entities if e.type == "AGENCY"
    }
    # the lead names no place: the page speaks from the division holding every item
    assert ex.locale == "赣州市"


def test_a_column_whose_lead_names_its_source_speaks_from_it():
    text = (
        "县域快讯\n来源：赣州市市场监督管理局\n\n"
        "【信丰】县市场监管局开展脐橙地理标志保护检查。\n\n【瑞金】县市场监管局开展商标专项整治。"
    )
    assert run(text).locale == "赣州市"


def test_a_column_of_headlines_opening_with_their_city():
    text = (
        "市县动态\n\n绵阳：开展商标专项整治\n\n近日，市市场监管局联合市公安局开展商标侵权专项整治。\n\n"
        "宜宾：签署知识产权合作协议\n\n4月22日，市人民政府与四川大学签署《知识产权战略合作协议》。"
    )
    ex = run(text)
    assert {"绵阳市市场监督管理局", "绵阳市公安局", "宜宾市人民政府"} <= {e.canonical for e in ex.entities if e.type == "AGENCY"}
    assert ex.locale == "四川省"


def test_one_place_tag_or_tags_that_name_no_place_open_no_items():
    assert len(split_sections("全市推进。\n\n【丹东】市市场监管局开展培训。", GAZ)) == 1
    assert len(split_sections("【访谈】一\n\n【规划引领】二\n\n【品牌保护】三", GAZ)) == 1


def test_a_city_word_after_a_named_citys_body_does_not_move_a_provinces_locale():
    ex = run(
        "《湖北省专利条例》施行\n\n湖北日报讯 省市场监管局将联合省高级人民法院、省人民检察院开展宣传。"
        "宜昌市市场监督管理局已率先举办专题培训班，全市200余家企业参加培训。省知识产权局负责人表示，将持续推进。"
    )
    assert ex.locale == "湖北省"
    # Spoken from the city itself, 全市 still counts, and so does one after the city named as an object.
    assert run("宜昌新闻网讯 全市200余家企业参加培训，市市场监管局将持续推进。").locale == "宜昌市"
    ex = run(
        "打好组合拳 强化知识产权保护\n\n全区各部门持续推进知识产权工作。同时，充分发挥宜昌市知识产权工作领导小组的职能，"
        "助力全市高质量发展。市市场监管局将持续推进。"
    )
    assert ex.locale == "宜昌市"


def test_a_partner_brought_along_reads_the_subjects_city_not_the_items():
    # A region's item with one case from a city: 会同市公安局 is that city's bureau, and its 市
    # does not make the city the item's locale.
    from tests.link.conftest import run

    text = (
        "宁夏日报 记者 王明\n\n自治区版权局会同自治区公安厅、自治区通信管理局开展专项行动，全区共查办案件31起。"
        "自治区版权局有关负责人介绍了典型案件。银川市兴庆区文化市场综合执法大队在检查中发现线索，"
        "会同市公安局兴庆区分局查获盗版图书1万册。"
    )
    ex = run(text)
    assert ex.locale == "宁夏回族自治区"
    assert "银川市公安局兴庆区分局" in {e.canonical for e in ex.entities if e.type == "AGENCY"}


# Batches 14–16: 地区 as a level, a province-wide plan, a feature on two cities alike.


def test_diqu_deixis_names_the_prefecture_level_diqu():
    assert place_for_deixis("地区", _chain("652901")).name == "阿克苏地区"  # from 阿克苏市
    assert place_for_deixis("地区", _chain("330110")) is None


def test_a_diqu_work_report_speaks_from_the_diqu():
    text = (
        "喀什日报讯 地区市场监管局联合地区中院、地区检察院印发《喀什地区商标侵权案件移送办法》。"
        "全地区查办案件40件，喀什市、疏附县查办最多。"
    )
    assert run(text).locale == "喀什地区"


def test_a_class_of_city_bodies_does_not_pull_a_province_plan_to_a_city():
    # 各设区市知识产权局 speaks of every city's office; the plan is the province's
    text = (
        "江苏省知识产权局2024年工作要点\n"
        "1.指导各设区市知识产权局做好专利转化工作。全省专利授权量增长，省委、省政府高度重视。"
        "南京市、南京市、苏州市作经验交流。"
    )
    ex = run(text)
    assert ex.locale == "江苏省"
    assert not any(e.type == "AGENCY" and e.canonical.endswith("市知识产权局") for e in ex.entities)


def test_a_feature_on_two_cities_alike_speaks_from_their_province():
    text = (
        "本报讯 湘潭、衡阳两市联合推进知识产权保护。湘潭市举办培训，衡阳市开展执法。"
        "湖南省知识产权局给予指导。湘潭市推进快速维权，衡阳市推进质押融资。"
    )
    assert run(text).locale == "湖南省"
    # one city named more than the other is still the locale
    assert run(text + "湘潭市再获表彰。").locale == "湘潭市"


# ------------------------------------------------------------------ batches 17–19


@pytest.mark.parametrize(
    "text",
    [
        # A central notice listing provinces and sent to all of them.
        "国家知识产权局 公安部关于开展2025年商标侵权专项整治的通知\n\n各省、自治区、直辖市知识产权局、公安厅（局）：\n"
        "现将有关事项通知如下。重点聚焦江苏、广东、浙江等外贸大省，建立本地区协调机制。\n",
        # A central body's press conference held in the capital, naming cities it supports.
        "2025年10月国家知识产权局例行新闻发布会\n\n主持人：欢迎参加发布会。我们将支持北京、上海建设知识产权强市，"
        "在广州开展专利开放许可试点。\n",
    ],
)
def test_a_central_bodys_notice_or_press_conference_speaks_from_the_country(text):
    assert run(text).locale == "中华人民共和国"


def test_a_central_bodys_title_with_a_local_speaker_stays_local():
    # A local paper reporting on a national decision speaks from its own province.
    ex = run("国家知识产权局公布第三批知识产权强县名单\n\n我省共有5个县入选，全省入选数量居全国前列。江苏省知识产权局表示将加强指导。\n")
    assert ex.locale == "江苏省"


def test_a_county_body_after_a_county_subject_clause_is_that_countys():
    # 县市场监管局 follows a clause whose subject is the county named in the same sentence.
    ex = run(
        "甘肃日报讯 今年以来，我省深入实施商标品牌战略，全省地理标志商标达到150件。"
        "在定西，临洮县培育“临洮百合”区域公用品牌，县市场监管局为合作社提供商标代办服务。"
        "省市场监管局将继续加强指导。"
    )
    assert "临洮县市场监督管理局" in canonicals(ex, "AGENCY")
    assert ex.locale == "甘肃省"


def test_a_division_renamed_since_the_gazetteer_is_the_locale_by_its_new_name():
    # 湟中县 became 湟中区 in 2019: the locale is named as the article writes it.
    ex = run("湟中区融媒体中心讯 近日，湟中区市场监管局组织开展地理标志专用标志使用培训，全区30家企业参加。")
    assert ex.locale == "湟中区"


def test_a_cooperation_zone_speaks_from_the_zone_and_its_bodies_are_the_zones():
    ex = run(
        "横琴粤澳深度合作区举行知识产权工作新闻发布会\n\n"
        "合作区执委会有关负责人介绍，合作区人民检察院与澳门有关部门建立了知识产权案件协作机制。"
        "执委会还将推动澳门企业在合作区登记商标。\n"
    )
    assert ex.locale == "横琴粤澳深度合作区"
    bodies = canonicals(ex, "AGENCY")
    assert {"横琴粤澳深度合作区执行委员会", "横琴粤澳深度合作区人民检察院"} <= bodies
    assert not any(b.startswith("澳门") for b in bodies)


def test_qu_deixis_never_names_a_special_administrative_region():
    # A 珠海 item naming 澳门: its 区商务局 is a district's, never Macau's government's.
    ex = run("珠海特区报讯 区商务局与澳门特别行政区政府经济及科技发展局签署《琴澳商标合作备忘录》。")
    assert not any(b.startswith("澳门特别行政区政府商务局") for b in canonicals(ex, "AGENCY"))
    assert place_for_deixis("区", _chain("820000")) is None
