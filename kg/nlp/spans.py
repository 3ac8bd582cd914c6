"""What the rule components share: the compact text view and span bookkeeping.

Each component finds matches in the compact view (see :mod:`kg.nlp.text`),
maps them back to the original offsets and records a labelled mention with
:func:`add` (or :func:`add_span`, which also returns a spaCy ``Span``).
``Span._.kg_name`` gives the mention's normalised name, ``Span._.kg_attrs``
the typed parts its grammar saw and ``Span._.kg_source`` who found it.

Bookkeeping is kept out of spaCy's per-span machinery because it costs more
than finding the spans: name, attrs and source live in one dict per doc keyed
by ``(label, start_char, end_char)`` (the extensions are getters over it, so a
span's data is shared by every Span object over the same stretch and label,
as with spaCy's own extension storage), and mentions collect as plain
``(label, start, end)`` tuples.  ``kg_resolver`` settles overlaps on those
tuples and makes spaCy ``Span`` objects only for the mentions it keeps
(:func:`set_final`); :func:`flush` makes them for every pending mention.

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
>>> doc = nlp("拉萨市市场监管局")
>>> span = add_span(doc, "kg", "PLACE", 0, 3, attrs={"codes": ["540100"]})
>>> span._.kg_name, span._.kg_attrs, [s.text for s in flush(doc, "kg")]
('拉萨市', {'codes': ['540100']}, ['拉萨市'])
"""

from __future__ import annotations

import operator
import weakref
from bisect import bisect_right
from typing import Any, Iterable, Mapping, NamedTuple

from spacy.tokens import Doc, Span

from kg.model import Mention, fills_dict
from kg.nlp.text import CompactText, canonical_text

DEFAULT_SPANS_KEY = "kg"

_RECORDS = "kg_records"
_PENDING = "kg_pending_spans"
class _Final(NamedTuple):
    """The settled mentions of one spans key, as :func:`set_final` or :func:`keep_final` left them."""

    group: Any  # the span group set_final made (None after keep_final)
    size: int  # its length then: a group changed since is read afresh
    kept: list  # the settled entries
    in_order: bool  # kept is sorted by offset (keep_final's caller says so)


#: Doc → {spans_key: _Final}.  Entries go with their Doc.
_FINAL: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()
#: Doc → {(spans_key, label): what compact_spans last read and found}; outside user_data,
#: which must stay picklable.
_COMPACT_SPANS: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()
#: Doc → {spans_key: a mark} once to_mentions handed that key's records' attrs over.
_HANDED_OVER: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()

_COMPACT = "kg_compact"
#: (label, start, end) → the compact (start, end) a component gave, so no one maps it back again.
_KNOWN_COMPACT = "kg_compact_offsets"
_STATE = "kg_state"

#: ``(label, start, end)`` of a mention, in original character offsets.
Entry = tuple[str, int, int]


def _side_table(doc: Doc, table: "weakref.WeakKeyDictionary[Doc, dict]", attr: str) -> dict:
    """The doc's entry in ``table``, made on first use.

    A :class:`~kg.nlp.tokenizer.CharDoc` keeps it as an attribute of its own
    (pickling a CharDoc keeps only the Doc's data, so it never travels);
    a weak map costs a weak reference and a Python-level callback per doc.
    A plain Doc has no attributes of its own and takes the weak map.
    """
    try:
        return doc.__dict__.setdefault(attr, {})
    except AttributeError:
        entry = table.get(doc)
        if entry is None:
            entry = table[doc] = {}
        return entry


def _side_entry(doc: Doc, table: "weakref.WeakKeyDictionary[Doc, dict]", attr: str) -> dict | None:
    """The doc's entry in ``table`` if one was made (see :func:`_side_table`)."""
    try:
        return doc.__dict__.get(attr)
    except AttributeError:
        return table.get(doc)


def _record(span: Span) -> tuple | None:
    records = span.doc.user_data.get(_RECORDS)
    if records is None:
        return None
    return records.get((span.label_, span.start_char, span.end_char))


for _name, _index, _default in (("kg_name", 0, None), ("kg_attrs", 1, None), ("kg_source", 2, "rules")):
    if not Span.has_extension(_name):
        Span.set_extension(
            _name,
            getter=lambda span, i=_index, d=_default: (r[i] if (r := _record(span)) is not None else d),
        )


def compact_view(doc: Doc) -> CompactText:
    """The doc's compact view, computed once per doc."""
    view = doc.user_data.get(_COMPACT)
    if view is None:
        # A CharDoc holds its code points from tokenizing (a plain Doc does not).
        view = CompactText.of(doc.text, getattr(doc, "_kg_codes", None))
        doc.user_data[_COMPACT] = view
    return view


def _state(doc: Doc) -> tuple:
    """(view, one token per char, records, known compact offsets, pending) in one user_data lookup."""
    user_data = doc.user_data
    state = (
        compact_view(doc),
        one_token_per_char(doc),
        user_data.setdefault(_RECORDS, {}),
        user_data.setdefault(_KNOWN_COMPACT, {}),
        user_data.setdefault(_PENDING, {}),
    )
    user_data[_STATE] = state
    return state


def one_token_per_char(doc: Doc) -> bool:
    flag = doc.user_data.get("kg_char_tokens")
    if flag is None:
        flag = len(doc) == len(doc.text)
        doc.user_data["kg_char_tokens"] = flag
    return flag


def add(
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
) -> tuple[int, int] | None:
    """Record a mention for compact ``[start, end)`` (or original offsets if not ``compact``).

    Returns its original ``(start, end)``, or None for an empty stretch.  No
    spaCy ``Span`` is made here: most components' candidates never need one.

    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
    >>> doc = nlp("拉萨 市")
    >>> add(doc, "kg", "PLACE", 0, 3), entries(doc)[0][:4]
    ((0, 4), ('PLACE', 0, 4, '拉萨市'))
    """
    state = doc.user_data.get(_STATE)
    view, char_tokens, records, known, pending_by_key = state if state is not None else _state(doc)
    compact_offsets = None
    if compact:
        compact_offsets = (start, end)
        start, end = view.span(start, end)
    if start >= end:
        return None
    if not char_tokens:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand always finds tokens
            return None
        if (span.start_char, span.end_char) != (start, end):
            compact_offsets = None
        start, end = span.start_char, span.end_char
    names_from = view.simplified if view.simplified else doc.text
    pending = _pending(pending_by_key, spans_key)
    _note_mention(records, known, pending, label, start, end, name, attrs, source, compact_offsets, names_from)
    return start, end


def _pending(pending_by_key: dict, spans_key: str) -> list:
    pending = pending_by_key.get(spans_key)
    if pending is None:
        pending = pending_by_key[spans_key] = []
    return pending


def _note_mention(records, known, pending, label, start, end, name, attrs, source, compact_offsets, names_from) -> None:
    """Note one mention at original ``[start, end)``: the last step of :func:`add` (:func:`add_all` writes it inline)."""
    if name is None:
        name = canonical_text(names_from[start:end])
    entry = (label, start, end)
    records[entry] = (name, dict(attrs) if attrs else {}, source)
    if compact_offsets is not None:
        known[entry] = compact_offsets
    pending.append(entry)


def add_all(
    doc: Doc,
    spans_key: str,
    label: str,
    mentions: "Iterable[tuple[int, int, str | None, Mapping[str, Any] | None]]",
    *,
    source: str = "rules",
    handed_over: bool = False,
) -> None:
    """:func:`add` for several mentions of one label, ``(start, end, name, attrs)`` in compact offsets.

    The same records in the same order as one :func:`add` each, with the
    doc's state looked up once (a component that finds many mentions, such
    as ``kg_places``, spends a good part of its time in the calls).  With
    ``handed_over`` the attrs dicts are recorded as they are instead of
    copied: the caller made them for these mentions and never changes them
    again (a copy per mention was a tenth of the bookkeeping).  The first
    call on a doc leaves its mentions' compact spans for :func:`compact_spans`.

    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
    >>> doc = nlp("拉萨 市和林芝市")
    >>> add_all(doc, "kg", "PLACE", [(0, 3, None, None), (4, 7, "林芝市", {"codes": ["540400"]})])
    >>> [e[:5] for e in entries(doc)]
    [('PLACE', 0, 4, '拉萨市', {}), ('PLACE', 5, 8, '林芝市', {'codes': ['540400']})]
    """
    state = doc.user_data.get(_STATE)
    view, char_tokens, records, known, pending_by_key = state if state is not None else _state(doc)
    if not char_tokens:
        for start, end, name, attrs in mentions:
            add(doc, spans_key, label, start, end, name=name, attrs=attrs, source=source)
        return
    pending = _pending(pending_by_key, spans_key)
    # The doc's first mentions (kg_places, first in the pipeline): what
    # compact_spans would work out for their label is at hand here, so it is
    # kept for the components that read it (three of them).
    compact: list | None = None
    if not pending and spans_key not in doc.spans and _kept_only(doc, spans_key) is None:
        compact = []
        pending_seen: set = set()
    original_span = view.span
    offsets = view.offsets
    run_starts, run_origins, size = offsets.starts, offsets.origins, offsets.size
    runs = len(run_starts)
    names_from = view.simplified if view.simplified else doc.text
    for start, end, name, attrs in mentions:
        if 0 <= start < end <= size:
            # CompactText.span inline (a call per mention cost more than its body):
            # the run holding the first character, then the one holding the last.
            k = bisect_right(run_starts, start) - 1
            first = run_origins[k] + start - run_starts[k]
            last = end - 1
            if k + 1 < runs and last >= run_starts[k + 1]:
                k = bisect_right(run_starts, last, k + 1) - 1
            last = run_origins[k] + last - run_starts[k] + 1
        else:
            first, last = original_span(start, end)
        if first < last:
            # _note_mention inline: a call with eleven arguments per mention cost more than its body.
            entry = (label, first, last)
            record = records[entry] = (
                canonical_text(names_from[first:last]) if name is None else name,
                (attrs if handed_over else dict(attrs)) if attrs else {},
                source,
            )
            known[entry] = (start, end)
            if compact is not None:
                if entry in pending_seen:
                    compact = None  # a repeat: compact_spans lists it twice, with the last record; let it
                else:
                    compact.append((start, end, record))
                    pending_seen.add(entry)
            pending.append(entry)
    if compact is not None:
        # As compact_spans caches it: the pending list read to its end, no span group.
        _side_table(doc, _COMPACT_SPANS, "_kg_compact_spans")[(spans_key, label)] = (
            pending, None, None, len(pending), compact
        )


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
    """:func:`add`, returning the mention as a spaCy ``Span``."""
    offsets = add(doc, spans_key, label, start, end, name=name, attrs=attrs, source=source, compact=compact)
    return None if offsets is None else make_span(doc, label, *offsets)


def make_span(doc: Doc, label: str, start: int, end: int) -> Span:
    """A ``Span`` over original characters ``[start, end)`` (token boundaries)."""
    if one_token_per_char(doc):
        return Span(doc, start, end, label=label)  # token index == character offset
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _entries(doc: Doc, spans_key: str) -> list[Entry]:
    if spans_key in doc.spans:
        out = [(s.label_, s.start_char, s.end_char) for s in doc.spans[spans_key]]
    else:
        out = list(_kept_only(doc, spans_key) or ())
    out.extend(doc.user_data.get(_PENDING, {}).get(spans_key, ()))
    return out


def _kept_only(doc: Doc, spans_key: str) -> list[Entry] | None:
    """The mentions :func:`keep_final` kept, when no span group holds them (else None)."""
    final = _kept_final(doc, spans_key)
    return None if final is None else final.kept


def _kept_final(doc: Doc, spans_key: str) -> "_Final | None":
    """What :func:`keep_final` kept, when no span group holds the mentions (else None)."""
    final = (_side_entry(doc, _FINAL, "_kg_final") or {}).get(spans_key)
    if final is None or final.group is not None or spans_key in doc.spans:
        return None
    return final


def entry_list(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Entry]:
    """``(label, start, end)`` of every mention (span group first, then pending), in the order added."""
    return _entries(doc, spans_key)


def record_getter(doc: Doc):
    """``get(entry)`` → ``(name, attrs, source)`` of a mention, or None; read straight from the doc's records."""
    return doc.user_data.get(_RECORDS, {}).get


def all_spans(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Span]:
    """Spans in ``doc.spans[spans_key]`` and those still pending, in the order they were added."""
    if spans_key in doc.spans:
        out = list(doc.spans[spans_key])
    else:
        out = [make_span(doc, *entry) for entry in _kept_only(doc, spans_key) or ()]
    out.extend(make_span(doc, *entry) for entry in doc.user_data.get(_PENDING, {}).get(spans_key, ()))
    return out


def entries(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[tuple[str, int, int, str, dict, str]]:
    """``(label, start, end, name, attrs, source)`` for every mention, read without spaCy's slow paths."""
    get_record = doc.user_data.get(_RECORDS, {}).get
    return [
        entry + record if (record := get_record(entry)) is not None else (*entry, None, {}, "rules")
        for entry in _entries(doc, spans_key)
    ]


def flush(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Span]:
    """Move pending mentions into ``doc.spans[spans_key]`` and return them all."""
    spans = all_spans(doc, spans_key)
    doc.user_data.get(_PENDING, {}).pop(spans_key, None)
    doc.spans[spans_key] = spans
    return spans


def replace_spans(doc: Doc, spans: list[Span], spans_key: str = DEFAULT_SPANS_KEY) -> None:
    """Set ``doc.spans[spans_key]`` to ``spans`` and drop the pending ones."""
    doc.user_data.get(_PENDING, {}).pop(spans_key, None)
    doc.spans[spans_key] = spans


def set_final(doc: Doc, kept: list[Entry], spans_key: str = DEFAULT_SPANS_KEY) -> list[Span]:
    """Set ``doc.spans[spans_key]`` to spans over ``kept`` and drop the pending ones.

    The tuples are remembered with the span group, so :func:`to_mentions`
    reads them instead of asking every ``Span`` for its label and offsets
    (unless the group was changed since).
    """
    if one_token_per_char(doc):
        strings = doc.vocab.strings
        ids = {label: strings.add(label) for label in {entry[0] for entry in kept}}
        # A label's hash saves a string-store lookup per Span; token index == character offset.
        spans = [Span(doc, start, end, label=ids[label]) for label, start, end in kept]
    else:
        spans = [make_span(doc, *entry) for entry in kept]
    replace_spans(doc, spans, spans_key)
    group = doc.spans[spans_key]
    # Held outside user_data: a span group cannot be pickled with the Doc.
    _side_table(doc, _FINAL, "_kg_final")[spans_key] = _Final(group, len(group), list(kept), False)
    return spans


def keep_final(doc: Doc, kept: list[Entry], spans_key: str = DEFAULT_SPANS_KEY, *, in_order: bool = False) -> None:
    """Keep ``kept`` as the doc's mentions and drop the pending ones, without a span group.

    ``in_order`` says ``kept`` is sorted by (start, end, label), as
    :meth:`~kg.nlp.resolver.SpanResolver.settle` gives it: :func:`to_mentions`
    then need not sort it again.

    What :func:`set_final` does minus the spaCy ``Span`` objects, for a
    pipeline whose caller reads only :func:`to_mentions` (``kg extract``).
    :func:`entries` still sees the mentions, and on a doc with tokens
    :func:`all_spans` and :func:`flush` can still make them into spans.
    A span group an earlier component wrote under ``spans_key`` is removed:
    it holds the unsettled mentions, and readers would take it over these.
    """
    doc.user_data.get(_PENDING, {}).pop(spans_key, None)
    if spans_key in doc.spans:
        del doc.spans[spans_key]
    _side_table(doc, _FINAL, "_kg_final")[spans_key] = _Final(None, 0, list(kept), in_order)


def compact_spans(
    doc: Doc, spans_key: str = DEFAULT_SPANS_KEY, label: str = "PLACE"
) -> list[tuple[int, int, tuple[str, dict, str]]]:
    """``(start, end, (name, attrs, source))`` in compact offsets for every mention of ``label``.

    Several components need the places in compact offsets; the list is
    computed once per doc (or left by the doc's first :func:`add_all`, which
    has them at hand) and kept until a mention of ``label`` is added
    (a component that adds places of its own gets a fresh list; one that
    adds only other labels keeps it).
    """
    user_data = doc.user_data
    pending = user_data.get(_PENDING, {}).get(spans_key, ())
    # What holds the mentions settled so far: the span group, or the kept list of keep_final.
    group = doc.spans[spans_key] if spans_key in doc.spans else _kept_only(doc, spans_key)
    key = (spans_key, label)
    cache = _side_table(doc, _COMPACT_SPANS, "_kg_compact_spans")
    cached = cache.get(key)
    if cached is not None:
        # Still valid when the same pending list only grew, by other labels,
        # and the span group is the one seen (a record changes only when its
        # mention is added again, which appends it to the pending list).
        seen_pending, seen_group, seen_size, read, places = cached
        if seen_pending is pending and seen_group is group and read <= len(pending):
            if (group is None or len(group) == seen_size) and all(entry[0] != label for entry in pending[read:]):
                cache[key] = (pending, group, seen_size, len(pending), places)
                return places
    index = compact_view(doc).compact_index
    records = user_data.get(_RECORDS, {})
    known = user_data.get(_KNOWN_COMPACT, {})
    places = []
    for entry in _entries(doc, spans_key):
        if entry[0] == label:
            offsets = known.get(entry)
            if offsets is None:
                offsets = (index(entry[1]), index(entry[2] - 1) + 1)
            places.append((*offsets, records.get(entry, (None, {}, "rules"))))
    cache[key] = (pending, group, None if group is None else len(group), len(pending), places)
    return places


def _final_entries(doc: Doc, spans_key: str) -> list[Entry]:
    final = (_side_entry(doc, _FINAL, "_kg_final") or {}).get(spans_key)
    pending = doc.user_data.get(_PENDING, {}).get(spans_key, ())
    if final is not None:
        if spans_key in doc.spans:
            current = doc.spans[spans_key]
            if current is final.group and len(current) == final.size:
                return final.kept + list(pending)
        elif final.group is None:  # keep_final: no span group was made
            return final.kept + list(pending)
    return _entries(doc, spans_key)


_MENTION_FIELDS = ("label", "start", "end", "text", "name", "attrs", "source")
#: to_mentions fills each Mention's ``__dict__`` as :func:`kg.model.record` does
#: (inline: a call per mention cost a tenth of building the list), while
#: Mention has exactly the fields it fills and no checks of its own.
_FAST_MENTION = fills_dict(Mention) and tuple(Mention.__dataclass_fields__) == _MENTION_FIELDS


def to_mentions(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Mention]:
    """The doc's mentions as :class:`Mention` objects, sorted by offset.

    Each Mention gets an attrs dict of its own, except at the first reading
    of a doc whose mentions :func:`keep_final` kept (``kg extract``): no span
    hands out the records there, so their dicts go to the Mentions as they
    are (a copy cost about a tenth of making a Mention); a later reading
    of the same doc copies again.
    """
    text = doc.text
    get_record = doc.user_data.get(_RECORDS, {}).get
    unknown = (None, None, None)
    mentions: list[Mention] = []
    append = mentions.append
    new = object.__new__
    final = _kept_final(doc, spans_key)
    hand_over = final is not None and _first_reading(doc, spans_key)
    pending = doc.user_data.get(_PENDING, {}).get(spans_key, ())
    # dict.fromkeys drops repeated mentions (in C), keeping their order; kept
    # mentions the resolver left in order, with none added since, need no sort.
    unique = dict.fromkeys(_final_entries(doc, spans_key) if final is None else final.kept + list(pending))
    in_order = final is not None and final.in_order and not pending
    for entry in unique if in_order else sorted(unique, key=_BY_OFFSET):
        label, start, end = entry
        name, attrs, source = get_record(entry, unknown)
        surface = text[start:end]
        name = name or canonical_text(surface)
        if not attrs:
            attrs = {}
        elif not hand_over:
            attrs = dict(attrs)  # the record's own dict is not handed out twice
        source = source or "rules"
        if not _FAST_MENTION:
            append(Mention(label=label, start=start, end=end, text=surface, name=name, attrs=attrs, source=source))
            continue
        # update() from keywords gives the Mention a dict of its own layout;
        # filling the instance's dict key by key gives a shared-key dict, on
        # which Python 3.11 cannot specialise attribute reads: the linker,
        # which reads these attributes many times, got 7 % slower.
        mention = new(Mention)
        mention.__dict__.update(
            label=label, start=start, end=end, text=surface, name=name, attrs=attrs, source=source
        )
        append(mention)
    return mentions


def _first_reading(doc: Doc, spans_key: str) -> bool:
    """Whether this is the first reading of ``doc``'s kept mentions under ``spans_key`` (noted as read).

    Only then can :func:`to_mentions` hand the records' attrs dicts over
    (and only when no span group holds the mentions: ``Span._.kg_attrs``
    gives the same dicts to anyone who asks); a second reading must not
    share dicts with the first.
    """
    read = _side_table(doc, _HANDED_OVER, "_kg_handed_over")
    # One dict.setdefault checks and marks in a single step, so two threads
    # reading the same doc cannot both take the first reading.
    mark = object()
    return read.setdefault(spans_key, mark) is mark


#: (start, end, label): an entry is (label, start, end).
_BY_OFFSET = operator.itemgetter(1, 2, 0)
