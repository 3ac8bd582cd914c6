"""A one-token-per-character tokenizer.

spaCy's own Chinese ``char`` segmenter runs at roughly 330,000 to 1,200,000
characters a second; building the Doc straight from the characters' lexeme
ids runs at about twelve million (measured in ``bench/RESULTS.md``), and at
about nineteen million with the ids looked up in a table by code point
(``docs/ner.md``, Speed).  One token per character also means every character offset is a token boundary, so any span a rule finds is
a valid spaCy Span.

The Doc it makes remembers its text: spaCy's ``Doc.text`` joins the text of
every token, which on a one-token-per-character Doc costs more than making
the Doc, and every rule component reads it.

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.char_tokenizer.v1"}}})
>>> doc = nlp("拉萨市 印发")
>>> len(doc), doc.text, doc[0:3].text
(6, '拉萨市 印发', '拉萨市')
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.tokens import Doc
from spacy.tokens.doc import pickle_doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.errors import PipelineError

__all__ = ["CharDoc", "CharTokenizer", "codepoints", "create_char_tokenizer", "is_tokenless"]


class CharDoc(Doc):
    """A :class:`~spacy.tokens.Doc` of one token per character that keeps its text.

    The text cannot drift from the tokens: a Doc's text never changes after
    tokenization (retokenizing merges or splits tokens, not characters).
    Pickling gives a plain Doc; a Doc made without tokens cannot be pickled
    (spaCy's format keeps the tokens, not the text).
    """

    @property
    def text(self) -> str:
        return self._kg_text

    @property
    def text_with_ws(self) -> str:
        return self._kg_text

    def __reduce__(self):
        if is_tokenless(self):
            raise PipelineError(
                "a Doc made without tokens (tokens = false) cannot be pickled; "
                "use kg.nlp.load() for Docs to keep or send, or pickle the mentions"
            )
        return pickle_doc(self)


def codepoints(text: str) -> numpy.ndarray:
    """The code points of ``text`` as uint32, read in place from its UTF-32 encoding.

    >>> codepoints("拉萨 ").tolist()
    [25289, 33832, 32]
    """
    # "surrogatepass" keeps a lone surrogate (from a bad decode) as its own code point.
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


class _Orths:
    """Character → lexeme id (``orth``) of a vocab, for a whole text at once.

    A table indexed by code point, filled on first sight of each character,
    maps the text's code points (its UTF-32 encoding, read in place by numpy)
    to lexeme ids in one C-level step.  Looking each character up in a dict
    costs three times as much: every CJK character of a ``str`` is a fresh
    one-character object that must be hashed.  The table holds the ids as
    Python ints made once, so the list handed to spaCy is a list of
    references: a table of raw uint64 ids would make a new int object for
    every token (an id is a 64-bit hash), which cost more than spaCy's own
    work per token.  The table covers the Basic Multilingual Plane; a text
    with a character beyond it (an emoji) takes the dict.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.seen = numpy.zeros(0x10000, dtype=bool)
        self.table = numpy.empty(0x10000, dtype=object)  # None until seen
        self.astral: dict[str, int] = {}

    def __call__(self, text: str) -> Sequence[int]:
        return self.of_codes(text, codepoints(text))

    def of_codes(self, text: str, codes: numpy.ndarray) -> Sequence[int]:
        """The ids for ``text`` whose code points (:func:`codepoints`) are ``codes``."""
        if codes.size and codes.max() > 0xFFFF:
            return [self._astral(char) for char in text]
        # take() is a plain gather, cheaper than indexing with an array,
        # which goes through numpy's general indexing machinery.
        seen = self.seen.take(codes)
        if not seen.all():
            for code in numpy.unique(codes[~seen]).tolist():
                self.table[code] = self.vocab[chr(code)].orth
                self.seen[code] = True
        return self.table.take(codes).tolist()

    def _astral(self, char: str) -> int:
        orth = self.astral.get(char)
        if orth is None:
            orth = self.astral[char] = self.vocab[char].orth
        return orth


class CharTokenizer:
    """Split text into single characters; ``doc.text`` equals the input exactly.

    With ``tokens=False`` the Doc carries its text and no tokens, for a
    pipeline whose caller reads only :func:`kg.nlp.find_mentions` (the rule
    components read the text, never the tokens, and ``kg_resolver`` must then
    have ``annotate = false``): spaCy's ``Doc.__init__`` for one token per
    character is about a tenth of the NER stage's cost.
    """

    def __init__(self, vocab: Vocab, tokens: bool = True):
        self.vocab = vocab
        self.tokens = tokens
        self._orths = _Orths(vocab)

    def __call__(self, text: str) -> Doc:
        codes = codepoints(text)
        if self.tokens:
            # Passing lexeme ids rather than strings spares spaCy hashing every
            # character again; a Chinese corpus uses a few thousand distinct ones.
            # This makes the Doc 2.5 times faster (bench/RESULTS.md).
            # bytes(n) reads as n False values, and is made in one step.
            doc = CharDoc(self.vocab, words=self._orths.of_codes(text, codes), spaces=bytes(len(text)))
        else:
            doc = CharDoc(self.vocab)
            doc._kg_tokenless = True
            # Mentions are kept in character offsets (kg.nlp.spans), the offsets
            # tokens would have had.
            doc.user_data["kg_char_tokens"] = True
        doc._kg_text = text
        # The compact view (kg.nlp.text) classifies the same code points.
        doc._kg_codes = codes
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self


@registry.tokenizers("kg.char_tokenizer.v1")
def create_char_tokenizer(tokens: bool = True):
    def make(nlp):
        return CharTokenizer(nlp.vocab, tokens=tokens)

    return make


def is_tokenless(doc: Doc) -> bool:
    """Whether ``doc`` came from a ``CharTokenizer(tokens=False)``: its text and no tokens."""
    return getattr(doc, "_kg_tokenless", False)
