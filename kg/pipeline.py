"""Run the stages in order: ingest → nlp → link.  ``kg extract`` and ``kg build`` share this path.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("拉萨市市场监管局印发《拉萨市实施方案》", "demo")
>>> [(r.kind, ex.entity(r.subject).canonical) for r in ex.relations]
[('ISSUED', '拉萨市市场监督管理局')]
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from kg.errors import IngestError
from kg.ingest import read_articles
from kg.link import link
from kg.model import Article, Extraction
from kg.nlp import find_mentions, load


def extract(article: Article) -> Extraction:
    """Run NER and linking on one article."""
    doc = load()(article.text)
    return link(article, find_mentions(doc))


def extract_text(text: str, article_id: str = "text") -> Extraction:
    """Run NER and linking on a string (for notebooks and doctests)."""
    return extract(Article(id=article_id, text=text))


def extract_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Extraction | IngestError]:
    """Extract every article under ``paths``; yield an IngestError for a bad file and go on."""
    for item in read_articles(paths):
        yield item if isinstance(item, IngestError) else extract(item)
