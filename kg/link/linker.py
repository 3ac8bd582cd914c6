"""Turn NER mentions into canonical entities and relations with evidence."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from kg.gazetteer import Gazetteer, Place, load_gazetteer
from kg.link.iri import entity_iri, identity_key, place_iri
from kg.link.sentences import Sentence, split_sentences
from kg.model import Article, Entity, Evidence, Extraction, Mention, Relation


@lru_cache(maxsize=None)
def _data_lines(name: str) -> tuple[str, ...]:
    text = resources.files("kg.link").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def issue_verbs() -> re.Pattern[str]:
    verbs = sorted(_data_lines("issue_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


# ---------------------------------------------------------------- locale


def _resolve_place(mention: Mention, gazetteer: Gazetteer, context: list[Place]) -> Place | None:
    codes = list(mention.attrs.get("codes") or [])
    candidates = [gazetteer.by_code[c] for c in codes if c in gazetteer.by_code]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    context_codes = {p.code for p in context} | {a.code for p in context for a in gazetteer.ancestors(p.code)}
    for place in candidates:
        if {a.code for a in gazetteer.ancestors(place.code)} & context_codes or place.code in context_codes:
            return place
    # Prefer the higher level (白银 the prefecture over 白银区).
    order = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "town": 4}
    return sorted(candidates, key=lambda p: (order.get(p.level, 9), p.code))[0]


def infer_locale(article: Article, mentions: list[Mention], gazetteer: Gazetteer) -> Place | None:
    """The jurisdiction the article speaks from: its most-named Chinese division.

    Mentions in the first lines (headline, dateline) count three times.
    """
    votes: Counter[str] = Counter()
    head_end = min(len(article.text), 200)
    for mention in mentions:
        if mention.label != "PLACE":
            continue
        codes = [c for c in mention.attrs.get("codes") or [] if not c.startswith("ISO:")]
        if len(codes) != 1:
            continue
        votes[codes[0]] += 3 if mention.start < head_end else 1
    if not votes:
        return None
    code = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return gazetteer.by_code[code]


# ---------------------------------------------------------------- canonical names


def _jurisdiction_for(deixis: str, locale: Place | None, gazetteer: Gazetteer) -> Place | None:
    if locale is None:
        return None
    chain = [locale, *gazetteer.ancestors(locale.code)]
    wanted = {"省": "province", "自治区": "province", "市": "prefecture", "州": "prefecture", "盟": "prefecture"}
    if deixis in ("区", "县", "旗"):
        return locale if locale.level == "county" else None
    if deixis == "市" and locale.level == "county" and locale.name.endswith("市"):
        return locale  # a county-level city (余姚市) speaks of itself as 市
    level = wanted.get(deixis)
    return next((p for p in chain if p.level == level), None)


def canonical_agency(mention: Mention, locale: Place | None, gazetteer: Gazetteer, place: Place | None) -> str:
    """Resolve an agency mention's jurisdiction and expand its organ."""
    attrs = mention.attrs
    organ = attrs.get("organ") or ""
    kind = attrs.get("jurisdiction_kind")
    if kind == "national":
        return mention.name if not organ else attrs.get("jurisdiction", "") + organ
    if kind == "deixis":
        place = _jurisdiction_for(attrs.get("jurisdiction", ""), locale, gazetteer)
        if place is None:
            return mention.name
    if place is None:
        return mention.name
    if organ in ("委", "委办公室"):
        suffix = "委" if organ == "委" else "委办公室"
        stem = place.name
        return f"中共{stem}{suffix}"
    return place.name + organ


# ---------------------------------------------------------------- linking


def link(article: Article, mentions: list[Mention]) -> Extraction:
    """Link ``mentions`` of ``article`` into an :class:`Extraction`.

    >>> from kg.model import Article, Mention
    >>> a = Article("x", "市市场监管局印发《方案》")
    >>> ex = link(a, [Mention("AGENCY", 0, 6, "市市场监管局", "市市场监管局",
    ...     {"jurisdiction": "市", "jurisdiction_kind": "deixis", "organ": "市场监督管理局"}),
    ...     Mention("POLICY", 9, 11, "方案", "方案")])
    >>> [e.canonical for e in ex.entities]
    ['市市场监管局', '方案']
    """
    gazetteer = load_gazetteer()
    locale = infer_locale(article, mentions, gazetteer)
    context = [locale] if locale else []

    grouped: dict[tuple[str, str], dict] = {}
    resolved: dict[tuple[int, int, str], str] = {}
    for mention in mentions:
        place = None
        if mention.label == "PLACE":
            place = _resolve_place(mention, gazetteer, context)
            canonical = place.name if place else mention.name
            iri = place_iri(place.code) if place else entity_iri("PLACE", canonical)
        elif mention.label == "AGENCY":
            jur_place = None
            codes = mention.attrs.get("codes") or []
            if codes:
                jur_place = _resolve_place(mention, gazetteer, context)
            canonical = canonical_agency(mention, locale, gazetteer, jur_place)
            iri = entity_iri("AGENCY", canonical)
        else:
            canonical = mention.name
            iri = entity_iri(mention.label, canonical)
        key = (mention.label, iri)
        entry = grouped.setdefault(key, {"canonical": canonical, "mentions": [], "place": place})
        entry["mentions"].append(mention)
        resolved[(mention.start, mention.end, mention.label)] = iri

    entities = tuple(
        Entity(
            iri=iri,
            type=label,
            canonical=entry["canonical"],
            mentions=tuple(entry["mentions"]),
            attrs={"code": entry["place"].code} if entry["place"] else {},
        )
        for (label, iri), entry in sorted(grouped.items(), key=lambda kv: (kv[1]["mentions"][0].start, kv[0]))
    )
    relations = _issued(article, mentions, resolved)
    return Extraction(
        article=article,
        locale=locale.name if locale else None,
        entities=entities,
        relations=relations,
        locale_iri=place_iri(locale.code) if locale else None,
    )


def _issued(article: Article, mentions: list[Mention], resolved: dict) -> tuple[Relation, ...]:
    """ISSUED rows: bodies named before an issue verb, documents after it, in one sentence."""
    verbs = issue_verbs()
    rows: dict[tuple[str, str], Relation] = {}
    for sentence in split_sentences(article.text):
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        for verb in verbs.finditer(sentence.text):
            at = sentence.start + verb.start()
            issuers = [m for m in inside if m.label in ("AGENCY", "ORG") and m.end <= at]
            documents = [m for m in inside if m.label == "POLICY" and m.start >= at]
            if not issuers or not documents:
                continue
            evidence = Evidence(article.id, sentence.start, sentence.end, sentence.text)
            for issuer in _last_group(issuers, sentence):
                for document in documents:
                    subject = resolved[(issuer.start, issuer.end, issuer.label)]
                    obj = resolved[(document.start, document.end, document.label)]
                    rows.setdefault((subject, obj), Relation("ISSUED", subject, obj, evidence))
    return tuple(rows[k] for k in sorted(rows))


def _last_group(issuers: list[Mention], sentence: Sentence) -> list[Mention]:
    """The issuers joined by 和/、/与 right before the verb (joint issuance)."""
    group = [issuers[-1]]
    for prev in reversed(issuers[:-1]):
        gap = sentence.text[prev.end - sentence.start : group[0].start - sentence.start]
        if len(gap) <= 1 and (not gap or gap in "和、与及,"):
            group.insert(0, prev)
        else:
            break
    return group
