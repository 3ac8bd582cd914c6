"""link() end to end on the seeds: the extract contract and the seed scores."""

from __future__ import annotations

import importlib.util

import pytest

from kg.model import RELATION_KINDS, Mention
from tests.conftest import GOLD, SHARED
from tests.link.conftest import STEMS_ALL, canonicals, run


@pytest.mark.parametrize("stem", STEMS_ALL)
def test_extract_json_contract(linked_seed, stem):
    ex = linked_seed(stem)
    body = ex.to_json()
    text = ex.article.text
    for row in body["entities"]:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["iri"].startswith("https://") and row["canonical"]
    iris = {e.iri for e in ex.entities}
    for relation in ex.relations:
        assert relation.kind in RELATION_KINDS
        assert relation.subject in iris
        if relation.kind in ("ISSUED", "CONDUCTS"):
            assert relation.object in iris
        assert relation.evidence is not None


@pytest.mark.parametrize("stem", STEMS_ALL)
def test_no_entity_type_clash_and_sorted_relations(linked_seed, stem):
    ex = linked_seed(stem)
    assert len({e.iri for e in ex.entities}) == len(ex.entities)
    keys = [(r.kind, r.subject, r.object) for r in ex.relations]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_seed_scores_meet_the_linker_targets(linked_seed):
    script = SHARED / "eval" / "score.py"
    if not script.exists() or not GOLD.exists():
        pytest.skip("../shared/eval/score.py and the gold files are not available")
    spec = importlib.util.spec_from_file_location("score", script)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for stem in STEMS_ALL:
            fh.write(json.dumps(linked_seed(stem).to_json(), ensure_ascii=False) + "\n")
    result, _ = score.score(str(GOLD), fh.name)
    assert result["ISSUED"]["f1"] >= 0.85
    assert result["ENTITIES.canonical"]["f1"] >= 0.85
    assert result["AGENCY.canonical"]["f1"] >= 0.85


def test_blank_and_attribute_less_mentions_are_handled():
    from kg.link import link
    from kg.model import Article, Mention

    text = "某局印发《A》。 "
    mentions = [
        Mention("AGENCY", 0, 2, "某局", "某局"),  # no attrs at all
        Mention("POLICY", 5, 6, "A", "A"),
        Mention("ORG", 8, 9, " ", " "),  # blank: dropped
        Mention("PLACE", 0, 1, "某", "某", {"codes": ["999999"]}),  # code not in the gazetteer
    ]
    ex = link(Article("t", text), mentions)
    assert {(e.type, e.canonical) for e in ex.entities} == {("AGENCY", "某局"), ("POLICY", "A"), ("PLACE", "某")}
    assert [r.kind for r in ex.relations if r.kind == "ISSUED"] == ["ISSUED"]


def test_memoised_agency_readings_match_a_fresh_reading_in_every_context():
    # Every body of the seeds, read in several locales and with several counterparts, memo first:
    # a reading shared across contexts must be the one resolve_agency gives in each.
    from kg.gazetteer import load_gazetteer
    from kg.link.canonical import resolve_agency
    from kg.link.linker import _agency_reading
    from kg.link.locale import locale_chain
    from tests.link.conftest import ner, seed_text

    gazetteer = load_gazetteer()
    # (districts of one city share a deixis body's reading: 330110/330106, 540102/540100, 620402/620400)
    codes = ("330281", "540100", "620400", "110000", "330110", "330106", "540102", "620402")
    chains = [()] + [locale_chain(gazetteer.by_code[code], gazetteer) for code in codes]
    bodies = [m for stem in STEMS_ALL for m in ner(seed_text(stem)) if m.label == "AGENCY"]
    assert {m.attrs.get("jurisdiction_kind") for m in bodies} >= {"place", "deixis", "national", "none"}
    for chain in chains:
        for counterpart in (None, "市场监督管理局"):
            for mention in bodies:
                expected = resolve_agency(mention, chain, gazetteer, counterpart)
                assert _agency_reading(mention, chain, gazetteer, counterpart) == expected, mention


def test_place_forms_drop_short_forms_as_is_short_form_hit_does():
    # The linker reads the short-form test off a cached form per written place; it must drop
    # exactly what is_short_form_hit drops, for every place of the seeds in several provinces.
    from kg.gazetteer import load_gazetteer
    from kg.link.canonical import is_short_form_hit
    from kg.link.linker import _place_form
    from kg.model import Mention
    from tests.link.conftest import ner, seed_text

    gazetteer = load_gazetteer()
    places = [m for stem in STEMS_ALL for m in ner(seed_text(stem)) if m.label == "PLACE"]
    places.append(Mention("PLACE", 0, 2, "合作", "合作", {"codes": ["623001"]}))
    provinces = [gazetteer.by_code[code] for code in ("430000", "620000", "540000", "330000", "110000")]
    tested = 0
    for mention in places:
        form = _place_form(gazetteer, mention.text, tuple(mention.attrs.get("codes") or ()))
        if form.place is None:
            continue
        for province in provinces:
            dropped = form.enclosing is not None and province.code not in form.enclosing
            assert dropped == is_short_form_hit(mention, form.place, gazetteer, province), (mention, province)
            tested += dropped
    assert tested  # 合作 at least is an ordinary word outside 甘肃


def test_the_agency_memo_stays_within_its_bounds_and_reads_the_same(monkeypatch):
    """With bounds small enough to evict bodies and drop readings, every article still links as before."""
    from kg.link import linker
    from kg.pipeline import extract_text
    from tests.link.conftest import seed_text

    texts = [seed_text(stem) for stem in ("000", "001", "002", "003", "004")]
    expected = [extract_text(text, f"a{i}").to_json() for i, text in enumerate(texts)]
    monkeypatch.setattr(linker, "_bodies", {})
    monkeypatch.setattr(linker, "_reading_count", 0)
    monkeypatch.setattr(linker, "AGENCY_BODIES_MAX", 4)
    monkeypatch.setattr(linker, "AGENCY_READINGS_MAX", 6)
    dropped, before = False, 0
    for _ in range(2):
        for i, text in enumerate(texts):
            assert extract_text(text, f"a{i}").to_json() == expected[i]
            held = sum(len(body.readings) for body in linker._bodies.values())
            # (a body evicted while its article still reads it counts readings it no longer holds)
            assert held <= linker._reading_count <= 6 and len(linker._bodies) <= 4
            dropped = dropped or linker._reading_count < before  # readings were let go
            before = linker._reading_count
    assert dropped


@pytest.mark.parametrize("stem", ["000", "001", "002"])
def test_the_linker_output_holds_every_field_of_every_record(stem):
    """The linker makes its entities, relations and evidence with kg.model.record: each has all
    its fields (a missing one would raise here) and equals the object its __init__ makes."""
    import dataclasses

    from kg.model import Entity, Evidence, Relation
    from kg.pipeline import extract_text
    from tests.link.conftest import seed_text

    def remade(obj):
        return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})

    ex = extract_text(seed_text(stem))
    assert ex.entities and ex.relations
    for kind, objects in (
        (Entity, ex.entities),
        (Relation, ex.relations),
        (Evidence, [r.evidence for r in ex.relations if r.evidence is not None]),
    ):
        assert objects
        for obj in objects:
            assert type(obj) is kind and remade(obj) == obj
            assert vars(obj).keys() == {f.name for f in dataclasses.fields(kind)}


def test_nested_titles_with_fewer_than_two_titles_match_the_sweep():
    """_nested_titles returns at once for one title or none; the sweep gives the same (nothing nests)."""
    from kg.link.linker import _nested_titles
    from kg.model import Mention

    def swept(titles):  # the sweep as written, with no shortcut
        nested, reach = set(), -1
        for start, end in sorted({(m.start, m.end) for m in titles}, key=lambda span: (span[0], -span[1])):
            if end <= reach:
                nested.add((start, end))
            reach = max(reach, end)
        return nested

    outer, inner, apart = (Mention("POLICY", s, e, "x" * (e - s), "x") for s, e in ((0, 10), (2, 5), (12, 14)))
    for titles in ([], [outer], [inner], [outer, inner], [outer, inner, apart], [outer, outer]):
        assert _nested_titles(titles) == swept(titles)
    assert _nested_titles([outer, inner, apart]) == {(2, 5)}


# --- Batch 8 and 9: general fixes, each on sentences written for the test --------------------


def _place_iris(ex) -> dict[str, str]:
    return {e.canonical: e.iri.rsplit("/", 1)[-1] for e in ex.entities if e.type == "PLACE"}


def test_a_district_name_shared_by_cities_is_read_after_its_written_city():
    from tests.link.conftest import canonicals, run

    ex = run(
        "鼓楼区开展商标专用权保护集中行动\n\n近日，开封市鼓楼区市场监督管理局联合区公安分局开展商标侵权排查。"
        "今年以来，鼓楼区共检查经营户200余户。下一步，区市场监管局将在市市场监管局指导下持续加大执法力度。"
    )
    assert _place_iris(ex)["鼓楼区"] == "410204"  # 开封's, on every mention (the headline's too)
    assert ex.locale == "鼓楼区" and "开封市市场监督管理局" in canonicals(ex, "AGENCY")
    assert "南京市市场监督管理局" not in canonicals(ex, "AGENCY")


def test_a_shared_district_name_written_with_another_city_keeps_that_city():
    from tests.link.conftest import canonicals, run

    ex = run("南京市鼓楼区市场监管局开展知识产权宣传\n\n近日，鼓楼区市场监管局在湖南路商圈开展宣传。区市场监管局将在市市场监管局指导下持续推进。")
    assert _place_iris(ex)["鼓楼区"] == "320106"
    assert "南京市市场监督管理局" in canonicals(ex, "AGENCY")


def test_county_bodies_after_a_named_county_are_that_countys_and_do_not_move_the_locale():
    from tests.link.conftest import canonicals, run

    ex = run(
        "漳州市开展地理标志保护宣传活动\n\n近日，市市场监管局联合市农业农村局开展地理标志保护宣传。"
        "平和县组织县市场监管局、县公安局工作人员走进琯溪蜜柚种植基地宣讲商标知识。全市共发放资料3000余份。"
    )
    assert ex.locale == "漳州市"
    bodies = canonicals(ex, "AGENCY")
    assert {"平和县市场监督管理局", "平和县公安局", "漳州市市场监督管理局"} <= bodies


def test_a_second_plate_in_brackets_after_wo_ju_is_the_speakers_body():
    from tests.link.conftest import canonicals, run

    ex = run(
        "泉州市市场监督管理局关于市政协提案的答复\n\n近年来，我局（市知识产权局）持续推进知识产权保护体系建设，"
        "会同有关部门完善协作机制。"
    )
    bodies = canonicals(ex, "AGENCY")
    assert "泉州市知识产权局" not in bodies
    host = next(e for e in ex.entities if e.canonical == "泉州市市场监督管理局")
    assert "市知识产权局" in {m.text for m in host.mentions}


@pytest.mark.parametrize("text,named,not_named", [
    # A unit of the second plate is a unit of the first.
    ("浙江省市场监督管理局（浙江省知识产权局）关于征求意见的公告\n\n为做好专利转化运用工作，省市场监管局起草了"
     "《浙江省专利转化运用实施方案（征求意见稿）》。\n联系人：省知识产权局专利管理处 张XX，联系电话：0571-8888XXXX。",
     "浙江省市场监督管理局专利管理处", "浙江省知识产权局专利管理处"),
    # A Party department's second plate (版权局) folds into the department.
    ("杭州市开展青少年版权保护宣传\n\n近日，市委宣传部（市版权局）联合市教育局开展版权进校园活动。"
     "据了解，杭州市版权局今年已开展版权宣传20余场。",
     "中共杭州市委宣传部", "杭州市版权局"),
])
def test_a_second_plate_and_its_units_are_named_after_the_first_plate(text, named, not_named):
    from tests.link.conftest import canonicals, run

    bodies = canonicals(run(text), "AGENCY")
    assert named in bodies and not_named not in bodies


def test_a_page_of_national_bodies_only_speaks_from_the_country():
    from tests.link.conftest import run

    ex = run(
        "多部门部署2024年知识产权保护工作\n\n公安部将持续开展“昆仑2024”专项行动；海关总署将组织开展“龙腾行动2024”；"
        "国家版权局将开展“剑网2024”专项行动。"
    )
    assert ex.locale == "中华人民共和国"
    assert run("全市知识产权工作会议召开\n\n会议指出，要持续加强保护。").locale is None  # no body, no place: unknown


def test_one_campaign_written_with_and_without_a_descriptor_is_one_entity():
    from tests.link.conftest import canonicals, run

    ex = run(
        "我市开展“清风”知识产权保护专项行动\n\n近日，余姚市市场监管局启动“清风”知识产权保护专项行动。"
        "截至目前，“清风”专项行动共查处案件12件。"
    )
    assert canonicals(ex, "CAMPAIGN") == {"清风专项行动"}


def test_a_headline_describing_the_one_quoted_campaign_is_that_campaign():
    from tests.link.conftest import canonicals, run

    ex = run("宁波市部署开展冬奥会标志保护专项行动\n\n近日，宁波市市场监管局部署开展“护航冬奥”标志保护专项行动，重点检查商场和批发市场。")
    assert canonicals(ex, "CAMPAIGN") == {"护航冬奥标志保护专项行动"}
    # Two quoted candidates: the headline is left alone (it may be either).
    ex = run(
        "宁波市部署开展冬奥会标志保护专项行动\n\n近日，宁波市市场监管局部署开展“护航冬奥”标志保护专项行动和"
        "“净网冬奥”标志保护专项行动。"
    )
    assert "冬奥会标志保护专项行动" in canonicals(ex, "CAMPAIGN")


def test_a_body_called_by_its_ending_is_the_full_named_body_of_its_jurisdiction():
    from kg.link import link
    from kg.model import Article, Mention
    from tests.link.conftest import canonicals, rows

    text = "大连市召开会议。全市知识产权保护工作联席会议各成员单位参加。市联席会议办公室印发《工作要点》。"
    full = text.index("市知识产权保护工作联席会议")
    short = text.index("市联席会议办公室")
    deixis = {"jurisdiction": "市", "jurisdiction_kind": "deixis", "organ": "联席会议", "codes": []}
    mentions = [
        Mention("PLACE", 0, 3, "大连市", "大连市", {"codes": ["210200"]}),
        Mention("AGENCY", full, full + 13, text[full : full + 13], text[full : full + 13], {**deixis, "organ": "知识产权保护工作联席会议"}),
        Mention("AGENCY", short, short + 8, "市联席会议办公室", "市联席会议办公室", {**deixis, "unit": "办公室"}),
        Mention("POLICY", text.index("工作要点"), text.index("工作要点") + 4, "工作要点", "工作要点"),
    ]
    ex = link(Article("t", text), mentions)
    assert "大连市知识产权保护工作联席会议办公室" in canonicals(ex, "AGENCY")
    assert ("大连市知识产权保护工作联席会议办公室", "工作要点") in rows(ex)


def test_an_association_written_with_deixis_takes_the_locales_name():
    from kg.link.linker import _deixis_org_level
    from tests.link.conftest import canonicals, run

    ex = run("慈溪新闻网讯 近日，市家电行业协会联合市市场监管局举办商标品牌培训，全市60余家企业参加。")
    assert "慈溪市家电行业协会" in canonicals(ex, "ORG")
    # 市场… and 区块链… open with a word, not with deixis.
    assert _deixis_org_level("市场营销协会") == _deixis_org_level("区块链应用协会") == ""
    assert _deixis_org_level("县茶叶商会") == "县"


@pytest.mark.parametrize(
    "written, official",
    [("工行余姚支行", "中国工商银行余姚支行"), ("邮储银行慈溪支行", "中国邮政储蓄银行慈溪支行"), ("中国工商银行余姚支行", "中国工商银行余姚支行"),
     ("宁波银行", "宁波银行")],
)
def test_big_banks_written_short_take_their_official_names(written, official):
    from kg.link.linker import bank_name

    assert bank_name(written) == official


@pytest.mark.parametrize(
    "body",
    ["近日，厦门市思明区市场监督管理局莲前市场监管所在辖区开展检查。", "近日，思明区市场监管局组织各市场监管所开展检查。"],
    ids=["written with its bureau", "bare"],
)
def test_a_grass_roots_office_is_a_unit_of_its_districts_bureau(body):
    from tests.link.conftest import canonicals, run

    ex = run(f"思明区开展商标侵权集中整治\n\n{body}莲前市场监管所执法人员共检查经营户40户。")
    offices = {c for c in canonicals(ex, "AGENCY") if c.endswith("所")}
    assert offices == {"思明区市场监督管理局莲前市场监督管理所"}


def test_an_editions_name_without_its_year_is_that_edition():
    from tests.link.conftest import canonicals, run

    ex = run(
        "记者从宁波海关获悉，今年一季度，该关在“清风行动2024”知识产权保护专项执法行动中查扣侵权货物12批。"
        "该关负责人表示，将继续深化‘清风行动’，加大查处力度。"
    )
    assert canonicals(ex, "CAMPAIGN") == {"清风行动2024知识产权保护专项执法行动"}


def test_a_unit_written_alone_is_a_unit_of_the_body_named_most():
    from kg.link import link
    from kg.model import Article, Mention
    from tests.link.conftest import canonicals

    text = "宁德市市场监督管理局关于提案的答复\n\n宁德市市场监督管理局持续推进保护。\n联系人：知识产权保护处 张三。"
    body = {"jurisdiction": "宁德市", "jurisdiction_kind": "place", "organ": "市场监督管理局", "codes": ["350900"]}
    unit = text.index("知识产权保护处")
    mentions = [
        Mention("AGENCY", 0, 10, text[:10], text[:10], body),
        Mention("AGENCY", 19, 29, text[19:29], text[19:29], body),
        Mention("AGENCY", unit, unit + 7, "知识产权保护处", "知识产权保护处", {"jurisdiction_kind": "none", "unit": "知识产权保护处"}),
    ]
    assert canonicals(link(Article("t", text), mentions), "AGENCY") == {"宁德市市场监督管理局", "宁德市市场监督管理局知识产权保护处"}


def test_a_parent_of_several_readings_pins_nothing():
    from tests.link.conftest import run

    # 楚雄楚雄支行: the first 楚雄 is itself the prefecture or the city, so it fixes no reading.
    ex = run(
        "楚雄彝族自治州开展知识产权宣传\n\n近日，楚雄州市场监管局联合中国农业银行楚雄楚雄支行开展知识产权质押融资宣传，"
        "助力建设幸福楚雄。"
    )
    assert ex.locale == "楚雄彝族自治州" and "楚雄市" not in {e.canonical for e in ex.entities}


@pytest.mark.parametrize("text,campaign", [
    # One quoted name with a kind word and with a longer one ending with it.
    ("市公安局部署开展“昆仑”专项行动。截至目前，“昆仑”行动已破获案件12起。", "昆仑专项行动"),
    # A quoted name alone, the same with a kind word, and its name without the year.
    ("该关开展“清风2025”知识产权保护专项执法行动，查扣侵权货物3批。“清风2025”期间，该关还与邻关协作，"
     "将把‘清风’打造成品牌。", "清风2025知识产权保护专项执法行动"),
])
def test_the_forms_of_one_quoted_campaign_are_one_campaign(text, campaign):
    from tests.link.conftest import canonicals, run

    assert canonicals(run(text), "CAMPAIGN") == {campaign}


# --- Batches 10 to 13 ------------------------------------------------------------------------


def _campaign(text: str, name: str, kind: str, start: int = 0) -> Mention:
    return Mention("CAMPAIGN", start, start + len(text), text, name, {"kind": kind})


@pytest.mark.parametrize(
    "text, name, kind, expected",
    [
        ("“甬城护航”知识产权保护专项行动", "甬城护航知识产权保护专项行动", "专项行动", "甬城护航专项行动"),
        # a national enforcement action keeps its whole name, and so does a training
        ("“昆仑2025”知识产权保护专项执法行动", "昆仑2025知识产权保护专项执法行动", "专项执法行动", "昆仑2025知识产权保护专项执法行动"),
        ("“你问我答”知识产权专题培训", "你问我答知识产权专题培训", "专题培训", "你问我答知识产权专题培训"),
    ],
)
def test_the_field_of_work_is_no_part_of_a_quoted_actions_name(text, name, kind, expected):
    from kg.link.linker import campaign_name

    assert campaign_name(_campaign(text, name, kind)) == expected


def test_a_quoted_year_and_place_is_an_edition():
    ex = run("本报宁波讯 “2025年宁波知识产权宣传周”启动仪式举行。")
    assert "2025年宁波知识产权宣传周" in canonicals(ex, "CAMPAIGN")


def test_an_undated_quoted_name_is_the_pages_one_edition_whatever_its_kind_word():
    ex = run("本报盘锦讯 盘锦市开展“护蟹2025”专项执法行动。“护蟹”行动共查处案件9起。")
    assert canonicals(ex, "CAMPAIGN") == {"护蟹2025专项执法行动"}


def test_a_title_without_its_years_or_the_states_name_is_the_full_title():
    ex = run(
        "本报湖州讯 湖州发布知识产权三年行动计划。湖州市知识产权局发布了《湖州市知识产权三年行动计划（2025—2027年）》。"
        "《湖州市知识产权三年行动计划》提出目标。检查组检查《中华人民共和国商标法》实施情况，《商标法》实施以来成效明显。"
    )
    assert canonicals(ex, "POLICY") == {"湖州市知识产权三年行动计划(2025—2027年)", "中华人民共和国商标法"}


def test_a_one_character_abbreviation_after_zhu_is_the_items_city():
    assert "青海省" not in canonicals(run("本报青岛讯 青岛市科技局组织驻青高校开展成果转化。"), "PLACE")
    assert "青海省" in canonicals(run("本报西宁讯 西宁市科技局组织驻青高校开展成果转化。"), "PLACE")


def test_a_short_form_right_after_its_enclosing_division_is_the_place():
    ex = run("本报成都讯 我们已与重庆市渝北公证处签订《川渝公证协作协议》。")
    assert "渝北区" in canonicals(ex, "PLACE")


def test_a_second_plate_the_ner_read_folds_into_the_first():
    from kg.link import link
    from kg.model import Article

    text = "雄安新区：新区综合执法局（新区市场监管局）开展检查。新区市场监管局表示将加强执法。"
    host = "新区综合执法局（新区市场监管局）"
    second = "新区市场监管局"
    deixis = {"jurisdiction": "新区", "jurisdiction_kind": "deixis", "codes": []}
    at = text.index(host)
    mentions = [
        Mention("PLACE", 0, 4, "雄安新区", "河北雄安新区", {"codes": ["133100"]}),
        Mention("AGENCY", at, at + len(host), host, host, {**deixis, "organ": "综合执法局", "plate2": "市场监督管理局"}),
        Mention("AGENCY", text.index(second), text.index(second) + len(second), second, second,
                {**deixis, "organ": "综合执法局", "plate2": "市场监督管理局", "nested": True}),
        Mention("AGENCY", text.rindex(second), text.rindex(second) + len(second), second, second,
                {**deixis, "organ": "市场监督管理局"}),
    ]
    ex = link(Article("t", text), mentions)
    assert canonicals(ex, "AGENCY") == {"河北雄安新区综合执法局"}


def test_a_public_bodys_short_prefecture_is_spelt_out():
    from kg.link.linker import prefecture_spelled

    assert prefecture_spelled("德宏州人民医院") == "德宏傣族景颇族自治州人民医院"
    assert prefecture_spelled("德宏州某某贸易有限公司") == "德宏州某某贸易有限公司"


def test_an_organisations_short_prefecture_is_spelt_out_in_its_entity():
    from kg.link.linker import _org_entity

    assert _org_entity("西双版纳州傣医医院")[0] == "西双版纳傣族自治州傣医医院"


@pytest.mark.parametrize("stem", STEMS_ALL)
def test_each_entitys_mentions_come_in_span_order(linked_seed, stem):
    # link() sorts an entity's mentions only when one was added out of order (a fold, a
    # shorter mention at the same start, a body read from a title late): the rest stay as added.
    for entity in linked_seed(stem).entities:
        spans = [(m.start, m.end) for m in entity.mentions]
        assert spans == sorted(spans)


def test_a_name_folded_into_one_written_later_keeps_its_mentions_in_order():
    from tests.link.conftest import run

    # The short form comes first; the fold appends it to the later full form's mentions.
    ex = run("“清风”专项整治期间查处案件12起。公安局开展“清风”专项整治行动。“清风”专项整治成效明显。")
    (campaign,) = [e for e in ex.entities if e.type == "CAMPAIGN"]
    assert campaign.canonical == "清风专项整治行动"
    starts = [m.start for m in campaign.mentions]
    assert len(starts) == 3 and starts == sorted(starts)


def test_mentions_are_read_in_start_then_longest_then_label_order():
    """The one-pass order (mentions by (start, end), as the NER gives them) and the sorts for any other
    order both give (start, -end, label); a span written twice is ordered by label."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.link.linker import _in_mention_order

    labels = st.sampled_from(["PLACE", "AGENCY", "ORG", "POLICY", "CAMPAIGN"])
    spans = st.tuples(st.integers(0, 12), st.integers(1, 6), labels)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(spans, max_size=12), st.booleans())
    def check(items, as_the_ner_gives):
        mentions = [Mention(label, start, start + length, "x" * length, "x" * length) for start, length, label in items]
        if as_the_ner_gives:
            mentions.sort(key=lambda m: (m.start, m.end, m.label))
        expected = sorted(mentions, key=lambda m: (m.start, -m.end, m.label))
        assert [id(m) for m in _in_mention_order(list(mentions))] == [id(m) for m in expected]

    check()
