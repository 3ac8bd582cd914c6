"""Turn NER mentions into canonical entities and relations with evidence.

The steps, each in its own module:

1. :mod:`kg.link.locale` — cut the article into news items and find where each
   speaks from (its locale chain, most specific division first);
2. :mod:`kg.link.canonical` — places from the gazetteer (short forms read in
   the locale's context), agencies from jurisdiction + organ;
3. here — merge what names one thing: repeated mentions, second plates
   (市场监督管理局、知识产权局), short titles (以下简称《方案》);
4. :mod:`kg.link.anaphora` and :mod:`kg.link.relations` — ISSUED and CONDUCTS
   with evidence; JURISDICTION and PART_OF come from the resolved places.

IRIs come from :mod:`kg.link.iri`: places by division code, everything else by
canonical name, so they do not depend on input order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer, Place, load_gazetteer
from kg.link.anaphora import find_anaphors
from kg.link.canonical import expand_organ, is_short_form_hit, resolve_agency, resolve_place, several_places
from kg.link.iri import entity_iri, place_iri
from kg.link.locale import Section, infer_sections
from kg.link.relations import Actor, SpanUnion, Target, find_relations, is_clean_org
from kg.link.resources import generic_parents, plates
from kg.link.sentences import Sentence, split_sentences
from kg.model import Article, Entity, Evidence, Extraction, Mention, Relation
from kg.nlp.text import canonical_text, simplify

__all__ = ["link"]

#: Words that introduce a short name for the title just before (以下简称《方案》).
_ALIAS = re.compile(r"(?:以下简称|下称|简称)[“\"《〈]*$")
#: Joins between two plates of one body: 市场监督管理局、知识产权局 / 市场监管局(知识产权局).
_PLATE_GAP = {"、", "(", "（", "和", "及"}
#: Endings of a body's name inside an agreement's title.
_TITLE_BODY = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:局|厅|委员会|法院|检察院|中心|办公室|政府)")


@dataclass
class _Draft:
    label: str
    iri: str
    canonical: str
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    jurisdiction: Place | None = None
    jurisdiction_written: bool = False


def _locator(sections: list[Section]):
    """A function from an offset to the section holding it."""
    starts = [s.start for s in sections]

    def section_of(offset: int) -> Section:
        return sections[max(bisect.bisect_right(starts, offset) - 1, 0)]

    return section_of


def _province(chain: tuple[Place, ...]) -> Place | None:
    return next((p for p in chain if p.level == "province"), None)


def _place_key(mention: Mention, chain: tuple[Place, ...]) -> tuple[str, str, Place | None]:
    """(canonical, iri, parent) of a place without a division code (a town, a street)."""
    name = canonical_text(mention.name)
    province = _province(chain)
    if province is None:
        return name, entity_iri("PLACE", name), None
    # Keyed within its province: 新城镇 exists in many provinces.
    return name, place_iri(f"{province.code}-{name}"), chain[0]


def _resolve_places(
    mentions: list[Mention], gazetteer: Gazetteer, sections: list[Section] | None
) -> list[tuple[Mention, Place]]:
    section_of = _locator(sections) if sections else None
    pairs = []
    for mention in mentions:
        if mention.label != "PLACE":
            continue
        if several_places(mention, gazetteer):
            continue  # 京津冀 speaks of three provinces, not from one
        chain = section_of(mention.start).chain if section_of else ()
        place = resolve_place(mention.attrs.get("codes") or [], gazetteer, chain)
        if place is not None:
            pairs.append((mention, place))
    return pairs


def _sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < max(sentences[index].end, sentences[index].start + 1):
        return sentences[index]
    return None


def link(article: Article, mentions: list[Mention]) -> Extraction:
    """Link ``mentions`` of ``article`` into an :class:`Extraction`.

    >>> from kg.model import Article, Mention
    >>> a = Article("x", "余姚新闻网讯 我市市场监管局印发《方案》")
    >>> ex = link(a, [Mention("PLACE", 0, 2, "余姚", "余姚市", {"codes": ["330281"]}),
    ...     Mention("AGENCY", 8, 14, "市市场监管局", "市市场监管局",
    ...         {"jurisdiction": "市", "jurisdiction_kind": "deixis", "organ": "市场监督管理局"}),
    ...     Mention("POLICY", 17, 19, "方案", "方案")])
    >>> ex.locale, [e.canonical for e in ex.entities]
    ('余姚市', ['余姚市', '余姚市市场监督管理局', '方案'])
    >>> [(r.kind, ex.entity(r.subject).canonical) for r in ex.relations if r.kind == "ISSUED"]
    [('ISSUED', '余姚市市场监督管理局')]
    """
    gazetteer = load_gazetteer()
    # Rules read a simplified view of the text (印發 → 印发, ，→ ,); it has the
    # same length, so every offset still points into the text as read.
    text = simplify(article.text)
    # A span with nothing to name (blank after normalisation) cannot be an entity.
    mentions = sorted(
        (m for m in mentions if canonical_text(m.name or m.text)),
        key=lambda m: (m.start, -m.end, m.label),
    )

    # Locale: a first pass on every place, then again without short forms that
    # are ordinary words here (合作 in 合作协议 is not 合作市 in 甘肃).
    first_places = _resolve_places(mentions, gazetteer, None)
    _, sections = infer_sections(text, mentions, first_places, gazetteer)
    provinces = {p.code: p for s in sections for p in [_province(s.chain)] if p is not None}
    dropped = {
        (mention.start, mention.end)
        for mention, place in first_places
        if provinces and all(is_short_form_hit(mention, place, gazetteer, p) for p in provinces.values())
    }
    mentions = [m for m in mentions if not (m.label == "PLACE" and (m.start, m.end) in dropped)]
    # Context-free readings do not depend on the other mentions: keep the first pass's.
    kept = [(m, p) for m, p in first_places if (m.start, m.end) not in dropped]
    locale, sections = infer_sections(text, mentions, kept, gazetteer)
    places = {(m.start, m.end): p for m, p in _resolve_places(mentions, gazetteer, sections)}
    section_of = _locator(sections)

    drafts: dict[str, _Draft] = {}
    iri_of: dict[tuple[int, int, str], str] = {}

    def add(mention: Mention, label: str, iri: str, canonical: str, **extra) -> None:
        draft = drafts.get(iri)
        if draft is None:
            draft = drafts[iri] = _Draft(label, iri, canonical, **extra)
        draft.mentions.append(mention)
        iri_of[(mention.start, mention.end, mention.label)] = iri

    counterpart = _main_bureau(mentions)
    previous_agency: tuple[Mention, str, str] | None = None  # mention, iri, organ
    second_plates = plates()
    aliases: dict[str, str] = {}
    plated: set[str] = set()  # bodies written with their second plate somewhere
    for mention in mentions:
        section = section_of(mention.start)
        if mention.label == "PLACE":
            place = places.get((mention.start, mention.end))
            joint = several_places(mention, gazetteer)
            if joint:
                for each in joint:
                    add(mention, "PLACE", place_iri(each.code), each.name, place=each)
            elif place is not None:
                add(mention, "PLACE", place_iri(place.code), place.name, place=place)
            else:
                canonical, iri, parent = _place_key(mention, section.chain)
                add(mention, "PLACE", iri, canonical, jurisdiction=parent)
        elif mention.label == "AGENCY":
            organ = canonical_text(mention.attrs.get("organ") or "")
            if previous_agency is not None and organ in second_plates:
                prev, prev_iri, prev_organ = previous_agency
                gap = "".join(text[prev.end : mention.start].split())
                bare = mention.attrs.get("jurisdiction_kind") in (None, "none") or canonical_text(mention.text) in second_plates
                if gap in _PLATE_GAP and prev_organ in second_plates[organ] and bare:
                    add(mention, "AGENCY", prev_iri, drafts[prev_iri].canonical)
                    plated.add(prev_iri)
                    continue
            parent = _generic_parent(mention, drafts, section)
            if parent is not None:
                canonical = parent.canonical + canonical_text(mention.name)[len(parent_word(mention)) :]
                add(mention, "AGENCY", entity_iri("AGENCY", canonical), canonical, jurisdiction=parent.jurisdiction)
                continue
            canonical, jurisdiction, written = resolve_agency(mention, section.chain, gazetteer, counterpart)
            iri = entity_iri("AGENCY", canonical)
            add(mention, "AGENCY", iri, canonical, jurisdiction=jurisdiction, jurisdiction_written=written)
            if mention.attrs.get("plate2"):
                plated.add(iri)
            previous_agency = (mention, iri, organ or expand_organ(canonical))
        elif mention.label == "POLICY":
            canonical = canonical_text(mention.name)
            before = text[max(0, mention.start - 8) : mention.start]
            if _ALIAS.search("".join(before.split())):
                host = next(
                    (d for d in sorted(drafts.values(), key=lambda d: -d.mentions[-1].end)
                     if d.label == "POLICY" and d.mentions[-1].end <= mention.start),
                    None,
                )
                if host is not None:
                    aliases[canonical] = host.iri
            if canonical in aliases:
                add(mention, "POLICY", aliases[canonical], drafts[aliases[canonical]].canonical)
            else:
                add(mention, "POLICY", entity_iri("POLICY", canonical), canonical)
        else:
            canonical = canonical_text(mention.name)
            add(mention, mention.label, entity_iri(mention.label, canonical), canonical)

    _merge_plates(drafts, iri_of, plated)
    _merge_towns(drafts, iri_of)

    # Relations.
    sentences = split_sentences(text)
    spans = [(s.start, s.end) for s in sections]
    bodies = [
        (m.start, m.end, iri_of[(m.start, m.end, m.label)], drafts[iri_of[(m.start, m.end, m.label)]].canonical)
        for m in mentions
        if m.label == "AGENCY"
    ]
    actors = [Actor(s, e, iri, canonical) for s, e, iri, canonical in bodies]
    actors += [
        Actor(m.start, m.end, iri_of[(m.start, m.end, m.label)], m.text)
        for m in mentions
        if m.label == "ORG" and is_clean_org(m.text, text[max(0, m.start - 4) : m.start])
    ]
    actors += [Actor(a.start, a.end, a.iri, a.text) for a in find_anaphors(text, bodies, spans)]
    nested = _nested_titles([m for m in mentions if m.label == "POLICY"])
    targets = [
        Target(m.start, m.end, iri_of[(m.start, m.end, m.label)], m.label, nested=(m.start, m.end) in nested and m.label == "POLICY")
        for m in mentions
        if m.label in ("POLICY", "CAMPAIGN")
    ]
    covered = SpanUnion((m.start, m.end) for m in mentions if m.label in ("AGENCY", "ORG"))
    stoppers = [(m.start, m.end) for m in mentions if m.label == "PLACE" and not covered.contains(m.start, m.end)]

    parties_of: dict[tuple[int, int], list[Actor]] = {}

    def title_parties(target: Target) -> list[Actor]:
        if (target.start, target.end) not in parties_of:
            parties_of[(target.start, target.end)] = named_in_title(target)
        return parties_of[(target.start, target.end)]

    def named_in_title(target: Target) -> list[Actor]:
        """The bodies an agreement's title names (白银市市场监督管理局 定西市市场监督管理局…协议)."""
        nested = [a for a in actors if target.start <= a.start and a.end <= target.end]
        if nested:
            return nested
        found = []
        for mention in mentions:
            place = places.get((mention.start, mention.end))
            if mention.label != "PLACE" or place is None or not (target.start <= mention.start < target.end):
                continue
            match = _TITLE_BODY.match(text, mention.end, target.end)
            if match is None:
                continue
            rest = expand_organ(match.group())
            body = Mention(
                "AGENCY", mention.start, match.end(), article.text[mention.start : match.end()],
                canonical_text(text[mention.start : match.end()]),
                {"jurisdiction": mention.text, "jurisdiction_kind": "place", "organ": rest, "codes": [place.code]},
                source="link",
            )
            canonical, jurisdiction, _ = resolve_agency(body, section_of(body.start).chain, gazetteer)
            iri = entity_iri("AGENCY", canonical)
            add(body, "AGENCY", iri, canonical, jurisdiction=jurisdiction, jurisdiction_written=True)
            found.append(Actor(body.start, body.end, iri, canonical))
        return found

    relations = find_relations(
        article.id, text, sentences, spans, actors, targets, stoppers, title_parties, original=article.text
    )

    extra = _structural_relations(article, drafts.values(), sentences)
    relations = sorted([*relations, *extra], key=lambda r: (r.kind, r.subject, r.object))

    entities = tuple(
        Entity(
            iri=draft.iri,
            type=draft.label,
            canonical=draft.canonical,
            mentions=tuple(sorted(draft.mentions, key=lambda m: (m.start, m.end))),
            attrs=_entity_attrs(draft),
        )
        for draft in sorted(drafts.values(), key=lambda d: (min(m.start for m in d.mentions), d.label, d.iri))
    )
    return Extraction(
        article=article,
        locale=locale.name if locale else None,
        entities=entities,
        relations=tuple(relations),
        locale_iri=place_iri(locale.code) if locale else None,
    )


def parent_word(mention: Mention) -> str:
    """The generic parent word a unit's name starts with (检察机关知识产权办公室), or ""."""
    name = canonical_text(mention.name)
    return next((word for word in sorted(generic_parents(), key=len, reverse=True) if name.startswith(word)), "")


def _generic_parent(mention: Mention, drafts: dict[str, _Draft], section: Section) -> _Draft | None:
    word = parent_word(mention)
    if not word or len(canonical_text(mention.name)) <= len(word):
        return None
    ending = generic_parents()[word]
    best: tuple[int, _Draft] | None = None
    for draft in drafts.values():
        if draft.label != "AGENCY" or not draft.canonical.endswith(ending):
            continue
        for other in draft.mentions:
            if section.start <= other.start and other.end <= mention.start and (best is None or other.start > best[0]):
                best = (other.start, draft)
    return best[1] if best else None


def _main_bureau(mentions: list[Mention]) -> str | None:
    """The organ ending in 局 that the article names most (its speaker's kind of bureau)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.label != "AGENCY" or mention.attrs.get("jurisdiction_kind") == "national":
            continue
        organ = expand_organ(canonical_text(mention.attrs.get("organ") or ""))
        if organ.endswith("局") and organ != "局":
            counts[organ] = counts.get(organ, 0) + 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _entity_attrs(draft: _Draft) -> dict[str, str]:
    attrs: dict[str, str] = {}
    if draft.place is not None:
        attrs["code"] = draft.place.code
        attrs["level"] = draft.place.level
    if draft.jurisdiction is not None:
        attrs["jurisdiction"] = draft.jurisdiction.code
    return attrs


def _structural_relations(article: Article, drafts, sentences: list[Sentence]) -> list[Relation]:
    """JURISDICTION (body → its place) and PART_OF (place → its parent), evidenced by a first mention."""
    starts = [s.start for s in sentences]
    out: dict[tuple[str, str, str], Relation] = {}
    for draft in drafts:
        first = min(draft.mentions, key=lambda m: m.start)
        sentence = _sentence_at(sentences, starts, first.start)
        evidence = (
            Evidence(article.id, sentence.start, sentence.end, article.text[sentence.start : sentence.end])
            if sentence
            else None
        )
        row: tuple[str, str, bool] | None = None
        if draft.label == "AGENCY" and draft.jurisdiction is not None:
            row = ("JURISDICTION", place_iri(draft.jurisdiction.code), draft.jurisdiction_written)
        elif draft.label == "AGENCY" and any(m.attrs.get("jurisdiction_kind") == "national" for m in draft.mentions):
            row = ("JURISDICTION", place_iri("ISO:CN"), False)
        elif draft.label == "PLACE" and draft.place is not None and draft.place.parent:
            row = ("PART_OF", place_iri(draft.place.parent), True)
        elif draft.label == "PLACE" and draft.jurisdiction is not None:
            # A town without a code: within the locale of the news item naming it.
            row = ("PART_OF", place_iri(draft.jurisdiction.code), False)
        if row is not None:
            kind, target, explicit = row
            out[(kind, draft.iri, target)] = Relation(kind, draft.iri, target, evidence, explicit)
    return list(out.values())


def _nested_titles(titles: list[Mention]) -> set[tuple[int, int]]:
    """Spans of titles inside a longer title (〈…〉 in 《…〈…〉…》), in one sweep."""
    nested = set()
    reach = -1  # the furthest end of the longer titles seen so far
    spans = sorted({(m.start, m.end) for m in titles}, key=lambda span: (span[0], -span[1]))
    for start, end in spans:
        if end <= reach:
            nested.add((start, end))
        reach = max(reach, end)
    return nested


def _town_suffixes() -> tuple[str, ...]:
    try:
        from kg.nlp.lexicon import words

        return tuple(words("town_suffixes.txt"))
    except (ImportError, OSError):  # pragma: no cover - the NER data ships with kg
        return ("街道", "苏木", "镇", "乡")


def _merge_towns(drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str]) -> None:
    """Fold a town's bare name into its full name when the article writes both (狮泉河 → 狮泉河镇)."""
    towns = {d.canonical: d for d in drafts.values() if d.label == "PLACE" and d.place is None}
    for name, draft in sorted(towns.items()):
        host = next((towns[name + suffix] for suffix in _town_suffixes() if name + suffix in towns), None)
        if host is None or host is draft:
            continue
        host.mentions.extend(draft.mentions)
        for mention in draft.mentions:
            iri_of[(mention.start, mention.end, mention.label)] = host.iri
        del drafts[draft.iri]


def _merge_plates(drafts: dict[str, _Draft], iri_of: dict[tuple[int, int, str], str], plated: set[str]) -> None:
    """Fold a second-plate body into its first plate when both have one jurisdiction.

    昌都市市场监督管理局(知识产权局) and a later 昌都市知识产权局 are one body, but
    only when the article itself writes the two plates together somewhere
    (``plated``): many provinces keep a 知识产权局 of their own.
    """
    second_plates = plates()
    for draft in list(drafts.values()):
        if draft.label != "AGENCY" or draft.jurisdiction is None:
            continue
        for second, firsts in second_plates.items():
            if not draft.canonical.endswith(second):
                continue
            prefix = draft.canonical[: -len(second)]
            host = next(
                (d for d in drafts.values() if d is not draft and d.label == "AGENCY" and d.iri in plated
                 and any(d.canonical == prefix + first for first in firsts)),
                None,
            )
            if host is None:
                continue
            host.mentions.extend(draft.mentions)
            for mention in draft.mentions:
                iri_of[(mention.start, mention.end, mention.label)] = host.iri
            del drafts[draft.iri]
            break
