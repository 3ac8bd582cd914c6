"""What the rule components share: the compact text view and span bookkeeping.

Each component finds matches in the compact view (see :mod:`kg.nlp.text`),
maps them back to the original offsets and appends a labelled span to
``doc.spans[spans_key]``.  ``Span._.kg_name`` carries the mention's
normalised name and ``Span._.kg_attrs`` the typed parts its grammar saw.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from spacy.tokens import Doc, Span

from kg.model import Mention
from kg.nlp.text import CompactText, canonical_text

DEFAULT_SPANS_KEY = "kg"

if not Span.has_extension("kg_name"):
    Span.set_extension("kg_name", default=None)
if not Span.has_extension("kg_attrs"):
    Span.set_extension("kg_attrs", default=None)
if not Span.has_extension("kg_source"):
    Span.set_extension("kg_source", default="rules")


def compact_view(doc: Doc) -> CompactText:
    """The doc's compact view, computed once per doc."""
    view = doc.user_data.get("kg_compact")
    if view is None:
        view = CompactText.of(doc.text)
        doc.user_data["kg_compact"] = view
    return view


def add_span(
    doc: Doc,
    spans_key: str,
    label: str,
    start: int,
    end: int,
    *,
    name: str | None = None,
    attrs: Mapping[str, Any] | None = None,
    source: str = "rules",
    compact: bool = True,
) -> Span | None:
    """Append a span for compact ``[start, end)`` (or original offsets if not ``compact``)."""
    if compact:
        start, end = compact_view(doc).span(start, end)
    if start >= end:
        return None
    span = doc.char_span(start, end, label=label)
    if span is None:  # pragma: no cover - every offset is a token boundary
        return None
    span._.kg_name = name if name is not None else canonical_text(span.text)
    span._.kg_attrs = dict(attrs or {})
    span._.kg_source = source
    group = doc.spans.setdefault(spans_key, [])
    group.append(span)
    return span


def spans_of(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY, labels: Iterable[str] | None = None) -> list[Span]:
    """The spans the components found, optionally only some labels."""
    wanted = set(labels) if labels is not None else None
    return [s for s in doc.spans.get(spans_key, []) if wanted is None or s.label_ in wanted]


def to_mentions(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Mention]:
    """The doc's spans as :class:`Mention` objects, sorted by offset."""
    mentions = {
        (s.start_char, s.end_char, s.label_): Mention(
            label=s.label_,
            start=s.start_char,
            end=s.end_char,
            text=s.text,
            name=s._.kg_name or canonical_text(s.text),
            attrs=dict(s._.kg_attrs or {}),
            source=s._.kg_source or "rules",
        )
        for s in doc.spans.get(spans_key, [])
    }
    return sorted(mentions.values(), key=lambda m: (m.start, m.end, m.label))
