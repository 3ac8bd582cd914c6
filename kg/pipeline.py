"""Run the stages in order: ingest → nlp → link.  ``kg extract`` and ``kg build`` share this path.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("拉萨市市场监管局印发《拉萨市实施方案》", "demo")
>>> [(ex.entity(r.subject).canonical, ex.entity(r.object).canonical) for r in ex.relations if r.kind == "ISSUED"]
[('拉萨市市场监督管理局', '拉萨市实施方案')]
"""

from __future__ import annotations

import os
from collections import deque
from typing import TYPE_CHECKING, Iterable, Iterator

from kg.errors import IngestError
from kg.gazetteer import load_towns
from kg.ingest import plausibility, read_articles
from kg.link import link
from kg.model import Article, Extraction
from kg.nlp import find_mentions, load

if TYPE_CHECKING:
    from kg.engines import Engine

__all__ = ["extract", "extract_text", "extract_articles", "extract_paths", "warm_up"]


def extract(article: Article) -> Extraction:
    """Run NER and linking on one article.

    Raises:
        IngestError: the text holds a surrogate code point (a string given
            through the Python API, say one decoded with ``surrogateescape``;
            ingest decodes files strictly, so none can).  No IRI, JSON or RDF
            literal could carry it.
    """
    try:
        article.text.encode("utf-8")  # ~2 us an article: the cheapest complete check
    except UnicodeEncodeError as exc:
        raise IngestError(
            article.path or article.id,
            f"holds a surrogate code point (U+{ord(exc.object[exc.start]):04X}) at character {exc.start}, "
            "which Unicode text cannot; decode the source with errors='replace' first",
        ) from None
    # The linker reads only the mentions: the Doc needs no tokens, span group or ents.
    doc = load(annotate=False)(article.text)
    return link(article, find_mentions(doc))


#: Allocations between two young-generation collections in a batch process.
#: With Python's default (700) one ran every five articles or so, and found
#: next to nothing: an article leaves almost no cycles behind.  This bar runs
#: a twelfth as many (3,655 → 296 on 19,001 bench articles) and took 1 % of
#: extract's instructions (callgrind).
BATCH_GC_THRESHOLD = (10_000, 10, 10)


def warm_up() -> None:
    """Load every stage's models and lexicons now, and tune the garbage collector for a long batch.

    They live as long as the process, yet every full collection of a long
    run would walk their millions of objects (~0.3 ms an article on the
    bench corpus); ``gc.freeze`` moves what exists now out of its view.
    Ingest's encoding judge and the township list are loaded too, though
    only legacy-encoded files and towns need them.  For batch processes (``kg extract``, ``kg build``, their
    workers): it changes the collector's settings for the whole process.
    """
    import gc

    plausibility("知识产权")
    load_towns()
    extract_text("拉萨市市场监管局印发《拉萨市知识产权保护实施方案》")
    gc.collect()
    gc.freeze()
    gc.set_threshold(*BATCH_GC_THRESHOLD)


def extract_text(text: str, article_id: str = "text") -> Extraction:
    """Run NER and linking on a string (for notebooks and doctests)."""
    return extract(Article(id=article_id, text=text))


def extract_articles(
    items: Iterable[Article | IngestError], engine: "Engine | None" = None, *, validate: bool = False
) -> Iterator[Extraction | IngestError]:
    """Extract a stream of articles (read errors pass through) on ``engine``, in input order.

    ``engine`` defaults to this process.  With ``validate`` each article's
    graph is checked against the SHACL shapes on the engine too (see
    :func:`kg.engines.extract_chunk`).  An article whose extraction fails
    comes back as an :class:`~kg.errors.IngestError` naming its file, and the
    stream goes on.

    >>> [type(x).__name__ for x in extract_articles([Article("a", "拉萨市"), IngestError("b.txt", "is empty")])]
    ['Extraction', 'IngestError']
    """
    from kg.engines import Failure, InProcessEngine

    engine = engine or InProcessEngine()
    # Read errors hold no work for the engine; they wait in ``order`` and are
    # yielded in their place between the results of the articles around them.
    order: deque[IngestError | None] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                order.append(item)
            else:
                order.append(None)  # an article: its result comes from the engine
                yield item

    for result in engine.run(articles(), validate):
        while order[0] is not None:
            yield order.popleft()  # type: ignore[misc]
        order.popleft()
        yield IngestError(result.path, result.reason) if isinstance(result, Failure) else result
    while order:
        error = order.popleft()
        if error is not None:
            yield error


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    engine: "Engine | None" = None,
    *,
    max_bytes: int | None = None,
) -> Iterator[Extraction | IngestError]:
    """Extract every article under ``paths``; yield an IngestError for a bad file and go on.

    ``max_bytes`` caps one file's size (default: ``$KG_MAX_BYTES`` or 20 MB).
    """
    return extract_articles(read_articles(paths, max_bytes=max_bytes), engine)
