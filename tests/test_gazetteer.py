"""kg.gazetteer: the divisions from cpca and the townships from jionlp's list."""

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
    # Every county a township names is one the county-level data knows, but for a few renamed ones.
    counties = {t.county for t in towns._by_name.get("城关镇", [])}
    assert len(counties) > 50
    assert sum(code in gazetteer.by_code for code in counties) / len(counties) > 0.95


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
