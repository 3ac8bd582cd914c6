"""Write a benchmark corpus of N realistic articles derived from the seeds.

Each article starts from a seed (or a fixture under ``tests/fixtures/articles``)
and is varied deterministically, so that a large corpus exercises the
gazetteer, the lexicons and the store like real data does rather than
repeating five texts:

* the article's own city and province are swapped, consistently, for another
  real prefecture and its province from the gazetteer (full names and short
  forms: 白银市/白银 → 株洲市/株洲, 甘肃省/甘肃 → 湖南省/湖南), and counties of
  the old city named in the text for counties of the new one;
* years move together by a few years (2021 → 2019, "2021-2025年" → "2019-2023年");
* some bodies become others of the same rank (市场监督管理局 → 知识产权局);
* the body paragraphs are shuffled and a share of them dropped (the headline
  stays first);
* about one file in ten is written in GB18030, as many government sites serve.

The same N and --seed always give byte-identical files.  Files go to
``OUT_DIR/NNN/NNNNNN_<hash>.txt`` (1,000 a folder).

Example:

    .venv/bin/python bench/make_corpus.py 1000 build/corpus-1k
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import KgError  # noqa: E402
from kg.gazetteer import Gazetteer, Place, load_gazetteer, short_forms  # noqa: E402
from kg.ingest import read_article  # noqa: E402

SOURCE_DIRS = (ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles")

#: Bodies of the same rank that one article may swap for another (the standard
#: organ names of kg/nlp/data/organs.tsv).  Families keep 局 with 局 and 厅 with 厅.
ORGAN_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("市场监督管理局", "知识产权局", "科学技术局", "商务局", "公安局", "司法局", "文化和旅游局", "农业农村局"),
    ("科学技术厅", "商务厅", "公安厅", "司法厅", "文化和旅游厅", "农业农村厅"),
)

_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
_PARAGRAPHS = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Source:
    """A text to derive articles from, with the divisions it speaks of."""

    name: str
    text: str
    prefecture: Place | None
    province: Place | None
    counties: tuple[Place, ...]


def _surfaces(place: Place) -> list[str]:
    return [place.name, *short_forms(place.name)]


def _division_votes(text: str, gazetteer: Gazetteer) -> dict[str, int]:
    """How often each division is named (full or short form), counties voting for their city."""
    names = [name for name in gazetteer.by_name if len(name) >= 2]
    automaton = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.Standard)
    votes: dict[str, int] = {}
    for index, _start, _end in automaton.find_matches_as_indexes(text, overlapping=True):
        codes = gazetteer.by_name[names[index]]
        if len(codes) != 1:
            continue  # ambiguous short forms (朝阳) do not decide the locale
        votes[codes[0]] = votes.get(codes[0], 0) + 1
    return votes


def load_sources(dirs: tuple[Path, ...] = SOURCE_DIRS) -> list[Source]:
    """Every seed and fixture article, with its prefecture, province and counties."""
    gazetteer = load_gazetteer()
    sources = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            try:
                text = read_article(path).text  # fixtures come in GB18030 and with BOMs too
            except KgError:
                continue
            votes = _division_votes(text, gazetteer)
            city_votes: dict[str, int] = {}
            for code, count in votes.items():
                place = gazetteer.by_code.get(code)
                if place is None:
                    continue
                if place.level == "prefecture":
                    city_votes[code] = city_votes.get(code, 0) + count
                elif place.level == "county" and place.parent and gazetteer.by_code[place.parent].level == "prefecture":
                    city_votes[place.parent] = city_votes.get(place.parent, 0) + count
            prefecture = None
            if city_votes:
                prefecture = gazetteer.by_code[sorted(city_votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]]
            province = gazetteer.by_code.get(prefecture.parent) if prefecture and prefecture.parent else None
            counties = tuple(
                gazetteer.by_code[c]
                for c in sorted(votes)
                if prefecture and c in gazetteer.by_code and gazetteer.by_code[c].parent == prefecture.code
            )
            sources.append(Source(path.stem, text, prefecture, province, counties))
    if not sources:
        raise SystemExit(f"no source articles under {', '.join(map(str, dirs))}")
    return sources


def _targets(gazetteer: Gazetteer) -> list[Place]:
    """Prefectures that sit in a province and have counties: what a city may become."""
    with_counties = {p.parent for p in gazetteer.by_code.values() if p.level == "county"}
    return [
        p
        for p in sorted(gazetteer.by_code.values(), key=lambda p: p.code)
        if p.level == "prefecture" and p.parent and p.parent.endswith("0000") and p.code in with_counties
    ]


def _place_mapping(source: Source, target: Place, rng: random.Random, gazetteer: Gazetteer) -> dict[str, str]:
    mapping: dict[str, str] = {}

    def pair(old: Place, new: Place) -> None:
        old_forms, new_forms = _surfaces(old), _surfaces(new)
        for i, form in enumerate(old_forms):
            mapping.setdefault(form, new_forms[min(i, len(new_forms) - 1)])

    if source.prefecture is None:
        return mapping
    pair(source.prefecture, target)
    province = gazetteer.by_code.get(target.parent or "")
    if source.province is not None and province is not None and source.province.level == "province":
        pair(source.province, province)
    new_counties = [p for p in gazetteer.by_code.values() if p.parent == target.code and p.level == "county"]
    new_counties.sort(key=lambda p: p.code)
    rng.shuffle(new_counties)
    for old, new in zip(source.counties, new_counties):
        pair(old, new)
    return mapping


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=lambda s: (-len(s), s))))
    return pattern.sub(lambda m: mapping[m.group()], text)


def _organ_mapping(text: str, rng: random.Random) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for family in ORGAN_FAMILIES:
        present = [organ for organ in family if organ in text]
        for organ in present:
            if rng.random() < 0.5:
                mapping[organ] = rng.choice([o for o in family if o != organ])
    return mapping


def _shuffle_paragraphs(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in _PARAGRAPHS.split(text) if p.strip()]
    if len(paragraphs) <= 2:
        return "\n".join(paragraphs) + "\n"
    head, body = paragraphs[0], paragraphs[1:]
    rng.shuffle(body)
    keep = max(1, round(len(body) * rng.uniform(0.5, 1.0)))
    return "\n".join([head, *body[:keep]]) + "\n"


def derive(source: Source, index: int, seed: int, targets: list[Place], gazetteer: Gazetteer) -> str:
    """Article ``index`` of the corpus, derived from ``source``."""
    rng = random.Random(f"{seed}:{index}")
    target = rng.choice(targets)
    text = _replace_all(source.text, _place_mapping(source, target, rng, gazetteer))
    shift = rng.randint(-4, 3)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    text = _replace_all(text, _organ_mapping(text, rng))
    return _shuffle_paragraphs(text, rng)


def make_corpus(n: int, out_dir: Path, seed: int = 0, gb18030_share: float = 0.1) -> list[Path]:
    """Write ``n`` articles under ``out_dir``; return their paths in order."""
    gazetteer = load_gazetteer()
    sources = load_sources()
    targets = _targets(gazetteer)
    written = []
    for index in range(n):
        source = sources[index % len(sources)]
        text = derive(source, index, seed, targets, gazetteer)
        digest = hashlib.sha256(f"{source.name}:{index}:{text}".encode("utf-8")).hexdigest()[:16]
        path = out_dir / f"{index // 1000:03d}" / f"{index:06d}_{digest}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "gb18030" if random.Random(f"{seed}:{index}:enc").random() < gb18030_share else "utf-8"
        path.write_bytes(text.encode(encoding))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", nargs="?", type=Path, default=None, help="default: build/corpus-N")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed (default 0)")
    parser.add_argument("--gb18030-share", type=float, default=0.1, help="share of files written in GB18030")
    args = parser.parse_args(argv)
    out_dir = args.out_dir or ROOT / "build" / f"corpus-{args.n}"
    paths = make_corpus(args.n, out_dir, args.seed, args.gb18030_share)
    chars = sum(len(p.read_bytes()) for p in paths)
    print(f"{len(paths)} articles, {chars:,} bytes → {out_dir}")


if __name__ == "__main__":
    main()
