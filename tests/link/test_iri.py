"""IRIs: identity keys fold spellings, segments stay readable, codes key places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kg.config import BASE_IRI
from kg.link.iri import article_iri, encode_segment, entity_iri, identity_key, place_iri


@pytest.mark.parametrize(
    "a, b",
    [
        ("知识产权强国建设纲要(2021—2035年)", "知识产权强国建设纲要（2021-2035年）"),
        ("知识产权强国建设纲要(2021-2035年)", "知识产权强国建设纲要(2021－2035年)"),
        ("“十四五”国家知识产权保护和运用规划", '"十四五"国家知识产权保护和运用规划'),
        ("《西藏自治区 知识产权规划》", "西藏自治区知识产权规划"),
    ],
)
def test_identity_key_folds_spellings_of_one_name(a, b):
    assert identity_key(a) == identity_key(b)


def test_identity_key_keeps_different_names_apart():
    assert identity_key("株洲市市场监督管理局") != identity_key("株洲市市场监督管理局知识产权科")


def test_entity_iri_is_readable_and_valid():
    iri = entity_iri("AGENCY", "拉萨市市场监督管理局")
    assert iri == f"{BASE_IRI}agency/拉萨市市场监督管理局"
    URIRef(iri)  # rdflib accepts it


def test_entity_iri_encodes_what_an_iri_may_not_hold():
    iri = entity_iri("POLICY", 'a b<c>"{d}')
    assert " " not in iri and "<" not in iri and '"' not in iri and "{" not in iri


def test_entity_types_have_their_own_paths():
    assert entity_iri("CAMPAIGN", "蓝天专项行动") != entity_iri("POLICY", "蓝天专项行动")


def test_place_and_article_iris():
    assert place_iri("540100") == f"{BASE_IRI}place/540100"
    assert place_iri("ISO:EU") == f"{BASE_IRI}place/ISO-EU"
    assert article_iri("000_270aec11aeae12c3") == f"{BASE_IRI}article/000_270aec11aeae12c3"


def test_encode_segment_never_empty():
    assert encode_segment("") == "_"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("拉萨市鿯鿰鿿一丁 \u3000\u200b%/?#\"<>—-()（）《》abcAZ09_~é\x85\ufff0")), max_size=16))
def test_plain_segments_read_as_the_character_by_character_encoding(key):
    from kg.link.iri import _encode_char

    assert encode_segment(key) == ("".join(map(_encode_char, key)) or "_")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("拉萨市鿯鿰鿿一丁 \u3000%\"“”《》—-~～()（）abAZ09_.é\x85\uff21")), max_size=12))
def test_entity_iri_reads_every_name_through_its_identity_key(name):
    """The shortcut for names that are their own key and segment gives the IRI the full reading gives."""
    assert entity_iri("POLICY", name) == f"{BASE_IRI}document/{encode_segment(identity_key(name))}"
