"""Ingest: turn files and folders into :class:`~kg.model.Article` objects.

Text is decoded from UTF-8 (with or without a byte-order mark), UTF-16/32 with
a byte-order mark, GB18030/GBK or Big5; HTML pages become their main text
(trafilatura).  Anything else — binary files, empty files, files over the size
limit, pipes, symbolic-link loops — is an :class:`~kg.errors.IngestError`
naming the file and the reason, and a batch goes on.

>>> from kg.ingest import read_article
>>> read_article("seeds/001_33a5e50e001da68a.txt").encoding
'utf-8'
"""

from kg.ingest.encoding import decode_bytes, plausibility, sniff_binary
from kg.ingest.html import html_to_text
from kg.ingest.reader import DEFAULT_MAX_BYTES, iter_article_paths, max_bytes_setting, read_article, read_articles
from kg.ingest.walk import ARTICLE_SUFFIXES, Source, article_id, iter_sources

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "Source",
    "article_id",
    "decode_bytes",
    "html_to_text",
    "iter_article_paths",
    "iter_sources",
    "max_bytes_setting",
    "plausibility",
    "read_article",
    "read_articles",
    "sniff_binary",
]
