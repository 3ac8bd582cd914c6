"""Plain data objects that the stages pass to each other.

Data flows one way: ``ingest`` makes an :class:`Article`, ``nlp`` finds
:class:`Mention` spans in it, ``link`` turns those into an :class:`Extraction`
(canonical :class:`Entity` objects and :class:`Relation` rows with
:class:`Evidence`), ``graph`` turns an Extraction into RDF and ``store``
persists it.  Every offset is a character offset into ``Article.text`` as read
from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Mapping, TypeVar

import orjson

#: Entity types of the gold guidelines, in report order.
ENTITY_TYPES: tuple[str, ...] = ("AGENCY", "POLICY", "CAMPAIGN", "PLACE", "ORG")

#: Relation kinds the linker produces.
RELATION_KINDS: tuple[str, ...] = ("ISSUED", "CONDUCTS", "JURISDICTION", "PART_OF", "MENTIONS")


@dataclass(frozen=True)
class Article:
    """One source article as read from disk.

    ``id`` is the file's path relative to the folder it was found in, without
    its suffix (``lasa/notice`` for ``corpus/lasa/notice.txt``; the stem for a
    file named directly), so two files of one name in different folders stay
    apart.  ``kg extract`` prints it as ``doc``; the scorer keys on its stem.
    ``text`` is the decoded text exactly as read, so offsets into it are the
    offsets a user sees in an editor.
    """

    id: str
    text: str
    path: str = ""
    encoding: str = "utf-8"
    sha256: str = ""


@dataclass(frozen=True)
class Mention:
    """A span the NER stage found.

    ``name`` is the mention normalised by what the span alone tells (simplified
    characters, layout whitespace removed, a campaign's quotes dropped and its
    kind word attached); context-dependent resolution (我市, 市市场监管局) is the
    linker's job.  ``attrs`` carries typed parts the grammar recognised, for
    example ``{"jurisdiction": "市", "organ": "市场监督管理局"}`` for an
    agency or ``{"code": "540100"}`` for a place.  Treat ``attrs`` as read-only:
    on the extract path it is the NER stage's own record, not a copy.
    """

    label: str
    start: int
    end: int
    text: str
    name: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source: str = "rules"


@dataclass(frozen=True)
class Evidence:
    """Where a relation was read: the article, the sentence and its offsets."""

    article_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Entity:
    """A canonical entity of one article with every mention that refers to it."""

    iri: str
    type: str
    canonical: str
    mentions: tuple[Mention, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Relation:
    """A typed edge between two entity IRIs, with the evidence for it."""

    kind: str
    subject: str
    object: str
    evidence: Evidence | None = None
    explicit: bool = True


#: The order of ``kg extract``'s entity rows: by span, then type.
_MENTION_ORDER = itemgetter("start", "end", "type")


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline learned from one article."""

    article: Article
    locale: str | None
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    locale_iri: str | None = None

    def entity(self, iri: str) -> Entity | None:
        """Return the entity with ``iri``, or None."""
        for entity in self.entities:
            if entity.iri == iri:
                return entity
        return None

    def to_json(self) -> dict[str, Any]:
        """The ``kg extract`` JSON object (the shape ``score.py`` reads)."""
        # One row per mention, sorted in C (a stable sort: entity order breaks ties).
        entities = [
            {"type": e.type, "text": m.text, "canonical": e.canonical, "start": m.start, "end": m.end, "iri": e.iri}
            for e in self.entities
            for m in e.mentions
        ]
        entities.sort(key=_MENTION_ORDER)
        canonical_of = {e.iri: e.canonical for e in self.entities}
        issued = [
            {
                "issuer": canonical_of[r.subject],
                "document": canonical_of[r.object],
                "issuer_iri": r.subject,
                "document_iri": r.object,
                "evidence": r.evidence.sentence if r.evidence else "",
                "start": r.evidence.start if r.evidence else None,
                "end": r.evidence.end if r.evidence else None,
                "explicit": r.explicit,
            }
            for r in self.relations
            if r.kind == "ISSUED" and r.subject in canonical_of and r.object in canonical_of
        ]
        return {"doc": self.article.id, "locale": self.locale, "entities": entities, "issued": issued}

    def to_json_line(self) -> str:
        """:meth:`to_json` as one line of compact JSON (UTF-8 text, not escaped), newline included.

        What ``kg extract`` prints per article; orjson writes it about five
        times faster than the standard library, with the same separators as
        ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``.
        """
        return orjson.dumps(self.to_json()).decode("utf-8") + "\n"


T = TypeVar("T")


def fills_dict(cls: type) -> bool:
    """Whether ``cls`` is a dataclass whose instances :func:`record` can make by filling ``__dict__``.

    That is: a dataclass with its fields in its ``__dict__`` (no slots) and no
    ``__post_init__`` whose checks filling would skip.

    >>> fills_dict(Evidence), fills_dict(int)
    (True, False)
    """
    return hasattr(cls, "__dataclass_fields__") and not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls)


def record(cls: type[T], **fields: Any) -> T:
    """``cls(**fields)`` for a frozen dataclass, made without its generated ``__init__`` where that is safe.

    A frozen dataclass's ``__init__`` sets every field through
    ``object.__setattr__``, one call each; the stages make a few dozen such
    objects an article, and that setting was about a tenth of the linker's
    work.  Filling the instance's ``__dict__`` at once makes the same object
    (equal, same hash and repr, still frozen).  ``fields`` must name every
    field, and ``cls`` must pass :func:`fills_dict` (not checked here, a hot
    path: ``tests/test_model.py`` checks every class the stages make this way).

    >>> record(Evidence, article_id="a", start=0, end=2, sentence="甲乙") == Evidence("a", 0, 2, "甲乙")
    True
    """
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


#: ``new_tuple(Cls, (a, b, c))`` is ``Cls(a, b, c)`` for a NamedTuple ``Cls`` given every field,
#: without the NamedTuple's own ``__new__`` (a Python function: a frame per tuple).
new_tuple = tuple.__new__
