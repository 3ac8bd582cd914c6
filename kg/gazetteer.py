"""Reference data: China's administrative divisions and a few foreign places.

The divisions (GB/T 2260 codes and names of the province, prefecture, county
and township levels) come from the ``jionlp`` package's ``china_location``
list, which follows the changes up to 2021 (县改区, 县改市, 那曲地区 → 那曲市);
their coordinates come from the ``cpca`` package's ``adcodes.csv``, whose
names and codes are older (about 2016).  The divisions cpca still lists but
the current list does not are kept as former divisions (宜宾县, 莱芜市,
江干区), each with the code of the division that replaced it, as older
articles name them; jionlp's ``china_location_change`` list of changes since
2002 says which one did, and gives the divisions made since 2016 the
coordinates of the ones they replaced.  We read both files directly rather
than importing the packages: ``cpca`` would import pandas for nothing, and
``jionlp`` prints a banner and loads a segmenter.  The other countries are
jionlp's ``world_location`` list, with ISO 3166 codes from ``pycountry``'s
data (also read as files).  Places missing from all of them, coordinates of
some countries and extra short forms live in ``kg/nlp/data/`` as plain TSV
files (``extra_places.tsv``, ``place_aliases.tsv``).

>>> gaz = load_gazetteer()
>>> gaz.by_code["540100"].name
'拉萨市'
>>> [p.name for p in gaz.ancestors("150203")]
['包头市', '内蒙古自治区', '中华人民共和国']
>>> gaz.by_code["140703"].name, gaz.by_code["140726"].replaced_by  # 太谷县 became 太谷区 in 2019
('太谷区', '140703')
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

#: Name suffixes of divisions, longest first: stripping one gives the short
#: form people write (内蒙古自治区 → 内蒙古, 株洲市 → 株洲, 阿里地区 → 阿里).
DIVISION_SUFFIXES: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
    "省", "市", "县", "区", "盟", "旗",
)

# Autonomous divisions carry ethnic names between the place and the suffix
# (广西壮族自治区, 海西蒙古族藏族自治州, 新疆维吾尔自治区, 察布查尔锡伯自治县);
# their short form drops those.
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")


@dataclass(frozen=True)
class Place:
    """One administrative division or foreign place."""

    code: str            # GB/T 2260 six-digit code, "ISO:xx" for a country, "M49:nnn" for a world region
    name: str            # official full name, simplified characters
    level: str           # country | province | prefecture | county | town
    parent: str | None   # code of the enclosing division
    longitude: float | None = None
    latitude: float | None = None
    replaced_by: str | None = None  # a former division: the code of the one that took it over (许昌县 → 建安区)


@lru_cache(maxsize=1)
def ethnic_run():
    """A regex matching a run of ethnic names, each with or without 族 (朝鲜族, 蒙古族藏族, 回); None without the list.

    Autonomous divisions carry the run before their suffix (海西蒙古族藏族自治州),
    ethnic townships after their place (民乐朝鲜族乡).
    """
    import re

    from kg.nlp.lexicon import ethnic_groups

    names = {g.removesuffix("族") for g in ethnic_groups()}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)) if n)
    return re.compile(f"(?:(?:{alternation})族?)+") if alternation else None


def short_forms(name: str) -> list[str]:
    """Short forms of a division's official name (at least two characters).

    >>> short_forms("广西壮族自治区"), short_forms("新疆维吾尔自治区"), short_forms("西藏自治区")
    (['广西'], ['新疆'], ['西藏'])
    >>> short_forms("海西蒙古族藏族自治州")
    ['海西', '海西州']
    >>> short_forms("朗县")
    []
    """
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix in _AUTONOMOUS and (tail := ethnic_run()) is not None:
                # The shortest stem of two or more characters whose rest is
                # ethnic names only: 察布查尔|锡伯, 海西|蒙古族藏族; 西藏 keeps 藏.
                for cut in range(2, len(stem)):
                    if tail.fullmatch(stem, cut):
                        short = stem[:cut]
                        # 海西州, 伊犁州, 察布查尔县: the short form with the level word.
                        return [short, short + suffix[-1]] if suffix != "自治区" else [short]
            return [stem] if len(stem) >= 2 else []
    return []


class Gazetteer:
    """Places by code and by every name they are written with."""

    def __init__(self, places: list[Place], aliases: dict[str, list[str]]):
        self.by_code: dict[str, Place] = {p.code: p for p in places}
        self.by_name: dict[str, list[str]] = {}
        for place in places:
            self._add(place.name, place.code)
        for alias, codes in aliases.items():
            for code in codes:
                self._add(alias, code)

    def _add(self, name: str, code: str) -> None:
        codes = self.by_name.setdefault(name, [])
        if code not in codes:
            codes.append(code)

    def ancestors(self, code: str) -> list[Place]:
        """The divisions enclosing ``code``, nearest first."""
        chain = []
        place = self.by_code.get(code)
        while place is not None and place.parent:
            place = self.by_code.get(place.parent)
            if place is not None:
                chain.append(place)
        return chain

    def lookup(self, name: str) -> list[Place]:
        """Every place written ``name`` (full or short form), sorted by code."""
        return sorted((self.by_code[c] for c in self.by_name.get(name, ())), key=lambda p: p.code)


class Town(NamedTuple):
    """A township-level division (镇, 乡, 街道, 苏木) and the county it lies in."""

    name: str    # official full name: 帕里镇
    county: str  # GB/T 2260 code of its county: 540233 (亚东县)


class Towns:
    """The official list of townships, by full name and by the stem people write (帕里 for 帕里镇).

    >>> towns = load_towns()
    >>> towns.named("帕里", within="540000")
    [Town(name='帕里镇', county='540233')]
    >>> [t.county for t in towns.named("白关镇", within="430200")]  # 株洲's, not 礼县's
    ['430203']
    """

    def __init__(self, towns: list[Town], suffixes: list[str]):
        self._by_name: dict[str, list[Town]] = {}
        #: Every township's full name, whatever its county: what the NER asks (乌里雅斯太镇).
        self.full_names: frozenset[str] = frozenset(town.name for town in towns)
        for town in towns:
            self._by_name.setdefault(town.name, []).append(town)
            suffix = next((s for s in suffixes if town.name.endswith(s) and len(town.name) > len(s)), None)
            if suffix is not None:
                self._by_name.setdefault(town.name[: -len(suffix)], []).append(town)

    def __len__(self) -> int:
        return len({t for found in self._by_name.values() for t in found})

    def named(self, name: str, within: str) -> list[Town]:
        """Towns written ``name`` (full name or stem) inside the division coded ``within``."""
        prefix = code_prefix(within)
        return [t for t in self._by_name.get(name, ()) if t.county.startswith(prefix)]


def code_prefix(code: str) -> str:
    """The leading digits a division's code shares with every place inside it.

    >>> code_prefix("540000"), code_prefix("540200"), code_prefix("540233")
    ('54', '5402', '540233')
    """
    if code.endswith("0000"):
        return code[:2]
    return code[:4] if code.endswith("00") else code


def _package_file(package: str, *parts: str) -> Path:
    """A data file shipped inside ``package``, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        from kg.errors import PipelineError

        raise PipelineError(f"the gazetteer needs the '{package}' package: pip install {package}")
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)


class _ChinaLocation(NamedTuple):
    divisions: dict[str, str]  # code -> name of the provinces, prefectures, counties and zones with a code
    towns: list[Town]


#: Entries of jionlp's list that are not divisions of the official list: zones
#: with a code of their own (开发区, 新区, 示范区, 管理区 …; most coded …7x) and
#: Taiwan's subdivisions, which GB/T 2260 does not list.  Asked only of entries
#: cpca lacks: 浦东新区 is a district.  (Grouping rows, 省直辖行政区划, are
#: dropped when the list is read.)
_NOT_DIVISIONS = re.compile(
    r"开发|园区|工业园|产业|管委会|新区|新城|示范区|管理区|试验区|实验区|合作区|保税区|食品区|聚集区|风景名胜区|行政委员会"
)


def _is_division(code: str, name: str) -> bool:
    """Whether an entry of jionlp's list that cpca lacks is an administrative division.

    >>> _is_division("140703", "太谷区"), _is_division("510156", "天府新区"), _is_division("430471", "衡阳综合保税区")
    (True, False, False)
    """
    zone = code[4] == "7" or _NOT_DIVISIONS.search(name) is not None
    return not zone and (code[:2] != "71" or code == "710000")


@lru_cache(maxsize=1)
def _china_location() -> _ChinaLocation:
    """Parse jionlp's ``china_location`` list once per process.

    One line a place, indented by level: a province, its prefectures (one
    tab), their counties (two tabs), each with its code and short form, then
    townships (three tabs) and villages (four), by name only.
    """
    import zipfile

    with zipfile.ZipFile(_package_file("jionlp", "dictionary", "china_location.zip")) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    divisions: dict[str, str] = {}
    for name, code in re.findall(r"^\t{0,2}([^\t\r\n]+)\t(\d{6})\b", text, re.M):
        if code not in divisions and "直辖" not in name:
            divisions[code] = name.strip()
    county_blocks = re.compile(r"^\t\t[^\t\n]+\t(\d{6})\b.*\n((?:\t\t\t.*\n?)*)", re.M)
    township_lines = re.compile(r"^\t\t\t([^\t\n]+)$", re.M)
    towns = [
        Town(_township_name(name.strip()), block.group(1))
        for block in county_blocks.finditer(text)
        for name in township_lines.findall(block.group(2))
    ]
    return _ChinaLocation(divisions, towns)


def _township_name(listed: str) -> str:
    """The official name of a township as jionlp lists it: its 苏木 carry a stray 乡 (阿尔巴斯苏木乡).

    >>> _township_name("阿尔巴斯苏木乡"), _township_name("帕里镇")
    ('阿尔巴斯苏木', '帕里镇')
    """
    return listed[:-1] if listed.endswith("苏木乡") and len(listed) > 3 else listed


@lru_cache(maxsize=1)
def load_towns() -> Towns:
    """Load the townships once per process (jionlp's list, see :func:`_china_location`)."""
    from kg.nlp.lexicon import words

    return Towns(_china_location().towns, sorted(words("town_suffixes.txt"), key=len, reverse=True))


def _cpca_adcodes() -> Path:
    return _package_file("cpca", "resources", "adcodes.csv")


def _parent_code(code: str, known: set[str]) -> str | None:
    if code.endswith("0000"):
        return "ISO:CN"
    prefecture = code[:4] + "00"
    if code.endswith("00") or prefecture not in known:
        # Counties directly under a province (省直辖县) or a municipality.
        province = code[:2] + "0000"
        return province if province in known else None
    return prefecture


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _data_rows(filename: str) -> list[list[str]]:
    text = resources.files("kg.nlp").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


class _Change(NamedTuple):
    province: str    # the province's name
    prefecture: str  # the former's prefecture, for a county ("" for a prefecture)
    former: str      # the name of a division that was merged, renamed or recoded
    current: str     # the name of the division that replaced it


@lru_cache(maxsize=1)
def _division_changes() -> tuple[_Change, ...]:
    """jionlp's list of changes to counties and prefectures since 2002, one row a former division,
    then ``division_changes.tsv``'s (changes it lacks or misspells).

    A row reads ``date, approval, province, short, [prefecture, short,] division,
    short=>province, [prefecture,] division``: a county row names its prefecture on
    both sides (株洲县 of 株洲市 => 渌口区 of 株洲市), a prefecture row does not.
    """
    changes = []
    text = _package_file("jionlp", "dictionary", "china_location_change.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        before, arrow, after = line.partition("=>")
        if not arrow:
            continue
        old, new = before.split("\t"), after.split("\t")
        changes.append(_Change(old[2], old[4] if len(old) > 6 else "", old[-2], new[-1]))
    changes.extend(_Change(*row) for row in _data_rows("division_changes.tsv"))
    return tuple(changes)


def _successors(
    retired: dict[str, tuple[str, float | None, float | None]], current: dict[str, str]
) -> dict[str, str]:
    """The current division that replaced each retired one (codes), where the change list or its name tells.

    The change list names the successor (株洲县 → 渌口区; 大同's 城区 →
    平城区, 长治's → 潞州区); failing that, a division of the same stem in the same province took the
    former's place with a new code (太谷县 140726 → 太谷区 140703).
    """
    province_names = {code[:2]: name for code, name in current.items() if code.endswith("0000")}
    by_name = {(code[:2], name): code for code, name in current.items()}
    by_stem = {(code[:2], _division_stem(name)): code for code, name in current.items() if not code.endswith("00")}
    named = {(c.province, c.prefecture, c.former): c.current for c in _division_changes()}
    names = current | {code: name for code, (name, _, _) in retired.items()}
    successors = {}
    for code, (name, _, _) in retired.items():
        province = code[:2]
        prefecture = "" if code.endswith("00") else names.get(code[:4] + "00", "")
        successor = by_name.get((province, named.get((province_names.get(province), prefecture, name), "")))
        if successor is None:
            successor = by_stem.get((province, _division_stem(name)))
        if successor is not None:
            successors[code] = successor
    return successors


class _Country(NamedTuple):
    code: str   # ISO:xx
    name: str   # official full name (以色列国)
    short: str  # the name people write (以色列)


@lru_cache(maxsize=1)
def _countries() -> tuple[_Country, ...]:
    """The world's countries: jionlp's ``world_location`` names (short and official), ISO 3166 codes from ``pycountry``.

    jionlp lists no codes; pycountry's Chinese translation of the ISO 3166-1
    names (its ``zh_CN`` catalogue) ties each of jionlp's names to one.  The
    few pycountry does not name alike (科索沃, 玻利维亚's 多民族玻利维亚国)
    are left out.
    """
    import gettext
    import json

    with _package_file("pycountry", "locales", "zh_CN", "LC_MESSAGES", "iso3166-1.mo").open("rb") as fh:
        chinese = gettext.GNUTranslations(fh).gettext
    records = json.loads(_package_file("pycountry", "databases", "iso3166-1.json").read_text(encoding="utf-8"))
    codes: dict[str, str] = {}
    for record in records["3166-1"]:
        for field in ("name", "official_name", "common_name"):
            if field in record:
                codes.setdefault(chinese(record[field]), "ISO:" + record["alpha_2"])
    countries = []
    text = _package_file("jionlp", "dictionary", "world_location.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:  # a continent's heading (亚洲:)
            continue
        short, name = fields[0].strip(), fields[1].strip()
        code = codes.get(short) or codes.get(name)
        if code is not None:
            countries.append(_Country(code, name, short))
    return tuple(countries)


def _division_stem(name: str) -> str:
    """A division's name without its level word, to follow it through a change of level (太谷县 → 太谷区)."""
    forms = short_forms(name)
    return forms[0] if forms else name


def _uncoded_new_area(place: Place) -> bool:
    """A 国家级新区 with no division code: its name minus 新区 is its city's (长春新区, 长春)."""
    return place.name.endswith("新区") and not place.code.isdigit()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the gazetteer once per process."""
    cpca: dict[str, tuple[str, float | None, float | None]] = {}
    with _cpca_adcodes().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"]
            # 市辖区 and 省直辖县级行政区划 are grouping rows, not places.
            if name == "市辖区" or "直辖" in name or len(name) < 2 or code in cpca:
                continue
            lon = float(row["longitude"]) if row["longitude"] else None
            lat = float(row["latitude"]) if row["latitude"] else None
            cpca[code] = (name, lon, lat)
    divisions = {code: name for code, name in _china_location().divisions.items() if code in cpca or _is_division(code, name)}
    retired = {code: row for code, row in cpca.items() if code not in divisions}
    successors = _successors(retired, divisions)
    # A division made since cpca's data lies where the ones it replaced lay: their
    # coordinates, averaged when it merged several (伊美区 of 乌马河区 and 伊春区).
    replaced: dict[str, list[str]] = {}
    for code, successor in sorted(successors.items()):
        replaced.setdefault(successor, []).append(code)
    raw: dict[str, tuple[str, float | None, float | None]] = {}
    for code, name in divisions.items():
        former = [c for c in ([code] if code in cpca else replaced.get(code, ())) if cpca[c][1] is not None]
        if former:
            lon = round(sum(cpca[c][1] for c in former) / len(former), 6)
            lat = round(sum(cpca[c][2] for c in former) / len(former), 6)
            raw[code] = (name, lon, lat)
        else:
            raw[code] = (name, None, None)
    known = set(raw) | set(retired)
    places = [
        Place(code, name, _level(code), _parent_code(code, known), lon, lat)
        for code, (name, lon, lat) in sorted(raw.items())
    ]
    for code, name, level, parent, lon, lat in _data_rows("extra_places.tsv"):
        places.append(Place(code, name, level, parent or None, float(lon) if lon else None, float(lat) if lat else None))
    unwritten = {row[0] for row in _data_rows("place_unwritten_short_forms.txt")}
    aliases: dict[str, list[str]] = {}
    for place in places:
        if place.level in ("province", "prefecture", "county") and not _uncoded_new_area(place):
            for form in short_forms(place.name):
                if form not in unwritten:
                    aliases.setdefault(form, []).append(place.code)
    for alias, code in _data_rows("place_aliases.tsv"):
        aliases.setdefault(alias, []).append(code)
    # The other countries (extra_places.tsv's rows, with coordinates and checked
    # names, come first): by official name, and by short name where no place
    # already has it (黑山 is 黑山县's) and it is not mostly something else (中非).
    listed = {p.code for p in places}
    for country in _countries():
        if country.code not in listed:
            listed.add(country.code)
            places.append(Place(country.code, country.name, "country", None))
        if country.short != country.name and country.short not in aliases and country.short not in unwritten:
            aliases[country.short] = [country.code]
    # Former divisions by their full names only, and only names no current place
    # is written with (莱芜's former 钢城区 is 济南's 钢城区 today); their short
    # forms (宜宾, 吉利, 红星) are other places' or ordinary words.
    taken = aliases.keys() | {p.name for p in places}
    for code, (name, lon, lat) in sorted(retired.items()):
        if name not in taken:
            places.append(Place(code, name, _level(code), _parent_code(code, known), lon, lat, successors.get(code)))
    return Gazetteer(places, aliases)
