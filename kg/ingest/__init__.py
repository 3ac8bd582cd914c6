"""Ingest: turn files and folders into :class:`~kg.model.Article` objects.

>>> from kg.ingest import read_article
>>> read_article("seeds/001_33a5e50e001da68a.txt").encoding
'utf-8'
"""

from kg.ingest.reader import (
    ARTICLE_SUFFIXES,
    decode_bytes,
    iter_article_paths,
    read_article,
    read_articles,
)

__all__ = ["ARTICLE_SUFFIXES", "decode_bytes", "iter_article_paths", "read_article", "read_articles"]
