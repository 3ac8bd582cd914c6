"""What the rule components share: the compact text view and span bookkeeping.

Each component finds matches in the compact view (see :mod:`kg.nlp.text`),
maps them back to the original offsets and adds a labelled span with
:func:`add_span`.  ``Span._.kg_name`` gives the mention's normalised name,
``Span._.kg_attrs`` the typed parts its grammar saw and ``Span._.kg_source``
who found it.

Bookkeeping is kept out of spaCy's per-span machinery because it costs more
than finding the spans: name, attrs and source live in one dict per doc keyed
by ``(start_char, end_char, label)`` (the extensions are getters over it, so a
span's data is shared by every Span object over the same stretch and label,
as with spaCy's own extension storage), and new spans collect in a plain
list that :func:`flush` (called by ``kg_resolver``) moves into
``doc.spans[spans_key]`` once.

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
>>> doc = nlp("拉萨市市场监管局")
>>> span = add_span(doc, "kg", "PLACE", 0, 3, attrs={"codes": ["540100"]})
>>> span._.kg_name, span._.kg_attrs, [s.text for s in flush(doc, "kg")]
('拉萨市', {'codes': ['540100']}, ['拉萨市'])
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from spacy.tokens import Doc, Span

from kg.model import Mention
from kg.nlp.text import CompactText, canonical_text

DEFAULT_SPANS_KEY = "kg"

_RECORDS = "kg_records"
_PENDING = "kg_pending_spans"


def _record(span: Span) -> tuple | None:
    records = span.doc.user_data.get(_RECORDS)
    if records is None:
        return None
    return records.get((span.start_char, span.end_char, span.label_))


for _name, _index, _default in (("kg_name", 0, None), ("kg_attrs", 1, None), ("kg_source", 2, "rules")):
    if not Span.has_extension(_name):
        Span.set_extension(
            _name,
            getter=lambda span, i=_index, d=_default: (r[i] if (r := _record(span)) is not None else d),
        )


def compact_view(doc: Doc) -> CompactText:
    """The doc's compact view, computed once per doc."""
    view = doc.user_data.get("kg_compact")
    if view is None:
        view = CompactText.of(doc.text)
        doc.user_data["kg_compact"] = view
    return view


def _one_token_per_char(doc: Doc) -> bool:
    flag = doc.user_data.get("kg_char_tokens")
    if flag is None:
        flag = len(doc) == len(doc.text)
        doc.user_data["kg_char_tokens"] = flag
    return flag


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
    """Add a span for compact ``[start, end)`` (or original offsets if not ``compact``)."""
    view = compact_view(doc)
    if compact:
        start, end = view.span(start, end)
    if start >= end:
        return None
    if _one_token_per_char(doc):
        span = Span(doc, start, end, label=label)  # token index == character offset
    else:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand always finds tokens
            return None
        start, end = span.start_char, span.end_char
    if name is None:
        name = canonical_text(view.simplified[start:end] if view.simplified else doc.text[start:end])
    records = doc.user_data.get(_RECORDS)
    if records is None:
        records = doc.user_data[_RECORDS] = {}
    records[(start, end, label)] = (name, dict(attrs or {}), source)
    _pending(doc, spans_key).append((span, label, start, end))
    return span


def _pending(doc: Doc, spans_key: str) -> list[tuple[Span, str, int, int]]:
    store = doc.user_data.get(_PENDING)
    if store is None:
        store = doc.user_data[_PENDING] = {}
    return store.setdefault(spans_key, [])


def _entries(doc: Doc, spans_key: str) -> list[tuple[Span, str, int, int]]:
    out = [(s, s.label_, s.start_char, s.end_char) for s in doc.spans[spans_key]] if spans_key in doc.spans else []
    out.extend(doc.user_data.get(_PENDING, {}).get(spans_key, ()))
    return out


def all_spans(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Span]:
    """Spans in ``doc.spans[spans_key]`` and those still pending, in the order they were added."""
    return [entry[0] for entry in _entries(doc, spans_key)]


def entries(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[tuple[Span, str, int, int, str, dict, str]]:
    """``(span, label, start, end, name, attrs, source)`` for every span, read without spaCy's slow paths."""
    records = doc.user_data.get(_RECORDS, {})
    out = []
    for span, label, start, end in _entries(doc, spans_key):
        name, attrs, source = records.get((start, end, label), (None, {}, "rules"))
        out.append((span, label, start, end, name, attrs, source))
    return out


def flush(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Span]:
    """Move pending spans into ``doc.spans[spans_key]`` and return them all."""
    spans = all_spans(doc, spans_key)
    doc.user_data.get(_PENDING, {}).pop(spans_key, None)
    doc.spans[spans_key] = spans
    return spans


def replace_spans(doc: Doc, spans: list[Span], spans_key: str = DEFAULT_SPANS_KEY) -> None:
    """Set ``doc.spans[spans_key]`` to ``spans`` and drop the pending ones."""
    doc.user_data.get(_PENDING, {}).pop(spans_key, None)
    doc.spans[spans_key] = spans


def spans_of(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY, labels: Iterable[str] | None = None) -> list[Span]:
    """The spans the components found, optionally only some labels."""
    wanted = set(labels) if labels is not None else None
    return [e[0] for e in _entries(doc, spans_key) if wanted is None or e[1] in wanted]


def compact_spans(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY, label: str = "PLACE") -> list[tuple[int, int, Span]]:
    """``(start, end, span)`` in compact offsets for every span of ``label``, computed once per doc.

    Several components need the places in compact offsets; the cache is keyed
    by how many spans the doc holds, so a component that adds spans of its
    own gets a fresh list.
    """
    all_entries = _entries(doc, spans_key)
    key = ("kg_compact_spans", spans_key, label, len(all_entries))
    cached = doc.user_data.get(key)
    if cached is None:
        view = compact_view(doc)
        index = view.compact_index
        cached = [(index(start), index(end - 1) + 1, span) for span, lab, start, end in all_entries if lab == label]
        doc.user_data[key] = cached
    return cached


def to_mentions(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Mention]:
    """The doc's spans as :class:`Mention` objects, sorted by offset."""
    text = doc.text
    mentions = {
        (start, end, label): Mention(
            label=label,
            start=start,
            end=end,
            text=text[start:end],
            name=name or canonical_text(text[start:end]),
            attrs=dict(attrs or {}),
            source=source or "rules",
        )
        for _span, label, start, end, name, attrs, source in entries(doc, spans_key)
    }
    return sorted(mentions.values(), key=lambda m: (m.start, m.end, m.label))
