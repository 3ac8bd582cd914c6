"""A one-token-per-character tokenizer.

spaCy's own Chinese ``char`` segmenter runs at roughly 330,000 characters a
second; building the Doc straight from the characters runs at several
million.  One token per character also means every character offset is a token
boundary, so any span a rule finds is a valid spaCy Span.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab


class CharTokenizer:
    """Split text into single characters; ``doc.text`` equals the input exactly."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

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
