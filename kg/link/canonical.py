"""Canonical names: places from the gazetteer, agencies from jurisdiction + organ.

Agencies follow GUIDELINES.md "Canonical name":

* deixis resolves against the section's locale chain: 市市场监管局 in an
  article from 余姚 → 余姚市市场监督管理局; 自治区党委 → 西藏自治区党委;
* abbreviations expand from ``data/abbreviations.tsv`` (中院 → 中级人民法院);
* Party committees: 省委 → 中共甘肃省委, 市委办 → 中共白银市委办公室, while
  党委 keeps its form (西藏自治区党委);
* a county-level body carries the county's name alone (余杭区市场监督管理局),
  because a gazetteer name is the division's own name;
* an internal unit is its parent's canonical name + the unit.

>>> from kg.gazetteer import load_gazetteer
>>> gaz = load_gazetteer()
>>> expand_organ("市场监管局")
'市场监督管理局'
>>> agency_name(gaz.by_code["620400"], "委办公室")
'中共白银市委办公室'
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from kg.gazetteer import Gazetteer, Place, short_forms
from kg.link.locale import place_for_deixis
from kg.link.resources import (
    canonical_text,
    expand_abbreviations,
    head_abbreviations,
    modifier_abbreviations,
    national_branches,
    proper_organs,
    region_governments,
    short_named_organs,
    unscoped_organs,
    yuan_words,
    zone_abbreviations,
    zone_words,
)
from kg.model import Mention

__all__ = [
    "expand_organ",
    "agency_name",
    "resolve_place",
    "resolve_codes",
    "resolve_agency",
    "is_short_form_hit",
    "short_form_enclosing",
    "short_form_hits",
    "standard_organ",
    "court_at",
    "main_court",
    "names_bare_court",
    "several_places",
    "joint_places",
    "LEVEL_ORDER",
]

#: Last characters of a division's name that a renaming changes (县 → 市, 县 → 区).
_DIVISION_ENDINGS = frozenset("市区县旗")
LEVEL_ORDER = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "town": 4}
# Organs that name a Party committee or its office: written 市委, 市委办; the
# canonical name puts 中共 in front of the division (中共白银市委办公室). The
# committee's working departments that organs.tsv lists are written the same way
# (市委宣传部 → 中共上海市委宣传部, 州委网信办 → 中共…州委网络安全和信息化委员会办公室), and so is
# its commission for discipline inspection (市纪委 → 中共昆明市纪律检查委员会).
_PARTY_ORGANS = frozenset(("委", "委办公室", "委办公厅", "委宣传部", "委网络安全和信息化委员会办公室", "纪律检查委员会"))


# A place's committee of the Chinese People's Political Consultative Conference, written 市政协:
# its official name puts the place inside (中国人民政治协商会议绍兴市委员会).
_CPPCC_ORGANS = frozenset(("政协", "政治协商会议", "政协委员会", "政治协商会议委员会"))


def expand_organ(written: str) -> str:
    """Expand an abbreviated organ or national body name (``abbreviations.tsv``).

    >>> expand_organ("中院"), expand_organ("人民政府"), expand_organ("政府"), expand_organ("国知局")
    ('中级人民法院', '人民政府', '人民政府', '国家知识产权局')
    """
    return _expand(written)


@lru_cache(maxsize=4096)
def _expand(written: str) -> str:
    table = expand_abbreviations()
    if written in table:
        return table[written]
    for short in _by_length():
        full = table[short]
        if written.endswith(short) and not written.endswith(full):
            return written[: -len(short)] + full
    return written


def _expand_office(unit: str) -> str:
    """``unit`` with a grass-roots office's ending written out (东街市场监管所 → 东街市场监督管理所).

    >>> _expand_office("东街市场监管所"), _expand_office("知识产权保护处")
    ('东街市场监督管理所', '知识产权保护处')
    """
    return _expand(unit) if unit.endswith("所") else unit


@lru_cache(maxsize=1)
def _by_length() -> tuple[str, ...]:
    """Abbreviations, longest first (a stable sort keeps the table's order among equals)."""
    return tuple(sorted(expand_abbreviations(), key=len, reverse=True))


def agency_name(place: Place, organ: str) -> str:
    """The canonical name of ``organ`` of ``place``.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> agency_name(gaz.by_code["540000"], "党委"), agency_name(gaz.by_code["620000"], "委")
    ('西藏自治区党委', '中共甘肃省委')
    >>> agency_name(gaz.by_code["810000"], "知识产权署"), agency_name(gaz.by_code["820000"], "人民政府")
    ('香港特别行政区政府知识产权署', '澳门特别行政区政府')
    >>> agency_name(gaz.by_code["370000"], "金融监管局")
    '国家金融监督管理总局山东监管局'
    >>> agency_name(gaz.by_code["340100"], "知识产权法庭")
    '合肥知识产权法庭'
    """
    if organ in _PARTY_ORGANS:
        if place.name.endswith("地区") and place.level == "prefecture":
            return f"中共{place.name[:-1]}{organ}"  # 地委: the Party committee of 阿克苏地区 is 中共阿克苏地委
        return f"中共{place.name}{organ}"
    if organ in _CPPCC_ORGANS:
        # 市政协: the CPPCC committee of the place, 中国人民政治协商会议绍兴市委员会.
        return f"中国人民政治协商会议{place.name}委员会"
    if organ.startswith("党") and organ.endswith("工作委员会"):
        # 新区党工委: the Party's working committee of a new area or zone, 中共河北雄安新区工作委员会.
        return f"中共{place.name}{organ[1:]}"
    # (a municipality, a province-level 市, names its IP tribunal like a city's: 重庆知识产权法庭)
    if organ in short_named_organs() and (place.level == "prefecture" or (place.level == "province" and place.name.endswith("市"))):
        return (short_forms(place.name) or [place.name])[0] + organ
    branch = national_branches().get(organ)
    if branch is not None:
        # 山东金融监管局: the national regulator's bureau, named after the place's short form.
        return branch[0] + (short_forms(place.name) or [place.name])[0] + branch[1]
    government = region_governments().get(place.name)
    if government is not None:
        if organ.endswith(government[1]):
            return place.name + organ.replace("人民法院", "法院")  # (its courts are no people's courts)
        # 香港知识产权署 is a department of 香港特别行政区政府, which is no 人民政府.
        organ = organ.removeprefix("人民政府").removeprefix("政府")
        return government[0] + organ
    return place.name + organ


def resolve_place(
    codes: list[str] | tuple[str, ...], gazetteer: Gazetteer, chain: tuple[Place, ...], written: str = ""
) -> Place | None:
    """The division among ``codes`` that the context ``chain`` points to.

    A candidate inside the locale (deepest shared division wins) beats one
    outside it; among equals the higher level wins (白银 the city, not 白银区).

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> resolve_place(["620400", "620402"], gaz, ()).name
    '白银市'

    A province's short form ``written`` bare names the province even where a
    district of the locale shares it (河北 in a 天津 article is 河北省, not 河北区).

    >>> resolve_place(["120105", "130000"], gaz, (gaz.by_code["120000"],), "河北").name
    '河北省'
    """
    if len(codes) == 1:
        return gazetteer.by_code.get(codes[0])  # most names are unambiguous: no context to weigh
    return resolve_codes(gazetteer, tuple(codes), tuple(p.code for p in chain), written)


@lru_cache(maxsize=65536)
def resolve_codes(gazetteer: Gazetteer, codes: tuple[str, ...], chain: tuple[str, ...], written: str = "") -> Place | None:
    """:func:`resolve_place` with hashable arguments: ``chain`` as codes, most specific first.

    Cached: every article names the same few ambiguous places, in the same few contexts.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> resolve_codes(gaz, ("120105", "130000"), ("120000", "ISO:CN"), "河北").name
    '河北省'
    """
    if len(codes) == 1:
        return gazetteer.by_code.get(codes[0])
    if written:
        province = next(
            (gazetteer.by_code[c] for c in codes
             if c in gazetteer.by_code and gazetteer.by_code[c].level == "province"
             and written in short_forms(gazetteer.by_code[c].name)),
            None,
        )
        if province is not None:
            return province
    candidates = [gazetteer.by_code[c] for c in codes if c in gazetteer.by_code]
    if not candidates:
        return None
    depth = {code: len(chain) - i for i, code in enumerate(chain)}

    def score(place: Place) -> tuple:
        own = (place, *gazetteer.ancestors(place.code))
        shared = max((depth.get(p.code, 0) for p in own), default=0)
        return (-shared, LEVEL_ORDER.get(place.level, 9), place.code)

    return min(candidates, key=score)


def several_places(mention: Mention, gazetteer: Gazetteer) -> list[Place]:
    """The places a joint abbreviation names (中欧, 京津冀), or [] for one place.

    A name with several codes is either ambiguous (株洲: the city or the old
    county; 市中: four districts) or an abbreviation of several places.  It is
    ambiguous when it is the name or short form of a candidate; otherwise it
    names every candidate (GUIDELINES.md: 中欧 is a mention of each).

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> m = Mention("PLACE", 0, 3, "京津冀", "京津冀", {"codes": ["110000", "120000", "130000"]})
    >>> [p.name for p in several_places(m, gaz)]
    ['北京市', '天津市', '河北省']
    >>> several_places(Mention("PLACE", 0, 2, "株洲", "株洲", {"codes": ["430200", "430221"]}), gaz)
    []
    """
    return list(joint_places(gazetteer, canonical_text(mention.text), tuple(mention.attrs.get("codes") or ())))


@lru_cache(maxsize=4096)
def joint_places(gazetteer: Gazetteer, text: str, codes: tuple[str, ...]) -> tuple[Place, ...]:
    """:func:`several_places` of a name written ``text`` (canonical) with ``codes``, as a tuple.

    >>> from kg.gazetteer import load_gazetteer
    >>> [p.name for p in joint_places(load_gazetteer(), "京津冀", ("110000", "120000", "130000"))]
    ['北京市', '天津市', '河北省']
    """
    candidates = [gazetteer.by_code[c] for c in codes if c in gazetteer.by_code]
    if len(candidates) < 2:
        return ()
    if any(text == p.name or text in short_forms(p.name) for p in candidates):
        return ()
    return tuple(sorted(candidates, key=lambda p: p.code))


def is_short_form_hit(mention: Mention, place: Place, gazetteer: Gazetteer, province: Place | None) -> bool:
    """True when a bare short form is likely an ordinary word, not the place.

    "合作" in 合作协议 or "资源" in 资源优势 match county names (合作市, 资源县).
    A two-or-three-character short form, written without a division suffix,
    whose every reading is a county outside the article's province is dropped
    (:func:`short_form_enclosing` says which provinces keep it).
    """
    if province is None:
        return False
    written = canonical_text(mention.text)
    if len(written) > 3:  # most places are written long: settled here, not cached
        return False
    enclosing = short_form_enclosing(gazetteer, written, place.code, tuple(mention.attrs.get("codes") or ()))
    return enclosing is not None and province.code not in enclosing


def short_form_hits(
    pairs: list[tuple[Mention, Place]], gazetteer: Gazetteer, provinces: list[Place]
) -> set[tuple[int, int]]:
    """Spans of the (mention, place) ``pairs`` that :func:`is_short_form_hit` drops in every one of ``provinces``.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> heshui = Mention("PLACE", 0, 2, "合作", "合作", {"codes": ["623001"]})
    >>> short_form_hits([(heshui, gaz.by_code["623001"])], gaz, [gaz.by_code["330000"]])
    {(0, 2)}
    """
    if not provinces:
        return set()
    return {
        (mention.start, mention.end)
        for mention, place in pairs
        if all(is_short_form_hit(mention, place, gazetteer, province) for province in provinces)
    }


# Cached: the places of a corpus recur, and the linker asks once per written form.
@lru_cache(maxsize=16384)
def short_form_enclosing(gazetteer: Gazetteer, written: str, code: str, codes: tuple[str, ...]) -> frozenset[str] | None:
    """The divisions that enclose every reading of a bare county short form; None for any other place name.

    ``written`` is the name as written (:func:`canonical_text`), ``code`` the division it
    was read as, ``codes`` its candidate codes.  A name of two or three characters that
    is not the division's own name and whose every reading is a county (合作 → 合作市,
    资源 → 资源县) may be an ordinary word: :func:`is_short_form_hit` drops it in an
    article about a province that is not among these divisions.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> sorted(short_form_enclosing(gaz, "合作", "623001", ("623001",)))
    ['620000', '623000', 'ISO:CN']
    >>> short_form_enclosing(gaz, "合作市", "623001", ("623001",)), short_form_enclosing(gaz, "白银", "620400", ("620400",))
    (None, None)
    """
    if code.startswith("ISO:") or len(written) > 3 or written == gazetteer.by_code[code].name:
        return None
    enclosing: set[str] = set()
    for candidate in [c for c in codes if c in gazetteer.by_code] or [code]:
        if gazetteer.by_code[candidate].level != "county":
            return None
        enclosing.update(p.code for p in gazetteer.ancestors(candidate))
    return frozenset(enclosing)


def standard_organ(mention: Mention, gazetteer: Gazetteer | None = None) -> str:
    """The standard organ of an AGENCY mention: its name after the jurisdiction, expanded.

    With ``gazetteer`` a jurisdiction written short (内蒙古分中心 for 内蒙古自治区) is
    cut off too, by the mention's codes.

    >>> standard_organ(Mention("AGENCY", 0, 8, "余杭区市场监管局", "余杭区市场监管局",
    ...     {"jurisdiction": "余杭区", "jurisdiction_kind": "place", "organ": "市场监管局"}))
    '市场监督管理局'
    """
    attrs = mention.attrs
    # Keyed on the attributes the organ depends on: the bodies of a corpus repeat.
    codes = tuple(attrs.get("codes") or ()) if gazetteer is not None else ()
    return _organ_of(
        mention.name, attrs.get("jurisdiction") or "", attrs.get("organ") or "", attrs.get("unit") or "",
        attrs.get("plate2") or "", codes, gazetteer, bool(attrs.get("modifiers")),
    )


@lru_cache(maxsize=16384)
def _organ_of(
    name: str, jurisdiction: str, organ: str, unit: str, plate2: str, codes: tuple[str, ...], gazetteer: Gazetteer | None,
    modified: bool = False,
) -> str:
    rest = _rest_after_jurisdiction(canonical_text(name), canonical_text(jurisdiction), codes, gazetteer)
    organ = canonical_text(organ)
    unit = canonical_text(unit)
    plate2 = canonical_text(plate2)
    if unit and rest.endswith(unit):
        rest = rest[: -len(unit)]
    if plate2:
        rest = rest.split("(")[0].split("（")[0]
        if organ and rest == plate2:
            # A list member that is the first body's second plate: "…市场监督管理局、知识产权局".
            return expand_organ(organ)
    expanded = _spelled_head(expand_organ(rest)) if rest else organ
    if not organ:
        return expanded
    organ = expand_organ(organ)
    if not expanded or organ.endswith(expanded):
        # The written jurisdiction swallowed part of the organ: 日喀则市场监督管理局.
        return organ
    if jurisdiction and not modified and expanded == rest and _same_kind(expanded, organ):
        # Nothing stands between jurisdiction and organ, so the rest is the organ as written
        # and the NER's organ its standard name (县林草局 → 林业和草原局, 区卫健委 →
        # 卫生健康委员会: abbreviations this table does not list but the organ lexicon does).
        return organ
    return expanded


@lru_cache(maxsize=4096)
def _spelled_head(rest: str) -> str:
    """``rest`` with a parent written short at its start spelt out (``data/head_abbreviations.tsv``).

    Only when more name follows: the short form is a parent inside a unit's name.

    >>> _spelled_head("中院知识产权法庭"), _spelled_head("常委会办公厅"), _spelled_head("中院"), _spelled_head("人民法院")
    ('中级人民法院知识产权法庭', '人民代表大会常务委员会办公厅', '中院', '人民法院')
    """
    for short, full in head_abbreviations():
        if rest.startswith(short) and len(rest) > len(short) and not rest.startswith(full):
            return full + rest[len(short) :]
    return rest


def _same_kind(written: str, organ: str) -> bool:
    """Whether ``written`` is shortened from ``organ`` keeping its kind word: 局 for 局, 委 for 委员会.

    >>> _same_kind("林草局", "林业和草原局"), _same_kind("卫健委", "卫生健康委员会"), _same_kind("文旅局", "委员会")
    (True, True, False)
    """
    return written.endswith(organ[-1]) or (organ.endswith("委员会") and written.endswith("委"))


def _rest_after_jurisdiction(name: str, written: str, codes: tuple[str, ...], gazetteer: Gazetteer | None) -> str:
    if written and name.startswith(written):
        return name[len(written) :]
    if gazetteer is not None and codes and written and written in name:
        # The jurisdiction written after a division enclosing it: 厦门市思明区市场监管局.
        at = name.find(written)
        enclosing = {p.name for code in codes if code in gazetteer.by_code for p in gazetteer.ancestors(code)}
        if any(name[:at].endswith(place) for place in enclosing):
            return name[at + len(written) :]
    if gazetteer is not None and codes:
        # The jurisdiction may be written short (内蒙古分中心 for 内蒙古自治区).
        wanted = set(codes)
        for cut in range(len(name) - 1, 1, -1):
            if wanted & set(gazetteer.by_name.get(name[:cut], ())):
                return name[cut:]
    return name


def _counterpart(organ: str, counterpart: str | None) -> str:
    # "余杭区局" in an article by a market-regulation bureau is the district's
    # 市场监督管理局: a bare 局 names the speaker's counterpart.
    if organ == "局" and counterpart:
        return counterpart
    return organ


def court_at(court: str, place: Place) -> str:
    """The organ a bare 院 of ``place`` stands for, when the article's own 院 is ``court``.

    A procuratorate is 人民检察院 at every level; a court's name says its level.

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> court_at("人民检察院", gaz.by_code["130500"]), court_at("人民法院", gaz.by_code["130000"])
    ('人民检察院', '高级人民法院')
    """
    if court != "人民法院":
        return court
    return {"province": "高级人民法院", "prefecture": "中级人民法院"}.get(place.level, "人民法院")


def names_bare_court(modifiers: str, organ: str) -> bool:
    """True when a body's name starts with a bare 院 after its jurisdiction: 市院知识产权检察办公室.

    >>> names_bare_court("院", "知识产权检察办公室"), names_bare_court("院知识产权", "审判庭"), names_bare_court("院士", "工作站")
    (True, True, False)
    """
    return organ == "院" or (modifiers.startswith("院") and not modifiers.startswith(yuan_words()))


def main_court(organ: str) -> str:
    """What a body of ``organ`` counts for when an article's own 院 is sought ("" for none): courts of
    every level count as one.

    >>> main_court("中级人民法院"), main_court("人民检察院"), main_court("公安局")
    ('人民法院', '人民检察院', '')
    """
    if organ.endswith("人民法院"):
        return "人民法院"
    return "人民检察院" if organ.endswith("人民检察院") else ""


def resolve_agency(
    mention: Mention, chain: tuple[Place, ...], gazetteer: Gazetteer, counterpart: str | None = None,
    court: str | None = None,
) -> tuple[str, Place | None, bool]:
    """(canonical name, jurisdiction place, whether the place is written) of an AGENCY mention.

    ``chain`` is the locale chain of the mention's section (most specific first);
    ``counterpart`` is the organ a bare 局 stands for (the article's main bureau), ``court``
    the one a bare 院 stands for (市院知识产权检察办公室 in a procuratorate's article:
    :func:`main_court` of its bodies). Where the jurisdiction cannot be resolved the written
    name is kept.

    (The linker memoises this across articles, keyed on the attributes read here
    and in :func:`standard_organ` / :func:`keeps_written_name`: reading a new attribute
    means adding it to the key in ``kg.link.linker._body``, and reading more of
    the context means adding it to the key in ``kg.link.linker._read``.)
    """
    attrs = mention.attrs
    kind = attrs.get("jurisdiction_kind") or "none"
    unit = canonical_text(attrs.get("unit") or "")
    given = attrs.get("canonical")
    if given:
        given = zone_committee(canonical_text(given))
        return (given if given.endswith(unit) else given + unit), None, True
    name = canonical_text(mention.name)
    if kind == "national":
        whole = expand_organ(name)
        organ = standard_organ(mention)
        written = canonical_text(attrs.get("jurisdiction") or "")
        if whole != name:
            return whole, None, True
        return (written + organ + unit if written == "国家" and organ else name), None, True
    organ = _counterpart(standard_organ(mention, gazetteer), counterpart)
    place: Place | None = None
    written = False
    if kind == "place":
        codes = tuple(attrs.get("codes") or ())
        if len(codes) > 1 and joint_places(gazetteer, canonical_text(attrs.get("jurisdiction") or ""), codes):
            # 粤港澳知识产权合作联席会议: a body of several places together is named as written.
            return name, None, False
        place = resolve_place(attrs.get("codes") or [], gazetteer, chain)
        written = True
        if place is not None and (keeps_written_name(mention) or ("-" in place.code and _zone_body_of_a_city(name, place, gazetteer))):
            return _official_spelling(name), place, True
    elif kind == "deixis":
        place = place_for_deixis(attrs.get("jurisdiction") or "", chain)
    elif kind == "none" and organ and chain and not organ.endswith(unscoped_organs()):
        # A bare organ (知识产权工作领导小组, 市场监管局) is the locale's own body.
        place = chain[0]
    if place is None or place.code.startswith("ISO:") or not organ:
        return name, place if written else None, written
    if court and organ.startswith("院") and names_bare_court(attrs.get("modifiers") or "", organ):
        # 市院, 省院: the speaker's own kind of 院 at that level (市院 in a procuratorate's news).
        organ = court_at(court, place) + organ[1:]
    jurisdiction = _renamed(place, canonical_text(attrs.get("jurisdiction") or "")) if written else place
    if "检察" in organ:  # (the test first: few organs are procuratorial, and a call costs more)
        organ = _procuratorate_unit(organ)
    # A unit written short as a whole (法工委) takes its full name, and a grass-roots office its
    # organ's (东街市场监管所 → 东街市场监督管理所); a longer unit stays as written.
    full_unit = (expand_abbreviations().get(unit) or _expand_office(unit)) if unit else ""
    return agency_name(jurisdiction, organ) + full_unit, place, written


def _zone_body_of_a_city(name: str, zone: Place, gazetteer: Gazetteer) -> bool:
    """True when a zone's body is written after a division enclosing the zone (深圳市前海深港现代服务业
    合作区管理局, 广东省横琴粤澳深度合作区公安局, 深圳前海合作区人民法院): the body of the city or
    province that set the zone up, named so officially, so its written name is kept.

    (Zones are the places the gazetteer keys with a letter suffix: ``extra_places.tsv``.)

    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> zone = next(p for p in gaz.lookup("前海深港现代服务业合作区"))
    >>> _zone_body_of_a_city("深圳前海合作区人民法院", zone, gaz), _zone_body_of_a_city("前海管理局", zone, gaz)
    (True, False)
    """
    if name.startswith(zone.name):
        return False  # (四川天府新区管理委员会: the zone's own name, which may open with its province's)
    for parent in gazetteer.ancestors(zone.code):
        if not parent.code.startswith("ISO:") and (
            name.startswith(parent.name) or any(name.startswith(short) for short in short_forms(parent.name))
        ):
            return True
    return False


def _procuratorate_unit(organ: str) -> str:
    """A procuratorate's unit written without its parent under the parent's name (知识产权检察联络站).

    Units named for procuratorial work (检察) belong to the people's procuratorate of
    their place, as 市院知识产权检察办公室 does.

    >>> _procuratorate_unit("知识产权检察联络站"), _procuratorate_unit("人民检察院知识产权检察办公室")
    ('人民检察院知识产权检察联络站', '人民检察院知识产权检察办公室')
    >>> _procuratorate_unit("检察院"), _procuratorate_unit("市场监督管理局")
    ('检察院', '市场监督管理局')
    """
    if "检察" not in organ or "检察院" in organ or organ.startswith(("检察", "院")) or organ.endswith("检察"):
        return organ
    return "人民检察院" + organ


_COMMITTEE_SHORT, _COMMITTEE = "管委会", "管理委员会"


def zone_committee(name: str) -> str:
    """A zone's administrative committee under its official name (``data/zone_abbreviations.tsv``).

    >>> zone_committee("芜湖高新区管委会"), zone_committee("芜湖经开区管理委员会"), zone_committee("中关村科技园区管理委员会")
    ('芜湖高新技术产业开发区管理委员会', '芜湖经济技术开发区管理委员会', '中关村科技园区管理委员会')
    """
    if not name.endswith((_COMMITTEE_SHORT, _COMMITTEE)):
        return name
    return zone_name(name.removesuffix(_COMMITTEE_SHORT).removesuffix(_COMMITTEE)) + _COMMITTEE


def zone_name(name: str) -> str:
    """The official name of a zone written short (株洲高新区 → 株洲高新技术产业开发区); other names as they are.

    >>> zone_name("襄阳高新区"), zone_name("襄阳市科技局")
    ('襄阳高新技术产业开发区', '襄阳市科技局')
    """
    for short, full in zone_abbreviations().items():
        if name.endswith(short) and len(name) > len(short):
            return name[: -len(short)] + full
    return name


def keeps_written_name(mention: Mention) -> bool:
    """True for a body whose place is part of a proper name (哈尔滨海关, 西安高新区知识产权服务站).

    >>> keeps_written_name(Mention("AGENCY", 0, 5, "哈尔滨海关", "哈尔滨海关", {"organ": "海关"}))
    True
    >>> keeps_written_name(Mention("AGENCY", 0, 7, "哈尔滨市公安局", "哈尔滨市公安局", {"organ": "公安局"}))
    False
    """
    organ = canonical_text(mention.attrs.get("organ") or "")
    modifiers = canonical_text(mention.attrs.get("modifiers") or "")
    # (a zone with a proper name of its own ends with the zone word: 三亚崖州湾科技城管理局)
    if organ in proper_organs() or (bool(modifiers) and (modifiers.startswith(zone_words()) or modifiers.endswith(zone_words()))):
        return True
    # 柳州螺蛳粉知识产权快速维权工作站: the place's short form fused with a name of its own (a product, a
    # bay) before the organ is a proper name, not a place's body (柳州市… would rename it).
    jurisdiction = canonical_text(mention.attrs.get("jurisdiction") or "")
    return (
        len(modifiers) > len(_IP) and not modifiers.startswith(_IP) and len(jurisdiction) > 2
        and not canonical_text(mention.name).startswith(jurisdiction)
    )


_IP = "知识产权"


def _official_spelling(name: str) -> str:
    for short, full in modifier_abbreviations().items():
        if short in name and full not in name:
            name = name.replace(short, full)
    return name


def _renamed(place: Place, written: str) -> Place:
    """``place`` under the name the text writes when the division was renamed since the gazetteer.

    会理县 became 会理市: a body written 会理市人民检察院 is named so, though the
    gazetteer still lists 会理县 under the same code.
    """
    if written == place.name or len(written) < 2 or len(place.name) < 2:
        return place
    same_stem = written[:-1] == place.name[:-1]
    if same_stem and written[-1] in _DIVISION_ENDINGS and place.name[-1] in _DIVISION_ENDINGS:
        return dataclasses.replace(place, name=written)
    return place
