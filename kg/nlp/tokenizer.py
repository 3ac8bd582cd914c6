"""A one-token-per-character tokenizer.

spaCy's own Chinese ``char`` segmenter runs at roughly 330,000 to 1,200,000
characters a second; building the Doc straight from the characters' lexeme
ids runs at about twelve million (measured in ``bench/RESULTS.md``).  One token per character also
means every character offset is a token boundary, so any span a rule finds is
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

from spacy.tokens import Doc
from spacy.tokens.doc import pickle_doc
from spacy.util import registry
from spacy.vocab import Vocab

__all__ = ["CharDoc", "CharTokenizer", "create_char_tokenizer"]


class CharDoc(Doc):
    """A :class:`~spacy.tokens.Doc` of one token per character that keeps its text.

    The text cannot drift from the tokens: a Doc's text never changes after
    tokenization (retokenizing merges or splits tokens, not characters).
    Pickling gives a plain Doc.
    """

    @property
    def text(self) -> str:
        return self._kg_text

    @property
    def text_with_ws(self) -> str:
        return self._kg_text

    def __reduce__(self):
        return pickle_doc(self)


class _Orths(dict):
    """Character → lexeme id (``orth``) of a vocab, filled on first sight of each character."""

    def __init__(self, vocab: Vocab):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, char: str) -> int:
        orth = self.vocab[char].orth
        self[char] = orth
        return orth


class CharTokenizer:
    """Split text into single characters; ``doc.text`` equals the input exactly."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._orths = _Orths(vocab)

    def __call__(self, text: str) -> Doc:
        # Passing lexeme ids rather than strings spares spaCy hashing every
        # character again; a Chinese corpus uses a few thousand distinct ones.
        # This makes the Doc 2.5 times faster (bench/RESULTS.md).
        words = list(map(self._orths.__getitem__, text))
        doc = CharDoc(self.vocab, words=words, spaces=[False] * len(text))
        doc._kg_text = text
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
def create_char_tokenizer():
    def make(nlp):
        return CharTokenizer(nlp.vocab)

    return make
