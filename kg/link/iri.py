"""Stable IRIs: derived from canonical names and codes, never from input order.

The same canonical name gives the same IRI in every article and every run.
Names are compared after :func:`identity_key`, which folds the spellings that
name one thing (ASCII and full-width brackets, - and — in year ranges, quotes).
IRIs keep Chinese characters readable and percent-encode only what an IRI may
not contain.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.config import BASE_IRI

#: The path segment of each entity type.
TYPE_PATHS: dict[str, str] = {
    "AGENCY": "agency",
    "POLICY": "document",
    "CAMPAIGN": "campaign",
    "PLACE": "place",
    "ORG": "org",
}

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D~～]")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>]")
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~()!$&*+,;=:@")
#: Segments that :func:`encode_segment` keeps as they are: unreserved characters and CJK ideographs
#: (printable; U+4E00–U+9FEF, assigned in every Unicode version Python ships with).
_PLAIN = re.compile(r"[A-Za-z0-9\-._~()!$&*+,;=:@\u4e00-\u9fef]*")
#: Names that are their own identity key and segment: _PLAIN's characters but ~ (a dash to
#: :func:`identity_key`), none blank; NFKC leaves ASCII and U+4E00–U+9FEF as they are.
_SELF_KEYED = re.compile(r"[A-Za-z0-9\-._()!$&*+,;=:@\u4e00-\u9fef]+")


def identity_key(name: str) -> str:
    """Fold spellings of one name: NFKC, one kind of dash, no quotes or whitespace.

    >>> identity_key("知识产权强国建设纲要(2021—2035年)") == identity_key("知识产权强国建设纲要（2021-2035年）")
    True
    """
    folded = unicodedata.normalize("NFKC", name)
    folded = _DASHES.sub("-", folded)
    return _DROP.sub("", folded)


_DOUBLE_QUOTES = re.compile(r"[“”„‟「」『』]")
_RANGE_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")  # 2021-2035: a year range, not a compound like ISO-9001


def preferred_label(name: str) -> str:
    """The one label the graph gives every spelling of a name that shares an IRI.

    Articles write one title with - or —, ASCII or full-width brackets and
    different quotes; :func:`identity_key` gives them one IRI, and this gives
    them one ``skos:prefLabel`` (each article's spelling stays an altLabel).

    >>> preferred_label("知识产权强国建设纲要（2021-2035年）")
    '知识产权强国建设纲要(2021—2035年)'
    >>> preferred_label("西藏自治区“十四五”规划")
    '西藏自治区"十四五"规划'
    """
    folded = unicodedata.normalize("NFKC", name)
    folded = _DASHES.sub("—", _RANGE_HYPHEN.sub("—", folded))
    return _DOUBLE_QUOTES.sub('"', folded)


@lru_cache(maxsize=8192)
def _encode_char(ch: str) -> str:
    code = ord(ch)
    # RFC 3987's ucschar leaves out U+E0000–E0FFF (tags, variation selectors 17–256), which
    # are marks, not C: an IRI with one is invalid (pyoxigraph refuses it), so it is encoded.
    printable = (
        code > 0x9F
        and unicodedata.category(ch)[0] not in "CZ"
        and not 0xFFF0 <= code <= 0xFFFF
        and not 0xE0000 <= code <= 0xE0FFF
    )
    if ch in _UNRESERVED or printable:
        return ch
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def encode_segment(key: str) -> str:
    """Percent-encode what may not stand in an IRI path segment; keep CJK text readable.

    >>> encode_segment('a b"<>')
    'a%20b%22%3C%3E'
    """
    if _PLAIN.fullmatch(key):
        return key or "_"  # (most names: Chinese characters, digits and brackets)
    # Names share a small alphabet, so each character is classified once.
    return "".join(map(_encode_char, key)) or "_"


@lru_cache(maxsize=65536)
def entity_iri(entity_type: str, canonical: str, base: str = BASE_IRI) -> str:
    """The IRI of a non-place entity, from its type and canonical name.

    >>> entity_iri("AGENCY", "拉萨市市场监督管理局")
    'https://w3id.org/kg-ip/agency/拉萨市市场监督管理局'
    """
    # Most names are their own key and segment: the normalisation and its regexes are skipped
    # for them (what a new name costs, on the first sight of each).
    segment = canonical if _SELF_KEYED.fullmatch(canonical) else encode_segment(identity_key(canonical))
    return f"{base}{TYPE_PATHS[entity_type]}/{segment}"


@lru_cache(maxsize=65536)
def place_iri(code: str, base: str = BASE_IRI) -> str:
    """The IRI of a place, from its GB/T 2260 (or ISO) code.

    >>> place_iri("540100")
    'https://w3id.org/kg-ip/place/540100'
    """
    return f"{base}place/{encode_segment(code.replace(':', '-'))}"


def article_iri(article_id: str, base: str = BASE_IRI) -> str:
    """The IRI of a source article (also the name of its named graph)."""
    return f"{base}article/{encode_segment(article_id)}"
