"""HTTP content negotiation for SPARQL results: pick a media type from an Accept header.

>>> choose("text/csv;q=0.9, application/sparql-results+json", SOLUTION_TYPES)
'application/sparql-results+json'
>>> choose("text/html", GRAPH_TYPES) is None
True
"""

from __future__ import annotations

#: Media types for SELECT/ASK results, the first being the default.
SOLUTION_TYPES: tuple[str, ...] = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
)
#: Media types for CONSTRUCT/DESCRIBE results, the first being the default.
GRAPH_TYPES: tuple[str, ...] = (
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "text/plain",
)


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for index, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, index))
    return ranges


def _specificity(media_range: str, offer: str) -> int:
    if media_range == offer:
        return 3
    kind, _, sub = media_range.partition("/")
    if sub == "*" and kind == offer.partition("/")[0]:
        return 2
    if media_range in ("*/*", "*"):
        return 1
    return 0


def choose(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """The offer the client prefers (highest q, then most specific match, then our order); None if none is acceptable."""
    if not accept or not accept.strip():
        return offers[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    ranges = _ranges(accept)
    for rank, offer in enumerate(offers):
        # The most specific range that matches an offer sets its quality (RFC 9110 12.5.1).
        matches = [(_specificity(m, offer), q) for m, q, _ in ranges if _specificity(m, offer)]
        if not matches:
            continue
        specificity, quality = max(matches)
        if quality <= 0:
            continue
        key = (quality, specificity, -rank)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
