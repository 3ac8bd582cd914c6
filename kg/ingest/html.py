"""HTML pages: find the article text with trafilatura, not with regular expressions.

A saved government news page is mostly navigation, share buttons and a footer
("主办：白银市人民政府办公室 … ICP备…").  trafilatura finds the main text and
the headline; kg reads the headline, a newline, then the main text.  For an HTML
page ``Article.text`` is that extracted text, so entity offsets point into it,
not into the HTML source.

>>> text = html_to_text("<html><body><h1>白银市印发方案</h1><p>" + "市委办印发《实施方案》。" * 30 + "</p></body></html>")
>>> text.splitlines()[0]
'白银市印发方案'
"""

from __future__ import annotations

import codecs
import logging
import re

from kg.errors import IngestError

__all__ = ["HTML_SUFFIXES", "declared_charset", "html_to_text", "looks_like_html"]

#: Suffixes read as HTML whatever the content looks like.
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in a ``<meta>`` tag, or None.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb2312'
    >>> declared_charset(b"<p>no meta</p>") is None
    True
    """
    head = data[:4096]
    # Most articles are plain text without a "<": skip the case-blind search.
    match = _META_CHARSET.search(head) if b"<" in head else None
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document (a doctype or an ``<html>`` tag).

    >>> looks_like_html("<!DOCTYPE html><html>"), looks_like_html("白银市<html>")
    (True, False)
    """
    return _HTML_START.match(text, 0, 4096) is not None  # as matching text[:4096], without the copy


def html_to_text(html: str, source: str = "<html>") -> str:
    """The headline and main text of an HTML page, as plain text.

    Raises:
        IngestError: trafilatura finds no article text in the page.
    """
    import trafilatura

    # trafilatura logs an ERROR line ("empty HTML tree: None") for pages it
    # cannot use, which Python prints to stderr when logging is not set up;
    # kg reports its own one line naming the file instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL + 1)
    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        # Precision over recall: a navigation bar read as text ("首页 | 政务公开")
        # becomes false entities, a lost paragraph only lost recall.
        favor_precision=True,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    title = (getattr(document, "title", None) or "").strip() if document is not None else ""
    if not body:
        raise IngestError(source, "is an HTML page in which trafilatura finds no article text")
    if title and title not in body.splitlines():
        return f"{title}\n{body}"
    return body
